package io.fluxfleet.gitlab;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulumi.test.PulumiTest;
import io.fluxfleet.config.Environment;
import io.fluxfleet.gitlab.GitLabGovernanceTest.Run;
import io.fluxfleet.testing.GovernanceConfigs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.fluxfleet.gitlab.FakeGitLab.RULE;
import static io.fluxfleet.gitlab.GitLabGovernanceTest.failure;
import static io.fluxfleet.gitlab.GitLabGovernanceTest.greenfield;
import static io.fluxfleet.gitlab.GitLabGovernanceTest.promotedUpTo;
import static io.fluxfleet.gitlab.GitLabGovernanceTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20, approvers and roles as GitLab reports them ({@link Memberships}, {@link ApproverEligibility}), run through
 * the whole component against the fake GitLab, so the facts come from the membership data sources the way
 * {@link ProviderLookup} reads them. Each hostile project state is refused before any GitLab resource is registered,
 * naming the project and the fix; its benign twin goes through. The fake's greenfield: alice and bob direct Developers
 * of both projects, the platform group (pat Maintainer, sam Developer) and every team group shared as Developer; the
 * premium stack's approvers are the platform group and alice, prod asking for three approvals.
 */
class MembershipPreflightTest {
    private static final String TENANT1 = "your-org/tenant1-gitops";

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    /** The premium stack of {@code env} with {@code users} as approver users besides the platform group. */
    private static ObjectNode approverUsers(String env, String... users) {
        ObjectNode stack = GovernanceConfigs.premium(env);
        ArrayNode list = ((ObjectNode) stack.get("gitlab").get("approvers")).putArray("users");
        List.of(users).forEach(list::add);
        return stack;
    }

    private static FakeGitLab atProd() {
        FakeGitLab gitlab = greenfield();
        promotedUpTo(gitlab, Environment.PROD);
        PulumiTest.cleanup();
        return gitlab;
    }

    private static void assertNoGitLabResource(String refused) {
        assertTrue(refused.contains("nothing was changed"), refused);
    }

    @Test
    void anApproverWhoIsNotAMemberIsRefusedAndOnceAddedCounts() {
        FakeGitLab gitlab = atProd().user("gina", 31);
        String refused = failure(() -> run(gitlab, approverUsers("prod", "alice", "gina")));
        assertTrue(refused.contains(TENANT1 + ": approver gina is not a direct member of the project")
                && refused.contains("Add them as a direct member with the Developer role"), refused);
        assertNoGitLabResource(refused);

        PulumiTest.cleanup();
        gitlab.project("101", TENANT1).directMember("gina", "developer");
        gitlab.project("102", "your-org/tenant2-gitops").directMember("gina", "developer");
        Run prod = run(gitlab, approverUsers("prod", "alice", "gina"));
        assertEquals(List.of(21, 31), prod.mocks().find(RULE, "tenant1-prod-approval-rule").input("userIds"));
    }

    /**
     * GitLab itself would count an approver user who is a member only through a parent group. fluxfleet reads the rule
     * strictly (a direct member): such a membership is granted and withdrawn in another group, unseen by the project
     * and this stack, and is outside the per-project role cap.
     */
    @Test
    void anApproverWhoIsAMemberOnlyThroughAParentGroupIsRefusedAndADirectOneIsNot() {
        FakeGitLab gitlab = atProd().user("ivy", 32);
        gitlab.project("101", TENANT1).inheritedMember("ivy", "developer");
        gitlab.project("102", "your-org/tenant2-gitops").directMember("ivy", "developer");
        String refused = failure(() -> run(gitlab, approverUsers("prod", "alice", "ivy")));
        assertTrue(refused.contains(TENANT1 + ": approver ivy is not a direct member"), refused);
        assertFalse(refused.contains("your-org/tenant2-gitops: approver ivy"), "tenant2 has ivy directly: " + refused);

        PulumiTest.cleanup();
        gitlab.project("101", TENANT1).directMember("ivy", "developer");
        run(gitlab, approverUsers("prod", "alice", "ivy"));
    }

    @Test
    void anApproverGroupSharedAsReporterIsRefusedOnEveryStack() {
        FakeGitLab gitlab = greenfield();
        gitlab.project("101", TENANT1).share("your-org/platform-team", "reporter");
        String dev = failure(() -> run(gitlab, GovernanceConfigs.premium("dev")));
        assertTrue(dev.contains(TENANT1 + ": approver group your-org/platform-team is shared with a role below"
                + " Developer") && dev.contains("set the share's role to Developer"), dev);

        PulumiTest.cleanup();
        gitlab.project("101", TENANT1).share("your-org/platform-team", "developer");
        run(gitlab, GovernanceConfigs.premium("dev"));
    }

    /**
     * A stack that does not share groups leaves an unshared approver group out of its rule (with a warning); when the
     * count then cannot be met it refuses, naming the owner stack that shares it. The owner stack counts the share it
     * creates in the same run.
     */
    @Test
    void anUnsharedApproverGroupIsRefusedWhereItIsNeededUntilTheOwnerStackSharesIt() {
        FakeGitLab gitlab = greenfield(FakeGitLab.Kind.EE_PREMIUM, false);
        String alone = failure(() -> run(gitlab, GovernanceConfigs.premium("dev")));
        assertTrue(alone.contains(TENANT1 + ": the approval rule fluxfleet-dev needs 1 approvals but has 1 eligible"
                + " approver(s) (alice); the author cannot approve") && alone.contains("run `pulumi up` on the prod"
                + " stack"), "alice alone cannot approve her own merge request: " + alone);
        PulumiTest.cleanup();
        Run dev = run(gitlab, GitLabGovernanceTest.alsoApprover(GovernanceConfigs.premium("dev"), "bob"));
        assertTrue(dev.log().warnings.stream().anyMatch(w -> w.contains("is not shared with your-org/platform-team")),
                "dev needs one approval, which alice or bob gives; the group is left out with a warning");
        gitlab.apply(dev.mocks());
        PulumiTest.cleanup();

        String preprod = failure(() -> run(gitlab, GitLabGovernanceTest.alsoApprover(GovernanceConfigs.premium("preprod"), "bob")));
        assertTrue(preprod.contains(TENANT1 + ": the approval rule fluxfleet-preprod needs 2 approvals but has 2"
                + " eligible approver(s) (alice, bob)") && preprod.contains("approves it automatically")
                && preprod.contains("run `pulumi up` on the prod stack (gitlab.projectSettings.owner) first"), preprod);

        PulumiTest.cleanup();
        Run prod = run(gitlab, GitLabGovernanceTest.alsoApprover(GovernanceConfigs.premium("prod"), "bob"));
        gitlab.apply(prod.mocks());
        assertEquals(30, gitlab.project("101", TENANT1).shares.get("your-org/platform-team"), "prod shared it");
        PulumiTest.cleanup();
        Run after = run(gitlab, GitLabGovernanceTest.alsoApprover(GovernanceConfigs.premium("preprod"), "bob"));
        assertEquals(List.of(11), after.mocks().find(RULE, "tenant1-preprod-approval-rule").input("groupIds"));
    }

    @Test
    void aRuleWithFewerEligibleApproversThanRequiredIsRefusedBecauseGitLabWouldApproveItByItself() {
        FakeGitLab gitlab = atProd();
        gitlab.groupMembers.get("your-org/platform-team").remove("sam");
        gitlab.groupMembers.get("your-org/platform-team").remove("pia");
        // the fake's GitLab rule: alice and pat are the rule's only approvers for three required approvals
        assertTrue(FakeGitLabRules.invalidAndAutoApproved(Set.of("alice", "pat"), 3));
        String refused = failure(() -> run(gitlab, GovernanceConfigs.premium("prod")));
        assertTrue(refused.contains(TENANT1 + ": the approval rule fluxfleet-prod needs 3 approvals but has 2 eligible"
                + " approver(s) (alice, pat); the author cannot approve")
                && refused.contains("GitLab then marks it invalid and approves it automatically")
                && refused.contains("`pulumi config set --path gitlab.approvals 1 -s prod`"), refused);
        assertNoGitLabResource(refused);
    }

    /**
     * Change-path row approver-authors-exact-rule: exactly as many eligible approvers as required approvals is one
     * short for a merge request one of them opens (GitLab's ApprovalState#filter_author, "users -
     * [merge_request.author]"), so the rule is invalid and approved automatically; refused, and one more passes.
     */
    @Test
    void aRuleWithExactlyAsManyEligibleApproversAsRequiredIsRefusedBecauseItsAuthorCannotApprove() {
        FakeGitLab gitlab = atProd();
        gitlab.groupMembers.get("your-org/platform-team").remove("pia");
        // the fake's GitLab rule: an MR pat opens has alice and sam as approvers for three required approvals
        assertTrue(FakeGitLabRules.invalidAndAutoApproved(Set.of("alice", "sam"), 3));
        String refused = failure(() -> run(gitlab, GovernanceConfigs.premium("prod")));
        assertTrue(refused.contains(TENANT1 + ": the approval rule fluxfleet-prod needs 3 approvals but has 3 eligible"
                + " approver(s) (alice, pat, sam); the author cannot approve, so GitLab needs one eligible approver"
                + " more than the count") && refused.contains("`pulumi config set --path gitlab.approvals 2 -s prod`"),
                refused);
        assertNoGitLabResource(refused);

        PulumiTest.cleanup();
        gitlab.groupMember("your-org/platform-team", "pia", "developer");
        Run prod = run(gitlab, GovernanceConfigs.premium("prod"));
        gitlab.apply(prod.mocks());
        assertFalse(gitlab.autoApproved(TENANT1, "prod", "pat", Set.of()),
                "four eligible approvers: a merge request pat opens still needs the other three");
        assertFalse(gitlab.autoApproved(TENANT1, "prod", "mallory", Set.of()), "nor one anyone else opens");
    }

    /**
     * Red team: a blocked user is still listed by the membership APIs (with {@code state: blocked}) but GitLab counts
     * only active users as a rule's approvers ({@link FakeGitLab#block}). Counted by the preflight, a blocked approver
     * let a rule pass that GitLab treats as short of approvers, invalid and approved automatically.
     */
    @Test
    void aBlockedApproverCountsForNothing() {
        FakeGitLab gitlab = atProd();
        gitlab.apply(run(gitlab, GovernanceConfigs.premium("prod")).mocks());
        assertFalse(gitlab.autoApproved(TENANT1, "prod", "mallory", Set.of()), "four active approvers for three");
        PulumiTest.cleanup();

        gitlab.block("sam");
        gitlab.block("pia");
        assertTrue(gitlab.autoApproved(TENANT1, "prod", "mallory", Set.of()),
                "GitLab itself: with sam and pia blocked the rule has two approvers for three approvals");
        String refused = failure(() -> run(gitlab, GovernanceConfigs.premium("prod")));
        assertTrue(refused.contains(TENANT1 + ": the approval rule fluxfleet-prod needs 3 approvals but has 2 eligible"
                + " approver(s) (alice, pat)"), refused);
        assertNoGitLabResource(refused);
    }

    @Test
    void aTenantMaintainerIsRefusedInProdAndWarnedAboutElsewhere() {
        FakeGitLab gitlab = atProd();
        gitlab.project("101", TENANT1).directMember("mallory", "maintainer");
        String prod = failure(() -> run(gitlab, GovernanceConfigs.premium("prod")));
        assertTrue(prod.contains(TENANT1 + ": mallory holds Maintainer as a direct member but is not in the platform"
                + " group") && prod.contains("lower them to Developer in the project's Manage > Members"), prod);
        assertNoGitLabResource(prod);

        PulumiTest.cleanup();
        Run dev = run(gitlab, GovernanceConfigs.premium("dev"));
        assertTrue(dev.log().warnings.stream().anyMatch(w -> w.contains("mallory holds Maintainer")),
                dev.log().warnings.toString());
    }

    /**
     * Red team: membership is project-wide, so a Maintainer of the platform project whom the dev stack only warns about
     * is a Maintainer for its prod branch too: between prod runs they can edit the prod rule, unprotect prod where
     * GitLab lets a Maintainer, and merge into it, i.e. apply anything as cluster-admin on the prod cluster. The
     * platform project refuses a non-platform Maintainer on every stack; a tenant project outside prod still warns.
     */
    @Test
    void aNonPlatformMaintainerOfThePlatformProjectIsRefusedOnEveryStack() {
        ObjectNode dev = GovernanceConfigs.premium("dev");
        dev.putObject("layers").put("source", "platform").put("project", "your-org/platform-gitops");
        FakeGitLab gitlab = greenfield();
        GitLabGovernanceTest.platformProject(gitlab).directMember("mallory", "maintainer");
        String refused = failure(() -> run(gitlab, dev));
        assertTrue(refused.contains("your-org/platform-gitops: mallory holds Maintainer as a direct member but is not in"
                + " the platform group"), refused);
        assertNoGitLabResource(refused);

        PulumiTest.cleanup();
        FakeGitLab benign = greenfield();
        GitLabGovernanceTest.platformProject(benign).directMember("pat", "maintainer");
        benign.project("101", TENANT1).directMember("mallory", "maintainer");
        Run run = run(benign, dev);
        assertTrue(run.log().warnings.stream().anyMatch(w -> w.contains(TENANT1 + ": mallory holds Maintainer")),
                "a tenant project outside prod still only warns: " + run.log().warnings);
    }

    @Test
    void aMaintainerThroughAParentGroupIsRefusedWithThatGroupsFix() {
        FakeGitLab gitlab = atProd();
        gitlab.project("101", TENANT1).inheritedMember("olga", "owner");
        String prod = failure(() -> run(gitlab, GovernanceConfigs.premium("prod")));
        assertTrue(prod.contains(TENANT1 + ": olga holds Owner through a parent group")
                && prod.contains("the parent group's Manage > Members"), prod);
    }

    /** The benign twin: the platform group's members and the token's own user may hold Maintainer. */
    @Test
    void thePlatformGroupAndTheTokensUserMayHoldMaintainer() {
        FakeGitLab gitlab = atProd().token("fluxfleet-bot");
        gitlab.project("101", TENANT1).directMember("pat", "maintainer").directMember("fluxfleet-bot", "maintainer")
                .inheritedMember("sam", "owner");
        Run prod = run(gitlab, GovernanceConfigs.premium("prod"));
        assertTrue(prod.log().warnings.stream().noneMatch(w -> w.contains("holds ")), prod.log().warnings.toString());
    }

    @Test
    void aTenantTeamSharedAboveDeveloperIsRefusedButThePlatformGroupMayBeHigher() {
        FakeGitLab gitlab = atProd();
        gitlab.project("101", TENANT1).share("your-org/dev-team", "maintainer");
        String prod = failure(() -> run(gitlab, GovernanceConfigs.premium("prod")));
        assertTrue(prod.contains(TENANT1 + ": the group your-org/dev-team is shared with the project as Maintainer")
                && prod.contains("set the share's role to Developer (project Manage > Members > Groups), then run"
                + " `pulumi up --refresh`"), prod);
        assertNoGitLabResource(prod);

        PulumiTest.cleanup();
        Run dev = run(gitlab, GovernanceConfigs.premium("dev"));
        assertTrue(dev.log().warnings.stream().anyMatch(w -> w.contains("your-org/dev-team is shared with the project as"
                + " Maintainer")), "a stack that does not share groups only warns outside prod");

        PulumiTest.cleanup();
        ObjectNode devOwns = GovernanceConfigs.premium("dev");
        ((ObjectNode) devOwns.get("gitlab")).putObject("projectSettings").put("owner", "dev");
        String owner = failure(() -> run(gitlab, devOwns));
        assertTrue(owner.contains(TENANT1 + ": the group your-org/dev-team is shared with the project as Maintainer"),
                "the stack that shares groups would adopt it, so it refuses outside prod too: " + owner);

        PulumiTest.cleanup();
        gitlab.project("101", TENANT1).share("your-org/dev-team", "developer").share("your-org/platform-team", "owner");
        Run fixed = run(gitlab, GovernanceConfigs.premium("prod"));
        assertEquals("owner", fixed.mocks().find(FakeGitLab.SHARE, "tenant1-share-your-org-platform-team")
                .input("groupAccess"), "the platform group's higher share is adopted as it is");
    }
}
