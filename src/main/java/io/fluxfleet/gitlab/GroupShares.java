package io.fluxfleet.gitlab;

import com.pulumi.core.Output;
import io.fluxfleet.config.FluxFleetConfig.Tenant;
import io.fluxfleet.gitlab.GitLabLookup.ProjectFacts;
import io.fluxfleet.gitlab.bindings.ProjectShareGroup;
import io.fluxfleet.gitlab.bindings.ProjectShareGroupArgs;
import io.fluxfleet.naming.GitLabNames;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static io.fluxfleet.gitlab.GitLabGovernance.SHARE_ROLE;

/**
 * The groups shared into each tenant project, and which named groups GitLab counts on it. Shares are written by the
 * owner stack of the project-wide settings only ({@link GovernanceScope#sharesGroups()}); every stack asks
 * {@link #usable} before it names a group in a protection or rule.
 */
final class GroupShares {
    private final GovernanceScope scope;

    GroupShares(GovernanceScope scope) {
        this.scope = scope;
    }

    /**
     * Shares every group the stacks name (approvers, mergers, CODEOWNERS groups, {@code projectSettings.sharedGroups})
     * into the project as Developer, from the owner stack only; into the platform project only the platform team's
     * and the rules' groups ({@link GovernanceScope#sharedGroups}). Developer is the least role that counts for each
     * purpose: a protected branch accepts a group, and lets its members merge, only with a share "group_access:
     * DEVELOPER_OWNER_ACCESS" (gitlabhq ee/app/models/concerns/ee/protected_ref_access.rb,
     * {@code group_has_developer_access_to_project?}, used by {@code validate_group_membership} and
     * {@code group_access_allowed?}); approvers count "with
     * developer or higher permissions" (doc/user/project/merge_requests/approvals/rules.md, "Eligible approvers");
     * a group code owner's approval is required only for a group "invited to the project with at least the Developer
     * role" (doc/user/project/repository/branches/protected.md; codeowners advanced.md, "Group inheritance and
     * eligibility"). An existing share of the platform group with a higher role is adopted as it is; any other group
     * shared above Developer never reaches here: {@link Memberships} refuses it first on this stack (tenant teams get
     * at most Developer, and lowering it from the program would replace it). One below Developer is reported for a
     * maintainer to raise (holding it would mean replacing it); an approver group's is refused ({@link
     * ApproverEligibility}).
     */
    Map<String, ProjectShareGroup> shares(Tenant tenant, ProjectFacts facts) {
        Map<String, ProjectShareGroup> shares = new TreeMap<>();
        if (!scope.sharesGroups()) {
            return shares;
        }
        for (String group : scope.sharedGroups(tenant)) {
            GitLabLookup.Share existing = facts.shares().map(m -> m.get(group)).orElse(null);
            String role = SHARE_ROLE;
            String importId = null;
            if (existing != null && existing.accessLevel() >= GitLabLookup.Share.DEVELOPER) {
                role = accessLevelName(existing.accessLevel());
                importId = facts.id() + ":" + existing.groupId();
            } else if (existing != null) {
                // Adopting it with a higher role would replace it (every input of a share forces a new one), and in
                // prod the engine refuses to replace a protected resource; creating a second share fails (409).
                scope.log().warn(tenant.project() + " is shared with " + group + " below " + role + ", so GitLab"
                        + " counts none of its approvals, merges or code owner approvals: raise the share to " + role
                        + " (Manage > Members > Groups) or remove it, and run up again; fluxfleet then holds it.");
                continue;
            }
            Output<Integer> id = scope.groupId(group);
            shares.put(group, new ProjectShareGroup(GitLabNames.groupShare(tenant, slug(group)),
                    ProjectShareGroupArgs.builder().project(facts.id()).groupId(id).groupAccess(role).build(),
                    scope.options(tenant, importId).deleteBeforeReplace(true).build()));
        }
        return shares;
    }

    /**
     * The groups of {@code kind} whose members GitLab counts on this project: shared with it as Developer or more, now
     * or by a share this run holds ({@code shares}). Any other group is left out of the rules: GitLab refuses it in a
     * protection's {@code allowed_to_merge} ("does not have access to the project" unless a project_group_link with
     * Developer to Owner exists, gitlabhq ee/app/models/concerns/ee/protected_ref_access.rb,
     * {@code validate_group_membership}), and counts none of its approvals. A stack that does not share says which
     * stack does; the owner stack leaves out a group it found shared below Developer (reported by {@link #shares}).
     */
    List<String> usable(Tenant tenant, ProjectFacts facts, List<String> groups, String kind,
                        Map<String, ProjectShareGroup> shares) {
        List<String> unshared = groups.stream().filter(g -> !shares.containsKey(g) && !facts.sharedEnough(g)).toList();
        if (!unshared.isEmpty() && !scope.sharesGroups()) {
            scope.log().warn(tenant.project() + " is not shared with " + String.join(", ", unshared) + " as "
                    + SHARE_ROLE + " yet, so GitLab would not count them as " + kind
                    + "; they are left out of the " + scope.environment().branch() + " rules until `pulumi up` on the "
                    + scope.settings().projectSettings().owner().id() + " stack (gitlab.projectSettings.owner) shares"
                    + " them, then run this stack again." + (scope.isPlatformProject(tenant) ? " Into the platform"
                    + " project it shares only the platform team's groups, the groups its own rules name and"
                    + " projectSettings.sharedGroups, never a tenant-side team's for a rule of another stack." : ""));
        } else if (!unshared.isEmpty()) {
            scope.log().warn(tenant.project() + ": " + String.join(", ", unshared) + " left out of the "
                    + scope.environment().branch() + " " + kind + " until the share is raised to "
                    + SHARE_ROLE + " (GitLab would refuse or ignore them).");
        }
        return groups.stream().filter(g -> shares.containsKey(g) || facts.sharedEnough(g)).toList();
    }

    static String slug(String groupPath) {
        return groupPath.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    private static String accessLevelName(int level) {
        return switch (level) {
            case 30 -> "developer";
            case 40 -> "maintainer";
            case 50 -> "owner";
            default -> SHARE_ROLE;
        };
    }
}
