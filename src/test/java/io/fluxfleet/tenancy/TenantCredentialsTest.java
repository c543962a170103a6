package io.fluxfleet.tenancy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fluxfleet.config.ConfigException;
import io.fluxfleet.config.ConfigLoader;
import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.render.Recorded;
import io.fluxfleet.render.RenderResult;
import io.fluxfleet.testing.Stacks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No secret in a tenant namespace that another tenant or the platform also holds: the shared commit-status token and
 * the platform's Harbor robot stay out of tenant namespaces; a tenant pulls with its own robot, and the platform robot
 * reaches a tenant only through a loud, explained exception.
 */
class TenantCredentialsTest {
    private static final String SECRET = "kubernetes:core/v1:Secret";
    private static final String TENANT1_ROBOT = "robot$tenant1-pull";
    private static final String TENANT1_ROBOT_PASSWORD = "harbor-tenant1-robot-password-0006";
    /**
     * The one known exception, not yet closed: the tenant's read_repository deploy token is in the tenant's namespace
     * and in flux-system (the platform layers read the same project with it). It reads only that tenant's project.
     */
    private static final String KNOWN_SHARED = "gitlab-auth-";

    static Stream<String> environments() {
        return Stacks.environments();
    }

    private static ObjectNode config(String env) {
        ObjectNode config = Stacks.withSharedInfra(Stacks.minimal(env, 3));
        ((ObjectNode) config.get("tenants").get(0)).putObject("harbor").put("username", TENANT1_ROBOT)
                .put("password", TENANT1_ROBOT_PASSWORD);
        return config;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Recorded secret) {
        Object data = RenderResult.reveal(secret.inputs().get("stringData"));
        return data instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** Every secret value of a tenant namespace, checked against every other namespace's secrets. */
    private static List<String> sharedSecrets(RenderResult result, List<String> tenants) {
        Map<String, List<String>> holders = new HashMap<>();
        for (Recorded secret : result.ofType(SECRET)) {
            String namespace = secret.name().substring(0, secret.name().indexOf('/'));
            for (Object value : data(secret).values()) {
                holders.computeIfAbsent(String.valueOf(value), v -> new ArrayList<>()).add(namespace + "|" + secret.name());
            }
        }
        List<String> shared = new ArrayList<>();
        holders.forEach((value, where) -> {
            List<String> namespaces = where.stream().map(w -> w.substring(0, w.indexOf('|'))).distinct().toList();
            boolean inTenant = namespaces.stream().anyMatch(tenants::contains);
            boolean known = where.stream().allMatch(w -> w.substring(w.indexOf('|') + 1).contains("/" + KNOWN_SHARED));
            if (inTenant && namespaces.size() > 1 && !known) {
                shared.add(where.stream().map(w -> w.substring(w.indexOf('|') + 1)).sorted().toList().toString());
            }
        });
        return shared;
    }

    @ParameterizedTest
    @MethodSource("environments")
    void noTenantNamespaceHoldsASecretAnotherNamespaceHolds(String env) {
        FluxFleetConfig config = Stacks.load(env, config(env));
        RenderResult result = Stacks.render(config);
        assertEquals(List.of(), sharedSecrets(result, config.tenants().stream().map(FluxFleetConfig.Tenant::name).toList()));
    }

    /** The check is not vacuous: the platform robot handed to two tenants is found. */
    @Test
    void thePlatformRobotInTwoTenantsIsFound() {
        ObjectNode config = config("dev");
        ((ObjectNode) config.get("tenants").get(1)).putObject("harbor").put("platformRobot", true);
        ((ObjectNode) config.get("tenants").get(2)).putObject("harbor").put("platformRobot", true);
        FluxFleetConfig loaded = Stacks.load("dev", config);
        List<String> shared = sharedSecrets(Stacks.render(loaded), List.of("tenant1", "tenant2", "tenant3"));
        assertEquals(1, shared.size(), shared.toString());
        assertTrue(shared.get(0).contains("tenant2/harbor-registry-secret") && shared.get(0).contains("tenant3/harbor-registry-secret")
                && shared.get(0).contains("cattle-monitoring-system/harbor-registry-secret"), shared.get(0));
    }

    @Test
    void aTenantPullsWithItsOwnRobotAndATenantWithoutOneGetsNoPullSecret() throws Exception {
        RenderResult result = Stacks.render(Stacks.load("preprod", config("preprod")));
        Recorded own = result.find(SECRET, "tenant1/harbor-registry-secret");
        var doc = new ObjectMapper().readTree((String) data(own).get(".dockerconfigjson"));
        assertEquals(TENANT1_ROBOT, doc.get("auths").get("harbor.example.com").get("username").asText());
        assertEquals(TENANT1_ROBOT_PASSWORD, doc.get("auths").get("harbor.example.com").get("password").asText());
        assertTrue(own.inputs().get("stringData") instanceof Recorded.SecretValue, "a Pulumi secret");
        assertFalse(result.ofType(SECRET).stream().anyMatch(r -> r.name().equals("tenant2/harbor-registry-secret")));
    }

    @Test
    void thePlatformRobotReachesATenantOnlyLoudly() {
        ObjectNode config = config("dev");
        ((ObjectNode) config.get("tenants").get(1)).putObject("harbor").put("platformRobot", true)
                .put("platformRobotReason", "legacy images in the shared project until 2027-03");
        List<String> warnings = new ArrayList<>();
        FluxFleetConfig loaded = ConfigLoader.load("dev", Stacks.raw(config), warnings::add);
        assertTrue(warnings.stream().anyMatch(w -> w.contains("tenant tenant2") && w.contains("platform's Harbor robot")
                && w.contains("legacy images")), warnings.toString());
        Recorded secret = Stacks.render(loaded).find(SECRET, "tenant2/harbor-registry-secret");
        assertTrue(String.valueOf(data(secret).get(".dockerconfigjson")).contains("robot$flux"));
    }

    @Test
    void aStrictEnvironmentRefusesThePlatformRobotWithoutAReasonAndBadCombinations() {
        ObjectNode config = config("prod");
        ((ObjectNode) config.get("tenants").get(1)).putObject("harbor").put("platformRobot", true);
        ((ObjectNode) config.get("tenants").get(2)).putObject("harbor").put("password", "x-0007");
        ((ObjectNode) config.get("tenants").get(0).get("harbor")).put("platformRobot", true);
        ConfigException e = assertThrows(ConfigException.class, () -> Stacks.load("prod", config));
        List<String> keys = e.problems().stream().map(p -> p.key()).toList();
        assertTrue(keys.contains("fluxfleet:tenants[1].harbor.platformRobot"), e.getMessage());
        assertTrue(keys.contains("fluxfleet:tenants[2].harbor.username"), e.getMessage());
        assertTrue(keys.contains("fluxfleet:tenants[0].harbor.platformRobot"), e.getMessage());
        assertFalse(e.getMessage().contains("x-0007"), "a secret is never echoed");
        assertFalse(e.getMessage().contains(TENANT1_ROBOT_PASSWORD), "a secret is never echoed");
    }
}
