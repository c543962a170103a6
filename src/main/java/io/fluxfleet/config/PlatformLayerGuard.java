package io.fluxfleet.config;

import io.fluxfleet.config.GitLabGovernanceSettings.Tier;

/**
 * Refuses, by default, a stack whose tenant projects could drive the cluster-admin layers (issue 20). With
 * {@code layers.source: platform} (the default, {@link Layers}) they cannot, and there is nothing to judge; what
 * follows is the one-repository layout, {@code layers.source: tenant}.
 *
 * <p>The {@code cluster} and {@code shared} Kustomizations read {@code clusters/…} and {@code shared/} from each
 * tenant's own GitLab project and run as {@code flux-platform-reconciler} (cluster-admin). What keeps a tenant from
 * changing those paths is the seeded CODEOWNERS' {@code [Platform approval]} section together with code-owner approval
 * on the protected environment branch. GitLab enforces neither on the Free tier: Code Owners and merge request
 * approval rules are Premium features (gitlabhq {@code doc/user/project/codeowners/_index.md} and
 * {@code doc/user/project/merge_requests/approvals/_index.md}, "Tier: Premium, Ultimate"), and code-owner approval on a
 * protected branch is too ({@code doc/user/project/repository/branches/protected.md}, "Require Code Owner approval on
 * a protected branch", Premium). On Free, a tenant project's Maintainer merges any change to {@code clusters/…}
 * (a Developer proposes it), and Flux applies it as cluster-admin.
 *
 * <p>So on such a tier the stack is refused unless {@code gitlab.acceptTenantDrivenClusterAdmin: true} says the
 * operator accepts exactly that; a strict environment (prod, {@link Environment#refusesTenantDrivenClusterAdmin})
 * refuses the acceptance too.
 */
final class PlatformLayerGuard {
    /** The opt-in key under {@code fluxfleet:gitlab}; default {@value #DEFAULT_ACCEPT}. */
    static final String ACCEPT_KEY = "acceptTenantDrivenClusterAdmin";
    static final boolean DEFAULT_ACCEPT = false;

    private PlatformLayerGuard() {}

    /**
     * Reads the opt-in and records the problem or warning it leads to on {@code f} (the {@code gitlab} object).
     */
    static void check(Fields f, Environment environment, Tier tier, Layers layers) {
        boolean accepted = f.bool(ACCEPT_KEY, DEFAULT_ACCEPT);
        String acceptKey = f.key(ACCEPT_KEY);
        if (layers.fromPlatform()) {
            // tenant projects drive only their apps layer, which runs as the tenant's namespace-bound account
            if (accepted) {
                f.warn(acceptKey + " has no effect while layers.source is platform: tenant projects drive only their"
                        + " apps layer, so there is nothing to accept; remove it (`pulumi config rm --path gitlab."
                        + ACCEPT_KEY + "`)");
            }
            return;
        }
        if (tier.enforcesCodeOwners()) {
            if (accepted) {
                f.warn(acceptKey + " has no effect on GitLab " + tier.id() + ", which enforces code owners and approval"
                        + " rules: remove it (`pulumi config rm --path gitlab." + ACCEPT_KEY + "`)");
            }
            return;
        }
        String risk = "GitLab " + tier.id() + " enforces neither code owners nor approval rules, so a Maintainer of"
                + " any tenant project can merge a change to clusters/ or shared/ (which any Developer can propose)"
                + " and Flux applies it as flux-platform-reconciler, cluster-admin";
        if (!accepted) {
            f.problem("tier", "is " + tier.id() + ": " + risk + ". Either set the tier you are licensed for, which"
                    + " enforces the platform team's CODEOWNERS approval (`pulumi config set --path gitlab.tier"
                    + " premium` or `ultimate`, with gitlab.approvers), or accept the risk outside strict environments:"
                    + " `pulumi config set --path gitlab." + ACCEPT_KEY + " true`");
            return;
        }
        if (environment.refusesTenantDrivenClusterAdmin()) {
            f.problem(ACCEPT_KEY, "is refused in " + environment.id() + " (a strict environment): " + risk
                    + ". Use a tier that enforces code owners (`pulumi config set --path gitlab.tier premium` or"
                    + " `ultimate`, with gitlab.approvers) and remove it (`pulumi config rm --path gitlab."
                    + ACCEPT_KEY + "`)");
            return;
        }
        f.warn("WARNING: " + acceptKey + " is true: " + risk + ". Tenant projects, not the platform team, decide"
                + " what runs as cluster-admin in " + environment.id() + ".");
    }
}
