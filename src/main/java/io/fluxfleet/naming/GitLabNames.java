package io.fluxfleet.naming;

import io.fluxfleet.config.Environment;
import io.fluxfleet.config.FluxFleetConfig.Tenant;

/**
 * Names of the GitLab resources fluxfleet registers, derived from tenant and environment like {@link Names} does
 * for Kubernetes. The same rule holds: nothing outside {@code io.fluxfleet.naming} concatenates a name.
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

    /** A project share with a group: {@code <tenant>-share-<group slug>}. */
    public static String groupShare(Tenant tenant, String groupSlug) {
        return projectResource(tenant, "share-" + groupSlug);
    }

    /**
     * The role of the seed file holding {@code environment}'s cluster Kustomization when another environment's stack
     * commits it: {@code <env>-cluster-kustomization}.
     */
    public static String clusterSeedRole(Environment environment) {
        return environment.id() + "-cluster-kustomization";
    }

    /**
     * The role of a seed file the platform project holds for one tenant: {@code <tenant>-<role>}, e.g.
     * {@code tenant1-dev-cluster-kustomization}, so that every tenant's seeds in the one project have their own names.
     */
    public static String platformSeedRole(Tenant tenant, String role) {
        return tenant.name() + "-" + role;
    }

    /** The GitLab provider of a stack: {@code gitlab-<env>}. */
    public static String provider(Environment environment) {
        return "gitlab-" + environment.id();
    }

    /**
     * A project hook as GitLab lists it: {@code flux-<env>-<namespace>}, one per Receiver, so the three stacks'
     * hooks on a project stay apart.
     */
    public static String projectHook(Environment environment, String namespace) {
        return "flux-" + environment.id() + "-" + namespace;
    }

    /** The approval rule and deploy token as GitLab lists them: {@code fluxfleet-<env>}. */
    public static String inGitLab(Environment environment) {
        return "fluxfleet-" + environment.id();
    }
}
