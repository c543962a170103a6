package io.fluxfleet.infra;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.resources.ComponentResource;

import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.flux.FluxInstall;
import io.fluxfleet.flux.FluxKind;
import io.fluxfleet.flux.FluxSources;
import io.fluxfleet.flux.FluxSpecs.KustomizePatch;
import io.fluxfleet.flux.FluxSpecs.PatchTarget;
import io.fluxfleet.flux.FluxSpecs.PostRenderer;
import io.fluxfleet.flux.FluxSpecs.Kustomize;
import io.fluxfleet.kube.Kube;
import io.fluxfleet.registry.HarborAccess;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared-infrastructure components (and a shared chart), each built alone from its {@code Args}. */
class InfraComponentsTest {
    private static final String HELM_RELEASE = FluxKind.HELM_RELEASE.typeToken();

    /** What the shared charts need around them: Flux, its sources (with Harbor's pull secret) and a namespace. */
    private record Around(FluxInstall flux, FluxSources sources, Namespace namespace, SharedChart.Settings settings) {
        static Around of(Kube kube, FluxFleetConfig config, String namespace) {
            FluxInstall flux = new FluxInstall("flux", new FluxInstall.Args(kube, "2.17.0",
                    "https://fluxcd-community.github.io/helm-charts", "5m", 10, Map.of()), kube.component());
            HarborAccess harbor = new HarborAccess("harbor", new HarborAccess.Args(kube, config.harbor(), flux.namespace()), kube.component());
            FluxSources sources = new FluxSources("sources", new FluxSources.Args(kube, flux, harbor.fluxSecret(), "1h",
                    "oci://harbor.example.test/charts"), kube.component());
            Namespace ns = new Namespace("test-" + namespace, NamespaceArgs.builder()
                    .metadata(kube.meta(namespace, null, null)).build(), kube.child(flux));
            return new Around(flux, sources, ns, new SharedChart.Settings(kube, flux, "11m", "12m", true));
        }
    }

    private static final List<PostRenderer> PATCH = List.of(new PostRenderer(new Kustomize(List.of(
            new KustomizePatch("patch: body", new PatchTarget("apps", "v1", "Deployment", "x", null))))));

    @Test
    void aSharedChartIsAHelmReleaseInFluxSystemThatInstallsIntoItsTargetAndWaitsForWhatItNames() {
        RenderResult result = Components.build((kube, config) -> {
            Around around = Around.of(kube, config, "target-ns");
            ComponentResource parent = new ComponentResource("fluxfleet:test:Charts", "charts", kube.component());
            SharedChart first = SharedChart.create(parent, around.settings(), new SharedChart.Args("first",
                    around.namespace(), around.sources().rancherCharts(), "1.0.0", List.of(), Output.of(Map.of()), List.of()));
            SharedChart.create(parent, around.settings(), new SharedChart.Args("second", around.namespace(),
                    around.sources().harborCharts(), "2.0.0", List.of(first), Output.of(Map.of("key", "value")), PATCH));
        });
        List<Recorded> charts = Components.children(result, "fluxfleet:test:Charts", "charts");
        assertEquals(Set.of(HELM_RELEASE + " flux-system/first", HELM_RELEASE + " flux-system/second"),
                Components.typesAndNames(charts));
        @SuppressWarnings("unchecked")
        Map<String, Object> second = (Map<String, Object>) path(one(charts, HELM_RELEASE, "flux-system/second"), "spec");
        assertEquals("11m", second.get("interval"));
        assertEquals("12m", second.get("timeout"));
        assertEquals("second", second.get("releaseName"), "the Helm release is named like the chart, as Rancher names it");
        assertEquals("target-ns", second.get("targetNamespace"));
        assertEquals("target-ns", second.get("storageNamespace"));
        assertEquals("flux-platform-reconciler", second.get("serviceAccountName"));
        assertEquals(Map.of("spec", Map.of("chart", "second", "version", "2.0.0",
                "sourceRef", Map.of("kind", "HelmRepository", "name", "harbor-charts"))), second.get("chart"));
        assertEquals(List.of(Map.of("name", "first")), second.get("dependsOn"));
        assertEquals(Map.of("key", "value"), second.get("values"));
        assertEquals(true, second.get("suspend"));
        assertEquals(1, ((List<?>) second.get("postRenderers")).size());
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) path(one(charts, HELM_RELEASE, "flux-system/first"), "spec");
        assertNull(first.get("dependsOn"), "no dependsOn at all rather than an empty list");
        assertNull(first.get("values"));
        assertNull(first.get("postRenderers"));
    }

    @Test
    void monitoringInstallsCrdsChartAndCustomChartWithGrafanasGeneratedAdminSecret() {
        RenderResult result = Components.build((kube, config) -> {
            Around around = Around.of(kube, config, "cattle-monitoring-system");
            new Monitoring("monitoring", new Monitoring.Args(around.settings(), around.namespace(),
                    around.sources().rancherCharts(), around.sources().harborCharts(), "9.9.9",
                    Map.of("crd", true), grafanaSecret -> Map.of("grafanaSecret", grafanaSecret), PATCH,
                    Optional.of(new SharedChart.Custom("1.2.3", Map.of("custom", true)))), kube.component());
        });
        List<Recorded> children = Components.children(result, Monitoring.TYPE, "monitoring");
        assertEquals(Set.of(HELM_RELEASE + " flux-system/rancher-monitoring-crd",
                HELM_RELEASE + " flux-system/rancher-monitoring", HELM_RELEASE + " flux-system/custom-monitoring",
                "random:index/randomPassword:RandomPassword grafana-admin-password",
                "kubernetes:core/v1:Secret cattle-monitoring-system/grafana-admin-credentials"),
                Components.typesAndNames(children));
        assertEquals(Map.of("crd", true), path(one(children, HELM_RELEASE, "flux-system/rancher-monitoring-crd"),
                "spec", "values"));
        Recorded chart = one(children, HELM_RELEASE, "flux-system/rancher-monitoring");
        assertEquals(Map.of("grafanaSecret", "grafana-admin-credentials"), path(chart, "spec", "values"),
                "the chart's values name the Secret the component made");
        assertEquals(List.of(Map.of("name", "rancher-monitoring-crd")), path(chart, "spec", "dependsOn"));
        assertEquals("9.9.9", path(chart, "spec", "chart", "spec", "version"));
        Recorded custom = one(children, HELM_RELEASE, "flux-system/custom-monitoring");
        assertEquals(Map.of("chart", "custom-monitoring", "version", "1.2.3",
                "sourceRef", Map.of("kind", "HelmRepository", "name", "harbor-charts")), path(custom, "spec", "chart", "spec"));
        assertEquals(List.of(Map.of("name", "rancher-monitoring")), path(custom, "spec", "dependsOn"));
        Recorded secret = one(children, "kubernetes:core/v1:Secret", "cattle-monitoring-system/grafana-admin-credentials");
        assertInstanceOf(Recorded.SecretValue.class, secret.inputs().get("stringData"), "the password stays a secret");
        assertEquals(Monitoring.GRAFANA_ADMIN_USER, path(secret, "stringData", MonitoringValues.GRAFANA_USER_KEY));
    }

    @Test
    void loggingWithoutACustomChartInstallsTheCrdsThenTheChart() {
        RenderResult result = Components.build((kube, config) -> {
            Around around = Around.of(kube, config, "cattle-logging-system");
            new Logging("logging", new Logging.Args(around.settings(), around.namespace(),
                    around.sources().rancherCharts(), around.sources().harborCharts(), "8.8.8",
                    Map.of(), Map.of("chart", true), List.of(), Optional.empty()), kube.component());
        });
        List<Recorded> children = Components.children(result, Logging.TYPE, "logging");
        assertEquals(Set.of(HELM_RELEASE + " flux-system/rancher-logging-crd", HELM_RELEASE + " flux-system/rancher-logging"),
                Components.typesAndNames(children));
        Recorded chart = one(children, HELM_RELEASE, "flux-system/rancher-logging");
        assertEquals(Map.of("chart", true), path(chart, "spec", "values"));
        assertEquals("cattle-logging-system", path(chart, "spec", "targetNamespace"));
        assertEquals(List.of(Map.of("name", "rancher-logging-crd")), path(chart, "spec", "dependsOn"));
        assertEquals("8.8.8", path(chart, "spec", "chart", "spec", "version"));
    }

    @Test
    void harborAccessMakesThePullSecretsOfThePlatformNamespaces() {
        RenderResult result = Components.build((kube, config) -> {
            FluxInstall flux = new FluxInstall("flux", new FluxInstall.Args(kube, "2.17.0",
                    "https://fluxcd-community.github.io/helm-charts", "5m", 10, Map.of()), kube.component());
            new HarborAccess("harbor", new HarborAccess.Args(kube, config.harbor(), flux.namespace()), kube.component());
        });
        List<Recorded> children = Components.children(result, HarborAccess.TYPE, "harbor");
        assertTrue(Components.typesAndNames(children).containsAll(Set.of(
                "kubernetes:core/v1:Secret flux-system/harbor-auth-secret",
                "kubernetes:core/v1:Secret cattle-monitoring-system/harbor-registry-secret",
                "kubernetes:core/v1:Secret cattle-logging-system/harbor-registry-secret")), children.toString());
        Recorded flux = one(children, "kubernetes:core/v1:Secret", "flux-system/harbor-auth-secret");
        assertEquals(HarborAccess.DOCKER_CONFIG_JSON, path(flux, "type"));
        assertInstanceOf(Recorded.SecretValue.class, flux.inputs().get("stringData"));
    }
}
