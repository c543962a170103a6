package io.fluxfleet.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fluxfleet.render.Recorded;
import io.fluxfleet.render.RenderResult;
import io.fluxfleet.testing.Stacks;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stack registers exactly the policies the corpus proves, through the stack's explicit Kubernetes provider, and
 * a tenant's Pod Security level, privileged exception and ingress domains show on its Namespace and in the render.
 */
class TenantAdmissionRenderTest {
    @SuppressWarnings("unchecked")
    @Test
    void thePoliciesAndBindingsAreRegisteredAsTheCorpusTestsThem() {
        ObjectNode config = Stacks.minimal("dev", 2);
        ((ObjectNode) config.get("tenants").get(0)).putArray("ingressDomains").add("tenant1.apps.example.com");
        ObjectNode admission = config.putObject("admission");
        AdmissionCorpus.networkPeers(admission);
        admission.putArray("deployers").add("pulumi-deployer");
        RenderResult result = Stacks.render(Stacks.load("dev", config));
        List<Recorded> policies = result.ofType(AdmissionObject.typeToken(AdmissionObject.POLICY));
        List<Recorded> bindings = result.ofType(AdmissionObject.typeToken(AdmissionObject.BINDING));
        assertEquals(AdmissionPolicies.CONCERNS.size(), policies.size());
        assertEquals(AdmissionPolicies.CONCERNS.size(), bindings.size());
        Map<String, AdmissionPolicies.Policy> tested = new java.util.HashMap<>();
        AdmissionCorpus.policies().forEach(p -> tested.put(p.name(), p));
        for (Recorded policy : policies) {
            assertTrue(policy.provider().contains("pulumi:providers:kubernetes::kubernetes-dev"), policy.provider());
            assertEquals(tested.get(policy.name()).spec(), RenderResult.reveal(policy.inputs().get("spec")),
                    policy.name() + " differs from what AdmissionCorpusTest evaluates");
        }
        for (Recorded binding : bindings) {
            Map<String, Object> spec = (Map<String, Object>) binding.inputs().get("spec");
            assertEquals(List.of("Deny"), spec.get("validationActions"));
            assertEquals(binding.name(), spec.get("policyName"));
            assertTrue(binding.dependencies().stream().anyMatch(d -> d.endsWith("ValidatingAdmissionPolicy::" + binding.name())),
                    "the binding waits for its policy: " + binding.dependencies());
        }
    }

    @SuppressWarnings("unchecked")
    @Test
    void aPrivilegedTenantIsVisibleOnItsNamespaceAndInTheRender() {
        ObjectNode config = Stacks.minimal("dev", 1);
        ((ObjectNode) config.get("tenants").get(0)).put("podSecurity", "privileged")
                .put("privilegedReason", "CSI node plugin, OPS-123").putArray("ingressDomains").add("a.example.com").add("b.example.com");
        RenderResult result = Stacks.render(Stacks.load("dev", config));
        assertTrue(result.warnings().stream().anyMatch(w -> w.contains("tenant1 runs with Pod Security privileged")
                && w.contains("CSI node plugin, OPS-123")), result.warnings().toString());
        Map<String, Object> meta = (Map<String, Object>) result.find("kubernetes:core/v1:Namespace", "tenant1").inputs().get("metadata");
        Map<String, String> labels = (Map<String, String>) meta.get("labels");
        assertEquals("privileged", labels.get("pod-security.kubernetes.io/enforce"));
        assertEquals("restricted", labels.get("pod-security.kubernetes.io/warn"));
        assertEquals(Map.of("fluxfleet.io/ingress-domains", "a.example.com,b.example.com",
                "fluxfleet.io/pod-security-exception", "CSI node plugin, OPS-123"), meta.get("annotations"));
    }
}
