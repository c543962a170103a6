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
                // the form before peers had a direction and ports: refused, naming the new form
                Arguments.of("dev", (Consumer<ObjectNode>) c -> c.putObject("admission").putArray("networkPeers").add("ingress-nginx"),
                        "fluxfleet:admission.networkPeers[0]", "each peer names its namespace, its direction and its ports"),
                Arguments.of("dev", peer("{namespace: Ingress_Nginx, direction: ingress, ports: [{port: 80}]}"),
                        "fluxfleet:admission.networkPeers[0].namespace", "is not a DNS-1123 label"),
                Arguments.of("dev", peer("{namespace: tenant1, direction: egress, ports: [{port: 80}]}"),
                        "fluxfleet:admission.networkPeers[0].namespace", "is a tenant of this stack"),
                Arguments.of("dev", peer("{namespace: ingress-nginx, direction: both, ports: [{port: 80}]}"),
                        "fluxfleet:admission.networkPeers[0].direction", "is not a direction"),
                Arguments.of("dev", peer("{namespace: ingress-nginx, ports: [{port: 80}]}"),
                        "fluxfleet:admission.networkPeers[0].direction", "is required"),
                Arguments.of("dev", peer("{namespace: ingress-nginx, direction: ingress}"),
                        "fluxfleet:admission.networkPeers[0].ports", "is required, with at least one port"),
                Arguments.of("dev", peer("{namespace: ingress-nginx, direction: ingress, ports: []}"),
                        "fluxfleet:admission.networkPeers[0].ports", "is required, with at least one port"),
                Arguments.of("dev", peer("{namespace: ingress-nginx, direction: ingress, ports: [8080]}"),
                        "fluxfleet:admission.networkPeers[0].ports[0]", "a port is {port: <number>"),
                Arguments.of("dev", peer("{namespace: ingress-nginx, direction: ingress, ports: [{port: http}]}"),
                        "fluxfleet:admission.networkPeers[0].ports[0].port", "expected a whole number between 1 and 65535"),
                Arguments.of("dev", peer("{namespace: ingress-nginx, direction: ingress, ports: [{port: 65536}]}"),
                        "fluxfleet:admission.networkPeers[0].ports[0].port", "must be between 1 and 65535"),
                Arguments.of("dev", peer("{namespace: ingress-nginx, direction: ingress, ports: [{protocol: TCP}]}"),
                        "fluxfleet:admission.networkPeers[0].ports[0].port", "is required"),
                Arguments.of("dev", peer("{namespace: ingress-nginx, direction: ingress, ports: [{port: 80, protocol: ICMP}]}"),
                        "fluxfleet:admission.networkPeers[0].ports[0].protocol", "is not a protocol"),
                Arguments.of("dev", peer("{namespace: ingress-nginx, direction: ingress, ports: [{port: 80, endPort: 90}]}"),
                        "fluxfleet:admission.networkPeers[0].ports[0].endPort", "unknown key"),
                Arguments.of("dev", peer("{namespace: ingress-nginx, direction: ingress, ports: [{port: 80}]}",
                                "{namespace: ingress-nginx, direction: ingress, ports: [{port: 443}]}"),
                        "fluxfleet:admission.networkPeers[1].namespace", "is already listed for ingress at fluxfleet:admission.networkPeers[0]"),
                Arguments.of("dev", (Consumer<ObjectNode>) c -> c.putObject("admission").put("deployer", "pulumi"),
                        "fluxfleet:admission.deployer", "unknown key"));
    }

    /** A config change setting {@code admission.networkPeers} to these entries (YAML flow maps). */
    private static Consumer<ObjectNode> peer(String... entries) {
        return c -> {
            var list = c.putObject("admission").putArray("networkPeers");
            for (String entry : entries) {
                try {
                    list.add(new com.fasterxml.jackson.databind.ObjectMapper(
                            new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(entry));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
    }

    @Test
    void aPeerIsReadWithItsDirectionAndPorts() {
        ObjectNode config = Stacks.minimal("dev", 1);
        peer("{namespace: ingress-nginx, direction: ingress, ports: [{port: 8080}, {port: 8080, protocol: TCP}, {port: 53, protocol: UDP}]}",
                "{namespace: ingress-nginx, direction: egress, ports: [{port: 443}]}").accept(config);
        assertEquals(List.of(new NetworkPeer("ingress-nginx", "ingress", List.of("TCP/8080", "UDP/53")),
                        new NetworkPeer("ingress-nginx", "egress", List.of("TCP/443"))),
                Stacks.load("dev", config).admission().networkPeers());
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
