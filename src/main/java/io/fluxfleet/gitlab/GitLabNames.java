package io.fluxfleet.gitlab;

import io.fluxfleet.config.Environment;
import io.fluxfleet.config.FluxFleetConfig.Tenant;

/**
 * Names of the GitLab resources fluxfleet registers, derived from tenant and environment like
 * {@link io.fluxfleet.naming.Names} does for Kubernetes (kept here so the GitLab capability stays in its package).
 * Pulumi names are {@code <tenant>-<env>-<role>} for per-branch resources and {@code <tenant>-<role>} for
 * project-wide ones, unique in a stack and stable across runs. Names shown in GitLab carry the environment, because
 * the three stacks write into the same project.
 */
public final class GitLabNames {
    private GitLabNames() {}

    /** A per-environment-branch resource: {@code <tenant>-<env>-<role>}. */
    public static String branchResource(Tenant tenant, Environment environment, String role) {
        return tenant.name() + "-" + environment.id() + "-" + role;
    }

    /** A project-wide resource: {@code <tenant>-<role>}. */
    public static String projectResource(Tenant tenant, String role) {
        return tenant.name() + "-" + role;
    }

    /** The approval rule and deploy token as GitLab lists them: {@code fluxfleet-<env>}. */
    public static String inGitLab(Environment environment) {
        return "fluxfleet-" + environment.id();
    }
}
