package io.fluxfleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.flux.FluxValues;
import io.fluxfleet.gitlab.GitLabGovernance;
import io.fluxfleet.render.Recorded;
import io.fluxfleet.render.RenderResult;
import io.fluxfleet.render.RenderWriter;
import io.fluxfleet.testing.Stacks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What each environment's stack registers, asserted on the inputs the mock engine captured. */
class StackTest {
    private static final String GIT_REPOSITORY = "kubernetes:source.toolkit.fluxcd.io/v1:GitRepository";
    private static final String HELM_REPOSITORY = "kubernetes:source.toolkit.fluxcd.io/v1:HelmRepository";
    private static final String KUSTOMIZATION = "kubernetes:kustomize.toolkit.fluxcd.io/v1:Kustomization";
    private static final String SECRET = "kubernetes:core/v1:Secret";

    private static final Map<String, RenderResult> RENDERED = new java.util.concurrent.ConcurrentHashMap<>();

    /** The two-tenant stack of an environment, rendered once per test class (results are immutable). */
    private static RenderResult render(String env) {
        return RENDERED.computeIfAbsent(env, e -> Stacks.render(Stacks.load(e, Stacks.minimal(e, 2))));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) RenderResult.reveal(value);
    }

    @SuppressWarnings("unchecked")
    private static Object at(Recorded r, String... path) {
        Object value = RenderResult.reveal(r.inputs());
        for (String key : path) {
            value = ((Map<String, Object>) value).get(key);
        }
        return value;
    }

    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void everyChartComponentIsPlacedOnPlatformWorkers(String env) {
        Recorded release = render(env).find(RenderResult.HELM_RELEASE_TYPE, "flux");
        Map<String, Object> values = map(release.inputs().get("values"));
        Map<String, Object> toleration = Map.of("key", "node-role.com/platform-worker", "operator", "Equal",
                "value", "true", "effect", "NoExecute");
        List<Map<String, Object>> components = new ArrayList<>();
        for (String controller : FluxValues.CONTROLLERS) {
            components.add(map(values.get(controller)));
        }
        components.add(map(values.get("cli")));
        components.add(map(map(values.get("crds")).get("migration")));
        assertEquals(9, components.size());
        String cpu = Stacks.load(env, Stacks.minimal(env, 1)).profile().cpu();
        for (Map<String, Object> component : components) {
            assertEquals(Map.of("node-role.com/platform-worker", "true"), component.get("nodeSelector"), component.toString());
            assertEquals(List.of(toleration), component.get("tolerations"), component.toString());
            assertEquals(cpu, map(map(component.get("resources")).get("limits")).get("cpu"));
        }
        assertEquals(true, map(map(values.get("crds")).get("migration")).get("enabled"));
        assertEquals("flux2", release.inputs().get("chart"));
        assertEquals("2.18.3", release.inputs().get("version"));
        assertEquals("https://fluxcd-community.github.io/helm-charts", map(release.inputs().get("repositoryOpts")).get("repo"));
        assertEquals("flux-system", release.inputs().get("namespace"));
    }

    @Test
    void multiTenancyLockdownAndNetworkPoliciesAreOn() {
        Map<String, Object> values = map(render("dev").find(RenderResult.HELM_RELEASE_TYPE, "flux").inputs().get("values"));
        assertEquals(Map.of("enabled", true, "defaultServiceAccount", "default", "privileged", false), values.get("multitenancy"));
        assertEquals(Map.of("create", false), values.get("policies"), "fluxfleet's own policies replace the chart's");
        List<String> expected = new java.util.ArrayList<>(io.fluxfleet.flux.ControllerLockdown.argsByValuesKey().get("kustomizeController"));
        expected.add(io.fluxfleet.flux.PlatformShard.tenantSelectorArg()); // the platform's objects go to the platform shard
        assertEquals(expected, map(map(values.get("kustomizeController")).get("container")).get("additionalArgs"));
        assertTrue(((List<?>) map(map(values.get("kustomizeController")).get("container")).get("additionalArgs"))
                .contains("--no-remote-bases=true"));
        assertEquals(Map.of("helm.sh/resource-policy", "keep"), map(values.get("crds")).get("annotations"));
    }

    @Test
    void crdsMayBeDeletedWithTheChartWhenConfigSaysSo() {
        ObjectNode config = Stacks.minimal("dev", 1);
        config.putObject("flux").put("keepCrdsOnUninstall", false).put("sourceWatcher", true);
        Map<String, Object> values = map(Stacks.render(Stacks.load("dev", config))
                .find(RenderResult.HELM_RELEASE_TYPE, "flux").inputs().get("values"));
        assertFalse(map(values.get("crds")).containsKey("annotations"));
        assertEquals(true, map(values.get("sourceWatcher")).get("create"));
    }

    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void gitRepositoriesFollowTheEnvironmentBranch(String env) {
        RenderResult result = render(env);
        for (String ns : List.of("flux-system", "tenant1")) {
            Recorded repo = result.find(GIT_REPOSITORY, ns + "/tenant1-" + env);
            assertEquals(env, at(repo, "spec", "ref", "branch"));
            assertEquals("https://gitlab.example.com/your-org/tenant1-gitops.git", at(repo, "spec", "url"));
            assertEquals("gitlab-auth-tenant1", at(repo, "spec", "secretRef", "name"));
            assertEquals("source.toolkit.fluxcd.io/v1", repo.inputs().get("apiVersion"));
            assertEquals(ns, at(repo, "metadata", "namespace"));
            // the secret it names is in its own namespace (no cross-namespace refs)
            result.find(SECRET, ns + "/gitlab-auth-tenant1");
        }
        assertEquals(4, result.ofType(GIT_REPOSITORY).size(), "two per tenant");
    }

    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void kustomizationsHaveTheirPathsDependenciesAndIdentity(String env) {
        RenderResult result = render(env);
        Recorded cluster = result.find(KUSTOMIZATION, "flux-system/tenant1-" + env + "-cluster");
        Recorded shared = result.find(KUSTOMIZATION, "flux-system/tenant1-" + env + "-shared");
        Recorded apps = result.find(KUSTOMIZATION, "tenant1/tenant1-" + env + "-apps");
        assertEquals("./clusters/tenant1/" + env + "-cluster", at(cluster, "spec", "path"));
        assertEquals("./shared", at(shared, "spec", "path"));
        assertEquals("./tenants/tenant1", at(apps, "spec", "path"));
        for (Recorded k : List.of(cluster, shared, apps)) {
            assertEquals(true, at(k, "spec", "prune"));
            assertEquals("GitRepository", at(k, "spec", "sourceRef", "kind"));
            assertEquals("tenant1-" + env, at(k, "spec", "sourceRef", "name"));
            assertFalse(at(k, "spec", "sourceRef").toString().contains("namespace"), "no cross-namespace source refs");
        }
        assertEquals("flux-platform-reconciler", at(cluster, "spec", "serviceAccountName"));
        assertEquals("flux-platform-reconciler", at(shared, "spec", "serviceAccountName"));
        // apps: impersonate the tenant's own service account, in the tenant's namespace, after shared
        assertEquals("tenant1-reconciler", at(apps, "spec", "serviceAccountName"));
        assertEquals("tenant1", at(apps, "spec", "targetNamespace"));
        assertEquals("tenant1", at(apps, "metadata", "namespace"));
        assertEquals(List.of(Map.of("name", "tenant1-" + env + "-shared", "namespace", "flux-system")), at(apps, "spec", "dependsOn"));
        assertTrue(apps.dependencies().contains(shared.urn()), "apps is ordered after shared through data flow");
        assertTrue(apps.dependencies().contains(result.find(GIT_REPOSITORY, "tenant1/tenant1-" + env).urn()));
    }

    @Test
    void tenantsNeverRunAsClusterAdmin() {
        RenderResult result = render("dev");
        Recorded binding = result.find("kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", "tenant1/tenant1-reconciler");
        assertEquals("admin", at(binding, "roleRef", "name"));
        assertEquals("ClusterRole", at(binding, "roleRef", "kind"));
        assertEquals("tenant1", at(binding, "metadata", "namespace"));
        assertEquals(List.of(Map.of("kind", "ServiceAccount", "name", "tenant1-reconciler", "namespace", "tenant1")),
                at(binding, "subjects"));
        List<Recorded> clusterBindings = result.ofType("kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding");
        assertEquals(1, clusterBindings.size());
        assertEquals(List.of(Map.of("kind", "ServiceAccount", "name", "flux-platform-reconciler", "namespace", "flux-system")),
                at(clusterBindings.get(0), "subjects"), "only the platform reconciler is cluster-wide");
    }

    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void tenantNamespacesGetTheEnvironmentProfile(String env) {
        RenderResult result = render(env);
        FluxFleetConfig.Profile profile = Stacks.load(env, Stacks.minimal(env, 1)).profile();
        Recorded quota = result.find("kubernetes:core/v1:ResourceQuota", "tenant2/tenant2-quota");
        Map<String, Object> expected = new java.util.TreeMap<>(Map.of("requests.cpu", profile.cpu(), "limits.cpu", profile.cpu(),
                "requests.memory", profile.memory(), "limits.memory", profile.memory()));
        expected.putAll(io.fluxfleet.config.Environment.parse(env).orElseThrow().quota().hard());
        assertEquals(expected, at(quota, "spec", "hard"));
        Recorded limits = result.find("kubernetes:core/v1:LimitRange", "tenant2/tenant2-limits");
        @SuppressWarnings("unchecked")
        Map<String, Object> item = (Map<String, Object>) ((List<?>) at(limits, "spec", "limits")).get(0);
        assertEquals(Map.of("cpu", profile.cpu(), "memory", profile.memory()), item.get("max"));
        Recorded policy = result.find("kubernetes:networking.k8s.io/v1:NetworkPolicy", "tenant2/default-deny");
        assertEquals(List.of("Ingress", "Egress"), at(policy, "spec", "policyTypes"));
        assertEquals(Map.of(), at(policy, "spec", "podSelector"));
        assertEquals(List.of(Map.of("from", List.of(Map.of("podSelector", Map.of())))), at(policy, "spec", "ingress"));
    }

    @Test
    void harborPullSecretsCarryAValidAuthsEntry() throws Exception {
        RenderResult result = render("preprod");
        // the platform robot's pull secrets; tenants hold their own robot or none (TenantCredentialsTest)
        List<String> expected = List.of("flux-system/harbor-auth-secret", "cattle-monitoring-system/harbor-registry-secret",
                "cattle-logging-system/harbor-registry-secret");
        for (String name : expected) {
            Recorded secret = result.find(SECRET, name);
            assertEquals("kubernetes.io/dockerconfigjson", secret.inputs().get("type"));
            assertInstanceOf(Recorded.SecretValue.class, secret.inputs().get("stringData"), "the document is a secret");
            JsonNode doc = new ObjectMapper().readTree((String) map(secret.inputs().get("stringData")).get(".dockerconfigjson"));
            JsonNode entry = doc.get("auths").get("harbor.example.com");
            assertEquals("robot$flux", entry.get("username").asText());
            assertEquals(Stacks.HARBOR_PASSWORD, entry.get("password").asText());
            assertEquals(java.util.Base64.getEncoder().encodeToString(("robot$flux:" + Stacks.HARBOR_PASSWORD).getBytes()),
                    entry.get("auth").asText());
        }
        Recorded oci = result.find(HELM_REPOSITORY, "flux-system/harbor-charts");
        assertEquals("oci", at(oci, "spec", "type"));
        assertEquals("oci://harbor.example.com/your-org", at(oci, "spec", "url"));
        assertEquals("harbor-auth-secret", at(oci, "spec", "secretRef", "name"));
        assertEquals("https://charts.rancher.io", at(result.find(HELM_REPOSITORY, "flux-system/rancher-charts"), "spec", "url"));
        assertEquals("https://prometheus-community.github.io/helm-charts",
                at(result.find(HELM_REPOSITORY, "flux-system/prometheus-community"), "spec", "url"));
    }

    @Test
    void secretValuesAreSecretEverywhere() {
        ObjectNode config = Stacks.minimal("dev", 2);
        ((ObjectNode) config.get("cluster")).remove("context");
        ((ObjectNode) config.get("cluster")).put("kubeconfig", "apiVersion: v1\nkind: Config # kubeconfig-test-0003");
        RenderResult result = Stacks.render(Stacks.load("dev", config));
        Recorded provider = result.find("pulumi:providers:kubernetes", "kubernetes-dev");
        assertInstanceOf(Recorded.SecretValue.class, provider.inputs().get("kubeconfig"));
        for (Recorded r : result.resources()) {
            assertNoPlainSecret(r.type() + " " + r.name(), r.inputs(), List.of(Stacks.GIT_PASSWORD, Stacks.HARBOR_PASSWORD,
                    "kubeconfig-test-0003"));
        }
        for (Recorded secret : result.ofType(SECRET)) {
            assertInstanceOf(Recorded.SecretValue.class, secret.inputs().get("stringData"), secret.name());
        }
    }

    private static void assertNoPlainSecret(String where, Object value, List<String> secrets) {
        if (value instanceof Recorded.SecretValue) {
            return;
        }
        if (value instanceof Map<?, ?> m) {
            m.values().forEach(v -> assertNoPlainSecret(where, v, secrets));
        } else if (value instanceof List<?> l) {
            l.forEach(v -> assertNoPlainSecret(where, v, secrets));
        } else if (value instanceof String s) {
            secrets.forEach(secret -> assertFalse(s.contains(secret), where + " holds a secret in plain text"));
        }
    }

    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void everyKubernetesResourceUsesTheExplicitProvider(String env) {
        RenderResult result = render(env);
        Recorded provider = result.find("pulumi:providers:kubernetes", "kubernetes-" + env);
        assertEquals("rancher-" + env, provider.inputs().get("context"));
        assertEquals("true", String.valueOf(provider.inputs().get("enableServerSideApply")));
        List<Recorded> kube = result.resources().stream().filter(r -> r.custom() && r.type().startsWith("kubernetes:")).toList();
        assertTrue(kube.size() > 20);
        for (Recorded r : kube) {
            assertEquals(provider.urn(), r.providerUrn(), r.type() + " " + r.name() + " must use the explicit provider");
        }
    }

    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void fluxObjectsDependOnTheReleaseThatInstallsTheirCrds(String env) {
        RenderResult result = render(env);
        String release = result.find(RenderResult.HELM_RELEASE_TYPE, "flux").urn();
        List<Recorded> fluxObjects = result.resources().stream().filter(r -> r.type().contains(".toolkit.fluxcd.io/")).toList();
        assertEquals(4 + 3 + 6 + 4, fluxObjects.size(), "git and helm sources, kustomizations, the rancher charts");
        for (Recorded r : fluxObjects) {
            assertTrue(r.dependencies().contains(release), r.name() + " is deleted before Flux is uninstalled");
        }
    }

    @Test
    void prodIsProtectedUnlessDestroyIsAllowed() {
        RenderResult prod = render("prod");
        // components too; only what normal operation replaces (deploy tokens) or drops (seed files) is not protected,
        // as the engine refuses to replace or delete a protected resource (io.fluxfleet.plan.PlanScenarioTest)
        assertTrue(prod.resources().stream().filter(r -> !GitLabGovernance.LIFECYCLE_UNPROTECTED.contains(r.type()))
                .allMatch(Recorded::protect), "components too");
        assertTrue(prod.resources().stream().filter(r -> GitLabGovernance.LIFECYCLE_UNPROTECTED.contains(r.type()))
                .noneMatch(Recorded::protect), "deploy tokens rotate, seeds may leave");
        // seeds are committed once, on dev (io.fluxfleet.gitlab.PromotionTest); they are retained, never protected
        assertTrue(prod.resources().stream().noneMatch(r -> r.type().equals("gitlab:index/repositoryFile:RepositoryFile")));
        assertTrue(render("dev").resources().stream().filter(r -> r.type().equals("gitlab:index/repositoryFile:RepositoryFile"))
                .allMatch(r -> !r.protect() && r.retainOnDelete()), "seeds are retained, not protected");
        assertTrue(render("dev").resources().stream().noneMatch(Recorded::protect));
        ObjectNode config = Stacks.minimal("prod", 1);
        config.put("allowDestroy", true);
        assertTrue(Stacks.render(Stacks.load("prod", config)).resources().stream().noneMatch(Recorded::protect));
    }

    @Test
    void rancherNamespacesSurviveADestroy() {
        // kept on delete: Rancher may have created them and may still use them
        RenderResult result = render("dev");
        assertTrue(result.find("kubernetes:core/v1:Namespace", "cattle-monitoring-system").retainOnDelete());
        assertTrue(result.find("kubernetes:core/v1:Namespace", "cattle-logging-system").retainOnDelete());
        assertFalse(result.find("kubernetes:core/v1:Namespace", "tenant1").retainOnDelete());
    }

    @Test
    void twoRunsCaptureIdenticalInputs() {
        FluxFleetConfig config = Stacks.load("prod", Stacks.minimal("prod", 5));
        assertEquals(RenderWriter.files(Stacks.render(config)), RenderWriter.files(Stacks.render(config)));
    }
}
