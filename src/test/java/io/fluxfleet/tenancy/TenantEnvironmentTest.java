package io.fluxfleet.tenancy;

import com.pulumi.core.Output;

import io.fluxfleet.config.FluxFleetConfig.Profile;
import io.fluxfleet.config.FluxFleetConfig.Tenant;
import io.fluxfleet.flux.FluxInstall;
import io.fluxfleet.flux.FluxKind;
import io.fluxfleet.flux.FluxSpecs.ObjectRef;
import io.fluxfleet.kube.Kube;
import io.fluxfleet.render.Recorded;
import io.fluxfleet.render.RenderResult;
import io.fluxfleet.testing.Components;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.fluxfleet.testing.Components.one;
import static io.fluxfleet.testing.Components.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A tenant's environment, built alone from its {@code Args}. */
class TenantEnvironmentTest {
    static final Tenant TEAM = new Tenant("team-a", "group/team-a-gitops", "flux", Optional.empty(), Optional.empty(), false);
    static final String GIT = FluxKind.GIT_REPOSITORY.typeToken();
    static final String KUSTOMIZATION = FluxKind.KUSTOMIZATION.typeToken();

    static FluxInstall flux(Kube kube) {
        return new FluxInstall("flux", new FluxInstall.Args(kube, "2.17.0",
                "https://fluxcd-community.github.io/helm-charts", "5m", 10, Map.of()), kube.component());
    }

    static TenantEnvironment.Args args(Kube kube, io.fluxfleet.config.FluxFleetConfig config, FluxInstall flux,
                                       Output<List<ObjectRef>> prerequisites) {
        return new TenantEnvironment.Args(kube, TEAM, flux, new Profile("250m", "256Mi", "1d", "1m", "1Gi"),
                config.harbor(), "https://git.example.test/group/team-a-gitops.git",
                new TenantEnvironment.Reconcile("3m", "7m", "90s", "4m", true), Output.of("reader"),
                Output.ofSecret("token-of-team-a"), prerequisites, io.fluxfleet.config.Environment.DEV.quota());
    }

    private static RenderResult build(Output<List<ObjectRef>> prerequisites) {
        return Components.build((kube, config) -> {
            FluxInstall flux = flux(kube);
            new TenantEnvironment("tenant-team-a", args(kube, config, flux, prerequisites), kube.component());
        });
    }

    @Test
    void registersTheTenantsNamespaceAccessSourcesAndLayers() {
        List<Recorded> children = Components.children(build(Output.of(List.of())), TenantEnvironment.TYPE, "tenant-team-a");
        assertEquals(Set.of(
                "kubernetes:core/v1:Namespace team-a",
                "kubernetes:core/v1:ServiceAccount team-a/team-a-reconciler",
                "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding team-a/team-a-reconciler",
                "kubernetes:core/v1:ResourceQuota team-a/team-a-quota",
                "kubernetes:core/v1:LimitRange team-a/team-a-limits",
                "kubernetes:networking.k8s.io/v1:NetworkPolicy team-a/default-deny",
                "kubernetes:core/v1:Secret flux-system/gitlab-auth-team-a",
                "kubernetes:core/v1:Secret team-a/gitlab-auth-team-a",
                GIT + " flux-system/team-a-dev",
                GIT + " team-a/team-a-dev",
                KUSTOMIZATION + " flux-system/team-a-dev-cluster",
                KUSTOMIZATION + " flux-system/team-a-dev-shared",
                KUSTOMIZATION + " team-a/team-a-dev-apps"), Components.typesAndNames(children));

        Map<String, Object> expectedHard = new java.util.TreeMap<>(Map.of("limits.cpu", "250m", "limits.memory", "256Mi",
                "requests.cpu", "250m", "requests.memory", "256Mi"));
        expectedHard.putAll(io.fluxfleet.config.Environment.DEV.quota().hard());
        assertEquals(expectedHard, path(one(children, "kubernetes:core/v1:ResourceQuota", "team-a/team-a-quota"),
                "spec", "hard"), "the quota is the profile's compute and the object counts");
        @SuppressWarnings("unchecked")
        Map<String, Object> limits = ((List<Map<String, Object>>) path(one(children, "kubernetes:core/v1:LimitRange",
                "team-a/team-a-limits"), "spec", "limits")).get(0);
        assertEquals(Map.of("cpu", "250m", "memory", "256Mi"), limits.get("default"),
                "defaults above the profile's maximum are held to it");
        assertEquals(Map.of("cpu", "100m", "memory", "128Mi"), limits.get("defaultRequest"));

        Recorded auth = one(children, "kubernetes:core/v1:Secret", "team-a/gitlab-auth-team-a");
        assertInstanceOf(Recorded.SecretValue.class, auth.inputs().get("stringData"), "the Git password stays secret");
        assertEquals(Map.of("username", "reader", "password", "token-of-team-a"), path(auth, "stringData"));

        assertEquals(Map.of("interval", "3m", "timeout", "60s", "url", "https://git.example.test/group/team-a-gitops.git",
                "ref", Map.of("branch", "dev"), "secretRef", Map.of("name", "gitlab-auth-team-a")),
                path(one(children, GIT, "team-a/team-a-dev"), "spec"));

        Recorded apps = one(children, KUSTOMIZATION, "team-a/team-a-dev-apps");
        assertEquals("7m", path(apps, "spec", "interval"));
        assertEquals("4m", path(apps, "spec", "timeout"));
        assertEquals("90s", path(apps, "spec", "retryInterval"), "a failed Kustomization is retried at the configured interval");
        assertEquals(true, path(apps, "spec", "suspend"));
        assertEquals("team-a-reconciler", path(apps, "spec", "serviceAccountName"));
        assertEquals(List.of(Map.of("name", "team-a-dev-shared", "namespace", "flux-system")), path(apps, "spec", "dependsOn"));
        Recorded shared = one(children, KUSTOMIZATION, "flux-system/team-a-dev-shared");
        assertNull(path(shared, "spec", "dependsOn"), "with nothing to wait for, shared is independent of cluster");
        assertNull(path(one(children, KUSTOMIZATION, "flux-system/team-a-dev-cluster"), "spec", "healthChecks"));
    }

    @Test
    void sharedPrerequisitesAreHealthCheckedByClusterAndMakeSharedWaitForIt() {
        ObjectRef chart = ObjectRef.of(FluxKind.HELM_RELEASE, "rancher-monitoring", "flux-system");
        List<Recorded> children = Components.children(build(Output.of(List.of(chart))), TenantEnvironment.TYPE,
                "tenant-team-a");
        assertEquals(List.of(Map.of("apiVersion", "helm.toolkit.fluxcd.io/v2", "kind", "HelmRelease",
                "name", "rancher-monitoring", "namespace", "flux-system")),
                path(one(children, KUSTOMIZATION, "flux-system/team-a-dev-cluster"), "spec", "healthChecks"));
        assertEquals(List.of(Map.of("name", "team-a-dev-cluster")),
                path(one(children, KUSTOMIZATION, "flux-system/team-a-dev-shared"), "spec", "dependsOn"));
    }
}
