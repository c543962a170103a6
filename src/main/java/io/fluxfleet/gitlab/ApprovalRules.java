package io.fluxfleet.gitlab;

import com.pulumi.resources.Resource;
import io.fluxfleet.config.Environment;
import io.fluxfleet.config.FluxFleetConfig.Tenant;
import io.fluxfleet.config.GitLabGovernanceSettings;
import io.fluxfleet.gitlab.GitLabLookup.ProjectFacts;
import io.fluxfleet.gitlab.bindings.BranchProtection;
import io.fluxfleet.gitlab.bindings.ProjectApprovalRule;
import io.fluxfleet.gitlab.bindings.ProjectApprovalRuleArgs;
import io.fluxfleet.gitlab.bindings.ProjectShareGroup;
import io.fluxfleet.naming.GitLabNames;

import java.util.List;
import java.util.Map;

/**
 * The environment branch's approval rule (Premium and Ultimate): {@code gitlab.approvals} from the approvers that
 * GitLab counts on the project, scoped to the branch's protection.
 */
final class ApprovalRules {
    private final GovernanceScope scope;
    private final GroupShares shares;

    ApprovalRules(GovernanceScope scope, GroupShares shares) {
        this.scope = scope;
        this.shares = shares;
    }

    /** Registers the rule on a licensed tier; on Free there is none. */
    void rule(Tenant tenant, ProjectFacts facts, BranchProtection protection, Map<String, ProjectShareGroup> groupShares) {
        GitLabGovernanceSettings s = scope.settings();
        Environment env = scope.environment();
        if (!s.tier().hasApprovals()) {
            return;
        }
        List<String> unsharedOwners = scope.sharesGroups() ? List.of()
                : s.codeOwnerGroups().stream().filter(g -> !scope.isPlatformProject(tenant)
                        || s.teams().platform().contains("@" + g)) // the platform project's only code owners
                        .filter(g -> !facts.sharedEnough(g)).toList();
        if (!unsharedOwners.isEmpty()) {
            // A group code owner's approval is required only for a group invited to the project (with at least
            // Developer); otherwise GitLab silently makes it optional.
            scope.log().warn(tenant.project() + " is not shared with the code owner groups "
                    + String.join(", ", unsharedOwners) + " yet, so GitLab treats their approval as optional until"
                    + " `pulumi up` on the " + s.projectSettings().owner().id() + " stack shares them.");
        }
        List<String> approverGroups = shares.usable(tenant, facts, s.approvers().groups(), "approvers", groupShares);
        List<Resource> ruleDependencies = approverGroups.stream().filter(groupShares::containsKey)
                .map(g -> (Resource) groupShares.get(g)).toList();
        new ProjectApprovalRule(GitLabNames.branchResource(tenant, env, "approval-rule"), ProjectApprovalRuleArgs.builder()
                .project(facts.id())
                .name(GitLabNames.inGitLab(env))
                .approvalsRequired(s.approvals())
                .groupIds(scope.groupIds(approverGroups))
                .userIds(scope.userIds(s.approvers().users()))
                .protectedBranchIds(protection.branchProtectionId().applyValue(List::of))
                .appliesToAllProtectedBranches(false)
                .build(),
                scope.options(tenant, null).dependsOn(ruleDependencies).build());
    }
}
