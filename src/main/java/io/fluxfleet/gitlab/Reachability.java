package io.fluxfleet.gitlab;

import io.fluxfleet.config.GitLabGovernanceSettings;
import io.fluxfleet.config.GitLabGovernanceSettings.Principals;

/**
 * Can a merge request into this stack's branch reach its required approvals from the approvers the config names?
 * Who may not approve: the author ({@code mergeRequestsAuthorApproval: false}) and everyone who committed to it
 * ({@code mergeRequestsDisableCommittersApproval: true}, both set by {@link MergeChecks}); for a promotion that is
 * everyone whose commits it promotes. When a rule's eligible approvers for a merge request are fewer than it
 * requires, GitLab does not leave the merge request blocked: it marks the rule invalid and approves it automatically
 * (gitlab-org/gitlab#334698 and !87596, "Invalid rules"; !117557: "the required approvals count was higher than the
 * number of eligible approvers" -> "marked as invalid and automatically approved"), so a rule that cannot be met
 * silently holds nothing. Counted from the config: named users; a group's size is not known to an offline
 * render, so a rule with a group is not counted here.
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
