package io.fluxfleet.config;

import io.fluxfleet.config.FluxFleetConfig.Profile;
import io.fluxfleet.config.GitLabGovernanceSettings.Team;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The environments fluxfleet knows, in promotion order: each stack converges exactly one of them, and changes
 * reach an environment's branch by a merge request from the branch of the one before it. An environment carries
 * its whole policy here, so that no code outside this file decides anything by an environment's name, and adding
 * one (say {@code qa}, between dev and preprod) is one constant here plus its stack file
 * ({@code EnvironmentPolicyTest} compiles the program with such a constant and renders both stacks).
 *
 * <p>Order matters: the first environment's stack commits the seed files, every later branch is created from the
 * one before it, and the last one writes the project-wide GitLab settings by default.
 */
public enum Environment {
    DEV("dev", new Policy(new Profile("1", "2Gi", "7d", "30s", "10Gi"), 1, List.of(Team.DEV), false, "20m",
            ObjectQuota.of(50, 20, 0, 0, 10, "20Gi", 100, 100, 50, 10, 10)
                    .with(ObjectQuota.controllerWork(20, 20, 10, 10, 10, 5, 20, 20, 20, 20)))),
    PREPROD("preprod", new Policy(new Profile("2", "4Gi", "14d", "15s", "20Gi"), 2, List.of(Team.QA, Team.DEV), false,
            "25m", ObjectQuota.of(100, 40, 0, 0, 20, "50Gi", 200, 200, 100, 20, 20)
                    .with(ObjectQuota.controllerWork(40, 40, 20, 20, 20, 10, 40, 40, 40, 40)))),
    PROD("prod", new Policy(new Profile("4", "8Gi", "30d", "10s", "50Gi"), 3,
            List.of(Team.PLATFORM, Team.DEVOPS, Team.SECURITY), true, "30m",
            ObjectQuota.of(200, 60, 0, 0, 40, "200Gi", 400, 400, 200, 40, 40)
                    .with(ObjectQuota.controllerWork(60, 60, 30, 30, 30, 10, 60, 60, 60, 60))));

    /**
     * What an environment decides on its own.
     *
     * @param profile    the defaults of {@code fluxfleet:profile} (from the guide's environment-specific
     *                   configurations)
     * @param approvals  the default of {@code gitlab.approvals}: approvals a merge request into the branch needs
     * @param codeOwners the teams ({@code gitlab.teams}) that own the environment's cluster directory in CODEOWNERS
     * @param strict     what prod requires: every resource protected against {@code pulumi destroy} (unless
     *                   {@code allowDestroy}), images pinned to a version or digest ({@code :latest} and untagged
     *                   refused), and only the approvers may merge unless {@code gitlab.mergers} says otherwise
     * @param awaitTimeout the default of {@code await.timeout}: how long {@code pulumi up} waits for one Flux object
     *                     to become Ready. Longer than the shared charts' Helm timeout ({@code infra.timeout}, 15m)
     *                     so that Flux's own install (and its retries' first round) ends before Pulumi gives up;
     *                     longer in the environments whose clusters are larger
     * @param quota      the defaults of {@code fluxfleet:quota}: the object counts and storage each tenant namespace's
     *                   ResourceQuota caps (pods, services, load balancers, node ports, claims, storage, secrets,
     *                   config maps, jobs, cron jobs, ingresses); see {@link ObjectQuota}
     */
    public record Policy(Profile profile, int approvals, List<Team> codeOwners, boolean strict, String awaitTimeout,
                         ObjectQuota quota) {
        /**
         * The await timeout of a policy that names none: above the shared charts' default Helm timeout
         * ({@code infra.timeout} 15m), which the loader requires; the provider's own default
         * (pulumi-kubernetes {@code await.go}: {@code timeout := 10 * time.Minute}) is shorter than that.
         */
        public static final String DEFAULT_AWAIT_TIMEOUT = "20m";

        public Policy {
            codeOwners = List.copyOf(codeOwners);
        }

        /** A policy with the default await timeout. */
        public Policy(Profile profile, int approvals, List<Team> codeOwners, boolean strict, ObjectQuota quota) {
            this(profile, approvals, codeOwners, strict, DEFAULT_AWAIT_TIMEOUT, quota);
        }
    }

    private final String id;
    private final Policy policy;

    Environment(String id, Policy policy) {
        this.id = id;
        this.policy = policy;
    }

    /** The lower-case name used in config, branch names and Kubernetes names. */
    public String id() {
        return id;
    }

    /** The Git branch the environment's cluster follows: the environment's own name. */
    public String branch() {
        return id;
    }

    public Policy policy() {
        return policy;
    }

    /** The defaults of {@code fluxfleet:profile} in this environment. */
    public Profile profile() {
        return policy.profile();
    }

    /** The default of {@code await.timeout} in this environment. */
    public String awaitTimeout() {
        return policy.awaitTimeout();
    }

    /** The defaults of {@code fluxfleet:quota} in this environment. */
    public ObjectQuota quota() {
        return policy.quota();
    }

    /** The default number of approvals a merge request into this environment's branch needs. */
    public int approvals() {
        return policy.approvals();
    }

    /** The teams that own this environment's cluster directory in CODEOWNERS. */
    public List<Team> codeOwners() {
        return policy.codeOwners();
    }

    /** Whether the stack's resources are protected unless {@code allowDestroy} is set. */
    public boolean protectsResources() {
        return policy.strict();
    }

    /** Whether images must be pinned to a version tag or digest ({@code :latest} and untagged are refused). */
    public boolean requiresPinnedImages() {
        return policy.strict();
    }

    /**
     * Whether a secret stored in plain text in the stack file is refused rather than warned about: anyone who can
     * read the repository reads it, and its fingerprint in a review note is only as strong as the value (issue 20).
     */
    public boolean refusesPlaintextSecrets() {
        return policy.strict();
    }

    /**
     * Whether {@code gitlab.acceptTenantDrivenClusterAdmin} is refused: on a tier that does not enforce code owners,
     * a tenant project's Maintainers could then merge a cluster-admin change here without the platform team.
     */
    public boolean refusesTenantDrivenClusterAdmin() {
        return policy.strict();
    }

    /**
     * Whether anyone outside the platform group holding Maintainer or more on a governed GitLab project (a member, or
     * a group through its share) is refused rather than warned about: they could edit the approval rules and merge
     * request settings, and unprotect the branch where GitLab lets a Maintainer (issue 20).
     */
    public boolean refusesElevatedTenantRoles() {
        return policy.strict();
    }

    /**
     * Whether a setting of fluxfleet's own GitLab project ({@code gitlab.selfProject}) that lets someone steer a
     * deploy job (pipeline variables open, the default branch pushable or without code-owner approval, merges without
     * a passing pipeline) is refused rather than warned about: the deploy job holds this environment's credentials.
     */
    public boolean refusesUngovernedSelfProject() {
        return policy.strict();
    }

    /** Whether {@code gitlab.mergers} defaults to the approvers (else to nobody besides maintainers). */
    public boolean approversMergeByDefault() {
        return policy.strict();
    }

    /** The environment before this one in promotion order, whose branch this one's is created from and fed by. */
    public Optional<Environment> previous() {
        return ordinal() == 0 ? Optional.empty() : Optional.of(values()[ordinal() - 1]);
    }

    /** The first environment: its stack commits the seed files, on its branch. */
    public static Environment first() {
        return values()[0];
    }

    /**
     * The last environment in promotion order: the default {@code gitlab.projectSettings.owner}, the one stack
     * that writes a project's project-wide settings.
     */
    public static Environment last() {
        return values()[values().length - 1];
    }

    public static Optional<Environment> parse(String value) {
        return Arrays.stream(values()).filter(e -> e.id.equals(value)).findFirst();
    }

    /** Every environment's id, for messages: {@code dev, preprod or prod}. */
    public static String choices() {
        List<String> ids = Arrays.stream(values()).map(Environment::id).toList();
        return ids.size() == 1 ? ids.get(0)
                : String.join(", ", ids.subList(0, ids.size() - 1)) + " or " + ids.get(ids.size() - 1);
    }

    /** Every environment's id joined by {@code separator}, for usage lines: {@code dev|preprod|prod}. */
    public static String ids(String separator) {
        return Arrays.stream(values()).map(Environment::id).collect(Collectors.joining(separator));
    }

    @Override
    public String toString() {
        return id;
    }
}
