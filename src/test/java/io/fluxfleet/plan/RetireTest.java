package io.fluxfleet.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fluxfleet.config.ConfigException;
import io.fluxfleet.config.FluxFleetConfig.Tenant;
import io.fluxfleet.render.Recorded;
import io.fluxfleet.render.RenderResult;
import io.fluxfleet.testing.Stacks;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tenants[].retire}: read from config, lifts exactly that tenant's protection, and says what it does. */
class RetireTest {

    private static ObjectNode twoTenants(String env, String retire) {
        ObjectNode config = Stacks.minimal(env, 2);
        ((ObjectNode) config.get("tenants").get(1)).put("retire", retire);
        return config;
    }

    @Test
    void retireIsABooleanThatDefaultsToFalse() {
        var config = Stacks.load("prod", twoTenants("prod", "true"));
        assertFalse(config.tenants().get(0).retire());
        assertTrue(config.tenants().get(1).retire());
        Tenant retiring = config.tenants().get(1);
        assertFalse(config.protect(retiring));
        assertTrue(config.protect(config.tenants().get(0)));
        ConfigException e = assertThrows(ConfigException.class, () -> Stacks.load("prod", twoTenants("prod", "soon")));
        assertTrue(e.getMessage().contains("tenants[1].retire"), e.getMessage());
    }

    @Test
    void aRetiringTenantsResourcesAreTheOnlyUnprotectedOnesBesideTokensAndSeeds() {
        RenderResult prod = Stacks.render(Stacks.load("prod", twoTenants("prod", "true")));
        var tenants = Plan.tenantNames(io.fluxfleet.plan.PlanScenarioSupport.resources(prod));
        assertEquals(java.util.Set.of("tenant1", "tenant2"), tenants);
        for (Recorded r : prod.resources()) {
            boolean tenant2 = r.urn().contains("tenant2");
            boolean replacedOrDropped = r.type().equals("gitlab:index/projectDeployToken:ProjectDeployToken")
                    || r.type().equals("gitlab:index/repositoryFile:RepositoryFile");
            assertEquals(!tenant2 && !replacedOrDropped, r.protect(), r.urn());
        }
        assertTrue(prod.warnings().stream().anyMatch(w -> w.contains("tenant tenant2 is retiring")), prod.warnings().toString());
        RenderResult dev = Stacks.render(Stacks.load("dev", twoTenants("dev", "true")));
        assertTrue(dev.warnings().stream().anyMatch(w -> w.contains("changes nothing in this stack")), dev.warnings().toString());
    }
}
