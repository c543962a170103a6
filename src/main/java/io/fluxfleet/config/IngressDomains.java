package io.fluxfleet.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Refuses Ingress domains that two owners could both serve: two tenants' {@code tenants[].ingressDomains}, or a
 * tenant's domain and the platform's {@code webhooks.ingressHost}. Otherwise the {@code ingress-hosts} admission policy
 * lets both publish an Ingress for the same request host, and the ingress controller sends one owner's traffic to the
 * other (host takeover between tenants, or a tenant path on the Flux receiver's host).
 *
 * <p>Two models, each from its source:
 * <ul>
 *   <li>What a tenant may <em>claim</em> as an Ingress host is the policy's rule
 *       ({@code src/main/resources/io/fluxfleet/admission/ingress-hosts.yaml}: {@code h == d || h.endsWith('.' + d)}):
 *       a domain {@code a.com} admits {@code a.com}, every name below it and every wildcard below it
 *       ({@code *.a.com}, {@code *.x.a.com}); a wildcard domain {@code *.a.com} admits only {@code *.a.com} itself,
 *       since Kubernetes refuses a {@code *} anywhere but the first label (a host ending {@code .*.a.com} is invalid).</li>
 *   <li>Which request a host <em>serves</em> is the Ingress API's rule (kubernetes
 *       {@code staging/src/k8s.io/api/networking/v1/types.go}, IngressRule {@code host}: a precise host matches the
 *       equal Host header; "The wildcard character '*' must appear by itself as the first DNS label and matches only a
 *       single label").</li>
 * </ul>
 * So a domain {@code d} serves {@code d} and every name below it; a wildcard domain {@code *.s} serves the names one
 * label below {@code s}; the platform's host serves itself (or, as a wildcard, the names one label below). Two owners
 * overlap when some request name is served by both.
 */
public final class IngressDomains {
    private IngressDomains() {}

    /** Which request names a claim serves, relative to its base name. */
    enum Reach { EXACT, AT_OR_BELOW, ONE_LABEL_BELOW }

    /**
     * One owner's claim.
     *
     * @param owner who claims it, for messages ({@code tenant 'tenant1'}, {@code the Flux webhook receiver})
     * @param key   the config key it is written at
     * @param value the domain or host as written
     * @param below whether the owner may publish names below it too (a tenant's domain: yes; the platform's host: no)
     */
    public record Claim(String owner, String key, String value, boolean below) {
        String base() {
            return value.startsWith("*.") ? value.substring(2) : value;
        }

        Reach reach() {
            return value.startsWith("*.") ? Reach.ONE_LABEL_BELOW : below ? Reach.AT_OR_BELOW : Reach.EXACT;
        }
    }

    /**
     * A request name both claims serve, or empty when they are disjoint. Names are compared as written: config
     * validation has already made them lower-case DNS names ({@link Validators#ingressHost}).
     */
    public static Optional<String> sharedName(Claim a, Claim b) {
        if (a.reach().ordinal() > b.reach().ordinal()) {
            return sharedName(b, a);
        }
        String x = a.base();
        String y = b.base();
        return switch (a.reach()) {
            case EXACT -> serves(b, x) ? Optional.of(x) : Optional.empty();
            case AT_OR_BELOW -> switch (b.reach()) {
                case AT_OR_BELOW -> x.equals(y) || below(x, y) ? Optional.of(x) : below(y, x) ? Optional.of(y)
                        : Optional.empty();
                case ONE_LABEL_BELOW -> x.equals(y) || below(y, x) ? Optional.of("www." + y)
                        : oneLabelBelow(x, y) ? Optional.of(x) : Optional.empty();
                default -> throw new IllegalStateException();
            };
            case ONE_LABEL_BELOW -> x.equals(y) ? Optional.of("www." + x) : Optional.empty();
        };
    }

    private static boolean serves(Claim claim, String name) {
        String base = claim.base();
        return switch (claim.reach()) {
            case EXACT -> name.equals(base);
            case AT_OR_BELOW -> name.equals(base) || below(name, base);
            case ONE_LABEL_BELOW -> oneLabelBelow(name, base);
        };
    }

    /** {@code name} is strictly below {@code domain}: the policy's {@code h.endsWith('.' + d)}. */
    private static boolean below(String name, String domain) {
        return name.endsWith("." + domain);
    }

    private static boolean oneLabelBelow(String name, String domain) {
        return below(name, domain) && name.indexOf('.') == name.length() - domain.length() - 1;
    }

    /**
     * Every pair of claims of different owners that overlap, as one problem at the later claim's key naming both
     * owners, both keys and a request name both would serve.
     */
    public static List<Problem> overlaps(List<Claim> claims) {
        List<Problem> problems = new ArrayList<>();
        for (int j = 0; j < claims.size(); j++) {
            for (int i = 0; i < j; i++) {
                Claim first = claims.get(i);
                Claim later = claims.get(j);
                if (first.owner().equals(later.owner())) {
                    continue;
                }
                sharedName(first, later).ifPresent(name -> problems.add(problem(later, first, name)));
            }
        }
        return problems;
    }

    /**
     * Every overlap of one of {@code own} with one of {@code others} (another stack's tenants: the other shards of the
     * same platform), as a problem at the own claim's key. Overlaps within {@code own} are {@link #overlaps}'.
     */
    public static List<Problem> overlapsWith(List<Claim> own, List<Claim> others) {
        List<Problem> problems = new ArrayList<>();
        for (Claim mine : own) {
            for (Claim theirs : others) {
                sharedName(theirs, mine).ifPresent(name -> problems.add(problem(mine, theirs, name)));
            }
        }
        return problems;
    }

    private static Problem problem(Claim at, Claim other, String name) {
        return new Problem(at.key(), Shown.quoted(at.value()) + " of " + at.owner() + " overlaps "
                + Shown.quoted(other.value()) + " of " + other.owner() + " (" + other.key() + "): both could publish an"
                + " Ingress serving " + Shown.quoted(name) + ", and the ingress controller would send one's traffic to"
                + " the other; give each owner domains that are neither equal, nor below one another, nor under the"
                + " other's wildcard");
    }

    /**
     * The claims of a raw {@code tenants} list (a stack file's, not yet validated): every valid domain of every tenant,
     * keyed {@code <prefix>tenants[i].ingressDomains[j]}. Invalid entries are left to the config's own validation.
     *
     * @param where appended to each owner, e.g. {@code " in Pulumi.prod-tenants-a.yaml"}, or empty
     */
    public static List<Claim> claims(com.fasterxml.jackson.databind.JsonNode tenants, String keyPrefix, String where) {
        List<Claim> claims = new ArrayList<>();
        if (tenants == null || !tenants.isArray()) {
            return claims;
        }
        for (int i = 0; i < tenants.size(); i++) {
            var domains = tenants.get(i).path("ingressDomains");
            String name = tenants.get(i).path("name").asText();
            for (int j = 0; j < domains.size(); j++) {
                String domain = domains.get(j).asText();
                if (domains.get(j).isValueNode() && Validators.ingressHost(domain).isEmpty()) {
                    claims.add(new Claim("tenant " + Shown.quoted(name) + where,
                            keyPrefix + "tenants[" + i + "].ingressDomains[" + j + "]", domain, true));
                }
            }
        }
        return claims;
    }
}
