package io.fluxfleet.gitlab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether an approval rule can only be filled by the people it names, judged against what the GitLab API reports for
 * the project (not only against the config). GitLab's rules (gitlab-org/gitlab
 * {@code doc/user/project/merge_requests/approvals/rules.md}, "Eligible approvers", "Group approvers"; the code is
 * {@code ee/app/models/approval_wrapped_rule.rb} and {@code ee/app/models/approval_state.rb}, read at a 2025 mirror,
 * pavankalisetti009/gitlab commits 45df6acd and 46c956e8):
 * <table>
 *   <caption>who counts for a rule</caption>
 *   <tr><th>rule entry</th><th>counts when</th><th>else</th></tr>
 *   <tr><td>user</td><td>a member of the project with at least Developer ("Users with the Developer role can approve
 *       merge requests if ... added as approvers")</td><td>GitLab keeps the rule but the user cannot approve</td></tr>
 *   <tr><td>group</td><td>its direct members ("only direct members of eligible groups can provide approvals"), when
 *       the group is shared with the project; a share below Developer lets Reporters approve only through an opt-in
 *       setting, so fluxfleet requires Developer</td><td>the group adds no eligible approver</td></tr>
 *   <tr><td>required count</td><td>fewer than the eligible approvers: the merge request's author is never one
 *       ({@code ApprovalState#filter_author}, "users - [merge_request.author]", as fluxfleet sets
 *       {@code merge_requests_author_approval: false}), and any of them may author</td><td>the rule is <b>invalid and approved
 *       automatically</b>: {@code ApprovalWrappedRule#invalid_rule?} is "!any_approver? && approvals_required >
 *       approvers.size" (approvers less the author and, as fluxfleet sets it, the committers) and {@code approved?}
 *       is "approvals_left <= 0 || (invalid_rule? && allow_merge_when_invalid?)", the latter true for every rule
 *       not made by a security policy (gitlab-org/gitlab#334698, !87596, !117557: "marked as invalid and
 *       automatically approved"). The docs' older sentence that "approvals from other users with at least the
 *       Developer role ... count toward meeting the required number" does not hold for a rule: its
 *       {@code approved_approvers} are only its own {@code approvers} who approved, so another Developer's approval
 *       is recorded but fills nothing, and the rule passes with no approval at all</td></tr>
 * </table>
 * fluxfleet takes the strict reading for users: a <em>direct</em> project member. GitLab would also count a member
 * through a parent group or a share, but such a membership is granted and withdrawn in another group, without the
 * project (or this stack) seeing it, and its role there is outside the role cap fluxfleet holds per project.
 */
public final class ApproverEligibility {
    /** GitLab's Developer access level (Gitlab::Access::DEVELOPER). */
    public static final int DEVELOPER = 30;

    private ApproverEligibility() {}

    /** A rule as fluxfleet registers it. */
    public record Rule(String name, int required, List<String> users, List<String> groups) {
        public Rule {
            users = List.copyOf(users);
            groups = List.copyOf(groups);
        }
    }

    /**
     * What the GitLab API reports.
     *
     * @param directMembers      the project's direct members: username to access level
     * @param shares             groups the project is shared with: full path to the share's access level
     * @param groupDirectMembers each approver group's direct members (usernames)
     */
    public record Membership(Map<String, Integer> directMembers, Map<String, Integer> shares,
                             Map<String, Set<String>> groupDirectMembers) {
        public Membership {
            directMembers = Map.copyOf(directMembers);
            shares = Map.copyOf(shares);
            groupDirectMembers = Map.copyOf(groupDirectMembers);
        }
    }

    /** The users who can approve under {@code rule}, by GitLab's rules above. */
    public static Set<String> eligible(Rule rule, Membership m) {
        Set<String> eligible = new TreeSet<>();
        for (String user : rule.users()) {
            if (m.directMembers().getOrDefault(user, 0) >= DEVELOPER) {
                eligible.add(user);
            }
        }
        for (String group : rule.groups()) {
            if (m.shares().getOrDefault(group, 0) >= DEVELOPER) {
                eligible.addAll(m.groupDirectMembers().getOrDefault(group, Set.of()));
            }
        }
        return eligible;
    }

    /**
     * Every reason {@code rule} on {@code project} could be filled by someone it does not name, each with its fix;
     * none when it cannot.
     *
     * @param stack the stack, for the {@code pulumi config set} commands
     */
    public static List<String> problems(String project, String stack, Rule rule, Membership m) {
        return problems(project, stack, rule, m, Set.of(), io.fluxfleet.config.Environment.last().id());
    }

    /**
     * As above, for a stack that does not share the groups: {@code pending} are approver groups not shared yet, which
     * it leaves out of its rule with a warning ({@code GroupShares#usable}); they count for nothing here, and a count
     * they were needed for is refused until the {@code owner} stack has shared them.
     */
    public static List<String> problems(String project, String stack, Rule rule, Membership m, Set<String> pending,
                                        String owner) {
        List<String> problems = new ArrayList<>();
        for (String user : rule.users()) {
            Integer level = m.directMembers().get(user);
            if (level == null) {
                problems.add(project + ": approver " + user + " is not a direct member of the project, so GitLab does"
                        + " not count their approval. Add them as a direct member with the Developer role (Manage >"
                        + " Members), or remove them from fluxfleet:gitlab.approvers.users.");
            } else if (level < DEVELOPER) {
                problems.add(project + ": approver " + user + " has a role below Developer, which cannot approve."
                        + " Give them the Developer role (Manage > Members), or remove them from fluxfleet:gitlab.approvers.users.");
            }
        }
        for (String group : rule.groups()) {
            Integer level = m.shares().get(group);
            if (pending.contains(group)) {
                continue;
            }
            if (level == null || level < DEVELOPER) {
                problems.add(project + ": approver group " + group + (level == null ? " is not shared with the project,"
                        + " so none of its members can approve. Run `pulumi up` on the " + owner + " stack, which shares"
                        + " groups (fluxfleet:gitlab.projectSettings.owner), or share it as Developer (Manage > Members >"
                        + " Invite a group), then run this stack again."
                        : " is shared with a role below Developer, so none of its members can approve, and fluxfleet"
                        + " does not raise an existing share (that would replace it). Fix: set the share's role to"
                        + " Developer in the project's Manage > Members > Groups, then run `pulumi up` again."));
            }
        }
        Set<String> eligible = eligible(rule, m);
        // any eligible approver may open the merge request and is then no approver of it (ApprovalState#filter_author,
        // "users - [merge_request.author]", mergeRequestsAuthorApproval false): one more than the count is needed
        if (rule.required() >= eligible.size()) {
            List<String> waiting = rule.groups().stream().filter(pending::contains).toList();
            problems.add(project + ": the approval rule " + rule.name() + " needs " + rule.required() + " approvals"
                    + " but has " + eligible.size() + " eligible approver(s)" + (eligible.isEmpty() ? ""
                    : " (" + String.join(", ", eligible) + ")") + "; the author cannot approve, so GitLab needs one"
                    + " eligible approver more than the count: a merge request opened by one of them leaves the rule"
                    + " short, and GitLab then marks it invalid and approves it automatically, so it would hold"
                    + " nothing. " + (waiting.isEmpty() ? ""
                    : String.join(", ", waiting) + " is not shared with the project yet: run `pulumi up` on the "
                    + owner + " stack (gitlab.projectSettings.owner) first, which shares it, then this stack again;"
                    + " or a") + (waiting.isEmpty() ? "A" : "") + "dd direct members with Developer or more to the approver groups, or lower the count:"
                    + " `pulumi config set --path gitlab.approvals " + Math.max(1, eligible.size() - 1) + " -s " + stack + "`.");
        }
        return problems;
    }
}
