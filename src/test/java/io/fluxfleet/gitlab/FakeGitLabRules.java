package io.fluxfleet.gitlab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * GitLab's own rules that {@link FakeGitLab} imitates, as tables and small pure functions, each with its source. Tests
 * (this issue's and the change-path work's) call them through {@link FakeGitLab}: {@code eligibleApprovers},
 * {@code canPush}/{@code canMerge}, {@code codeOwnerUsers}.
 *
 * <p>Sources: gitlabhq/gitlabhq (GitLab), gitlabhq/terraform-provider-gitlab v19.x (the provider pulumi-gitlab 10.1.1
 * runs).
 */
final class FakeGitLabRules {
    private FakeGitLabRules() {}

    /**
     * GitLab's role numbers (lib/gitlab/access.rb: GUEST 10, PLANNER 15 (GitLab 17.7, doc/user/permissions.md
     * "Planner"), REPORTER 20, DEVELOPER 30, MAINTAINER 40, OWNER 50; NO_ACCESS 0 and MINIMAL_ACCESS 5 exist for
     * protections and group membership only).
     */
    static final Map<String, Integer> ACCESS = Map.of("no one", 0, "minimal", 5, "guest", 10, "planner", 15,
            "reporter", 20, "developer", 30, "maintainer", 40, "owner", 50);

    /**
     * What the provider lets through for a project share: terraform-provider-gitlab
     * docs/resources/project_share_group.md, {@code group_access}: "Valid values are: `no one`, `minimal`, `guest`,
     * `planner`, `reporter`, `developer`, `maintainer`, `owner`".
     */
    static final Set<String> PROVIDER_SHARE_ROLES = Set.of("no one", "minimal", "guest", "planner", "reporter",
            "developer", "maintainer", "owner");

    /**
     * What GitLab stores as a share's role: {@code Gitlab::Access.all_values} (guest, planner, reporter, developer,
     * maintainer, owner), the inclusion list of ProjectGroupLink's {@code group_access} (app/models/project_group_link.rb,
     * "validates :group_access, inclusion: { in: Gitlab::Access.all_values }"); 0 and 5 are refused with 400.
     */
    static final Set<String> GITLAB_SHARE_ROLES = Set.of("guest", "planner", "reporter", "developer", "maintainer",
            "owner");

    /**
     * Whether a protection named {@code pattern} covers {@code branch}: app/models/protected_ref_matcher.rb,
     * {@code matches?}: an exact match, or for a name with {@code *} the name quoted with every {@code *} as
     * {@code .*?}, anchored ("\A#{regex_string}\z"). Everything but the star is literal ({@code Regexp.quote}).
     */
    static boolean matches(String pattern, String branch) {
        if (pattern.equals(branch)) {
            return true;
        }
        if (!pattern.contains("*")) {
            return false;
        }
        StringBuilder regex = new StringBuilder();
        String[] parts = pattern.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*?");
            }
            regex.append(Pattern.quote(parts[i]));
        }
        return Pattern.matches(regex.toString(), branch);
    }

    /**
     * Whether a user with {@code role} may {@code push} or merge into {@code branch} given every protection that covers
     * it: app/models/concerns/protected_ref.rb, {@code protected_ref_accessible_to?}: "access_levels_for_ref(ref,
     * ...).any? { |access_level| access_level.check_access(user) }" over {@code matching(ref)}, i.e. the exact and
     * every wildcard (or group-level) protection together, the most permissive wins. A level of 0 ("no one") grants
     * nobody. An unprotected branch: Developer and up may push (doc/user/permissions.md).
     */
    static boolean allowed(Map<String, Map<String, Object>> protections, String branch, String action, int role) {
        List<Integer> levels = new ArrayList<>();
        protections.forEach((pattern, p) -> {
            if (matches(pattern, branch)) {
                levels.add(ACCESS.get(String.valueOf(p.get(action))));
            }
        });
        if (levels.isEmpty()) {
            return role >= ACCESS.get("developer");
        }
        return levels.stream().anyMatch(level -> level > 0 && role >= level);
    }

    /**
     * A code owner handle's users on a project. Role owners ({@code @@developer}, {@code @@maintainer},
     * {@code @@owner}, plural accepted) are the project's direct members with exactly that role
     * (doc/user/project/codeowners/reference.md, "Add a role as a Code Owner": "Only Developer, Maintainer, and Owner
     * roles are available"; "Only direct project members ... inherited members are not"), Premium and Ultimate like
     * every code owner feature (doc/user/project/codeowners/_index.md, "Tier: Premium, Ultimate"). A group handle's
     * users are its direct members, and only when the group is shared with the project as Developer or more
     * (doc/user/project/codeowners/advanced.md, "Group inheritance and eligibility"); a user handle is that user if
     * it is a direct project member with Developer or more.
     */
    static Set<String> codeOwnerUsers(String handle, Map<String, Integer> directMembers, Map<String, Integer> shares,
                                      Map<String, Map<String, Integer>> groupMembers) {
        Set<String> users = new TreeSet<>();
        if (handle.startsWith("@@")) {
            String role = handle.substring(2).replaceFirst("s$", "");
            if (!Set.of("developer", "maintainer", "owner").contains(role)) {
                return users;
            }
            directMembers.forEach((u, level) -> {
                if (level.equals(ACCESS.get(role))) {
                    users.add(u);
                }
            });
            return users;
        }
        String name = handle.substring(1);
        if (groupMembers.containsKey(name)) {
            if (shares.getOrDefault(name, 0) >= ACCESS.get("developer")) {
                users.addAll(groupMembers.get(name).keySet());
            }
            return users;
        }
        if (directMembers.getOrDefault(name, 0) >= ACCESS.get("developer")) {
            users.add(name);
        }
        return users;
    }

    /**
     * The users who can approve for one approval rule: the rule's users that have access to the project (any
     * membership: "Users must have access to the project to be eligible to approve", gitlab-org/gitlab commit e283196c
     * "Clarify only direct group members can approve"; fluxfleet's fake holds them in {@code projectMembers}), and the
     * <b>direct</b> members with Developer or more of the rule's groups (same commit; gitlab-org/gitlab#323237: "only
     * users who are direct members of a group will count as approvers"), counted only for a group the project is
     * shared with as Developer or more (gitlab-org/gitlab!80436, "group approvers are now restricted to groups with
     * share access to a project"). A group that is not shared is accepted when the rule is saved and silently counts
     * for nothing (gitlab-org/gitlab#384203: "The approval group weren't actually project members so the rule was
     * auto-approved").
     */
    static Set<String> eligibleApprovers(List<String> ruleUsers, List<String> ruleGroups,
                                         Set<String> projectMembers, Map<String, Integer> shares,
                                         Map<String, Map<String, Integer>> groupMembers) {
        int developer = ACCESS.get("developer");
        Set<String> eligible = new TreeSet<>();
        for (String user : ruleUsers) {
            if (projectMembers.contains(user)) {
                eligible.add(user);
            }
        }
        for (String group : ruleGroups) {
            if (shares.getOrDefault(group, 0) >= developer) {
                groupMembers.getOrDefault(group, Map.of()).forEach((user, level) -> {
                    if (level >= developer) {
                        eligible.add(user);
                    }
                });
            }
        }
        return eligible;
    }

    /**
     * Whether a rule is invalid for a merge request, and so approved automatically: GitLab marks a rule invalid when it
     * cannot be satisfied, i.e. its eligible approvers (less the author, and the committers when they may not approve)
     * are fewer than the approvals it requires, and auto-approves it "to unblock" the merge request (gitlab-org/gitlab
     * #334698 and !87596, "Invalid rules": the author the only eligible approver, or none; !117557 "Set approval rule
     * as invalid if there are not enough approvers": "the required approvals count was higher than the number of
     * eligible approvers" -> "marked as invalid and automatically approved").
     */
    static boolean invalidAndAutoApproved(Set<String> eligibleForThisMergeRequest, int required) {
        return eligibleForThisMergeRequest.size() < required;
    }
    /** One entry of a protection's access list: a role ({@code maintainer}, ...), a user or a group. */
    record AccessEntry(String accessLevel, String user, String group) {}

    /**
     * Whether a user may unprotect a branch (Premium, {@code allowed_to_unprotect}): gitlabhq
     * ee/app/policies/ee/protected_branch_policy.rb, {@code can_unprotect?}: the user passes one of the unprotect access
     * levels: a role at or above the entry's ({@code ProtectedRefAccess#check_access}: "user.can?(:push_code...) &&
     * project.team.max_member_access(user.id) >= access_level"), the named user, or a member of the named group. No
     * entry: GitLab's default {@code unprotect_access_level} 40, Maintainer (doc/api/protected_branches.md). A level of
     * 0 ("no one") admits nobody.
     */
    static boolean canUnprotect(List<AccessEntry> entries, String user, int role, Set<String> memberOf) {
        if (entries.isEmpty()) {
            return role >= ACCESS.get("maintainer");
        }
        return entries.stream().anyMatch(e -> e.accessLevel() != null && ACCESS.get(e.accessLevel()) > 0
                && role >= ACCESS.get(e.accessLevel())
                || e.user() != null && e.user().equals(user)
                || e.group() != null && memberOf.contains(e.group()));
    }
}
