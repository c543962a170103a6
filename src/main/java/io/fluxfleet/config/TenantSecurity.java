package io.fluxfleet.config;

import java.util.List;
import java.util.Optional;

/**
 * A tenant's isolation settings ({@code tenants[].podSecurity}, {@code privilegedReason},
 * {@code ingressDomains}).
 *
 * @param podSecurity          the Pod Security Standard level enforced on the tenant's namespace: {@code baseline}
 *                             (default) or {@code restricted}; {@code privileged} only with an exception
 * @param privilegedReason why the tenant needs {@code privileged}: required with it, refused otherwise, and
 *                             refused in a strict environment (prod) altogether
 * @param ingressDomains       the DNS domains the tenant's Ingress hosts must be within (equal to or below one)
 */
public record TenantSecurity(String podSecurity, Optional<String> privilegedReason, List<String> ingressDomains) {
    public static final String BASELINE = "baseline";
    public static final String RESTRICTED = "restricted";
    public static final String PRIVILEGED = "privileged";
    /** The Pod Security Standards' levels, least strict first (kubernetes.io/docs/concepts/security/pod-security-standards). */
    public static final List<String> LEVELS = List.of(PRIVILEGED, BASELINE, RESTRICTED);
    public static final String DEFAULT_POD_SECURITY = BASELINE;
    public static final TenantSecurity DEFAULTS = new TenantSecurity(DEFAULT_POD_SECURITY, Optional.empty(), List.of());

    public TenantSecurity {
        ingressDomains = List.copyOf(ingressDomains);
    }

    static TenantSecurity parse(Fields t, Environment environment) {
        String level = t.checked("podSecurity", DEFAULT_POD_SECURITY, v -> LEVELS.contains(v) ? Optional.empty()
                : Optional.of(Shown.quoted(v) + " is not a Pod Security Standard level: expected baseline or"
                + " restricted (privileged only with privilegedReason)"));
        Optional<String> exception = t.optionalString("privilegedReason").map(String::strip)
                .filter(s -> !s.isEmpty());
        if (level.equals(PRIVILEGED)) {
            if (environment.policy().strict()) {
                t.problem("podSecurity", "privileged is refused in " + environment.id() + ": a strict environment runs"
                        + " no privileged tenant (host access from one tenant owns the node and every tenant on it);"
                        + " use baseline or restricted");
            } else if (exception.isEmpty()) {
                t.problem("privilegedReason", "is required with podSecurity: privileged: say why this tenant needs"
                        + " host access, e.g. 'CSI node plugin, ticket OPS-123'; it is shown on every render");
            }
        } else if (t.has("privilegedReason")) {
            t.problem("privilegedReason", "is only for podSecurity: privileged (this tenant's level is " + level
                    + "); remove it");
        }
        List<String> domains = Admission.checkedList(t, "ingressDomains", Validators::ingressHost);
        return new TenantSecurity(level, level.equals(PRIVILEGED) ? exception : Optional.empty(), domains);
    }
}
