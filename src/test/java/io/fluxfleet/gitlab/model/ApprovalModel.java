package io.fluxfleet.gitlab.model;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small model of who GitLab lets approve a merge request under one approval rule, written from GitLab's rules, not
 * from fluxfleet's code, so that fluxfleet's check ({@code ApproverEligibility}) can be judged against it. Each rule
 * cites gitlab-org/gitlab {@code doc/user/project/merge_requests/approvals/rules.md} (GitLab 18.x):
 * <ol>
 *   <li>R1 "Eligible approvers": a user must be a member of the project (direct, through its groups or a share); "Users
 *       with the Developer role can approve merge requests if ... added as approvers".</li>
 *   <li>R2 "Group approvers": "All direct members of this group can approve the rule. Inherited members cannot".</li>
 *   <li>R3 "Users with the Planner or Reporter role can approve only if ... part of a group that has been shared with
 *       the project ... at least the Reporter role" and "Approval permissions for users with the Planner and Reporter
 *       role are enabled" (an opt-in project setting).</li>
 *   <li>R4 a rule whose eligible approvers (R1-R3, less the author: R5) are fewer than it requires is invalid and
 *       approved automatically, with no approval at all; another Developer's approval is recorded but never counts
 *       toward a rule that does not name them (gitlab-org/gitlab ee/app/models/approval_wrapped_rule.rb:
 *       {@code invalid_rule?} "approvals_required > approvers.size", {@code approved?} "approvals_left <= 0 ||
 *       (invalid_rule? && allow_merge_when_invalid?)", {@code approved_approvers} only the rule's own approvers;
 *       !117557). The docs' older sentence, "approvals from other users with at least the Developer role ... count
 *       toward meeting the required number", is not what that code does for a rule.</li>
 *   <li>R5 "Merge request authors do not count as eligible approvers on their own merge requests by default".</li>
 * </ol>
 */
public final class ApprovalModel {
    public static final int REPORTER = 20;
    public static final int DEVELOPER = 30;

    /** Users' roles in the project, however they got them (direct, group, share). */
    final Map<String, Integer> projectRoles = new HashMap<>();
    /** Direct project members. */
    final Set<String> directMembers = new HashSet<>();
    /** Groups shared with the project: the share's role. */
    final Map<String, Integer> shares = new HashMap<>();
    /** Each group's direct members, and its inherited (subgroup or parent) members. */
    final Map<String, Set<String>> groupDirect = new HashMap<>();
    final Map<String, Set<String>> groupInherited = new HashMap<>();
    boolean reporterApprovalsEnabled;

    public ApprovalModel member(String user, int role) {
        projectRoles.merge(user, role, Math::max);
        directMembers.add(user);
        return this;
    }

    /** A group shared with the project with {@code role}: its direct members get at most that role (R1). */
    public ApprovalModel share(String group, int role, List<String> direct, List<String> inherited) {
        shares.put(group, role);
        groupDirect.put(group, new HashSet<>(direct));
        groupInherited.put(group, new HashSet<>(inherited));
        direct.forEach(u -> projectRoles.merge(u, role, Math::max));
        return this;
    }

    /** A group that is not shared with the project (an approval rule may still name it). */
    public ApprovalModel group(String group, List<String> direct) {
        groupDirect.put(group, new HashSet<>(direct));
        return this;
    }

    public ApprovalModel reporterApprovals(boolean enabled) {
        reporterApprovalsEnabled = enabled;
        return this;
    }

    /** The users the rule names who can approve (R1-R3, R5 for {@code author}). */
    public Set<String> assigned(List<String> users, List<String> groups, String author) {
        Set<String> out = new HashSet<>();
        for (String u : users) {
            if (projectRoles.getOrDefault(u, 0) >= DEVELOPER) {
                out.add(u);
            }
        }
        for (String g : groups) {
            for (String u : groupDirect.getOrDefault(g, Set.of())) {
                int role = projectRoles.getOrDefault(u, 0);
                boolean shared = shares.containsKey(g);
                if (shared && (role >= DEVELOPER || (reporterApprovalsEnabled && role >= REPORTER))) {
                    out.add(u);
                }
            }
        }
        out.remove(author);
        return out;
    }

    /** Whether {@code approvals} (by distinct users) satisfy a rule requiring {@code required} (R4 included). */
    public boolean satisfied(int required, List<String> users, List<String> groups, String author, Set<String> approvals) {
        Set<String> assigned = assigned(users, groups, author);
        if (required > assigned.size()) {
            return true;
        }
        return approvals.stream().filter(u -> !u.equals(author)).filter(assigned::contains).count() >= required;
    }
}
