package io.fluxfleet.config;

import io.fluxfleet.testing.GovernanceConfigs;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20: a rule that asks for more approvals than it names users (and names no group) lets any Developer fill the
 * gap (gitlab-org/gitlab doc/user/project/merge_requests/approvals/rules.md, "Eligible approvers"), so the config is
 * refused before anything is registered; groups are judged at {@code up}, against what GitLab reports.
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
        assertTrue(e.getMessage().contains("any Developer") && e.getMessage().contains("gitlab.approvals 2"), e.getMessage());
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
