package io.fluxfleet.gitlab;

import io.fluxfleet.config.GitLabGovernanceSettings;
import io.fluxfleet.config.GitLabGovernanceSettings.Principals;

/**
 * Can a merge request into this stack's branch reach its required approvals from the approvers the config names?
 * Who may not approve: the author ({@code mergeRequestsAuthorApproval: false}) and everyone who committed to it
 * ({@code mergeRequestsDisableCommittersApproval: true}, both set by {@link MergeChecks}); for a promotion that is
 * everyone whose commits it promotes. When a rule's eligible approvers for a merge request are fewer than it
 * requires, GitLab does not leave the merge request blocked, nor let other Developers fill it: it marks the rule
 * invalid and approves it automatically (gitlab-org/gitlab ee/app/models/approval_wrapped_rule.rb: {@code
 * invalid_rule?} "approvals_required > approvers.size", the approvers less the author and the committers;
 * {@code approved?} "approvals_left <= 0 || (invalid_rule? && allow_merge_when_invalid?)"; #334698, !87596, !117557),
 * so a rule that cannot be met silently holds nothing. Counted from the config: named users; a group's members are
 * counted at {@code up} against GitLab ({@link Memberships}), so a rule with a group is not counted here.
 */
final class Reachability {
    private Reachability() {}

    /**
     * Warns, with the numbers, about a rule that can be met, but not by a merge request one of its approvers opened.
     * More approvals than named users is refused earlier, when the config is read ({@code GitLabGovernanceSettings},
     * key {@code gitlab.approvals}).
     */
    static void warn(GovernanceScope scope) {
        GitLabGovernanceSettings s = scope.settings();
        Principals approvers = s.approvers();
        if (!s.tier().hasApprovals() || !approvers.groups().isEmpty()) {
            return;
        }
        int required = s.approvals();
        int named = approvers.users().size();
        String branch = scope.environment().branch();
        if (named - 1 < required) {
            scope.log().warn(branch + ": a merge request opened by one of the " + named + " approvers can reach at most "
                    + (named - 1) + " of its " + required + " required approvals (the author never approves), fewer if"
                    + " other approvers committed to it (mergeRequestsDisableCommittersApproval), and GitLab then marks"
                    + " the rule invalid and approves it automatically. Name at least " + (required + 1) + " approvers in gitlab.approvers.");
        }
    }
}
