package io.fluxfleet.infra;

import io.fluxfleet.verify.KubeObjects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real Rancher chart packages rendered by Helm with each stack's HelmRelease values and post-renderers
 * ({@link RancherCharts}), for every environment profile: what the cluster would actually get.
 */
class RancherChartsTest {
    private static final Map<String, RancherCharts.Stack> STACKS = new ConcurrentHashMap<>();

    static RancherCharts.Stack stack(String env) {
        return STACKS.computeIfAbsent(env, RancherCharts::render);
    }

    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void customResourcesAreValidAgainstTheCrdChartsSchemas(String env) {
        assertEquals(List.of(), RancherCharts.customResourcesValid(stack(env)));
    }

    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void harborsPullSecretReachesFluentdAndFluentBit(String env) {
        assertEquals(List.of(), RancherCharts.pullSecretsReachCustomImages(stack(env)));
    }

    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void theChartsHookJobsPullThroughHarbor(String env) {
        RancherCharts.Stack stack = stack(env);
        assertEquals(List.of(), RancherCharts.jobsPullThroughHarbor(stack));
        List<String> jobs = stack.get("rancher-monitoring").objects().stream().filter(o -> "Job".equals(o.get("kind")))
                .map(KubeObjects::describe).toList();
        assertTrue(jobs.contains("Job cattle-monitoring-system/rancher-monitoring-upgrade"), jobs.toString());
        assertTrue(jobs.contains("Job cattle-monitoring-system/rancher-monitoring-patch-sa"), jobs.toString());
    }

    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void collectorsOnEveryLinuxNodeEverythingElseOnPlatformWorkers(String env) {
        RancherCharts.Stack stack = stack(env);
        assertEquals(List.of(), RancherCharts.podsPlaced(stack));
        List<String> pods = RancherCharts.pods(stack).stream().map(RancherCharts.Pod::describe).toList();
        // the Jobs placed only by the HelmRelease's post-renderer are among the pods checked
        assertTrue(pods.contains("Job cattle-monitoring-system/rancher-monitoring-patch-sa"), pods.toString());
        assertTrue(pods.contains("Job cattle-monitoring-system/rancher-monitoring-upgrade"), pods.toString());
        assertTrue(pods.contains("Deployment cattle-logging-system/rancher-logging"), pods.toString());
    }

    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void everyMonitorsScrapeTimeoutIsWithinItsInterval(String env) {
        assertEquals(List.of(), RancherCharts.scrapeTimeoutsWithinIntervals(stack(env)));
    }

    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void rancherProxyPathsAndClusterLabelsCarryTheClusterIdentity(String env) {
        assertEquals(List.of(), RancherCharts.rancherIntegration(stack(env)));
    }

    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void everyValuesKeyExistsInTheChart(String env) {
        assertEquals(List.of(), RancherCharts.noKeysThatDoNothing(stack(env)));
    }

    @Test
    void noCrdsPolicyAndNoOverlaysOutsideSpec() {
        RancherCharts.Stack stack = stack("prod");
        for (String chart : List.of("rancher-monitoring-crd", "rancher-logging-crd")) {
            assertTrue(stack.get(chart).objects().size() > 0);
        }
        Map<String, Object> logging = stack.get("rancher-logging").values();
        assertEquals(List.of("spec"), List.copyOf(((Map<?, ?>) logging.get("loggingOverlay")).keySet().stream().map(String::valueOf).toList()));
        assertEquals(List.of("spec"), List.copyOf(((Map<?, ?>) logging.get("fluentbitAgentOverlay")).keySet().stream().map(String::valueOf).toList()));
        assertNull(((Map<?, ?>) logging.getOrDefault("fluentbit", Map.of())).get("nodeSelector"));
        assertNull(((Map<?, ?>) stack.get("rancher-monitoring").values().getOrDefault("upgrade", Map.of())).get("enabled"),
                "Rancher's pre-upgrade cleanup stays on");
    }

    @Test
    void durationsAndTheGrafanaTimeout() {
        assertEquals(10.0, Durations.seconds("10s"));
        assertEquals(90.0, Durations.seconds("1m30s"));
        assertEquals(0.5, Durations.seconds("500ms"));
        assertEquals("10s", MonitoringValues.scrapeTimeout("30s"));
        assertEquals("10s", MonitoringValues.scrapeTimeout("10s"));
        assertEquals("5s", MonitoringValues.scrapeTimeout("5s"));
    }
}
