package io.fluxfleet.config;

import io.fluxfleet.testing.GovernanceConfigs;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20: a rule that asks for as many approvals as it names users, or more (and names no group), is one GitLab
 * marks invalid and approves automatically, at the latest when one of them opens the merge request: the author is
 * no approver of it (gitlab-org/gitlab ee/app/models/approval_state.rb {@code filter_author}, "users -
 * [merge_request.author]", as fluxfleet sets merge_requests_author_approval false), and
 * ee/app/models/approval_wrapped_rule.rb {@code invalid_rule?} is "approvals_required > approvers.size", {@code
 * approved?} holds for an invalid rule (!117557), so it would hold nothing; the config is refused before anything is
 * registered (change-path row approver-authors-exact-rule). Groups are judged at {@code up}, against what GitLab
 * reports ({@code gitlab.MembershipPreflightTest}).
 */
class ApprovalCountConfigTest {
    @Test
    void moreApprovalsThanNamedUsersIsRefusedWithTheFix() {
        ConfigException e = assertThrows(ConfigException.class, () -> GovernanceConfigs.load(GovernanceConfigs.stack("prod", """
                url: https://gitlab.example.com
                tier: premium
                approvals: 3
                approvers: {users: [pat, sam]}
                """)));
        assertEquals("fluxfleet:gitlab.approvals", e.problems().get(0).key());
        assertTrue(e.getMessage().contains("approves it automatically") && e.getMessage().contains("gitlab.approvals 1`"), e.getMessage());
    }

    @Test
    void exactlyAsManyNamedUsersAsApprovalsIsRefusedBecauseTheAuthorCannotApprove() {
        ConfigException e = assertThrows(ConfigException.class, () -> GovernanceConfigs.load(GovernanceConfigs.stack("prod", """
                url: https://gitlab.example.com
                tier: premium
                approvals: 2
                approvers: {users: [pat, sam]}
                """)));
        assertEquals("fluxfleet:gitlab.approvals", e.problems().get(0).key());
        assertTrue(e.getMessage().contains("the author cannot approve, so GitLab needs one eligible approver more than"
                + " the count") && e.getMessage().contains("at least 3 in fluxfleet:gitlab.approvers.users")
                && e.getMessage().contains("gitlab.approvals 1`"), e.getMessage());
        ConfigException one = assertThrows(ConfigException.class, () -> GovernanceConfigs.load(GovernanceConfigs.stack("prod", """
                url: https://gitlab.example.com
                tier: premium
                approvals: 1
                approvers: {users: [pat]}
                """)));
        assertTrue(one.getMessage().contains("at least 2 in fluxfleet:gitlab.approvers.users")
                && !one.getMessage().contains("--path gitlab.approvals"), "no count below 1 to offer: " + one.getMessage());
    }

    @Test
    void oneNamedUserMoreThanApprovalsOrAGroupIsAccepted() {
        assertEquals(2, GovernanceConfigs.load(GovernanceConfigs.stack("prod", """
                url: https://gitlab.example.com
                tier: premium
                approvals: 2
                approvers: {users: [pat, sam, kim]}
                """)).gitlab().governance().approvals());
        assertEquals(3, GovernanceConfigs.load(GovernanceConfigs.stack("prod", """
                url: https://gitlab.example.com
                tier: premium
                approvals: 3
                approvers: {groups: [your-org/platform-team]}
                projectSettings: {sharedGroups: [your-org/platform-team]}
                """)).gitlab().governance().approvals());
    }
}
