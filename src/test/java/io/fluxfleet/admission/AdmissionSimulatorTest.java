package io.fluxfleet.admission;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulator's selection, against Kubernetes' documented rules (kubernetes.io/docs/reference/access-authn-authz/
 * validating-admission-policy "Matching requests"; {@code admissionregistration/v1} {@code RuleWithOperations}:
 * "'*' means all resources, but not subresources", "'pods/*' means all subresources of pods"; LabelSelector
 * operators).
 */
class AdmissionSimulatorTest {
    private static AdmissionSimulator.Request request(String resource, String subResource, Map<String, String> labels) {
        return new AdmissionSimulator.Request("UPDATE", "u", List.of(), "ns", "x", "", "v1", resource, subResource,
                "Pod", Map.of(), Map.of(), Map.of("metadata", Map.of("name", "ns", "labels", labels)));
    }

    private static Map<String, Object> constraints(List<String> resources) {
        return Map.of("matchConstraints", Map.of("resourceRules", List.of(Map.of("apiGroups", List.of(""),
                "apiVersions", List.of("v1"), "operations", List.of("UPDATE"), "resources", resources))));
    }

    @Test
    void aStarMatchesNoSubresource() {
        assertTrue(AdmissionSimulator.constraintsMatch(constraints(List.of("*")), request("pods", "", Map.of())));
        assertFalse(AdmissionSimulator.constraintsMatch(constraints(List.of("*")), request("pods", "status", Map.of())));
        assertTrue(AdmissionSimulator.constraintsMatch(constraints(List.of("pods/*")), request("pods", "ephemeralcontainers", Map.of())));
        assertTrue(AdmissionSimulator.constraintsMatch(constraints(List.of("pods/ephemeralcontainers")),
                request("pods", "ephemeralcontainers", Map.of())));
        assertFalse(AdmissionSimulator.constraintsMatch(constraints(List.of("pods")), request("pods", "ephemeralcontainers", Map.of())));
    }

    @Test
    void theNamespaceSelectorReadsTheNamespacesLabels() {
        Map<String, Object> binding = Map.of("matchResources", Map.of("namespaceSelector", Map.of("matchExpressions", List.of(
                Map.of("key", "fluxfleet.io/tenant", "operator", "Exists"),
                Map.of("key", "fluxfleet.io/environment", "operator", "In", "values", List.of("dev"))))));
        assertTrue(AdmissionSimulator.bindingMatches(binding,
                request("pods", "", Map.of("fluxfleet.io/tenant", "t", "fluxfleet.io/environment", "dev"))));
        assertFalse(AdmissionSimulator.bindingMatches(binding,
                request("pods", "", Map.of("fluxfleet.io/tenant", "t", "fluxfleet.io/environment", "prod"))));
        assertFalse(AdmissionSimulator.bindingMatches(binding, request("pods", "", Map.of("fluxfleet.io/environment", "dev"))));
    }
}
