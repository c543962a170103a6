package io.fluxfleet.flux;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fluxfleet.config.ConfigException;
import io.fluxfleet.render.Recorded;
import io.fluxfleet.render.RenderResult;
import io.fluxfleet.testing.Stacks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code pulumi up} waits for, on the rendered stacks: every await annotation parses under the provider's rules
 * ({@link WaitForRules}) as "condition Ready is True" with a positive timeout, and exactly the intended objects carry
 * one.
 */
class ReadinessTest {

    @SuppressWarnings("unchecked")
    static Map<String, String> annotations(Recorded r) {
        Map<String, Object> metadata = (Map<String, Object>) RenderResult.reveal(r.inputs().get("metadata"));
        Object annotations = metadata == null ? null : metadata.get("annotations");
        return annotations == null ? Map.of() : (Map<String, String>) annotations;
    }

    @SuppressWarnings("unchecked")
    static String id(Recorded r) {
        Map<String, Object> metadata = (Map<String, Object>) RenderResult.reveal(r.inputs().get("metadata"));
        return r.inputs().get("kind") + " " + metadata.get("namespace") + "/" + metadata.get("name");
    }

    /** Every awaited object of a render, after checking each annotation parses as intended. */
    static Set<String> awaited(RenderResult render, long timeoutSeconds) {
        Set<String> awaited = new TreeSet<>();
        for (Recorded r : render.kubernetesObjects()) {
            Map<String, String> annotations = annotations(r);
            annotations.keySet().stream().filter(k -> k.startsWith("pulumi.com/"))
                    .forEach(k -> assertTrue(Set.of(Readiness.WAIT_FOR, Readiness.TIMEOUT_SECONDS).contains(k), k));
            if (!annotations.containsKey(Readiness.WAIT_FOR)) {
                assertFalse(annotations.containsKey(Readiness.TIMEOUT_SECONDS), id(r));
                continue;
            }
            assertEquals(List.of(new WaitForRules.Expression("condition", "Ready", "True")),
                    WaitForRules.parseWaitFor(annotations.get(Readiness.WAIT_FOR)), id(r));
            long timeout = WaitForRules.timeoutSeconds(annotations.get(Readiness.TIMEOUT_SECONDS)).orElseThrow();
            assertEquals(timeoutSeconds, timeout, id(r));
            awaited.add(id(r));
        }
        return awaited;
    }

    @SuppressWarnings("unchecked")
    static List<String> output(RenderResult render) {
        return (List<String>) io.fluxfleet.testing.Outputs.value(render.outputs().get("awaited"));
    }

    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void committedStacksAwaitThePlatformOnly(String env) {
        var config = Stacks.committed(env);
        RenderResult render = Stacks.render(config);
        long timeout = io.fluxfleet.config.Validators.seconds(config.environment().awaitTimeout());
        Set<String> awaited = awaited(render, timeout);
        Set<String> expected = new TreeSet<>(List.of(
                "HelmRepository flux-system/rancher-charts", "HelmRepository flux-system/prometheus-community",
                "HelmRelease flux-system/rancher-monitoring-crd", "HelmRelease flux-system/rancher-monitoring",
                "HelmRelease flux-system/rancher-logging-crd", "HelmRelease flux-system/rancher-logging"));
        config.infra().customMonitoringChartVersion().ifPresent(v -> expected.add("HelmRelease flux-system/custom-monitoring"));
        config.infra().customLoggingChartVersion().ifPresent(v -> expected.add("HelmRelease flux-system/custom-logging"));
        // the committed stacks read the cluster-admin layers from the platform project (layers.source: platform)
        expected.add("GitRepository flux-system/platform-" + env);
        for (var tenant : config.tenants()) {
            String t = tenant.name();
            expected.add("GitRepository " + t + "/" + t + "-" + env);
            expected.add("Kustomization flux-system/" + t + "-" + env + "-cluster");
            expected.add("Kustomization flux-system/" + t + "-" + env + "-shared");
        }
        assertEquals(expected, awaited);
        assertEquals(new ArrayList<>(expected), output(render));
        assertEquals((int) timeout, io.fluxfleet.testing.Outputs.value(render.outputs().get("awaitTimeoutSeconds")));
    }

    @Test
    void theOciHelmRepositoryIsNeverAwaited() {
        // static since source-controller v1.2 (fluxcd/source-controller#1243): no Ready condition ever appears
        RenderResult render = Stacks.render(Stacks.load("dev", Stacks.minimal("dev", 1)));
        Recorded harbor = render.kubernetesObjects().stream()
                .filter(r -> id(r).equals("HelmRepository flux-system/harbor-charts")).findFirst().orElseThrow();
        assertEquals(Map.of(), annotations(harbor));
    }

    @Test
    void tenantAppsBlockOnlyWhenSwitchedOn() {
        ObjectNode config = Stacks.minimal("prod", 2);
        config.putObject("await").put("tenantApps", true);
        Set<String> awaited = awaited(Stacks.render(Stacks.load("prod", config)), 30 * 60);
        assertTrue(awaited.contains("Kustomization tenant1/tenant1-prod-apps"), awaited.toString());
        assertTrue(awaited.contains("Kustomization tenant2/tenant2-prod-apps"), awaited.toString());
        Set<String> byDefault = awaited(Stacks.render(Stacks.load("prod", Stacks.minimal("prod", 2))), 30 * 60);
        assertTrue(byDefault.stream().noneMatch(a -> a.endsWith("-apps")), byDefault.toString());
    }

    @Test
    void aFrozenStackAwaitsOnlyItsSources() {
        // a suspended object is never reconciled: its observedGeneration would never catch up and the wait time out
        ObjectNode config = Stacks.minimal("dev", 1);
        config.put("suspend", true);
        config.putObject("await").put("tenantApps", true);
        Set<String> awaited = awaited(Stacks.render(Stacks.load("dev", config)), 20 * 60);
        assertEquals(Set.of("GitRepository flux-system/tenant1-dev", "GitRepository tenant1/tenant1-dev",
                "HelmRepository flux-system/prometheus-community", "HelmRepository flux-system/rancher-charts"), awaited);
    }

    @Test
    void awaitOffRendersNoAnnotationAndTheTimeoutIsOverridable() {
        ObjectNode off = Stacks.minimal("dev", 1);
        off.putObject("await").put("enabled", false);
        assertEquals(Set.of(), awaited(Stacks.render(Stacks.load("dev", off)), 0));
        ObjectNode longer = Stacks.minimal("dev", 1);
        longer.putObject("await").put("timeout", "1h30m");
        assertFalse(awaited(Stacks.render(Stacks.load("dev", longer)), 5400).isEmpty());
    }

    @Test
    void badAwaitConfigIsReportedAllAtOnceNamingTheKeys() {
        ObjectNode config = Stacks.minimal("dev", 1);
        config.putObject("infra").put("timeout", "40m");
        ObjectNode await = config.putObject("await");
        await.put("enabled", false);
        await.put("tenantApps", true);
        await.put("timeout", "30m");
        await.put("tenantapps", true);
        ConfigException e = assertThrows(ConfigException.class, () -> Stacks.load("dev", config));
        String message = e.getMessage();
        assertTrue(message.contains("fluxfleet:await.timeout: '30m' is shorter than fluxfleet:infra.timeout (40m)"), message);
        assertTrue(message.contains("fluxfleet:await.tenantApps: is true while fluxfleet:await.enabled is false"), message);
        assertTrue(message.contains("await.tenantapps"), message);
        ObjectNode zero = Stacks.minimal("dev", 1);
        zero.putObject("await").put("timeout", "0s");
        assertTrue(assertThrows(ConfigException.class, () -> Stacks.load("dev", zero)).getMessage()
                .contains("fluxfleet:await.timeout: '0s' is zero"));
    }
}
