package io.fluxfleet.infra;

import io.fluxfleet.verify.KubeObjects;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Each of the five fixes undone in turn on the HelmRelease specs a stack emits (as the values were before),
 * then the charts rendered again: the check for that defect must fail, so the suite would catch the regression. The
 * unbroken stack passes every check ({@link RancherChartsTest}).
 */
class RancherChartsMutationTest {
    private static final Map<String, Object> PLATFORM_SELECTOR = Map.of("node-role.com/platform-worker", "true");
    private static final Map<String, Object> PLATFORM_TOLERATION = Map.of("key", "node-role.com/platform-worker",
            "operator", "Equal", "value", "true", "effect", "NoExecute");

    record Breakage(String defect, String env, Consumer<Map<String, Map<String, Object>>> change,
                    Function<RancherCharts.Stack, List<String>> check) {
        @Override
        public String toString() {
            return defect + " (" + env + ")";
        }
    }

    static Stream<Arguments> breakages() {
        List<Breakage> all = new ArrayList<>();
        // 1. the logging overlays at the object's top level instead of under spec
        all.add(new Breakage("1 overlays outside spec: CRD schema", "prod", specs -> {
            Map<String, Object> values = values(specs, "rancher-logging");
            values.put("loggingOverlay", at(values, "loggingOverlay.spec"));
            values.put("fluentbitAgentOverlay", at(values, "fluentbitAgentOverlay.spec"));
        }, RancherCharts::customResourcesValid));
        all.add(new Breakage("1 overlays outside spec: pull secret", "prod", specs -> {
            Map<String, Object> values = values(specs, "rancher-logging");
            values.put("loggingOverlay", at(values, "loggingOverlay.spec"));
        }, RancherCharts::pullSecretsReachCustomImages));
        // 2. collectors on platform workers only
        for (String env : List.of("dev", "preprod", "prod")) {
            all.add(new Breakage("2 node-exporter on platform workers", env, specs ->
                    values(specs, "rancher-monitoring").put("prometheus-node-exporter",
                            new LinkedHashMap<>(Map.of("nodeSelector", PLATFORM_SELECTOR, "tolerations", List.of(PLATFORM_TOLERATION)))),
                    RancherCharts::podsPlaced));
            all.add(new Breakage("2 fluent-bit on platform workers", env, specs ->
                    values(specs, "rancher-logging").put("nodeSelector", PLATFORM_SELECTOR), RancherCharts::podsPlaced));
        }
        // 3. Grafana's ServiceMonitor back to the chart's empty interval and 30s timeout
        for (String env : List.of("preprod", "prod")) {
            all.add(new Breakage("3 Grafana scrape timeout above the interval", env, specs -> {
                Map<String, Object> monitor = (Map<String, Object>) at(values(specs, "rancher-monitoring"), "grafana.serviceMonitor");
                monitor.remove("interval");
                monitor.remove("scrapeTimeout");
            }, RancherCharts::scrapeTimeoutsWithinIntervals));
        }
        // 4. no Rancher integration values
        for (String env : List.of("dev", "preprod", "prod")) {
            all.add(new Breakage("4 no global.cattle values", env, specs -> {
                Map<String, Object> global = (Map<String, Object>) at(values(specs, "rancher-monitoring"), "global");
                global.remove("cattle");
                global.remove("systemDefaultRegistry");
            }, RancherCharts::rancherIntegration));
        }
        // 5. keys that do nothing, duplicated tolerations, and the unplaced patch-sa Job
        all.add(new Breakage("5 fluentbit.nodeSelector", "prod", specs ->
                ((Map<String, Object>) values(specs, "rancher-logging").computeIfAbsent("fluentbit", k -> new LinkedHashMap<>()))
                        .put("nodeSelector", PLATFORM_SELECTOR), RancherCharts::noKeysThatDoNothing));
        all.add(new Breakage("5 crds CreateReplace on a -crd chart", "prod", specs -> {
            Map<String, Object> spec = specs.get("rancher-monitoring-crd");
            spec.put("install", new LinkedHashMap<>(Map.of("crds", "CreateReplace")));
            spec.put("upgrade", new LinkedHashMap<>(Map.of("crds", "CreateReplace")));
        }, RancherCharts::noKeysThatDoNothing));
        all.add(new Breakage("5 placement on rancher-logging-crd", "prod", specs ->
                specs.get("rancher-logging-crd").put("values",
                        new LinkedHashMap<>(Map.of("nodeSelector", PLATFORM_SELECTOR, "tolerations", List.of(PLATFORM_TOLERATION)))),
                RancherCharts::noKeysThatDoNothing));
        all.add(new Breakage("5 fluent-bit tolerations twice", "prod", specs ->
                ((Map<String, Object>) values(specs, "rancher-logging").computeIfAbsent("fluentbit", k -> new LinkedHashMap<>()))
                        .put("tolerations", List.of(PLATFORM_TOLERATION)), RancherCharts::podsPlaced));
        all.add(new Breakage("5 patch-sa Job without its post-renderer", "prod", specs ->
                specs.get("rancher-monitoring").remove("postRenderers"), RancherCharts::podsPlaced));
        all.add(new Breakage("5 logging operator without its post-renderer", "prod", specs ->
                specs.get("rancher-logging").remove("postRenderers"), RancherCharts::podsPlaced));
        // issue 22: the hook Jobs' pull secret (global.imagePullSecrets does not reach them)
        all.add(new Breakage("22 hook Jobs without their post-renderer's pull secret", "prod", specs -> {
            List<Map<String, Object>> patches = (List<Map<String, Object>>) at(
                    ((List<Map<String, Object>>) specs.get("rancher-monitoring").get("postRenderers")).get(0), "kustomize.patches");
            var yaml = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
            patches.forEach(p -> {
                try {
                    Map<String, Object> patch = yaml.readValue(String.valueOf(p.get("patch")), Map.class);
                    ((Map<String, Object>) at(patch, "spec.template.spec")).remove("imagePullSecrets");
                    p.put("patch", yaml.writeValueAsString(patch));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }, RancherCharts::jobsPullThroughHarbor));
        return all.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breakages")
    void undoingAFixFailsItsCheck(Breakage breakage) {
        RancherCharts.Stack intact = RancherChartsTest.stack(breakage.env());
        assertEquals(List.of(), breakage.check().apply(intact), "the unbroken stack passes");
        RancherCharts.Stack broken = RancherCharts.render(breakage.env(), specs -> {
            breakage.change().accept(specs);
            return specs;
        });
        assertFalse(breakage.check().apply(broken).isEmpty(), breakage + " went unnoticed");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> values(Map<String, Map<String, Object>> specs, String release) {
        return (Map<String, Object>) specs.get(release).get("values");
    }

    static Object at(Map<String, Object> tree, String path) {
        return KubeObjects.at(tree, path);
    }
}
