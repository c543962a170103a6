package io.fluxfleet.admission;

import io.fluxfleet.admission.AdmissionSimulator.Request;
import io.fluxfleet.config.Environment;
import io.fluxfleet.config.FluxFleetConfig.Tenant;
import io.fluxfleet.config.IngressDomains;
import io.fluxfleet.config.IngressDomains.Claim;
import io.fluxfleet.config.TenantHarbor;
import io.fluxfleet.config.TenantSecurity;
import io.fluxfleet.tenancy.NamespaceMetadata;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The overlaps {@link IngressDomains} refuses are real under the {@code ingress-hosts} policy: with each pair of
 * domains on two tenants' Namespaces (as {@link NamespaceMetadata} writes them), the real policy run by the CEL engine
 * admits an Ingress from each tenant whose host serves the same request name (a wildcard host serving one label
 * below it, as the Ingress API defines). Such a pair could never be configured: this builds the Namespaces directly.
 */
class IngressDomainOverlapPolicyTest {
    private static final AdmissionSimulator SIMULATOR = new AdmissionSimulator();
    private static final List<AdmissionPolicies.Policy> POLICIES = AdmissionCorpus.policies();

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource({"a.com, a.com", "a.com, x.a.com", "*.a.com, x.a.com", "*.a.com, a.com", "*.a.com, *.a.com",
            "*.x.a.com, a.com", "tenant1.apps.example.com, *.apps.example.com"})
    void bothTenantsPublishAHostServingTheSameName(String domainA, String domainB) {
        String name = IngressDomains.sharedName(new Claim("a", "", domainA, true), new Claim("b", "", domainB, true))
                .orElseThrow();
        for (String domain : List.of(domainA, domainB)) {
            String host = domain.startsWith("*.") ? domain : name;
            assertTrue(host.equals(name) || (host.startsWith("*.") && name.endsWith(host.substring(1))
                    && name.indexOf('.') == name.length() - host.length() + 1), host + " serves " + name);
            assertEquals(List.of(), SIMULATOR.admit(POLICIES, ingress("tenant-x", domain, host)),
                    "ingress-hosts admits " + host + " for a tenant with domain " + domain);
            assertTrue(SIMULATOR.admit(POLICIES, ingress("tenant-x", domain, "outside.example.net")).stream()
                    .anyMatch(d -> d.policy().equals("fluxfleet-ingress-hosts") && !d.error()),
                    "the policy is in force: a host outside " + domain + " is refused");
        }
    }

    private static Request ingress(String tenant, String domain, String host) {
        Tenant t = new Tenant(tenant, "x/y", "flux", Optional.empty(), Optional.empty(), false, false,
                new TenantSecurity(TenantSecurity.BASELINE, Optional.empty(), List.of(domain)), Map.of(), TenantHarbor.NONE);
        Map<String, Object> labels = new LinkedHashMap<>(NamespaceMetadata.labels(Environment.DEV, t));
        labels.put("kubernetes.io/metadata.name", tenant);
        Map<String, Object> namespace = Map.of("apiVersion", "v1", "kind", "Namespace", "metadata",
                Map.of("name", tenant, "labels", labels, "annotations", NamespaceMetadata.annotations(t)));
        Map<String, Object> object = Map.of("apiVersion", "networking.k8s.io/v1", "kind", "Ingress",
                "metadata", Map.of("name", "web", "namespace", tenant),
                "spec", Map.of("ingressClassName", "nginx", "rules", List.of(Map.of("host", host, "http", Map.of("paths",
                        List.of(Map.of("path", "/", "pathType", "Prefix", "backend",
                                Map.of("service", Map.of("name", "web", "port", Map.of("number", 80))))))))));
        AdmissionCorpus.Identity who = AdmissionCorpus.IDENTITIES.get("tenant");
        return new Request("CREATE", who.username().replace("tenant1", tenant), List.of("system:serviceaccounts",
                "system:serviceaccounts:" + tenant, "system:authenticated"), tenant, "web", "networking.k8s.io", "v1",
                "ingresses", "", "Ingress", object, null, namespace);
    }
}
