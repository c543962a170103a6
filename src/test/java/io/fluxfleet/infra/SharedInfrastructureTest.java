package io.fluxfleet.infra;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.config.FluxFleetConfig.Profile;
import io.fluxfleet.notifications.Webhooks;
import io.fluxfleet.render.Recorded;
import io.fluxfleet.render.RenderResult;
import io.fluxfleet.testing.Stacks;
import io.fluxfleet.verify.FluxChart;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared infrastructure of each environment's stack, with every shared setting configured
 * ({@link Stacks#withSharedInfra}), asserted on what the mock engine captured. Renders are shared between tests.
 */
class SharedInfrastructureTest {
    static final String HELM_RELEASE = "kubernetes:helm.toolkit.fluxcd.io/v2:HelmRelease";
    static final String KUSTOMIZATION = "kubernetes:kustomize.toolkit.fluxcd.io/v1:Kustomization";
    static final String PROVIDER = "kubernetes:notification.toolkit.fluxcd.io/v1beta3:Provider";
    static final String ALERT = "kubernetes:notification.toolkit.fluxcd.io/v1beta3:Alert";
    static final String RECEIVER = "kubernetes:notification.toolkit.fluxcd.io/v1:Receiver";
    static final String SECRET = "kubernetes:core/v1:Secret";
    static final String RANDOM_PASSWORD = "random:index/randomPassword:RandomPassword";
    static final String PROJECT_HOOK = "gitlab:index/projectHook:ProjectHook";
    static final Map<String, Object> TOLERATION = Map.of("key", "node-role.com/platform-worker", "operator", "Equal",
            "value", "true", "effect", "NoExecute");
    static final Map<String, Object> NODE_SELECTOR = Map.of("node-role.com/platform-worker", "true");
    static final List<String> CHARTS = List.of("rancher-monitoring-crd", "rancher-monitoring", "custom-monitoring",
            "rancher-logging-crd", "rancher-logging", "custom-logging");

    private static final Map<String, RenderResult> RENDERS = new ConcurrentHashMap<>();

    static ObjectNode config(String env) {
        ObjectNode config = Stacks.withSharedInfra(Stacks.minimal(env, 2));
        config.putObject("webhooks").put("enabled", true).put("ingressHost", "flux-webhook." + env + ".example.com");
        return config;
    }

    static RenderResult render(String env) {
        return RENDERS.computeIfAbsent(env, e -> Stacks.render(Stacks.load(e, config(e))));
    }

    @SuppressWarnings("unchecked")
    static Object at(Object value, String... path) {
        Object node = RenderResult.reveal(value);
        for (String key : path) {
            node = node == null ? null : ((Map<String, Object>) node).get(key);
        }
        return node;
    }

    static Object at(Recorded r, String... path) {
        return at(r.inputs(), path);
    }

    static Recorded release(RenderResult result, String name) {
        return result.find(HELM_RELEASE, "flux-system/" + name);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> values(RenderResult result, String release) {
        return (Map<String, Object>) at(release(result, release), "spec", "values");
    }

    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void crdsThenChartsThenCustomChartsThenSharedManifests(String env) {
        RenderResult result = render(env);
        for (String area : List.of("monitoring", "logging")) {
            Recorded crds = release(result, "rancher-" + area + "-crd");
            Recorded chart = release(result, "rancher-" + area);
            Recorded custom = release(result, "custom-" + area);
            assertNull(at(crds, "spec", "dependsOn"), "the CRD chart comes first");
            assertEquals(List.of(Map.of("name", "rancher-" + area + "-crd")), at(chart, "spec", "dependsOn"));
            assertEquals(List.of(Map.of("name", "rancher-" + area)), at(custom, "spec", "dependsOn"));
            // Pulumi creates each after what it depends on (the names flow as Outputs)
            assertTrue(chart.dependencies().contains(crds.urn()));
            assertTrue(custom.dependencies().contains(chart.urn()));
            // install/upgrade.crds act on a chart's crds/ folder, which none of the shared charts has
            for (Recorded release : List.of(crds, chart, custom)) {
                assertNull(at(release, "spec", "install", "crds"));
                assertNull(at(release, "spec", "upgrade", "crds"));
            }
        }
        for (String tenant : List.of("tenant1", "tenant2")) {
            Recorded cluster = result.find(KUSTOMIZATION, "flux-system/" + tenant + "-" + env + "-cluster");
            Recorded shared = result.find(KUSTOMIZATION, "flux-system/" + tenant + "-" + env + "-shared");
            Recorded apps = result.find(KUSTOMIZATION, tenant + "/" + tenant + "-" + env + "-apps");
            // Flux's dependsOn names only Kustomizations: the cluster layer health-checks the charts ...
            assertEquals(List.of(
                    Map.of("apiVersion", "helm.toolkit.fluxcd.io/v2", "kind", "HelmRelease", "name", "rancher-monitoring",
                            "namespace", "flux-system"),
                    Map.of("apiVersion", "helm.toolkit.fluxcd.io/v2", "kind", "HelmRelease", "name", "rancher-logging",
                            "namespace", "flux-system")), at(cluster, "spec", "healthChecks"));
            assertTrue(cluster.dependencies().contains(release(result, "rancher-monitoring").urn()));
            assertTrue(cluster.dependencies().contains(release(result, "rancher-logging").urn()));
            // ... and shared waits for cluster, apps for shared
            assertEquals(List.of(Map.of("name", tenant + "-" + env + "-cluster")), at(shared, "spec", "dependsOn"));
            assertEquals(List.of(Map.of("name", tenant + "-" + env + "-shared", "namespace", "flux-system")),
                    at(apps, "spec", "dependsOn"));
        }
    }

    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void sharedReleasesLiveInFluxSystemAndInstallIntoRancherNamespaces(String env) {
        RenderResult result = render(env);
        for (String name : CHARTS) {
            Recorded release = release(result, name);
            String target = name.contains("monitoring") ? "cattle-monitoring-system" : "cattle-logging-system";
            assertEquals("flux-system", at(release, "metadata", "namespace"));
            assertEquals(name, at(release, "spec", "releaseName"), "Rancher's own release names, not <ns>-<name>");
            assertEquals(target, at(release, "spec", "targetNamespace"));
            assertEquals(target, at(release, "spec", "storageNamespace"));
            assertEquals("flux-platform-reconciler", at(release, "spec", "serviceAccountName"));
            Map<?, ?> sourceRef = (Map<?, ?>) at(release, "spec", "chart", "spec", "sourceRef");
            assertEquals(Map.of("kind", "HelmRepository", "name", name.startsWith("custom") ? "harbor-charts" : "rancher-charts"),
                    sourceRef, "a source in the release's own namespace");
            assertEquals(3L, at(release, "spec", "install", "remediation", "retries"));
            assertTrue(release.dependencies().contains(result.find(RenderResult.HELM_RELEASE_TYPE, "flux").urn()));
        }
        FluxFleetConfig config = Stacks.load(env, config(env));
        assertEquals(config.infra().monitoringChartVersion(), at(release(result, "rancher-monitoring-crd"), "spec", "chart", "spec", "version"));
        assertEquals(config.infra().monitoringChartVersion(), at(release(result, "rancher-monitoring"), "spec", "chart", "spec", "version"));
        assertEquals(config.infra().loggingChartVersion(), at(release(result, "rancher-logging-crd"), "spec", "chart", "spec", "version"));
        assertEquals(config.infra().loggingChartVersion(), at(release(result, "rancher-logging"), "spec", "chart", "spec", "version"));
        assertEquals("1.3.0", at(release(result, "custom-monitoring"), "spec", "chart", "spec", "version"));
        assertEquals("1.1.0", at(release(result, "custom-logging"), "spec", "chart", "spec", "version"));
    }

    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void theEnvironmentProfileReachesPrometheus(String env) {
        Profile profile = Stacks.load(env, config(env)).profile();
        Map<String, Object> values = values(render(env), "rancher-monitoring");
        assertEquals(profile.retention(), at(values, "prometheus", "prometheusSpec", "retention"));
        assertEquals(profile.scrapeInterval(), at(values, "prometheus", "prometheusSpec", "scrapeInterval"));
        assertEquals(Map.of("accessModes", List.of("ReadWriteOnce"), "storageClassName", "longhorn",
                        "resources", Map.of("requests", Map.of("storage", profile.storage()))),
                at(values, "prometheus", "prometheusSpec", "storageSpec", "volumeClaimTemplate", "spec"));
        assertEquals(Map.of("cpu", profile.cpu(), "memory", profile.memory()),
                at(values, "prometheus", "prometheusSpec", "resources", "limits"));
        assertEquals(Map.of("cpu", "750m", "memory", "750Mi"), at(values, "prometheus", "prometheusSpec", "resources", "requests"));
        // the guide's numbers, per environment
        Map<String, List<String>> guide = Map.of(
                "dev", List.of("7d", "30s", "10Gi", "1", "2Gi"),
                "preprod", List.of("14d", "15s", "20Gi", "2", "4Gi"),
                "prod", List.of("30d", "10s", "50Gi", "4", "8Gi"));
        assertEquals(guide.get(env), List.of(profile.retention(), profile.scrapeInterval(), profile.storage(),
                profile.cpu(), profile.memory()));
    }

    @Test
    void requestsNeverExceedASmallProfilesLimits() {
        ObjectNode small = config("dev");
        small.putObject("profile").put("cpu", "500m").put("memory", "512Mi");
        Map<String, Object> values = values(Stacks.render(Stacks.load("dev", small)), "rancher-monitoring");
        assertEquals(Map.of("cpu", "500m", "memory", "512Mi"), at(values, "prometheus", "prometheusSpec", "resources", "requests"));
        assertEquals(Map.of("cpu", "500m", "memory", "512Mi"), at(values, "prometheus", "prometheusSpec", "resources", "limits"));
    }

    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void everyPodMakingComponentIsPlacedThroughValuesOrPostRenderers(String env) {
        RenderResult result = render(env);
        // the pod makers of rancher-monitoring 109 (kube-prometheus-stack 80.9) placed on platform workers through
        // values, spelled out here independently of MonitoringValues.PLACED; node-exporter keeps the chart's own
        // placement (every Linux node); RancherChartsTest renders the charts and checks every pod
        Map<String, List<List<String>>> expected = Map.of(
                "rancher-monitoring", List.of(
                        List.of("prometheus", "prometheusSpec"), List.of("alertmanager", "alertmanagerSpec"),
                        List.of("grafana"), List.of("prometheusOperator"),
                        List.of("prometheusOperator", "admissionWebhooks", "patch"),
                        List.of("prometheusOperator", "admissionWebhooks", "deployment"),
                        List.of("kube-state-metrics"), List.of("prometheus-adapter"),
                        List.of("thanosRuler", "thanosRulerSpec")),
                "rancher-logging", List.of(List.of("fluentd")),
                "rancher-monitoring-crd", List.of(List.of()),
                "custom-monitoring", List.of(List.of()),
                "custom-logging", List.of(List.of()));
        List<String> checked = new ArrayList<>();
        expected.forEach((chart, paths) -> paths.forEach(path -> assertPlaced(values(result, chart), path, chart, checked)));
        assertEquals(9 + 1 + 3, checked.size(), checked.toString());
        assertEquals(expected.get("rancher-monitoring"), MonitoringValues.PLACED);
        assertEquals(expected.get("rancher-logging"), LoggingValues.PLACED);
        Map<String, Object> monitoring = values(result, "rancher-monitoring");
        assertNull(monitoring.get("prometheus-node-exporter"), "node-exporter keeps the chart's every-node placement");
        assertNull(monitoring.get("crds"), "crds.upgradeJob is off in the chart: placing it does nothing");
        assertNull(monitoring.get("upgrade"), "Rancher's pre-upgrade cleanup stays on (chart default)");
        // fluent-bit shares the top level with the operator: every Linux node, tolerating the platform taint
        Map<String, Object> logging = values(result, "rancher-logging");
        assertEquals(Map.of("kubernetes.io/os", "linux"), logging.get("nodeSelector"));
        assertEquals(List.of(TOLERATION), logging.get("tolerations"));
        assertNull(logging.get("fluentbit"), "the chart's own fluentbit tolerations (control-plane, etcd) stay");
        assertNull(values(result, "rancher-logging-crd"), "rancher-logging-crd makes no pods");
        // what values cannot place, the HelmReleases' kustomize post-renderers do
        assertEquals(List.of("Job/rancher-monitoring-patch-sa", "Job/rancher-monitoring-upgrade"),
                patchTargets(release(result, "rancher-monitoring")));
        assertEquals(List.of("Deployment/rancher-logging"), patchTargets(release(result, "rancher-logging")));
        assertNull(at(release(result, "rancher-monitoring-crd"), "spec", "postRenderers"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> patchTargets(Recorded release) {
        List<String> targets = new ArrayList<>();
        for (Map<String, Object> renderer : (List<Map<String, Object>>) at(release, "spec", "postRenderers")) {
            for (Map<String, Object> patch : (List<Map<String, Object>>) at(renderer, "kustomize", "patches")) {
                targets.add(at(patch, "target", "kind") + "/" + at(patch, "target", "name"));
            }
        }
        return targets;
    }

    private static void assertPlaced(Map<String, Object> values, List<String> path, String chart, List<String> checked) {
        Object component = at(values, path.toArray(String[]::new));
        String where = chart + ":" + String.join(".", path);
        assertEquals(NODE_SELECTOR, at(component, "nodeSelector"), where);
        assertEquals(List.of(TOLERATION), at(component, "tolerations"), where);
        checked.add(where);
    }

    @Test
    void customImagesComeFromHarborWithThePullSecret() {
        RenderResult result = render("prod");
        Map<String, Object> logging = values(result, "rancher-logging");
        assertEquals(Map.of("repository", "harbor.example.com/your-org/custom-fluentd", "tag", "1.4.2"),
                at(logging, "images", "fluentd"));
        assertEquals(Map.of("repository", "harbor.example.com/your-org/custom-fluentbit", "tag", "3.1.9"),
                at(logging, "images", "fluentbit"));
        List<Map<String, String>> pullSecret = List.of(Map.of("name", "harbor-registry-secret"));
        // the chart merges the overlays into the whole Logging/FluentbitAgent object, so they go under spec
        assertEquals(pullSecret, at(logging, "loggingOverlay", "spec", "fluentd", "image", "imagePullSecrets"));
        assertEquals(pullSecret, at(logging, "fluentbitAgentOverlay", "spec", "image", "imagePullSecrets"));

        Map<String, Object> monitoring = values(result, "rancher-monitoring");
        assertEquals(pullSecret, at(monitoring, "global", "imagePullSecrets"));
        @SuppressWarnings("unchecked")
        Map<String, Object> plugins = ((List<Map<String, Object>>) at(monitoring, "grafana", "extraInitContainers")).get(0);
        assertEquals("harbor.example.com/your-org/custom-grafana-plugins:1.0.4", plugins.get("image"));
        assertEquals(List.of(Map.of("name", "storage", "mountPath", "/var/lib/grafana")), plugins.get("volumeMounts"));

        Map<String, Object> custom = values(result, "custom-monitoring");
        assertEquals(Map.of("repository", "harbor.example.com/your-org/custom-dashboard-exporter", "tag", "2.3.1"),
                at(custom, "dashboardExporter", "image"));
        assertEquals(pullSecret, custom.get("imagePullSecrets"));
        assertEquals(pullSecret, values(result, "custom-logging").get("imagePullSecrets"));
        assertEquals("prod", custom.get("environment"));
        // the pull secrets the values name exist in the namespaces the charts install into
        result.find(SECRET, "cattle-monitoring-system/harbor-registry-secret");
        result.find(SECRET, "cattle-logging-system/harbor-registry-secret");
    }

    @Test
    void stockImagesAndNoCustomChartsWithoutThoseSettings() {
        RenderResult result = Stacks.render(Stacks.load("dev", Stacks.minimal("dev", 1)));
        assertEquals(4, result.ofType(HELM_RELEASE).size(), "no custom charts without their versions");
        Map<String, Object> logging = values(result, "rancher-logging");
        assertNull(logging.get("images"));
        assertNull(logging.get("loggingOverlay"));
        assertNull(at(values(result, "rancher-monitoring"), "grafana", "extraInitContainers"));
        assertTrue(result.warnings().stream().anyMatch(w -> w.contains("tenant tenant1: no commit statuses")), result.warnings().toString());
        assertTrue(result.ofType(PROVIDER).isEmpty());
        assertTrue(result.ofType(RECEIVER).isEmpty(), "webhooks are off by default");
    }

    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void grafanaGetsAGeneratedPasswordThroughASecret(String env) {
        RenderResult result = render(env);
        Recorded password = result.find(RANDOM_PASSWORD, "grafana-admin-password");
        assertEquals(32L, at(password, "length"));
        assertEquals(env.equals("prod"), password.protect(), "prod keeps its password unless destroy is allowed");
        Recorded secret = result.find(SECRET, "cattle-monitoring-system/grafana-admin-credentials");
        assertInstanceOf(Recorded.SecretValue.class, secret.inputs().get("stringData"));
        String generated = (String) at(secret, "stringData", "admin-password");
        assertEquals(32, generated.length());
        assertFalse(generated.equals("admin123") || generated.equals("prom-operator"));
        assertEquals("admin", at(secret, "stringData", "admin-user"));
        Map<String, Object> grafana = values(result, "rancher-monitoring");
        assertEquals(Map.of("existingSecret", "grafana-admin-credentials", "userKey", "admin-user", "passwordKey", "admin-password"),
                at(grafana, "grafana", "admin"));
        assertNull(at(grafana, "grafana", "adminPassword"));
        Recorded release = release(result, "rancher-monitoring");
        assertTrue(release.dependencies().contains(secret.urn()), "the Secret exists before Grafana starts");
        assertSecretNowhereInPlainText(result, generated);
    }

    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void commitStatusesAreKeyedByEnvironment(String env) {
        RenderResult result = render(env);
        // the shared token never leaves flux-system: tenant2 (no token of its own) gets no Provider or Secret at home
        assertTrue(result.ofType(SECRET).stream().noneMatch(r -> r.name().equals("tenant2/gitlab-status-tenant2")),
                "the shared gitlab.statusToken is not copied into a tenant namespace");
        assertTrue(result.ofType(PROVIDER).stream().noneMatch(r -> r.name().startsWith("tenant2/")));
        for (String tenant : List.of("tenant1", "tenant2")) {
            for (String ns : tenant.equals("tenant1") ? List.of("flux-system", tenant) : List.of("flux-system")) {
                Recorded provider = result.find(PROVIDER, ns + "/" + tenant + "-" + env + "-commit-status");
                Recorded alert = result.find(ALERT, ns + "/" + tenant + "-" + env + "-commit-status");
                assertEquals("gitlab", at(provider, "spec", "type"));
                assertEquals("https://gitlab.example.com/your-org/" + tenant + "-gitops", at(provider, "spec", "address"));
                assertEquals("'flux/" + env + "/' + event.involvedObject.kind + '/' + event.involvedObject.name",
                        at(provider, "spec", "commitStatusExpr"));
                assertEquals(Map.of("name", "gitlab-status-" + tenant), at(provider, "spec", "secretRef"));
                assertEquals(ns, at(provider, "metadata", "namespace"));
                Recorded token = result.find(SECRET, ns + "/gitlab-status-" + tenant);
                assertInstanceOf(Recorded.SecretValue.class, token.inputs().get("stringData"));
                assertEquals(ns.equals("flux-system") ? Stacks.STATUS_TOKEN : Stacks.TENANT1_STATUS_TOKEN,
                        at(token, "stringData", "token"), "the platform posts with the shared token, a tenant with its own");
                assertEquals(Map.of("name", tenant + "-" + env + "-commit-status"), at(alert, "spec", "providerRef"));
                assertEquals("info", at(alert, "spec", "eventSeverity"), "successes are statuses too");
                assertEquals(Map.of("environment", env), at(alert, "spec", "eventMetadata"));
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> sources = (List<Map<String, Object>>) at(alert, "spec", "eventSources");
                assertTrue(sources.stream().noneMatch(s -> s.containsKey("namespace")), "events of its own namespace only");
                List<String> expected = ns.equals("flux-system")
                        ? List.of("Kustomization/" + tenant + "-" + env + "-cluster", "Kustomization/" + tenant + "-" + env + "-shared")
                        : List.of("Kustomization/*", "HelmRelease/*");
                assertEquals(expected, sources.stream().map(s -> s.get("kind") + "/" + s.get("name")).toList());
            }
        }
    }

    @Test
    void environmentsNeverShareAStatusKey() {
        List<Object> expressions = new ArrayList<>();
        for (String env : List.of("dev", "preprod", "prod")) {
            expressions.add(at(render(env).find(PROVIDER, "tenant1/tenant1-" + env + "-commit-status"), "spec", "commitStatusExpr"));
        }
        assertEquals(3, expressions.stream().distinct().count(), expressions.toString());
    }

    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void webhooksReachEachGitRepositoryThroughItsOwnReceiver(String env) {
        RenderResult result = render(env);
        // the flux2 chart's own Ingress to its webhook-receiver Service, rendered by Helm from the stack's values
        @SuppressWarnings("unchecked")
        Map<String, Object> fluxValues = (Map<String, Object>) at(result.find(RenderResult.HELM_RELEASE_TYPE, "flux"), "values");
        Map<String, Object> ingress = FluxChart.render("flux", "flux-system", fluxValues).get("Ingress", "webhook-receiver");
        @SuppressWarnings("unchecked")
        Map<String, Object> rule = ((List<Map<String, Object>>) at(ingress, "spec", "rules")).get(0);
        assertEquals("flux-webhook." + env + ".example.com", rule.get("host"));
        assertEquals(List.of(Map.of("path", "/hook/", "pathType", "Prefix", "backend",
                Map.of("service", Map.of("name", "webhook-receiver", "port", Map.of("number", 80))))), at(rule, "http", "paths"));
        assertEquals("flux-system", at(ingress, "metadata", "namespace"));
        for (String tenant : List.of("tenant1", "tenant2")) {
            Recorded token = result.find(RANDOM_PASSWORD, "webhook-token-" + tenant);
            assertEquals(false, at(token, "special"));
            String tokenValue = null;
            for (String ns : List.of("flux-system", tenant)) {
                String name = tenant + "-" + env + "-gitlab-push";
                Recorded receiver = result.find(RECEIVER, ns + "/" + name);
                assertEquals("gitlab", at(receiver, "spec", "type"));
                assertEquals(List.of("Push Hook"), at(receiver, "spec", "events"));
                assertEquals(List.of(Map.of("apiVersion", "source.toolkit.fluxcd.io/v1", "kind", "GitRepository",
                        "name", tenant + "-" + env)), at(receiver, "spec", "resources"), "its own namespace's source");
                Recorded secret = result.find(SECRET, ns + "/gitlab-webhook-" + tenant);
                assertInstanceOf(Recorded.SecretValue.class, secret.inputs().get("stringData"));
                tokenValue = (String) at(secret, "stringData", "token");
                assertEquals(40, tokenValue.length());

                Recorded hook = result.find(PROJECT_HOOK, ns + "/" + name);
                assertEquals("your-org/" + tenant + "-gitops", at(hook, "project"));
                assertEquals(env, at(hook, "pushEventsBranchFilter"));
                assertEquals(true, at(hook, "pushEvents"));
                assertInstanceOf(Recorded.SecretValue.class, hook.inputs().get("token"));
                assertInstanceOf(Recorded.SecretValue.class, hook.inputs().get("url"));
                assertEquals("https://flux-webhook." + env + ".example.com" + Webhooks.webhookPath(tokenValue, name, ns),
                        at(hook, "url"));
                assertEquals(tokenValue, at(hook, "token"));
                assertEquals(result.find("pulumi:providers:gitlab", "gitlab-" + env).urn(), hook.providerUrn(),
                        "the explicit GitLab provider");
            }
            assertSecretNowhereInPlainText(result, tokenValue);
        }
    }

    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void theCommittedStacksSetEverySharedKey(String env) {
        FluxFleetConfig config = Stacks.committed(env);
        assertTrue(config.infra().customMonitoringChartVersion().isPresent() && config.infra().customLoggingChartVersion().isPresent());
        FluxFleetConfig.Images images = config.infra().images();
        for (var image : List.of(images.customDashboardExporter(), images.customGrafanaPlugins(), images.customFluentd(),
                images.customFluentbit())) {
            assertTrue(image.orElseThrow().pinned(), image.toString());
        }
        assertTrue(config.gitlab().statusToken().isPresent());
        assertTrue(config.webhooks().enabled());
        assertFalse(config.suspend());
        RenderResult result = Stacks.render(config);
        assertEquals(6, result.ofType(HELM_RELEASE).size());
        assertEquals(2, result.ofType(RECEIVER).size());
        assertEquals(2, result.ofType(ALERT).size());
    }

    @Test
    void theWebhookPathIsComputedAsFluxDoes() {
        // sha256("abc123" + "tenant1-dev-gitlab-push" + "flux-system"), computed independently
        assertEquals("/hook/ecf114e14c27dc2a8fb77263c8d2e8c9ecc594dcf9407811b030d251e6b3acc6",
                Webhooks.webhookPath("abc123", "tenant1-dev-gitlab-push", "flux-system"));
    }

    @Test
    void theEmergencyFreezeSuspendsEveryKustomizationAndHelmRelease() {
        ObjectNode frozen = config("prod");
        frozen.put("suspend", true);
        RenderResult result = Stacks.render(Stacks.load("prod", frozen));
        List<Recorded> reconcilers = new ArrayList<>(result.ofType(KUSTOMIZATION));
        reconcilers.addAll(result.ofType(HELM_RELEASE));
        assertEquals(6 + 6, reconcilers.size());
        for (Recorded r : reconcilers) {
            assertEquals(true, at(r, "spec", "suspend"), r.name());
        }
        for (Recorded r : render("prod").ofType(KUSTOMIZATION)) {
            assertNull(at(r, "spec", "suspend"), r.name() + " is not suspended without the freeze");
        }
        for (Recorded r : render("prod").ofType(HELM_RELEASE)) {
            assertNull(at(r, "spec", "suspend"), r.name() + " is not suspended without the freeze");
        }
    }

    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void noTokenOrPasswordIsEverPlain(String env) {
        RenderResult result = render(env);
        for (Recorded r : result.resources()) {
            assertNoPlain(r.type() + " " + r.name(), r.inputs(), List.of(Stacks.STATUS_TOKEN, Stacks.TENANT1_STATUS_TOKEN,
                    Stacks.GIT_PASSWORD, Stacks.HARBOR_PASSWORD));
        }
    }

    /** A value the test revealed from one secret appears in no input of any resource except inside a secret. */
    static void assertSecretNowhereInPlainText(RenderResult result, String value) {
        for (Recorded r : result.resources()) {
            assertNoPlain(r.type() + " " + r.name(), r.inputs(), List.of(value));
        }
    }

    private static void assertNoPlain(String where, Object value, List<String> secrets) {
        if (value instanceof Recorded.SecretValue) {
            return;
        }
        if (value instanceof Map<?, ?> m) {
            m.values().forEach(v -> assertNoPlain(where, v, secrets));
        } else if (value instanceof List<?> l) {
            l.forEach(v -> assertNoPlain(where, v, secrets));
        } else if (value instanceof String s) {
            secrets.forEach(secret -> assertFalse(s.contains(secret), where + " holds a secret in plain text"));
        }
    }
}
