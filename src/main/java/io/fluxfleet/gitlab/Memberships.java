package io.fluxfleet.gitlab;

import io.fluxfleet.config.GitLabGovernanceSettings;
import io.fluxfleet.gitlab.GitLabLookup.Members;
import io.fluxfleet.gitlab.GitLabLookup.ProjectFacts;
import io.fluxfleet.gitlab.GitLabLookup.Roles;
import io.fluxfleet.gitlab.GitLabLookup.Share;
import io.fluxfleet.naming.GitLabNames;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The checks {@link Preflight} makes against the members GitLab reports for each governed project (issue 20), both
 * before anything is registered and all problems at once:
 * <ul>
 *   <li><b>Approvers</b> ({@link ApproverEligibility}): the environment's rule judged against the project's direct
 *       members, its shares and the approver groups' direct members.</li>
 *   <li><b>Role cap</b>: a Maintainer or Owner of the project can edit its approval rules and merge request settings
 *       (gitlabhq ee/app/policies/ee/project_policy.rb: "rule { can?(:maintainer_access) }.policy do ... enable
 *       :modify_approvers_rules ... :modify_merge_request_author_setting ... :modify_merge_request_committer_setting",
 *       and "(admin | maintainer) ... enable :admin_merge_request_approval_settings"; doc/user/permissions.md: approval
 *       rules and settings, and unprotecting a branch, are Maintainer actions) and, on CE or without
 *       {@code gitlab.unprotecters}, unprotect the branch (ee/app/policies/ee/protected_branch_policy.rb). So anyone
 *       holding Maintainer or more, directly, through a parent group or through a group share, who is not in the
 *       platform group ({@code gitlab.teams.platform}'s groups and users, {@code gitlab.unprotecters}) and is not the
 *       token's own user, is refused in a strict environment (prod) and warned about elsewhere; in the platform
 *       project on every stack: membership is project-wide, so a Maintainer there is one on the prod branch too, and
 *       between prod runs could edit its rule and merge into it (cluster-admin on the prod cluster).</li>
 *   <li><b>Shares fluxfleet holds</b>: the stack that shares groups refuses, in every environment, a non-platform
 *       group already shared above Developer; it would otherwise take that share into its state at the higher role.
 *       Lowering it from the program is not an update but a replacement (every input of a share forces one,
 *       {@code io.fluxfleet.plan.ReplacementRules}), which the engine refuses for an adopted or protected share and
 *       which, deleting first, would drop the group's approvals for a moment.</li>
 * </ul>
 * An offline render cannot ask GitLab ({@link GitLabLookup#members} empty): none of this is checked there.
 */
final class Memberships {
    private final GovernanceScope scope;
    private final GitLabLookup lookup;
    private final Map<String, Map<String, Integer>> groupMembers = new HashMap<>();
    private Set<String> platformUsers;
    private Optional<String> tokenUser;

    Memberships(GovernanceScope scope, GitLabLookup lookup) {
        this.scope = scope;
        this.lookup = lookup;
    }

    /** Adds every problem of {@code facts}' project to {@code problems}; logs the warnings. */
    void check(ProjectFacts facts, List<String> problems) {
        if (facts.emptyRepository()) {
            return;
        }
        Optional<Members> members = lookup.members(facts.id());
        if (members.isEmpty()) {
            return;
        }
        GitLabGovernanceSettings s = scope.settings();
        if (s.tier().hasApprovals() && (facts.branchExists() || facts.sourceExists())) {
            problems.addAll(approvers(facts, members.get()));
        }
        List<String> elevated = elevated(facts, members.get());
        List<String> held = scope.sharesGroups() ? sharesAboveDeveloper(facts) : List.of();
        problems.addAll(held);
        if (scope.environment().refusesElevatedTenantRoles() || scope.isPlatformProjectPath(facts.pathWithNamespace())) {
            problems.addAll(elevated);
        } else {
            elevated.stream().filter(w -> !held.contains(w)).forEach(scope.log()::warn);
        }
    }

    /**
     * The environment's rule as this stack registers it: on the stack that shares groups a group not shared yet counts
     * as the Developer share this run creates; on another stack it is left out of the rule ({@link GroupShares#usable}
     * warns) and counts for nothing, so a count it was needed for is refused until the owner stack has run.
     */
    private List<String> approvers(ProjectFacts facts, Members members) {
        GitLabGovernanceSettings s = scope.settings();
        Map<String, Integer> shares = new TreeMap<>();
        facts.shares().orElse(Map.of()).forEach((group, share) -> shares.put(group, share.accessLevel()));
        Set<String> pending = new TreeSet<>();
        for (String group : s.approvers().groups()) {
            if (!shares.containsKey(group)) {
                if (scope.sharesGroups()) {
                    shares.put(group, Share.DEVELOPER);
                } else {
                    pending.add(group);
                }
            }
        }
        Map<String, Set<String>> approverGroups = new TreeMap<>();
        for (String group : s.approvers().groups()) {
            Set<String> developers = new TreeSet<>();
            groupMembers(group).forEach((user, level) -> {
                if (level >= Roles.DEVELOPER) {
                    developers.add(user);
                }
            });
            approverGroups.put(group, developers);
        }
        ApproverEligibility.Rule rule = new ApproverEligibility.Rule(GitLabNames.inGitLab(scope.environment()), s.approvals(),
                s.approvers().users(), s.approvers().groups());
        return ApproverEligibility.problems(facts.pathWithNamespace(), scope.environment().id(), rule,
                new ApproverEligibility.Membership(members.direct(), shares, approverGroups), pending,
                s.projectSettings().owner().id());
    }

    /** Every member and share above Developer outside the platform group, each with its fix. */
    private List<String> elevated(ProjectFacts facts, Members members) {
        List<String> found = new ArrayList<>();
        Set<String> platform = platformUsers();
        if (tokenUser == null) {
            tokenUser = lookup.currentUser();
        }
        Optional<String> token = tokenUser;
        String project = facts.pathWithNamespace();
        members.all().forEach((user, level) -> {
            if (level < Roles.MAINTAINER || platform.contains(user) || token.map(user::equals).orElse(false)) {
                return;
            }
            boolean direct = members.direct().getOrDefault(user, 0) >= level;
            found.add(project + ": " + user + " holds " + Roles.name(level) + (direct ? " as a direct member"
                    : " through a parent group") + " but is not in the platform group, so they can edit the approval"
                    + " rules and merge request settings and unprotect " + scope.environment().branch() + " where"
                    + " GitLab lets a Maintainer (tenant teams get at most Developer). Fix: lower them to Developer in "
                    + (direct ? "the project's Manage > Members" : "the parent group's Manage > Members")
                    + ", or add them to " + platformNames() + ", then run `pulumi up` again.");
        });
        for (Map.Entry<String, Share> share : facts.shares().orElse(Map.of()).entrySet()) {
            if (share.getValue().accessLevel() > Share.DEVELOPER && !platformGroups().contains(share.getKey())) {
                found.add(shareProblem(project, share.getKey(), share.getValue().accessLevel()));
            }
        }
        return found;
    }

    /** The owner stack never adopts a non-platform share above Developer (see the class comment). */
    private List<String> sharesAboveDeveloper(ProjectFacts facts) {
        if (scope.environment().refusesElevatedTenantRoles()) {
            return List.of(); // already refused by the role cap
        }
        List<String> found = new ArrayList<>();
        Set<String> held = new LinkedHashSet<>(scope.settings().sharedGroups());
        facts.shares().orElse(Map.of()).forEach((group, share) -> {
            if (held.contains(group) && share.accessLevel() > Share.DEVELOPER && !platformGroups().contains(group)) {
                found.add(shareProblem(facts.pathWithNamespace(), group, share.accessLevel()));
            }
        });
        return found;
    }

    private String shareProblem(String project, String group, int level) {
        return project + ": the group " + group + " is shared with the project as " + Roles.name(level) + ", so its"
                + " members can edit the approval rules and merge request settings; only the platform group ("
                + platformNames() + ") may hold more than Developer. fluxfleet shares groups as Developer and does not"
                + " lower an existing share itself (that would replace it, dropping the group's approvals for a"
                + " moment). Fix: set the share's role to Developer (project Manage > Members > Groups), then run"
                + " `pulumi up --refresh`.";
    }

    /** The groups that count as the platform: {@code gitlab.teams.platform}'s groups and the unprotecter groups. */
    Set<String> platformGroups() {
        GitLabGovernanceSettings s = scope.settings();
        Set<String> groups = new TreeSet<>(s.unprotecters().groups());
        Set<String> codeOwnerGroups = Set.copyOf(s.codeOwnerGroups());
        for (String handle : s.teams().platform()) {
            if (handle.startsWith("@") && codeOwnerGroups.contains(handle.substring(1))) {
                groups.add(handle.substring(1));
            }
        }
        return groups;
    }

    /** The platform's users: the platform groups' direct members and the users named in platform handles. */
    private Set<String> platformUsers() {
        if (platformUsers == null) {
            GitLabGovernanceSettings s = scope.settings();
            Set<String> users = new TreeSet<>(s.unprotecters().users());
            Set<String> groups = platformGroups();
            for (String handle : s.teams().platform()) {
                if (handle.startsWith("@") && !handle.startsWith("@@") && !groups.contains(handle.substring(1))) {
                    users.add(handle.substring(1));
                }
            }
            groups.forEach(g -> users.addAll(groupMembers(g).keySet()));
            platformUsers = users;
        }
        return platformUsers;
    }

    private String platformNames() {
        List<String> names = new ArrayList<>(platformGroups());
        if (names.isEmpty()) {
            return "gitlab.teams.platform";
        }
        return String.join(", ", names);
    }

    private Map<String, Integer> groupMembers(String group) {
        return groupMembers.computeIfAbsent(group, g -> lookup.groupMembers(g).orElse(Map.of()));
    }
}
