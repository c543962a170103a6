package io.fluxfleet.config;

import java.util.Optional;

/**
 * How a tenant's pods pull from Harbor: {@code fluxfleet:tenants[].harbor}. A tenant namespace holds only its own
 * robot account, never the platform's: the platform robot ({@code harbor.username}) pulls the platform's charts and
 * images, and every pod of a namespace that holds its pull secret can read it (a tenant's {@code admin} role reads
 * Secrets) and use it against every Harbor project that robot reaches.
 *
 * <pre>
 * tenants:
 *   - name: tenant1
 *     harbor:
 *       username: robot$tenant1-dev       # the tenant's own robot (Harbor project robot, pull only)
 *       password: {secure: ...}           # its secret; both or neither
 *       # platformRobot: true             # put the platform's robot into the namespace instead: warned on every run,
 *       # platformRobotReason: "..."      # and refused in a strict environment (prod) without a reason
 * </pre>
 *
 * A tenant with neither gets no Harbor pull secret: its pods pull only what needs no credentials.
 *
 * @param username      the tenant's own robot account
 * @param password      its secret
 * @param platformRobot the explicit, loud exception: the platform's robot in the tenant's namespace
 * @param reason        why, shown in every warning; required in strict environments
 */
public record TenantHarbor(Optional<String> username, Optional<Secret> password, boolean platformRobot,
                           Optional<String> reason) {
    public static final TenantHarbor NONE = new TenantHarbor(Optional.empty(), Optional.empty(), false, Optional.empty());

    /** Whether the tenant's namespace gets a Harbor pull secret at all. */
    public boolean pullSecret() {
        return username.isPresent() || platformRobot;
    }

    static TenantHarbor parse(Fields f, String tenant, Environment environment, String platformUser) {
        Optional<String> username = f.optionalString("username");
        username.flatMap(Validators::userName).ifPresent(m -> f.problem("username", m));
        boolean hasPassword = f.has("password");
        Optional<Secret> password = hasPassword || username.isPresent()
                ? Optional.of(f.requiredSecret("password", "the secret of " + f.key("username")))
                : Optional.empty();
        boolean platformRobot = f.bool("platformRobot", false);
        Optional<String> reason = f.optionalString("platformRobotReason");
        if (hasPassword && username.isEmpty()) {
            f.problem("username", "is required with " + f.key("password") + ": the tenant's own Harbor robot account");
        }
        if (platformRobot && username.isPresent()) {
            f.problem("platformRobot", "set either the tenant's own robot (" + f.key("username") + ") or platformRobot, not both");
        }
        if (reason.isPresent() && !platformRobot) {
            f.problem("platformRobotReason", "is only read with " + f.key("platformRobot") + ": true");
        }
        if (platformRobot && environment.policy().strict() && reason.isEmpty()) {
            f.problem("platformRobot", "is refused in " + environment.id() + " without " + f.key("platformRobotReason")
                    + ": the platform's Harbor robot would sit in namespace " + Shown.quoted(tenant) + ", readable by"
                    + " every tenant identity there; give the tenant its own robot, or state why not");
        }
        if (platformRobot) {
            f.warn("tenant " + tenant + ": " + f.key("platformRobot") + " puts the platform's Harbor robot "
                    + Shown.quoted(platformUser) + " into namespace " + tenant + ", where the tenant can read it and pull"
                    + " everything that robot can" + reason.map(r -> " (reason: " + Shown.quoted(r) + ")").orElse(""));
        }
        f.finish();
        return new TenantHarbor(username, password, platformRobot, reason);
    }
}
