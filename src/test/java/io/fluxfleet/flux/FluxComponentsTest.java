package io.fluxfleet.flux;

import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;

import io.fluxfleet.render.Recorded;
import io.fluxfleet.render.RenderResult;
import io.fluxfleet.testing.Components;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.fluxfleet.testing.Components.one;
import static io.fluxfleet.testing.Components.path;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Flux's installation and its Helm sources, each built alone from its {@code Args}. */
class FluxComponentsTest {
    private static final String RELEASE = RenderResult.HELM_RELEASE_TYPE;

    static FluxInstall.Args installArgs(io.fluxfleet.kube.Kube kube) {
        return new FluxInstall.Args(kube, "2.99.1", "https://charts.example.test/flux", "90s", 7, Map.of("logLevel", "debug"));
    }

    @Test
    void fluxInstallRegistersItsNamespaceReleaseAndPlatformServiceAccountFromItsArgs() {
        RenderResult result = Components.build((kube, config) ->
                new FluxInstall("flux", installArgs(kube), kube.component()));
        List<Recorded> children = Components.children(result, FluxInstall.TYPE, "flux");
        assertEquals(Set.of("kubernetes:core/v1:Namespace flux-system",
                "kubernetes:helm.sh/v3:Release flux",
                "kubernetes:core/v1:ServiceAccount flux-system/flux-platform-reconciler",
                "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding flux-platform-reconciler"),
                Components.typesAndNames(children));
        Recorded release = one(children, RELEASE, "flux");
        assertEquals("flux2", path(release, "chart"));
        assertEquals("2.99.1", path(release, "version"));
        assertEquals("https://charts.example.test/flux", path(release, "repositoryOpts", "repo"));
        assertEquals(90L, path(release, "timeout"), "Helm's timeout in seconds, from the Flux-style duration");
        assertEquals(7, ((Number) path(release, "maxHistory")).intValue(), "Helm keeps the configured release history");
        assertEquals(Map.of("logLevel", "debug"), path(release, "values"), "the values are the Args' values, as given");
        assertEquals("flux-system", path(release, "namespace"));
        assertEquals(List.of("cluster-admin"), List.of(path(one(children,
                "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding", "flux-platform-reconciler"), "roleRef", "name")));
    }

    @Test
    void fluxSourcesServeRancherPrometheusAndHarborChartsWithTheHarborPullSecret() {
        RenderResult result = Components.build((kube, config) -> {
            FluxInstall flux = new FluxInstall("flux", installArgs(kube), kube.component());
            Secret pull = new Secret("flux-system/pull", SecretArgs.builder()
                    .metadata(ObjectMetaArgs.builder().name("pull").namespace("flux-system").build()).build(),
                    kube.child(flux));
            new FluxSources("sources", new FluxSources.Args(kube, flux, pull, "7m",
                    FluxSources.harborChartsUrl("harbor.example.test", "charts")), kube.component());
        });
        List<Recorded> children = Components.children(result, FluxSources.TYPE, "sources");
        String type = FluxKind.HELM_REPOSITORY.typeToken();
        assertEquals(Set.of(type + " flux-system/rancher-charts", type + " flux-system/prometheus-community",
                type + " flux-system/harbor-charts"), Components.typesAndNames(children));
        assertEquals(Map.of("interval", "7m", "url", "oci://harbor.example.test/charts", "type", "oci",
                "secretRef", Map.of("name", "pull")), path(one(children, type, "flux-system/harbor-charts"), "spec"));
        assertEquals(Map.of("interval", "7m", "url", FluxSources.RANCHER_CHARTS_URL, "type", "default"),
                path(one(children, type, "flux-system/rancher-charts"), "spec"));
        children.forEach(r -> assertEquals(List.of(result.find(RELEASE, "flux").urn()),
                r.dependencies().stream().filter(d -> d.contains("Release")).toList(), r.name() + " waits for Flux's CRDs"));
    }
}
