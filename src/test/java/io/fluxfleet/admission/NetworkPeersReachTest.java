package io.fluxfleet.admission;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.verify.NetworkPolicyEvaluator;
import io.fluxfleet.verify.NetworkPolicyEvaluator.Endpoint;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the {@code network-policies} corpus lets through, run by the NetworkPolicy evaluator
 * ({@link NetworkPolicyEvaluator}) over every NetworkPolicy of the corpus the admission policies admit (the corpus's
 * copy of fluxfleet's default-deny policy, {@code allow-deployer-creates-default-deny}, and the tenant's own): the corpus's peers ({@link AdmissionCorpus#networkPeers}) are reached only in
 * their direction and on their ports. Each hostile case, had it been admitted, would open a connection the admitted
 * ones keep closed, so each refusal is of a real opening.
 */
class NetworkPeersReachTest {
    private static final Path FOLDER = AdmissionCorpus.ROOT.resolve("network-policies");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, Endpoint> PODS = Map.of(
            "web", Endpoint.pod("tenant1's web pod", "tenant1", Map.of("app", "web"), "10.42.1.10"),
            "controller", Endpoint.pod("the ingress controller", "ingress-nginx",
                    Map.of("app.kubernetes.io/name", "ingress-nginx"), "10.42.2.10"),
            "vault", Endpoint.pod("Vault", "vault", Map.of("app.kubernetes.io/name", "vault"), "10.42.3.10"),
            "tenant2", Endpoint.pod("tenant2's pod", "tenant2", Map.of("app", "web"), "10.42.4.10"));
    private static final AdmissionSimulator SIMULATOR = new AdmissionSimulator();
    private static FluxFleetConfig config;
    private static List<AdmissionPolicies.Policy> policies;
    private static List<Map<String, Object>> admitted;

    @BeforeAll
    static void admit() throws IOException {
        config = AdmissionCorpus.config();
        policies = AdmissionCorpus.policies();
        admitted = new ArrayList<>();
        for (Path file : AdmissionCorpus.cases()) {
            if (file.getParent().equals(FOLDER) && file.getFileName().toString().startsWith("allow-")) {
                assertEquals(List.of(), SIMULATOR.admit(policies, AdmissionCorpus.request(config, file)), file.toString());
                admitted.add(object(file));
            }
        }
        assertTrue(admitted.size() >= 4, "the default-deny policy and the tenant's admitted policies: " + admitted.size());
    }

    @ParameterizedTest(name = "{0} -> {1} {2}/{3}: {4}")
    @CsvSource({
            "controller, web, 8080, TCP, true",    // the ingress peer reaches tenant pods on its port
            "controller, web, 9090, TCP, false",   // ... and on no other
            "web, controller, 8443, TCP, false",   // an ingress peer is not reachable from tenant pods
            "web, controller, 8080, TCP, false",
            "web, vault, 8200, TCP, true",         // the egress peer is reachable on its port
            "web, vault, 8201, TCP, false",        // ... and on no other
            "web, vault, 8200, UDP, false",
            "vault, web, 8200, TCP, false",        // an egress peer does not reach tenant pods
            "tenant2, web, 8080, TCP, false",      // another tenant is no peer
    })
    void theAdmittedPoliciesOpenEachPeerOneWayOnItsPorts(String from, String to, int port, String protocol, boolean open) {
        assertEquals(open, new NetworkPolicyEvaluator(admitted).allowed(PODS.get(from), PODS.get(to), port, protocol));
    }

    @ParameterizedTest(name = "{0} would open {1} -> {2} {3}/{4}")
    @CsvSource({
            "deny-egress-to-ingress-peer.yaml, web, controller, 8443, TCP",
            "deny-ingress-from-egress-peer.yaml, vault, web, 8200, TCP",
            "deny-peer-every-port.yaml, web, vault, 8201, TCP",
            "deny-peer-empty-ports.yaml, controller, web, 9090, TCP",
            "deny-peer-other-port.yaml, web, vault, 8201, TCP",
            "deny-peer-port-range.yaml, controller, web, 9090, TCP",
            "deny-peer-wrong-protocol.yaml, web, vault, 8200, UDP",
    })
    void eachRefusedPolicyWouldHaveOpenedAConnection(String hostile, String from, String to, int port, String protocol)
            throws IOException {
        Path file = FOLDER.resolve(hostile);
        assertFalse(SIMULATOR.admit(policies, AdmissionCorpus.request(config, file)).isEmpty(), hostile + " is refused");
        assertFalse(new NetworkPolicyEvaluator(admitted).allowed(PODS.get(from), PODS.get(to), port, protocol),
                "closed without it");
        List<Map<String, Object>> with = new ArrayList<>(admitted);
        with.add(object(file));
        assertTrue(new NetworkPolicyEvaluator(with).allowed(PODS.get(from), PODS.get(to), port, protocol),
                hostile + " opens the connection");
    }

    @Test
    void theDefaultDenyPolicyIsPartOfWhatIsEvaluated() {
        assertTrue(admitted.stream().anyMatch(p -> "default-deny".equals(((Map<?, ?>) p.get("metadata")).get("name"))));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Path file) throws IOException {
        return (Map<String, Object>) YAML.readValue(file.toFile(), Map.class).get("object");
    }
}
