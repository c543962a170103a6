package io.fluxfleet.gitlab;

import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import io.fluxfleet.config.Environment;
import io.fluxfleet.config.FluxFleetConfig.Tenant;
import io.fluxfleet.config.GitLabGovernanceSettings;
import io.fluxfleet.config.GitLabGovernanceSettings.Edition;
import io.fluxfleet.gitlab.GitLabLookup.ProjectFacts;
import io.fluxfleet.gitlab.bindings.Branch;
import io.fluxfleet.gitlab.bindings.BranchArgs;
import io.fluxfleet.gitlab.bindings.BranchProtection;
import io.fluxfleet.gitlab.bindings.BranchProtectionArgs;
import io.fluxfleet.gitlab.bindings.ProjectShareGroup;
import io.fluxfleet.gitlab.bindings.inputs.BranchProtectionAllowedToMergeArgs;
import io.fluxfleet.gitlab.bindings.inputs.BranchProtectionAllowedToPushArgs;
import io.fluxfleet.gitlab.bindings.inputs.BranchProtectionAllowedToUnprotectArgs;
import io.fluxfleet.naming.GitLabNames;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The environment branch and its protection: merge requests only, merged by maintainers (and, licensed, the
 * configured mergers), no force push, code owner approval where the tier has it, written in the fields the edition
 * accepts. An existing branch or protection is adopted by its import ID.
 */
final class BranchProtections {
    /** GitLab's base access levels: merge requests only, merged by maintainers. */
    static final String PUSH_ACCESS = "no one";
    static final String MERGE_ACCESS = "maintainer";

    private final GovernanceScope scope;
    private final GroupShares shares;

    BranchProtections(GovernanceScope scope, GroupShares shares) {
        this.scope = scope;
        this.shares = shares;
    }

    /** The environment branch: created from its source branch, or adopted; kept on destroy. */
    Branch branch(Tenant tenant, ProjectFacts facts) {
        Environment env = scope.environment();
        String source = GitLabGovernance.sourceBranch(env);
        return new Branch(GitLabNames.branchResource(tenant, env, "branch"), BranchArgs.builder()
                .project(facts.id())
                .name(env.branch())
                .ref(source == null ? facts.defaultBranch() : source)
                .build(),
                scope.options(tenant, facts.branchExists() ? facts.id() + ":" + env.branch() : null)
                        .ignoreChanges("ref", "keepOnDestroy")
                        .retainOnDelete(true)
                        .build());
    }

    /** The protection of {@code branch}, registered after {@code files} (the seeds committed before it). */
    BranchProtection protect(Tenant tenant, ProjectFacts facts, Branch branch, List<Resource> files,
                             Map<String, ProjectShareGroup> groupShares) {
        Environment env = scope.environment();
        GitLabGovernanceSettings s = scope.settings();
        facts.protection().ifPresent(current -> reportProtection(tenant, current));
        if (facts.branchProtected() && facts.protection().isEmpty()) {
            // Preflight has refused a covering protection more permissive than the policy, so this one cannot be
            // overridden by it.
            scope.log().warn(tenant.project() + "@" + env.branch() + " is covered by a wildcard or group-level"
                    + " protection; fluxfleet adds the protection of its exact name, which GitLab applies together"
                    + " with it (the most permissive of the matching rules wins for push and merge), and never"
                    + " commits to the branch.");
        }
        List<Resource> protectionDependencies = new ArrayList<>(files);
        BranchProtectionArgs.Builder protection = BranchProtectionArgs.builder()
                .project(facts.id())
                .branch(branch.name())
                .allowForcePush(false);
        if (scope.edition() == Edition.EE) {
            // EE: role access only through allowed_to_*; "no one" is access level 0 (NO_ACCESS), a valid entry of
            // allowed_to_push (api.ValidProtectedBranchTagAccessLevelNames: "no one", "developer", "maintainer", "admin").
            protection.allowedToPushes(List.of(BranchProtectionAllowedToPushArgs.builder().accessLevel(PUSH_ACCESS).build()));
            List<Output<BranchProtectionAllowedToMergeArgs>> merge = new ArrayList<>();
            merge.add(Output.of(BranchProtectionAllowedToMergeArgs.builder().accessLevel(MERGE_ACCESS).build()));
            if (s.tier().hasApprovals()) {
                // Users and groups are a licensed feature (protected_refs_for_users); a group must be shared with
                // the project (EE ProtectedRefAccess#validate_group_membership).
                merge.addAll(allowedToMerge(shares.usable(tenant, facts, s.mergers().groups(), "mergers", groupShares),
                        s.mergers().users(), groupShares, protectionDependencies));
            }
            protection.allowedToMerges(Output.all(merge));
            if (s.tier().hasApprovals()) {
                protection.allowedToUnprotects(Output.all(allowedToUnprotect(tenant, facts, groupShares,
                        protectionDependencies)));
            }
        } else {
            protection.pushAccessLevel(PUSH_ACCESS).mergeAccessLevel(MERGE_ACCESS);
        }
        if (s.tier().hasApprovals()) {
            protection.codeOwnerApprovalRequired(true);
        }
        // Lifecycle (terraform-provider-gitlab v19.x resource_gitlab_branch_protection.go, which pulumi-gitlab 10.1.1
        // runs): everything routine (mergers and the other allowed_to_* entries, allow_force_push,
        // code_owner_approval_required) is updated in place by PATCH protected_branches; only project and branch
        // (RequiresReplace) and a set-and-changed CE access level (RequiresReplaceIfConfigured, an EE-to-CE move)
        // replace it. retainOnDelete keeps the branch protected when a tenant leaves or dev is destroyed; it also makes
        // a replacement on the same branch fail (the replace's delete is a no-op, and Create refuses "protected branch
        // ... already exists"), so no deleteBeforeReplace, which could not help: plan reports that case with its way
        // out (README "Which resources are protected, and why").
        return new BranchProtection(
                GitLabNames.branchResource(tenant, env, "protection"), protection.build(),
                scope.options(tenant, facts.protection().isPresent() ? facts.id() + ":" + env.branch() : null)
                        .dependsOn(protectionDependencies)
                        .retainOnDelete(true)
                        .build());
    }

    /**
     * Warns when the environment branch is protected with base settings other than the policy's. An existing
     * protection is adopted by its import ID; Pulumi imports it as it is and then updates it to the policy in the same
     * up. The fields the provider can only set by replacement (CE access levels) never get here: {@link Preflight}
     * refuses them, since the engine does not replace an adopted resource.
     */
    private void reportProtection(Tenant tenant, GitLabLookup.Protection current) {
        boolean codeOwners = scope.settings().tier().hasApprovals();
        List<String> d = new ArrayList<>();
        if (!current.pushAccessLevels().equals(List.of(PUSH_ACCESS))) {
            d.add("push: " + describe(current.pushAccessLevels()) + ", wanted " + PUSH_ACCESS);
        }
        if (!current.mergeAccessLevels().equals(List.of(MERGE_ACCESS))) {
            d.add("merge: " + describe(current.mergeAccessLevels()) + ", wanted " + MERGE_ACCESS);
        }
        if (current.allowForcePush()) {
            d.add("force push allowed");
        }
        if (codeOwners && !current.codeOwnerApprovalRequired()) {
            d.add("code owner approval not required");
        }
        if (!d.isEmpty()) {
            scope.log().warn(tenant.project() + "@" + scope.environment().branch() + " is protected differently from the"
                    + " policy (" + String.join("; ", d) + "); this up adopts the protection and sets it to the policy.");
        }
    }

    private static String describe(List<String> levels) {
        return levels.isEmpty() ? "nobody listed" : String.join(", ", levels);
    }

    /** The merger groups (each after its share, when this stack makes it) and users of an EE protection. */
    private List<Output<BranchProtectionAllowedToMergeArgs>> allowedToMerge(List<String> groups, List<String> users,
            Map<String, ProjectShareGroup> groupShares, List<Resource> dependencies) {
        List<Output<BranchProtectionAllowedToMergeArgs>> entries = new ArrayList<>();
        for (String group : groups) {
            if (groupShares.containsKey(group)) {
                dependencies.add(groupShares.get(group));
            }
            entries.add(scope.groupId(group)
                    .applyValue(id -> BranchProtectionAllowedToMergeArgs.builder().groupId(id).build()));
        }
        for (String user : users) {
            entries.add(scope.userId(user)
                    .applyValue(id -> BranchProtectionAllowedToMergeArgs.builder().userId(id).build()));
        }
        return entries;
    }

    /**
     * Who may unprotect the branch on licensed EE: {@code gitlab.unprotecters}, else the Maintainer role pinned
     * explicitly (GitLab's own default when the list is empty, so a wider level set by hand is reverted). The GitLab
     * protected branches API takes {@code allowed_to_unprotect} (user_id, group_id or access_level entries; Premium)
     * and {@code unprotect_access_level} (default 40, Maintainer); gitlabhq
     * {@code ee/app/policies/ee/protected_branch_policy.rb} with the licensed feature {@code unprotection_restrictions}
     * prevents create, update and destroy of the protection for a user who {@code can_unprotect?} denies ("Prevent a
     * user creating a rule they wouldn't be able to update or destroy"), so the token's user must be listed. CE has
     * no such list: every Maintainer can unprotect.
     */
    private List<Output<BranchProtectionAllowedToUnprotectArgs>> allowedToUnprotect(Tenant tenant, ProjectFacts facts,
            Map<String, ProjectShareGroup> groupShares, List<Resource> dependencies) {
        GitLabGovernanceSettings.Principals who = scope.settings().unprotecters();
        List<Output<BranchProtectionAllowedToUnprotectArgs>> entries = new ArrayList<>();
        for (String group : who.isEmpty() ? List.<String>of()
                : shares.usable(tenant, facts, who.groups(), "unprotecters", groupShares)) {
            if (groupShares.containsKey(group)) {
                dependencies.add(groupShares.get(group));
            }
            entries.add(scope.groupId(group)
                    .applyValue(id -> BranchProtectionAllowedToUnprotectArgs.builder().groupId(id).build()));
        }
        for (String user : who.users()) {
            entries.add(scope.userId(user)
                    .applyValue(id -> BranchProtectionAllowedToUnprotectArgs.builder().userId(id).build()));
        }
        if (entries.isEmpty()) {
            // nobody listed, or every listed group still unshared: GitLab's default, pinned, rather than an empty list
            entries.add(Output.of(BranchProtectionAllowedToUnprotectArgs.builder().accessLevel(MERGE_ACCESS).build()));
        }
        return entries;
    }
}
