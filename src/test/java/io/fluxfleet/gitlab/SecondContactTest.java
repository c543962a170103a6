package io.fluxfleet.gitlab;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulumi.test.PulumiTest;
import io.fluxfleet.config.Environment;
import io.fluxfleet.gitlab.GitLabGovernanceTest.Run;
import io.fluxfleet.testing.GovernanceConfigs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Set;

import static io.fluxfleet.gitlab.FakeGitLab.FILE;
import static io.fluxfleet.gitlab.FakeGitLab.Kind.EE_PREMIUM;
import static io.fluxfleet.gitlab.FakeGitLab.PROTECTION;
import static io.fluxfleet.gitlab.FakeGitLab.SHARE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 23's first-contact cases, each on the three kinds of instance ({@link FakeGitLab.Kind}): refused before any
 * GitLab resource with the fix named, or governed so that the fake (which refuses what GitLab and the engine refuse)
 * accepts the run and a second run changes nothing.
 */
class SecondContactTest {
    private static final String PATH = "your-org/tenant1-gitops";

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    /** The stack file a team on {@code kind} writes, with {@code extra} YAML lines under {@code gitlab}. */
    static ObjectNode stack(FakeGitLab.Kind kind, Environment env, String extra) {
        String base = switch (kind) {
            // Free enforces no code owners: the stack accepts that tenants drive the platform layers (PlatformLayerGuard)
            case CE_FREE -> "edition: ce\ntier: free\nacceptTenantDrivenClusterAdmin: true\n";
            case EE_UNLICENSED -> "edition: ee\ntier: free\nacceptTenantDrivenClusterAdmin: true\n";
            case EE_PREMIUM -> "tier: premium\n";
        };
        String approvers = kind.licensed && !extra.contains("approvers:")
                ? "approvers:\n  groups: [your-org/platform-team]\n  users: [alice]\n" : "";
        return GovernanceConfigs.stack(env.id(), "url: https://gitlab.example.com\ntoken: " + GovernanceConfigs.TOKEN
                + "\n" + base + approvers + extra);
    }

    static final String TEAMS = """
            teams:
              platform: "@your-org/platform-team"
              devops: "@your-org/devops-team"
              security: "@your-org/security-team"
              qa: "@your-org/qa-team"
              dev: "@your-org/dev-team"
              app: "@your-org/app-team"
            """;

    /** An unlicensed prod stack, even with the opt-in, is refused naming the opt-in key (issue 20). */
    private static void assertProdRefusedUnlicensed(FakeGitLab.Kind kind) {
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.fluxfleet.config.ConfigException.class,
                () -> GovernanceConfigs.load(stack(kind, Environment.PROD, TEAMS)));
        assertTrue(e.getMessage().contains("acceptTenantDrivenClusterAdmin: is refused in prod"), e.getMessage());
    }

    /** Runs {@code env}'s stack and applies it; then a second run must register the same resources. */
    private static Run settle(FakeGitLab gitlab, ObjectNode stack) {
        Run first = GitLabGovernanceTest.run(gitlab, stack);
        gitlab.apply(first.mocks());
        PulumiTest.cleanup();
        Run second = GitLabGovernanceTest.run(gitlab, stack);
        GitLabGovernanceTest.assertSameResources(first, second);
        assertEquals(List.of(), FakeGitLab.engineRefusals(first.mocks(), second.mocks()));
        PulumiTest.cleanup();
        return first;
    }

    private static String refusal(FakeGitLab gitlab, ObjectNode stack) {
        Exception e = assertThrows(Exception.class, () -> GitLabGovernanceTest.run(gitlab, stack));
        assertTrue(gitlab.log.isEmpty(), "refused before GitLab saw any registration: " + gitlab.log);
        PulumiTest.cleanup();
        return e.getMessage();
    }

    /** 1. An existing dev protection with other access levels: CE refuses with the fix, EE adopts and updates it. */
    @ParameterizedTest
    @EnumSource(FakeGitLab.Kind.class)
    void adoptingAnExistingProtection(FakeGitLab.Kind kind) {
        FakeGitLab gitlab = GitLabGovernanceTest.greenfield(kind, true);
        for (String id : List.of("101", "102")) {
            gitlab.project(id, id.equals("101") ? PATH : "your-org/tenant2-gitops").branch("dev", true);
        }
        ObjectNode dev = stack(kind, Environment.DEV, TEAMS);
        if (!kind.enterprise) {
            String message = refusal(gitlab, dev);
            assertTrue(message.contains(PATH + "@dev is protected with push: maintainer, merge: maintainer")
                    && message.contains("your-org/tenant2-gitops@dev") && message.contains("'Allowed to merge: Maintainers'")
                    && message.contains("'Allowed to push and merge: No one'"), message);
            // the fix, as an administrator applies it in GitLab
            gitlab.project("101", PATH).protect("dev", "no one", "maintainer", false, false);
            gitlab.project("102", "your-org/tenant2-gitops").protect("dev", "no one", "maintainer", false, false);
        }
        Run run = settle(gitlab, dev);
        assertEquals("101:dev", run.mocks().find(PROTECTION, "tenant1-dev-protection").importId());
        assertEquals("no one", gitlab.project("101", PATH).protections.get("dev").get("push"));
    }

    /** 2. Role owners in gitlab.teams reach the seeded CODEOWNERS; on Premium they stand for the direct members. */
    @ParameterizedTest
    @EnumSource(FakeGitLab.Kind.class)
    void roleOwnersAreSeeded(FakeGitLab.Kind kind) {
        FakeGitLab gitlab = GitLabGovernanceTest.greenfield(kind, true);
        gitlab.project("101", PATH).directMember("dave", "maintainer");
        Run run = settle(gitlab, stack(kind, Environment.DEV, TEAMS.replace("\"@your-org/platform-team\"",
                "\"@@maintainer @your-org/platform-team\"").replace("\"@your-org/qa-team\"", "\"@@developers\"")));
        String codeowners = run.mocks().find(FILE, "tenant1-dev-codeowners").input("content");
        assertTrue(codeowners.contains("* @@maintainer @your-org/platform-team @your-org/devops-team"), codeowners);
        assertTrue(codeowners.contains("@@developers"), codeowners);
        assertEquals(kind == EE_PREMIUM ? Set.of("dave") : Set.of(), gitlab.codeOwnerUsers(PATH, "@@maintainer"));
    }

    /** 3. dev not created yet but covered by a wildcard: strict -> protected, nothing committed; permissive -> refused. */
    @ParameterizedTest
    @EnumSource(FakeGitLab.Kind.class)
    void aNewBranchUnderAWildcard(FakeGitLab.Kind kind) {
        FakeGitLab permissive = GitLabGovernanceTest.greenfield(kind, true);
        permissive.project("101", PATH).wildcard("d*", "maintainer", "developer");
        String message = refusal(permissive, stack(kind, Environment.DEV, TEAMS));
        assertTrue(message.contains(PATH + "@dev is covered by the protection 'd*' (push: maintainer, merge: developer)")
                && message.contains("most permissive"), message);

        FakeGitLab strict = GitLabGovernanceTest.greenfield(kind, true);
        strict.project("101", PATH).wildcard("d*", "no one", "maintainer");
        assertFalse(strict.project("101", PATH).canPush("dev", "maintainer"), "a seed commit would be a 403");
        Run run = settle(strict, stack(kind, Environment.DEV, TEAMS));
        assertTrue(run.mocks().all(FILE).stream().noneMatch(f -> f.name().startsWith("tenant1-")),
                "nothing is committed to a branch the wildcard protects");
        assertTrue(run.mocks().all(FILE).stream().anyMatch(f -> f.name().startsWith("tenant2-")), "tenant2 is seeded");
        assertTrue(strict.project("101", PATH).branches.containsKey("dev"));
        assertTrue(run.log().warnings.stream().anyMatch(w -> w.contains(PATH + "@dev has no .gitlab/CODEOWNERS")),
                run.log().warnings.toString());
    }

    /** 4. A top-level team handle that is a group: refused until listed in sharedGroups, then shared by prod. */
    @ParameterizedTest
    @EnumSource(FakeGitLab.Kind.class)
    void aTopLevelTeamHandleThatIsAGroup(FakeGitLab.Kind kind) {
        if (!kind.licensed) {
            // prod on a tier that enforces no code owners is refused before GitLab is asked (PlatformLayerGuard)
            assertProdRefusedUnlicensed(kind);
            return;
        }
        FakeGitLab gitlab = GitLabGovernanceTest.greenfield(kind, true).group("platform", 31)
                .groupMember("platform", "erin", "developer");
        String teams = TEAMS.replace("\"@your-org/platform-team\"", "\"@platform @your-org/platform-team\"");
        if (kind.licensed) {
            String message = refusal(gitlab, stack(kind, Environment.PROD, teams));
            assertTrue(message.contains("gitlab.teams.platform: @platform is a group on the instance")
                    && message.contains("'gitlab.projectSettings.sharedGroups[0]' platform"), message);
        }
        String fixed = teams + "projectSettings:\n  sharedGroups: [platform]\n";
        Run prod = settle(gitlab, stack(kind, Environment.PROD, fixed));
        assertEquals(kind.licensed, prod.mocks().all(SHARE).stream().anyMatch(s -> s.name().equals("tenant1-share-platform")));
        assertEquals(kind.licensed ? Set.of("erin") : Set.of(), gitlab.codeOwnerUsers(PATH, "@platform"),
                "the group's code-owner approval is real once it is shared");
    }

    /** 5. Approval reachability with the numbers, checked against who the fake lets approve. */
    @ParameterizedTest
    @EnumSource(FakeGitLab.Kind.class)
    void approvalReachability(FakeGitLab.Kind kind) {
        if (!kind.licensed) {
            // prod on a tier that enforces no code owners is refused before GitLab is asked (PlatformLayerGuard)
            assertProdRefusedUnlicensed(kind);
            return;
        }
        FakeGitLab gitlab = GitLabGovernanceTest.greenfield(kind, true);
        GitLabGovernanceTest.promotedUpTo(gitlab, Environment.PROD, kind.licensed ? null : "url: https://gitlab.example.com\n"
                + "edition: " + kind.edition() + "\ntier: free\nacceptTenantDrivenClusterAdmin: true\n");
        String one = TEAMS + "approvers:\n  users: [alice]\n";
        if (kind.licensed) {
            String message = refusal(gitlab, stack(kind, Environment.PROD, one));
            // refused when the config is read, before GitLab is asked (ConfigLoader's approval count, issue 20),
            // with the numbers
            assertTrue(message.contains("gitlab.approvals: is 3, but fluxfleet:gitlab.approvers names only 1 user(s)"
                    + " and no group"), message);
        }
        gitlab.project("101", PATH).directMember("alice", "developer").directMember("bob", "developer")
                .directMember("carol", "developer").directMember("dave", "developer");
        gitlab.project("102", "your-org/tenant2-gitops").directMember("carol", "developer").directMember("dave", "developer");
        gitlab.user("carol", 23);
        gitlab.user("dave", 24);
        if (kind.licensed) {
            // three named users for three approvals: an MR alice opens has only bob and carol to approve it, and the
            // fake (as GitLab) would approve the rule by itself; refused when the config is read, with the numbers
            String exact = refusal(gitlab, stack(kind, Environment.PROD, TEAMS + "approvers:\n  users: [alice, bob, carol]\n"));
            assertTrue(exact.contains("gitlab.approvals: is 3, but fluxfleet:gitlab.approvers names only 3 user(s)")
                    && exact.contains("the author cannot approve, so GitLab needs one eligible approver more than the"
                    + " count"), exact);
        }
        settle(gitlab, stack(kind, Environment.PROD, TEAMS + "approvers:\n  users: [alice, bob, carol, dave]\n"));
        if (kind.licensed) {
            assertEquals(Set.of("bob", "carol", "dave"), gitlab.eligibleApprovers(PATH, "prod", "alice", Set.of()),
                    "the fake agrees: an MR alice opens has 3 possible approvers for 3 required approvals");
            assertFalse(gitlab.autoApproved(PATH, "prod", "alice", Set.of()), "so an approver's own MR is not approved by itself");
            assertFalse(gitlab.autoApproved(PATH, "prod", "erin", Set.of()), "nor an MR by a non-approver");
        } else {
            assertEquals(Set.of(), gitlab.eligibleApprovers(PATH, "prod", "alice", Set.of()), "no rule on Free");
            assertFalse(gitlab.autoApproved(PATH, "prod", "alice", Set.of()));
        }
    }
}
