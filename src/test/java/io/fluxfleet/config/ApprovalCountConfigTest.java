package io.fluxfleet.config;

import io.fluxfleet.testing.GovernanceConfigs;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20: a rule that asks for more approvals than it names users (and names no group) is one GitLab marks invalid
 * and approves automatically (gitlab-org/gitlab ee/app/models/approval_wrapped_rule.rb: {@code invalid_rule?} is
 * "approvals_required > approvers.size", and {@code approved?} holds for an invalid rule; !117557), so it would hold
 * nothing; the config is refused before anything is registered. Groups are judged at {@code up}, against what GitLab
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
        assertTrue(e.getMessage().contains("approves it automatically") && e.getMessage().contains("gitlab.approvals 2"), e.getMessage());
    }

    @Test
    void enoughNamedUsersOrAGroupIsAccepted() {
        assertEquals(2, GovernanceConfigs.load(GovernanceConfigs.stack("prod", """
                url: https://gitlab.example.com
                tier: premium
                approvals: 2
                approvers: {users: [pat, sam]}
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
