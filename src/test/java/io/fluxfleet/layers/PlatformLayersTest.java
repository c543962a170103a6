package io.fluxfleet.layers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxfleet.naming.Names;
import io.fluxfleet.render.Recorded;
import io.fluxfleet.render.RenderResult;
import io.fluxfleet.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20, "a tenant repository must never be able to drive cluster-admin by default", checked on the rendered
 * objects: with {@code layers.source: platform} every Kustomization that runs as the platform reconciler (or lives in
 * {@code flux-system}) reads a GitRepository of the platform project, so a file a tenant merges into its own project
 * reaches nothing that runs as cluster-admin; the platform team's change reaches its layer, and the tenant's apps
 * change still reaches the tenant's apps layer.
 */
class PlatformLayersTest {
    static final String KUSTOMIZATION = "kubernetes:kustomize.toolkit.fluxcd.io/v1:Kustomization";
    static final String GIT_REPOSITORY = "kubernetes:source.toolkit.fluxcd.io/v1:GitRepository";
    static final String PLATFORM_PROJECT = "your-org/platform-gitops";
    static final String PLATFORM_URL = "https://gitlab.example.com/your-org/platform-gitops.git";
    private static final Map<String, RenderResult> RENDERED = new ConcurrentHashMap<>();

    /** Three tenants, webhooks and statuses on, in the platform layout (or the one-repository one). */
    static ObjectNode stack(String env, boolean platform) {
        ObjectNode stack = Stacks.withSharedInfra(Stacks.minimal(env, 3));
        if (platform) {
            stack.putObject("layers").put("source", "platform").put("project", PLATFORM_PROJECT);
        }
        stack.putObject("webhooks").put("enabled", true).put("ingressHost", "flux-webhook." + env + ".example.com");
        return stack;
    }

    static RenderResult render(String env, boolean platform) {
        return RENDERED.computeIfAbsent(env + platform, k -> Stacks.render(Stacks.load(env, stack(env, platform))));
    }

    /** A Kustomization as Flux runs it: its namespace, identity, path, and the URL and branch of its source. */
    record Reader(String name, String namespace, String serviceAccount, String path, String url, String branch) {
        /** Whether a change to {@code file} in {@code url}'s project on {@code branch} is applied by this one. */
        boolean applies(String projectUrl, String onBranch, String file) {
            String dir = path.replaceFirst("^\\./", "") + "/";
            return url.equals(projectUrl) && branch.equals(onBranch) && file.startsWith(dir);
        }

        boolean clusterAdmin() {
            return Names.PLATFORM_RECONCILER.equals(serviceAccount) || Names.FLUX_NAMESPACE.equals(namespace);
        }
    }

    /** Every Kustomization of the render, resolved to its source the way Flux resolves it (same namespace). */
    static List<Reader> readers(RenderResult result) {
        List<Reader> readers = new ArrayList<>();
        for (Recorded k : result.ofType(KUSTOMIZATION)) {
            String ns = (String) at(k, "metadata", "namespace");
            assertEquals(null, at(k, "spec", "sourceRef", "namespace"), "no cross-namespace source: " + k.name());
            Recorded repo = result.find(GIT_REPOSITORY, ns + "/" + at(k, "spec", "sourceRef", "name"));
            readers.add(new Reader(k.name(), ns, (String) at(k, "spec", "serviceAccountName"),
                    (String) at(k, "spec", "path"), (String) at(repo, "spec", "url"),
                    (String) at(repo, "spec", "ref", "branch")));
        }
        return readers;
    }

    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void nothingThatRunsAsClusterAdminReadsATenantProject(String env) {
        List<Reader> readers = readers(render(env, true));
        List<Reader> admin = readers.stream().filter(Reader::clusterAdmin).toList();
        assertEquals(6, admin.size(), "cluster and shared of three tenants: " + readers);
        for (Reader r : admin) {
            assertEquals(PLATFORM_URL, r.url(), r.name() + " runs as cluster-admin and must read the platform project");
        }
        for (Recorded repo : render(env, true).ofType(GIT_REPOSITORY)) {
            if (Names.FLUX_NAMESPACE.equals(at(repo, "metadata", "namespace"))) {
                assertEquals(PLATFORM_URL, at(repo, "spec", "url"), "the only source in flux-system: " + repo.name());
            }
        }
    }

    /** The attack: tenant1 merges a ClusterRoleBinding into its own project's cluster directory. */
    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void aTenantsClusterRoleBindingReachesNoClusterAdmin(String env) {
        String tenantProject = "https://gitlab.example.com/your-org/tenant1-gitops.git";
        for (String file : List.of("clusters/tenant1/" + env + "-cluster/clusterrolebinding.yaml",
                "shared/clusterrolebinding.yaml", "shared/tenant1/clusterrolebinding.yaml")) {
            List<Reader> reached = readers(render(env, true)).stream()
                    .filter(r -> r.applies(tenantProject, env, file)).toList();
            assertEquals(List.of(), reached, file);
            // the same merge in the one-repository layout is applied as cluster-admin: what the default now prevents
            if (!file.startsWith("shared/tenant1/")) {
                assertTrue(readers(render(env, false)).stream().anyMatch(r -> r.applies(tenantProject, env, file)
                        && r.clusterAdmin()), file);
            }
        }
    }

    /** The benign paths: the platform team's change is applied, and the tenant's apps change still is. */
    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void thePlatformTeamsChangeAndTheTenantsAppsAreApplied(String env) {
        List<Reader> readers = readers(render(env, true));
        for (String tenant : List.of("tenant1", "tenant2", "tenant3")) {
            assertEquals(List.of(tenant + "-" + env + "-cluster"), names(readers, PLATFORM_URL, env,
                    "clusters/" + tenant + "/" + env + "-cluster/clusterrolebinding.yaml"));
            assertEquals(List.of(tenant + "-" + env + "-shared"), names(readers, PLATFORM_URL, env,
                    "shared/" + tenant + "/ingress-class.yaml"));
            List<Reader> apps = readers.stream().filter(r -> r.applies("https://gitlab.example.com/your-org/" + tenant
                    + "-gitops.git", env, "tenants/" + tenant + "/deployment.yaml")).toList();
            assertEquals(1, apps.size(), tenant);
            assertEquals(tenant, apps.get(0).namespace());
            assertEquals(tenant + "-reconciler", apps.get(0).serviceAccount());
        }
        // one shared directory per tenant: no two Kustomizations apply the same objects
        Set<String> sources = new HashSet<>();
        for (Reader r : readers) {
            assertTrue(sources.add(r.url() + " " + r.path()), "applied twice: " + r.url() + " " + r.path());
        }
        // names kept, so an existing stack upgrades in place (a rename would delete, and prune, the layer)
        Recorded shared = render(env, true).find(KUSTOMIZATION, "flux-system/tenant1-" + env + "-shared");
        assertEquals(List.of(Map.of("name", "tenant1-" + env + "-cluster")), at(shared, "spec", "dependsOn"));
    }

    private static List<String> names(List<Reader> readers, String url, String branch, String file) {
        return readers.stream().filter(r -> r.applies(url, branch, file)).map(r -> r.name().replaceFirst(".*/", ""))
                .toList();
    }

    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void thePlatformSourceHasItsOwnCredentialsAndNoTenantHasAnyInFluxSystem(String env) {
        RenderResult result = render(env, true);
        Recorded repo = result.find(GIT_REPOSITORY, "flux-system/platform-" + env);
        assertEquals(env, at(repo, "spec", "ref", "branch"));
        assertEquals("gitlab-auth-platform", at(repo, "spec", "secretRef", "name"));
        Recorded secret = result.find("kubernetes:core/v1:Secret", "flux-system/gitlab-auth-platform");
        assertTrue(secret.inputs().get("stringData") instanceof Recorded.SecretValue, "the deploy token is a secret");
        for (String tenant : List.of("tenant1", "tenant2", "tenant3")) {
            assertFalse(result.resources().stream().anyMatch(r -> r.name().equals("flux-system/gitlab-auth-" + tenant)
                    || r.name().equals("flux-system/" + tenant + "-" + env)), tenant);
        }
        // the deploy token is the platform project's own, read-only
        Recorded token = result.find("gitlab:index/projectDeployToken:ProjectDeployToken", "platform-" + env + "-deploy-token");
        assertEquals(PLATFORM_PROJECT, token.inputs().get("project"));
        assertEquals(List.of("read_repository"), token.inputs().get("scopes"));
    }

    /** Statuses of the platform layers go to the platform project's commits, and its push triggers its source. */
    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void statusesAndWebhookOfThePlatformLayersAreThePlatformProjects(String env) {
        RenderResult result = render(env, true);
        String provider = "kubernetes:notification.toolkit.fluxcd.io/v1beta3:Provider";
        List<Recorded> platformSide = result.ofType(provider).stream()
                .filter(p -> Names.FLUX_NAMESPACE.equals(at(p, "metadata", "namespace"))).toList();
        assertEquals(1, platformSide.size(), "one Provider in flux-system");
        assertEquals("https://gitlab.example.com/" + PLATFORM_PROJECT, at(platformSide.get(0), "spec", "address"));
        Recorded alert = result.find("kubernetes:notification.toolkit.fluxcd.io/v1beta3:Alert",
                "flux-system/platform-" + env + "-commit-status");
        assertEquals(List.of(Map.of("apiVersion", "kustomize.toolkit.fluxcd.io/v1", "kind", "Kustomization",
                "name", "*")), at(alert, "spec", "eventSources"));
        // the tenant's own token still posts its apps layer to its own project, from its namespace
        Recorded tenantProvider = result.find(provider, "tenant1/tenant1-" + env + "-commit-status");
        assertEquals("https://gitlab.example.com/your-org/tenant1-gitops", at(tenantProvider, "spec", "address"));

        String receiver = "kubernetes:notification.toolkit.fluxcd.io/v1:Receiver";
        List<Recorded> receivers = result.ofType(receiver).stream()
                .filter(r -> Names.FLUX_NAMESPACE.equals(at(r, "metadata", "namespace"))).toList();
        assertEquals(1, receivers.size(), "one Receiver in flux-system");
        assertEquals(List.of(Map.of("apiVersion", "source.toolkit.fluxcd.io/v1", "kind", "GitRepository",
                "name", "platform-" + env)), at(receivers.get(0), "spec", "resources"));
        Recorded hook = result.find("gitlab:index/projectHook:ProjectHook", "flux-system/platform-" + env + "-gitlab-push");
        assertEquals(PLATFORM_PROJECT, hook.inputs().get("project"));
        assertEquals(env, hook.inputs().get("pushEventsBranchFilter"));
        assertTrue(String.valueOf(io.fluxfleet.testing.Outputs.value(result.outputs().get("platformWebhookUrl")))
                .startsWith("https://flux-webhook." + env + ".example.com/hook/"), "the platform hook's URL is exported");
        // the tenants' hooks are only for their apps sources, in their namespaces
        for (Recorded h : result.ofType("gitlab:index/projectHook:ProjectHook")) {
            assertTrue(h.name().startsWith("flux-system/platform-") != h.inputs().get("project").toString()
                    .contains("tenant"), h.name());
        }
    }

    @Test
    void thePlatformProjectIsGovernedLikeATenantsAndSeededForEveryTenant() {
        ObjectNode stack = stack("dev", true);
        ((ObjectNode) stack.get("gitlab")).put("tier", "premium").put("acceptTenantDrivenClusterAdmin", false)
                .set("approvers", Stacks.yaml("groups: [your-org/platform-team]"));
        ((ObjectNode) stack.get("gitlab")).set("teams", Stacks.yaml("platform: \"@your-org/platform-team\""));
        RenderResult result = Stacks.render(Stacks.load("dev", stack));
        assertEquals(PLATFORM_PROJECT, result.find("gitlab:index/branch:Branch", "platform-dev-branch").inputs().get("project"));
        Recorded protection = result.find("gitlab:index/branchProtection:BranchProtection", "platform-dev-protection");
        assertEquals(PLATFORM_PROJECT, protection.inputs().get("project"));
        result.find("gitlab:index/projectApprovalRule:ProjectApprovalRule", "platform-dev-approval-rule");
        String codeowners = (String) result.find("gitlab:index/repositoryFile:RepositoryFile", "platform-dev-codeowners")
                .inputs().get("content");
        // GitLab's rules (CodeOwnersLocations): every path needs the platform team, even after a merge request that
        // appends an entry of its own to the first section
        String widened = codeowners.replace("[Platform approval]", "/clusters/tenant1/ @bob\n[Platform approval]");
        for (String content : List.of(codeowners, widened)) {
            for (String path : List.of("clusters/tenant1/dev-cluster/crb.yaml", "shared/tenant1/x.yaml",
                    ".gitlab/CODEOWNERS", "CODEOWNERS", ".gitlab-ci.yml")) {
                assertTrue(io.fluxfleet.gitlab.CodeOwnersLocations.requiresPlatform(content, path,
                        "@your-org/platform-team"), path + " in\n" + content);
            }
        }
        Set<String> seeded = new HashSet<>();
        for (Recorded file : result.ofType("gitlab:index/repositoryFile:RepositoryFile")) {
            if (PLATFORM_PROJECT.equals(file.inputs().get("project"))) {
                seeded.add((String) file.inputs().get("filePath"));
            }
        }
        for (String tenant : List.of("tenant1", "tenant2", "tenant3")) {
            for (String env : List.of("dev", "preprod", "prod")) {
                assertTrue(seeded.contains("clusters/" + tenant + "/" + env + "-cluster/kustomization.yaml"), seeded.toString());
            }
            assertTrue(seeded.contains("shared/" + tenant + "/kustomization.yaml"), seeded.toString());
        }
        assertTrue(seeded.containsAll(List.of(".gitlab/CODEOWNERS", ".gitlab-ci.yml")), seeded.toString());
        // the tenants' projects are seeded only for their apps layer and the policy files
        for (Recorded file : result.ofType("gitlab:index/repositoryFile:RepositoryFile")) {
            if (!PLATFORM_PROJECT.equals(file.inputs().get("project"))) {
                String path = (String) file.inputs().get("filePath");
                assertFalse(path.startsWith("clusters/") || path.startsWith("shared/"), path);
            }
        }
    }

    @SuppressWarnings("unchecked")
    static Object at(Recorded r, String... path) {
        Object value = RenderResult.reveal(r.inputs());
        for (String key : path) {
            if (!(value instanceof Map)) {
                return null;
            }
            value = ((Map<String, Object>) value).get(key);
        }
        return value;
    }
}
