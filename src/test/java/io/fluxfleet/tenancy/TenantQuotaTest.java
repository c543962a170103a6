package io.fluxfleet.tenancy;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fluxfleet.config.ConfigException;
import io.fluxfleet.config.Environment;
import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.config.ObjectQuota;
import io.fluxfleet.render.RenderResult;
import io.fluxfleet.testing.Stacks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tenant namespace's ResourceQuota counts objects, not only cpu and memory: the environment's defaults, the stack's
 * {@code quota}, a tenant's own {@code quota}; bad values are refused with their key, all together.
 */
class TenantQuotaTest {
    /** What an unbounded tenant would pile up: each must be capped in every environment. */
    static final List<String> EXHAUSTIBLE = List.of("pods", "services", "services.loadbalancers", "services.nodeports",
            "persistentvolumeclaims", "requests.storage", "secrets", "configmaps");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> hard(RenderResult result, String tenant) {
        Map<String, Object> inputs = (Map<String, Object>) RenderResult.reveal(
                result.find("kubernetes:core/v1:ResourceQuota", tenant + "/" + tenant + "-quota").inputs());
        return (Map<String, Object>) ((Map<String, Object>) inputs.get("spec")).get("hard");
    }

    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void everyCommittedTenantNamespaceCapsTheObjectsATenantCouldPileUp(String env) {
        FluxFleetConfig config = Stacks.committed(env);
        RenderResult result = Stacks.render(config);
        for (FluxFleetConfig.Tenant tenant : config.tenants()) {
            Map<String, Object> hard = hard(result, tenant.name());
            for (String resource : EXHAUSTIBLE) {
                assertTrue(hard.containsKey(resource), env + " " + tenant.name() + " leaves " + resource + " uncounted: " + hard);
            }
            assertEquals("0", hard.get("services.loadbalancers"), "a load balancer bypasses the ingress unless granted");
            assertEquals("0", hard.get("services.nodeports"), "a node port opens every node unless granted");
            assertEquals(config.profile().cpu(), hard.get("limits.cpu"));
        }
    }

    @Test
    void theStackAndOneTenantOverrideTheEnvironmentsDefaults() {
        ObjectNode config = Stacks.minimal("prod", 2);
        config.putObject("quota").put("pods", "300").put("storage", "1Ti");
        ((ObjectNode) config.get("tenants").get(0)).putObject("quota").put("loadBalancers", "1").put("pods", "20");
        RenderResult result = Stacks.render(Stacks.load("prod", config));
        Map<String, Object> one = hard(result, "tenant1");
        Map<String, Object> two = hard(result, "tenant2");
        assertEquals("20", one.get("pods"));
        assertEquals("1", one.get("services.loadbalancers"));
        assertEquals("1Ti", one.get("requests.storage"));
        assertEquals("300", two.get("pods"));
        assertEquals("0", two.get("services.loadbalancers"));
        assertEquals(Environment.PROD.quota().hard().get("secrets"), two.get("secrets"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "quota | pods | 1.5 | not a whole number",
            "quota | services | many | not a Kubernetes quantity",
            "quota | storage | -1Gi | not a Kubernetes quantity",
            "quota | jobs | 500m | not a whole number",
            "quota | pod | 10 | did you mean 'pods'",
            "quota | services.loadbalancers | 1 | the config key is 'loadBalancers'",
            "tenant | nodePorts | 2.5 | not a whole number",
            "tenant | secretz | 10 | did you mean 'secrets'",
    })
    void badQuotaIsRefusedWithItsKey(String where, String resource, String value, String message) {
        ObjectNode config = Stacks.minimal("dev", 1);
        ObjectNode quota = where.equals("quota") ? config.putObject("quota")
                : ((ObjectNode) config.get("tenants").get(0)).putObject("quota");
        quota.put(resource, value);
        quota.put("pods", where.equals("quota") && resource.equals("pods") ? value : "-3");
        ConfigException e = assertThrows(ConfigException.class, () -> Stacks.load("dev", config));
        String key = (where.equals("quota") ? "fluxfleet:quota." : "fluxfleet:tenants[0].quota.") + resource;
        assertTrue(e.problems().stream().anyMatch(p -> p.key().equals(key) && p.message().contains(message)),
                key + ": " + e.getMessage());
        if (!resource.equals("pods")) {
            // every problem at once: the bad pods value beside it is reported too
            assertTrue(e.problems().stream().anyMatch(p -> p.key().endsWith("quota.pods")), e.getMessage());
        }
    }

    @Test
    void zeroIsAValidCapAndEveryDefaultIsWellFormed() {
        ObjectNode config = Stacks.minimal("dev", 1);
        config.putObject("quota").put("nodePorts", "0").put("pods", "1k");
        assertEquals("0", Stacks.load("dev", config).quota().hard().get("services.nodeports"));
        for (Environment env : Environment.values()) {
            assertEquals(ObjectQuota.RESOURCES.keySet(), env.quota().hard().keySet(), env.id());
            assertEquals(ObjectQuota.RESOURCES.keySet(), java.util.Set.copyOf(ObjectQuota.CONFIG_KEYS.values()));
        }
    }
}
