package io.fluxfleet.config;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fluxfleet.config.IngressDomains.Claim;
import io.fluxfleet.testing.Stacks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which Ingress domains overlap ({@link IngressDomains}): what a tenant may claim is the {@code ingress-hosts}
 * policy's rule ({@code h == d || h.endsWith('.' + d)}), what a host serves is the Ingress API's (a wildcard matches
 * one label). {@code IngressDomainOverlapPolicyTest} publishes each overlap through the real policy.
 */
class IngressDomainsTest {
    /** A tenant's domain (claims it and below) or, with {@code host:}, the platform's webhook host (claims only it). */
    private static Claim claim(String owner, String spec) {
        return spec.startsWith("host:") ? new Claim(owner, "fluxfleet:webhooks.ingressHost", spec.substring(5), false)
                : new Claim(owner, "fluxfleet:tenants[].ingressDomains[]", spec, true);
    }

    @ParameterizedTest(name = "{0} / {1}: {2}")
    @CsvSource({
            // a, b, a request name both serve ('-': none)
            "a.com, a.com, a.com",                                 // the same domain
            "a.com, x.a.com, x.a.com",                             // one below the other: a.com admits x.a.com
            "x.a.com, a.com, x.a.com",
            "a.com, y.x.a.com, y.x.a.com",
            "a.com, xa.com, -",                                    // a suffix without the dot is not below
            "shop.a.com, blog.a.com, -",                           // siblings
            "a.com, b.com, -",
            "*.a.com, x.a.com, x.a.com",                           // the wildcard serves x.a.com
            "x.a.com, *.a.com, x.a.com",
            "*.a.com, y.x.a.com, -",                               // a wildcard matches one label only
            "*.a.com, a.com, www.a.com",                           // a.com admits the host *.a.com itself
            "*.x.a.com, a.com, www.x.a.com",
            "*.a.com, *.a.com, www.a.com",
            "*.a.com, *.x.a.com, -",
            "*.a.com, *.b.com, -",
            // the platform's webhook host: it serves only itself, a tenant domain serves it and below
            "host:flux-webhook.dev.example.com, dev.example.com, flux-webhook.dev.example.com",
            "host:flux-webhook.dev.example.com, *.dev.example.com, flux-webhook.dev.example.com",
            "host:flux-webhook.dev.example.com, flux-webhook.dev.example.com, flux-webhook.dev.example.com",
            "host:flux-webhook.dev.example.com, apps.dev.example.com, -",
            "host:flux-webhook.dev.example.com, x.flux-webhook.dev.example.com, -",
            "host:*.hooks.example.com, a.hooks.example.com, a.hooks.example.com",
            "host:*.hooks.example.com, hooks.example.com, www.hooks.example.com",
            "host:*.hooks.example.com, b.a.hooks.example.com, -",
    })
    void whatOverlaps(String a, String b, String shared) {
        Optional<String> expected = shared.equals("-") ? Optional.empty() : Optional.of(shared);
        assertEquals(expected, IngressDomains.sharedName(claim("A", a), claim("B", b)));
        assertEquals(expected, IngressDomains.sharedName(claim("B", b), claim("A", a)), "symmetric");
    }

    @Test
    void oneOwnersOwnDomainsMayNest() {
        assertEquals(List.of(), IngressDomains.overlaps(List.of(claim("A", "a.com"), claim("A", "x.a.com"))));
    }

    @Test
    void everyOverlapIsRefusedAtOnceNamingBothTenantsAndKeys() {
        ObjectNode config = Stacks.minimal("dev", 3);
        ((ObjectNode) config.get("tenants").get(0)).putArray("ingressDomains").add("apps.example.com").add("t1.example.org");
        ((ObjectNode) config.get("tenants").get(1)).putArray("ingressDomains").add("shop.apps.example.com");
        ((ObjectNode) config.get("tenants").get(2)).putArray("ingressDomains").add("*.example.org").add("t3.example.net");
        config.putObject("webhooks").put("enabled", true).put("ingressHost", "flux-webhook.t3.example.net");
        ConfigException e = assertThrows(ConfigException.class, () -> Stacks.load("dev", config));
        List<Problem> problems = e.problems();
        assertEquals(List.of("fluxfleet:tenants[1].ingressDomains[0]", "fluxfleet:tenants[2].ingressDomains[0]",
                "fluxfleet:tenants[2].ingressDomains[1]"), problems.stream().map(Problem::key).sorted().toList());
        assertTrue(problems.stream().anyMatch(p -> p.key().equals("fluxfleet:tenants[1].ingressDomains[0]")
                && p.message().contains("tenant 'tenant2'") && p.message().contains("tenant 'tenant1'")
                && p.message().contains("fluxfleet:tenants[0].ingressDomains[0]")
                && p.message().contains("'shop.apps.example.com'")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.key().equals("fluxfleet:tenants[2].ingressDomains[0]")
                && p.message().contains("fluxfleet:tenants[0].ingressDomains[1]")
                && p.message().contains("'t1.example.org'")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.key().equals("fluxfleet:tenants[2].ingressDomains[1]")
                && p.message().contains("the Flux webhook receiver") && p.message().contains("fluxfleet:webhooks.ingressHost")
                && p.message().contains("'flux-webhook.t3.example.net'")), problems.toString());
    }

    /** Keys are the tenants' own, even when an earlier entry of the list is not a tenant at all. */
    @Test
    void theKeysNameTheEntriesAsWritten() {
        ObjectNode config = Stacks.minimal("dev", 2);
        ((ObjectNode) config.get("tenants").get(0)).putArray("ingressDomains").add("a.example.com");
        ((ObjectNode) config.get("tenants").get(1)).putArray("ingressDomains").add("*.example.com");
        ((com.fasterxml.jackson.databind.node.ArrayNode) config.get("tenants")).insert(0, "not-a-tenant");
        ConfigException e = assertThrows(ConfigException.class, () -> Stacks.load("dev", config));
        assertTrue(e.problems().stream().anyMatch(p -> p.key().equals("fluxfleet:tenants[2].ingressDomains[0]")
                && p.message().contains("(fluxfleet:tenants[1].ingressDomains[0])")), e.problems().toString());
    }

    @Test
    void disjointDomainsAndADisabledReceiverPass() {
        ObjectNode config = Stacks.minimal("dev", 2);
        ((ObjectNode) config.get("tenants").get(0)).putArray("ingressDomains").add("tenant1.apps.example.com").add("*.t1.example.org");
        ((ObjectNode) config.get("tenants").get(1)).putArray("ingressDomains").add("tenant2.apps.example.com").add("x.y.t1.example.org");
        config.putObject("webhooks").put("enabled", false).put("ingressHost", "hook.tenant1.apps.example.com");
        assertEquals(2, Stacks.load("dev", config).tenants().size());
    }
}
