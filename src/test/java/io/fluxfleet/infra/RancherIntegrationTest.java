package io.fluxfleet.infra;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fluxfleet.config.ConfigException;
import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.config.Validators;
import io.fluxfleet.render.RenderResult;
import io.fluxfleet.testing.Stacks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code infra.rancher}: its validation, the values it renders into both charts, and the render's warnings. */
class RancherIntegrationTest {
    static ObjectNode withRancher(ObjectNode config) {
        ObjectNode infra = config.has("infra") ? (ObjectNode) config.get("infra") : config.putObject("infra");
        infra.putObject("rancher").put("enabled", true).put("clusterId", "c-m-7x2kq9dv")
                .put("clusterName", "platform-dev").put("url", "https://rancher.example.com");
        return config;
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                bad("enabled without any cluster identity", c -> c.putObject("infra").putObject("rancher").put("enabled", true),
                        Set.of("clusterId", "clusterName", "url")),
                bad("enabled without the cluster id", c -> rancher(withRancher(c)).remove("clusterId"), Set.of("clusterId")),
                bad("a display name as cluster id", c -> rancher(withRancher(c)).put("clusterId", "Platform Dev"), Set.of("clusterId")),
                bad("a cluster id with the wrong length", c -> rancher(withRancher(c)).put("clusterId", "c-m-123"), Set.of("clusterId")),
                bad("a cluster name with spaces", c -> rancher(withRancher(c)).put("clusterName", "platform dev"), Set.of("clusterName")),
                bad("an http URL", c -> rancher(withRancher(c)).put("url", "http://rancher.example.com"), Set.of("url")),
                bad("a URL with a trailing slash", c -> rancher(withRancher(c)).put("url", "https://rancher.example.com/"), Set.of("url")),
                bad("a registry with a scheme", c -> rancher(withRancher(c)).put("systemDefaultRegistry", "https://r.example.com"),
                        Set.of("systemDefaultRegistry")),
                bad("a misspelt key", c -> rancher(withRancher(c)).put("clusterID", "c-m-7x2kq9dv"), Set.of("clusterID")));
    }

    private static Arguments bad(String description, Consumer<ObjectNode> breakIt, Set<String> keys) {
        return Arguments.of(description, breakIt, keys);
    }

    private static ObjectNode rancher(ObjectNode config) {
        return (ObjectNode) config.get("infra").get("rancher");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigs")
    void badIntegrationSettingsAreRefusedTogether(String description, Consumer<ObjectNode> breakIt, Set<String> keys) {
        ObjectNode config = Stacks.minimal("dev", 1);
        breakIt.accept(config);
        ConfigException e = assertThrows(ConfigException.class, () -> Stacks.load("dev", config));
        Set<String> reported = e.problems().stream().map(p -> p.key()).collect(Collectors.toSet());
        for (String key : keys) {
            assertTrue(reported.contains("fluxfleet:infra.rancher." + key), description + ": " + e.problems());
        }
        assertEquals(keys.size(), e.problems().size(), "every problem at once, and only those: " + e.problems());
        assertTrue(e.getMessage().contains("pulumi config set"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "c-7x2kq", "c-m-7x2kq9dv"})
    void rancherClusterIdsOfEveryKind(String id) {
        assertEquals(java.util.Optional.empty(), Validators.rancherClusterId(id));
    }

    @Test
    void offByDefaultWithAWarning() {
        FluxFleetConfig config = Stacks.load("dev", Stacks.minimal("dev", 1));
        assertFalse(config.infra().rancher().enabled());
        RenderResult result = Stacks.render(config);
        assertNull(SharedInfrastructureTest.at(SharedInfrastructureTest.values(result, "rancher-monitoring"), "global", "cattle"));
        assertTrue(result.warnings().stream().anyMatch(w -> w.startsWith("infra.rancher.enabled is false")),
                result.warnings().toString());
        // an invalid id is refused even while the integration is off: it would be wrong when turned on
        ObjectNode invalid = Stacks.minimal("dev", 1);
        invalid.putObject("infra").putObject("rancher").put("clusterId", "Platform Dev");
        assertThrows(ConfigException.class, () -> Stacks.load("dev", invalid));
    }

    @Test
    void bothChartsGetRancherValuesAndNoWarning() {
        ObjectNode config = withRancher(Stacks.minimal("dev", 1));
        rancher(config).put("systemDefaultRegistry", "registry.example.com:5000");
        RenderResult result = Stacks.render(Stacks.load("dev", config));
        Map<String, Object> cattle = Map.of("clusterId", "c-m-7x2kq9dv", "clusterName", "platform-dev",
                "url", "https://rancher.example.com", "systemDefaultRegistry", "registry.example.com:5000");
        for (String chart : List.of("rancher-monitoring", "rancher-monitoring-crd", "rancher-logging")) {
            Map<String, Object> values = SharedInfrastructureTest.values(result, chart);
            assertEquals(cattle, SharedInfrastructureTest.at(values, "global", "cattle"), chart);
            assertEquals("registry.example.com:5000", SharedInfrastructureTest.at(values, "global", "systemDefaultRegistry"), chart);
        }
        assertTrue(result.warnings().stream().noneMatch(w -> w.startsWith("infra.rancher")), result.warnings().toString());
    }

    @Test
    void fluxTwoEightWarnsOnlyWhereCommitStatusesAreOn() {
        RenderResult without = Stacks.render(Stacks.load("dev", Stacks.minimal("dev", 1)));
        assertTrue(without.warnings().stream().noneMatch(w -> w.startsWith("flux.chartVersion")), without.warnings().toString());
        RenderResult with = Stacks.render(Stacks.load("dev", SharedInfrastructureTest.config("dev")));
        assertTrue(with.warnings().stream().anyMatch(w -> w.startsWith("flux.chartVersion 2.18.3 ships Flux 2.8")
                && w.contains("drops failed-reconciliation events")), with.warnings().toString());
    }
}
