package io.fluxfleet.config;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fluxfleet.testing.Stacks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** tenants[].podSecurity, privilegedReason, ingressDomains and admission.*: one broken stack per row. */
class TenantSecurityConfigTest {
    private static ObjectNode tenant(ObjectNode config) {
        return (ObjectNode) config.get("tenants").get(0);
    }

    static Stream<Arguments> broken() {
        return Stream.of(
                Arguments.of("dev", (Consumer<ObjectNode>) c -> tenant(c).put("podSecurity", "privileged"),
                        "fluxfleet:tenants[0].privilegedReason", "is required with podSecurity: privileged"),
                Arguments.of("dev", (Consumer<ObjectNode>) c -> tenant(c).put("podSecurity", "privileged").put("privilegedReason", "  "),
                        "fluxfleet:tenants[0].privilegedReason", "is required"),
                Arguments.of("prod", (Consumer<ObjectNode>) c -> tenant(c).put("podSecurity", "privileged").put("privilegedReason", "CSI driver"),
                        "fluxfleet:tenants[0].podSecurity", "privileged is refused in prod"),
                Arguments.of("dev", (Consumer<ObjectNode>) c -> tenant(c).put("privilegedReason", "just because"),
                        "fluxfleet:tenants[0].privilegedReason", "is only for podSecurity: privileged"),
                Arguments.of("dev", (Consumer<ObjectNode>) c -> tenant(c).put("podSecurity", "strict"),
                        "fluxfleet:tenants[0].podSecurity", "is not a Pod Security Standard level"),
                Arguments.of("dev", (Consumer<ObjectNode>) c -> tenant(c).putArray("ingressDomains").add("10.0.0.1"),
                        "fluxfleet:tenants[0].ingressDomains[0]", "is an IP address"),
                Arguments.of("dev", (Consumer<ObjectNode>) c -> c.putObject("admission").putArray("allowedRegistries").add("https://harbor.example.com"),
                        "fluxfleet:admission.allowedRegistries[0]", "is not a host name"),
                Arguments.of("dev", (Consumer<ObjectNode>) c -> c.putObject("admission").put("maxTimeout", "forever"),
                        "fluxfleet:admission.maxTimeout", "is not a duration"),
                Arguments.of("dev", (Consumer<ObjectNode>) c -> c.putObject("admission").putArray("networkPeers").add("Ingress_Nginx"),
                        "fluxfleet:admission.networkPeers[0]", "is not a DNS-1123 label"),
                Arguments.of("dev", (Consumer<ObjectNode>) c -> c.putObject("admission").put("deployer", "pulumi"),
                        "fluxfleet:admission.deployer", "unknown key"));
    }

    @ParameterizedTest
    @MethodSource("broken")
    void aBrokenSettingNamesItsKey(String env, Consumer<ObjectNode> breakIt, String key, String message) {
        ObjectNode config = Stacks.minimal(env, 1);
        breakIt.accept(config);
        ConfigException e = assertThrows(ConfigException.class, () -> Stacks.load(env, config));
        assertTrue(e.problems().stream().anyMatch(p -> p.key().equals(key) && p.message().contains(message)),
                e.problems().toString());
    }

    @Test
    void everyProblemComesOutTogether() {
        ObjectNode config = Stacks.minimal("prod", 1);
        tenant(config).put("podSecurity", "privileged").put("privilegedReason", "x").putArray("ingressDomains").add("1.2.3.4");
        config.putObject("admission").put("minInterval", "soon");
        ConfigException e = assertThrows(ConfigException.class, () -> Stacks.load("prod", config));
        // the admission section replaced: prod's required deployers are missing too (DeployersUnsetTest)
        assertEquals(List.of("fluxfleet:admission.deployers", "fluxfleet:admission.minInterval", "fluxfleet:tenants[0].ingressDomains[0]",
                        "fluxfleet:tenants[0].podSecurity"),
                e.problems().stream().map(Problem::key).sorted().toList());
    }

    @Test
    void aPrivilegedTenantInDevKeepsItsReason() {
        ObjectNode config = Stacks.minimal("dev", 1);
        tenant(config).put("podSecurity", "privileged").put("privilegedReason", "CSI node plugin, OPS-123")
                .putArray("ingressDomains").add("tenant1.apps.example.com");
        TenantSecurity security = Stacks.load("dev", config).tenants().get(0).security();
        assertEquals(new TenantSecurity("privileged", java.util.Optional.of("CSI node plugin, OPS-123"),
                List.of("tenant1.apps.example.com")), security);
    }
}
