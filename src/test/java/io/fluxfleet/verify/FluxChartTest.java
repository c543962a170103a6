package io.fluxfleet.verify;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The flux2 chart rendered the way a stack configures it: every component on the platform-worker nodes,
 * multi-tenancy lockdown on, CRD migration and source-watcher switched on, network policies on.
 */
class FluxChartTest {
    static final Map<String, String> NODE_SELECTOR = Map.of("node-role.com/platform-worker", "true");
    static final Map<String, Object> TOLERATION = Map.of(
            "key", "node-role.com/platform-worker", "operator", "Equal", "value", "true", "effect", "NoExecute");
    static final PodPlacementValidator ON_PLATFORM_WORKERS = new PodPlacementValidator(NODE_SELECTOR,
            List.of(new PodPlacementValidator.Taint("node-role.com/platform-worker", "true", "NoExecute")));

    /** The pod-owning components of the chart, by values key. */
    static final List<String> COMPONENTS = List.of("helmController", "sourceController", "kustomizeController",
            "notificationController", "imageAutomationController", "imageReflectionController", "sourceWatcher", "cli");

    private static FluxChart chart;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void render() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String component : COMPONENTS) {
            values.put(component, new LinkedHashMap<>(placement()));
        }
        ((Map<String, Object>) values.get("sourceWatcher")).put("create", true);
        ((Map<String, Object>) values.get("kustomizeController"))
                .put("container", Map.of("additionalArgs", List.of("--no-remote-bases=true")));
        Map<String, Object> migration = new LinkedHashMap<>(placement());
        migration.put("enabled", true);
        values.put("crds", Map.of("migration", migration));
        values.put("multitenancy", Map.of("enabled", true));
        values.put("policies", Map.of("create", true));
        chart = FluxChart.render(values);
    }

    private static Map<String, Object> placement() {
        return Map.of("nodeSelector", NODE_SELECTOR, "tolerations", List.of(TOLERATION));
    }

    @AfterAll
    static void reportRenderTime() {
        System.out.println("flux2 " + FluxChart.CHART_VERSION + " rendered in " + chart.renderTime().toMillis() + " ms");
    }

    @Test
    void rendersSevenControllersAndBothHookJobs() {
        assertEquals(Set.of("Deployment helm-controller", "Deployment source-controller", "Deployment kustomize-controller",
                        "Deployment notification-controller", "Deployment image-automation-controller",
                        "Deployment image-reflector-controller", "Deployment source-watcher",
                        "Job flux2-flux-check", "Job flux2-flux-migrate"),
                chart.podSpecs().stream().map(p -> p.kind() + " " + p.name()).collect(Collectors.toSet()));
        assertEquals(Set.of("flux2-flux-check", "flux2-flux-migrate"),
                chart.podSpecs().stream().filter(FluxChart.PodTemplate::isHook).map(FluxChart.PodTemplate::name)
                        .collect(Collectors.toSet()));
        assertEquals("pre-upgrade", KubeObjects.at(chart.get("Job", "flux2-flux-migrate"), "metadata.annotations")
                instanceof Map<?, ?> a ? a.get("helm.sh/hook") : null);
    }

    @Test
    void everyPodRunsOnPlatformWorkers() {
        ON_PLATFORM_WORKERS.assertAllValid(chart.objects());
        for (FluxChart.PodTemplate pod : chart.podSpecs()) {
            assertEquals(NODE_SELECTOR, pod.podSpec().get("nodeSelector"), pod.describe());
            assertEquals(List.of(TOLERATION), pod.podSpec().get("tolerations"), pod.describe());
        }
    }

    @Test
    void aPodWithoutThePlatformWorkerTolerationIsRejected() {
        Map<String, Object> deployment = KubeObjects.deepCopy(chart.get("Deployment", "kustomize-controller"));
        Mutation.remove("spec.template.spec.tolerations").change().accept(deployment);
        assertEquals(List.of("Deployment flux-system/kustomize-controller: spec.template.spec.tolerations: no toleration "
                        + "for taint node-role.com/platform-worker=true:NoExecute, but every pod must tolerate it (e.g. "
                        + "{key: node-role.com/platform-worker, operator: Equal, value: \"true\", effect: NoExecute}); has []"),
                ON_PLATFORM_WORKERS.validate(deployment));
    }

    @Test
    void aHookJobWithTheWrongTolerationOrNoNodeSelectorIsRejected() {
        Map<String, Object> job = KubeObjects.deepCopy(chart.get("Job", "flux2-flux-migrate"));
        Mutation.set("spec.template.spec.tolerations", List.of(Map.of("key", "node-role.com/platform-worker",
                "operator", "Equal", "value", "true", "effect", "NoSchedule"))).change().accept(job);
        Mutation.remove("spec.template.spec.nodeSelector").change().accept(job);
        String all = String.join("\n", ON_PLATFORM_WORKERS.validate(job));
        assertTrue(all.contains("Job flux-system/flux2-flux-migrate: spec.template.spec.nodeSelector[\"node-role.com/platform-worker\"]: "
                + "missing, but every pod must select nodes with node-role.com/platform-worker=\"true\""), all);
        assertTrue(all.contains("Job flux-system/flux2-flux-migrate: spec.template.spec.tolerations: no toleration for taint"), all);
    }

    @Test
    void aWiderTolerationStillCountsAsTolerating() {
        Map<String, Object> job = KubeObjects.deepCopy(chart.get("Job", "flux2-flux-check"));
        Mutation.set("spec.template.spec.tolerations", List.of(Map.of("key", "node-role.com/platform-worker",
                "operator", "Exists"))).change().accept(job);
        assertEquals(List.of(), ON_PLATFORM_WORKERS.validate(job));
    }

    @ParameterizedTest
    @ValueSource(strings = {"kustomize-controller", "helm-controller"})
    void multitenancyLocksDownTheReconcilers(String controller) {
        assertEquals(List.of(), chart.missingArgs(controller, "--no-cross-namespace-refs=true", "--default-service-account=default"));
        assertEquals(Optional.of("default"), chart.argValue(controller, "--default-service-account"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"notification-controller", "image-automation-controller", "image-reflector-controller"})
    void multitenancyForbidsCrossNamespaceRefsInTheOtherControllers(String controller) {
        assertTrue(chart.args(controller).contains("--no-cross-namespace-refs=true"), controller + ": " + chart.args(controller));
    }

    @Test
    void noRemoteBasesReachesOnlyTheKustomizeController() {
        assertEquals(List.of(), chart.missingArgs("kustomize-controller", "--no-remote-bases=true"));
        for (FluxChart.PodTemplate pod : chart.podSpecs()) {
            if (!pod.name().equals("kustomize-controller")) {
                assertFalse(pod.args().contains("--no-remote-bases=true"), pod.describe());
            }
        }
    }

    @Test
    void policiesGiveTheThreeNetworkPoliciesAndTheyAreValid() {
        assertEquals(List.of("allow-egress", "allow-scraping", "allow-webhooks"),
                chart.networkPolicies().stream().map(p -> KubeObjects.at(p, "metadata.name")).sorted().toList());
        KubeSchemaValidator.kubernetes().assertAllValid(chart.networkPolicies());
    }

    @Test
    void theChartObjectsThatHaveASchemaPassTheKubernetesValidator() {
        KubeSchemaValidator kube = KubeSchemaValidator.kubernetes();
        List<Map<String, Object>> checkable = chart.objects().stream()
                .filter(o -> kube.hasSchema((String) o.get("apiVersion"), (String) o.get("kind"))).toList();
        assertEquals(Set.of("NetworkPolicy", "ServiceAccount", "ClusterRoleBinding"),
                checkable.stream().map(o -> o.get("kind")).collect(Collectors.toSet()));
        kube.assertAllValid(checkable);
    }

    @Test
    void theChartInstallsCrdsThatServeEveryVersionFluxfleetWrites() {
        CrdSchemaValidator installed = CrdSchemaValidator.of(chart.crds());
        installed.assertAllValid(Samples.fluxObjects());
    }

    @Test
    void withoutExtraValuesTheMigrationJobIsAbsentAndThePreInstallCheckPresent() {
        FluxChart defaults = FluxChart.render(Map.of());
        assertTrue(defaults.find("Job", "flux2-flux-migrate").isEmpty());
        assertTrue(defaults.find("Job", "flux2-flux-check").isPresent());
        assertTrue(defaults.find("Deployment", "source-watcher").isEmpty());
        assertEquals(List.of("Deployment flux-system/kustomize-controller: spec.template.spec.containers[*].args: missing "
                        + "--no-cross-namespace-refs=true; has " + defaults.args("kustomize-controller")),
                defaults.missingArgs("kustomize-controller", "--no-cross-namespace-refs=true"));
    }

    @Test
    void chartVersionConstantMatchesTheChartFile() {
        Map<String, Object> chartYaml = Fixtures.yamlDocuments(FluxChart.chartDirectory().resolve("Chart.yaml")).get(0);
        assertEquals(FluxChart.CHART_VERSION, chartYaml.get("version"));
        assertEquals("2.8.5", chartYaml.get("appVersion"));
    }
}
