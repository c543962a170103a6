package io.fluxfleet.gitlab;

import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.test.PulumiTest;
import io.fluxfleet.gitlab.bindings.BranchProtection;
import io.fluxfleet.gitlab.bindings.BranchProtectionArgs;
import io.fluxfleet.gitlab.bindings.ProjectApprovalRule;
import io.fluxfleet.gitlab.bindings.ProjectApprovalRuleArgs;
import io.fluxfleet.gitlab.bindings.ProjectLevelMrApprovals;
import io.fluxfleet.gitlab.bindings.ProjectLevelMrApprovalsArgs;
import io.fluxfleet.gitlab.bindings.ProjectShareGroup;
import io.fluxfleet.gitlab.bindings.ProjectShareGroupArgs;
import io.fluxfleet.gitlab.bindings.inputs.BranchProtectionAllowedToPushArgs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.fluxfleet.gitlab.FakeGitLab.Kind.CE_FREE;
import static io.fluxfleet.gitlab.FakeGitLab.Kind.EE_PREMIUM;
import static io.fluxfleet.gitlab.FakeGitLab.Kind.EE_UNLICENSED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each behaviour {@link FakeGitLab} imitates, called the same way on the three kinds of instance (CE, EE without a
 * licence, EE Premium), with the answer GitLab documents for each (sources on {@link FakeGitLabRules} and beside each
 * refusal in {@link FakeGitLab}).
 */
class FakeGitLabTest {
    private static final String PATH = "your-org/tenant1-gitops";

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    static FakeGitLab instance(FakeGitLab.Kind kind) {
        FakeGitLab gitlab = new FakeGitLab(kind).user("alice", 21).user("bob", 22).user("carol", 23).user("dave", 24);
        GitLabGovernanceTest.GROUPS.forEach(gitlab::group);
        gitlab.groupMember("your-org/platform-team", "bob", "developer");
        gitlab.groupMember("your-org/security-team", "carol", "developer");
        gitlab.project("101", PATH).share("your-org/platform-team", "developer")
                .directMember("alice", "developer").directMember("dave", "maintainer")
                // carol reaches the project only through a parent group: a member, not a direct one
                .member("carol");
        return gitlab;
    }

    /** The error a registration gets on {@code gitlab}, or empty when it is accepted. */
    private static Optional<String> register(FakeGitLab gitlab, Runnable program) {
        try {
            GitLabMocks mocks = gitlab.mocks();
            mocks.run(ctx -> program.run());
            gitlab.apply(mocks);
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of(String.valueOf(e.getMessage()));
        } finally {
            PulumiTest.cleanup();
        }
    }

    private static ProjectApprovalRule rule(List<Integer> groups, List<Integer> users, int required) {
        return new ProjectApprovalRule("r", ProjectApprovalRuleArgs.builder().project("101").name("fluxfleet-prod")
                .approvalsRequired(required).groupIds(groups).userIds(users).protectedBranchIds(List.of(501)).build());
    }

    /** The approval endpoints: CE has no such route (404), EE refuses without the licence (403), Premium accepts. */
    @ParameterizedTest
    @EnumSource(FakeGitLab.Kind.class)
    void approvalEndpointsAnswerPerEdition(FakeGitLab.Kind kind) {
        Optional<String> ruleAnswer = register(instance(kind), () -> rule(List.of(11), List.of(), 1));
        Optional<String> settingsAnswer = register(instance(kind), () -> new ProjectLevelMrApprovals("a",
                ProjectLevelMrApprovalsArgs.builder().project("101").resetApprovalsOnPush(true).build()));
        for (Optional<String> answer : List.of(ruleAnswer, settingsAnswer)) {
            switch (kind) {
                case CE_FREE -> assertTrue(answer.orElse("").contains("404 Not Found"), kind + ": " + answer);
                case EE_UNLICENSED -> assertTrue(answer.orElse("").contains("403 Forbidden"), kind + ": " + answer);
                case EE_PREMIUM -> assertEquals(Optional.empty(), answer, kind.name());
            }
        }
    }

    /** A rule naming an unshared group is accepted (Premium) and the group's members count for nothing. */
    @ParameterizedTest
    @EnumSource(FakeGitLab.Kind.class)
    void anApprovalRuleNamingAnUnsharedGroupIsAcceptedAndTheGroupSilentlyDropped(FakeGitLab.Kind kind) {
        FakeGitLab gitlab = instance(kind);
        gitlab.project("101", PATH).protect("prod", "no one", "maintainer", false, false);
        Optional<String> answer = register(gitlab, () -> {
            new BranchProtection("p", protectionArgs(kind, "prod"), CustomResourceOptions.builder().importId("101:prod").build());
            rule(List.of(11, 13), List.of(), 1);
        });
        assertEquals(kind == EE_PREMIUM, answer.isEmpty(), kind + ": " + answer);
        Set<String> eligible = gitlab.eligibleApprovers(PATH, "prod", "nobody", Set.of());
        // bob is in the shared platform-team; carol only in the unshared security-team
        assertEquals(kind == EE_PREMIUM ? Set.of("bob") : Set.of(), eligible, kind.name());
    }

    /**
     * Named users count by any membership, a group's users only as its direct members (and only when the group is
     * shared); fewer eligible than required: the rule is auto-approved.
     */
    @ParameterizedTest
    @EnumSource(FakeGitLab.Kind.class)
    void approversAndAnUnsatisfiableRuleIsAutoApproved(FakeGitLab.Kind kind) {
        FakeGitLab gitlab = instance(kind);
        // frank is in a subgroup of platform-team: not a direct member of the group named in the rule
        gitlab.groupMember("your-org/platform-team/sre", "frank", "developer");
        gitlab.project("101", PATH).protect("prod", "no one", "maintainer", false, false);
        register(gitlab, () -> {
            new BranchProtection("p", protectionArgs(kind, "prod"), CustomResourceOptions.builder().importId("101:prod").build());
            rule(List.of(11), List.of(21, 23), 1);
        });
        assertEquals(kind == EE_PREMIUM ? Set.of("alice", "bob", "carol") : Set.of(),
                gitlab.eligibleApprovers(PATH, "prod", "x", Set.of()),
                kind + ": carol (a member through a parent group) counts as a named user; frank does not");
        assertFalse(gitlab.autoApproved(PATH, "prod", "x", Set.of()), kind.name());

        FakeGitLab alone = instance(kind);
        alone.project("101", PATH).protect("prod", "no one", "maintainer", false, false);
        register(alone, () -> {
            new BranchProtection("p", protectionArgs(kind, "prod"), CustomResourceOptions.builder().importId("101:prod").build());
            rule(List.of(), List.of(21), 1);
        });
        assertEquals(kind == EE_PREMIUM, alone.autoApproved(PATH, "prod", "alice", Set.of()),
                kind + ": alice opened it and is the only eligible approver: invalid, auto-approved");

        FakeGitLab tooFew = instance(kind);
        tooFew.project("101", PATH).protect("prod", "no one", "maintainer", false, false);
        register(tooFew, () -> {
            new BranchProtection("p", protectionArgs(kind, "prod"), CustomResourceOptions.builder().importId("101:prod").build());
            rule(List.of(), List.of(21, 24), 2);
        });
        assertEquals(kind == EE_PREMIUM ? Set.of("alice", "dave") : Set.of(),
                tooFew.eligibleApprovers(PATH, "prod", "x", Set.of()), kind.name());
        assertFalse(tooFew.autoApproved(PATH, "prod", "x", Set.of()), kind + ": 2 eligible for 2 required");
        assertEquals(kind == EE_PREMIUM, tooFew.autoApproved(PATH, "prod", "x", Set.of("dave")),
                kind + ": dave committed to it and may not approve: 1 eligible < 2 required");
    }

    /** Every share role the provider accepts, and what GitLab stores; the same on every kind (sharing is Free). */
    @ParameterizedTest
    @EnumSource(FakeGitLab.Kind.class)
    void shareRoles(FakeGitLab.Kind kind) {
        Map<String, Boolean> stored = new java.util.TreeMap<>();
        for (String role : List.of("no one", "minimal", "guest", "planner", "reporter", "developer", "maintainer",
                "owner", "admin")) {
            FakeGitLab gitlab = instance(kind);
            Optional<String> answer = register(gitlab, () -> new ProjectShareGroup("s", ProjectShareGroupArgs.builder()
                    .project("101").groupId(13).groupAccess(role).build()));
            stored.put(role, answer.isEmpty());
            if (answer.isEmpty()) {
                assertEquals(FakeGitLabRules.ACCESS.get(role), gitlab.project("101", PATH).shares.get("your-org/security-team"));
            } else if (role.equals("admin")) {
                assertTrue(answer.get().contains("expected group_access to be one of"), answer.get());
            } else {
                assertTrue(answer.get().contains("400 group_access does not have a valid value"), answer.get());
            }
        }
        assertEquals(Map.of("no one", false, "minimal", false, "guest", true, "planner", true, "reporter", true,
                "developer", true, "maintainer", true, "owner", true, "admin", false), stored, kind.name());
        assertEquals(15, FakeGitLabRules.ACCESS.get("planner"));
    }

    /** Adopting a CE protection whose access levels differ: the provider would replace it, the engine refuses. */
    @ParameterizedTest
    @EnumSource(FakeGitLab.Kind.class)
    void anImportedProtectionIsNeverReplaced(FakeGitLab.Kind kind) {
        FakeGitLab gitlab = instance(kind);
        gitlab.project("101", PATH).protect("prod", "maintainer", "maintainer", false, false);
        Optional<String> answer = register(gitlab, () -> new BranchProtection("p", protectionArgs(kind, "prod"),
                CustomResourceOptions.builder().importId("101:prod").build()));
        if (kind == CE_FREE) {
            assertTrue(answer.orElse("").contains("previously-imported resources that still specify an ID may not be"
                    + " replaced") && answer.get().contains("pushAccessLevel: maintainer => no one"), String.valueOf(answer));
        } else {
            assertEquals(Optional.empty(), answer, kind + ": EE updates allowed_to_push in place");
        }
        FakeGitLab same = instance(kind);
        same.project("101", PATH).protect("prod", "no one", "maintainer", false, false);
        assertEquals(Optional.empty(), register(same, () -> new BranchProtection("p", protectionArgs(kind, "prod"),
                CustomResourceOptions.builder().importId("101:prod").build())), kind + ": nothing to replace");
    }

    /** A wildcard covers a branch that does not exist yet, with GitLab's quoting; the most permissive rule wins. */
    @ParameterizedTest
    @EnumSource(FakeGitLab.Kind.class)
    void wildcardProtectionOnANewBranch(FakeGitLab.Kind kind) {
        FakeGitLab gitlab = instance(kind);
        FakeGitLab.FakeProject p = gitlab.project("101", PATH).wildcard("pr*d", "no one", "maintainer");
        assertTrue(p.isProtected("prod") && !p.branches.containsKey("prod"));
        assertFalse(p.canPush("prod", "maintainer"), "seeding prod would be a 403");
        assertTrue(p.canMerge("prod", "maintainer"));
        assertTrue(FakeGitLabRules.matches("release-1.*", "release-1.2"));
        assertFalse(FakeGitLabRules.matches("release-1.*", "release-1x2"), "'.' is literal (Regexp.quote)");
        assertFalse(FakeGitLabRules.matches("pr*d", "prod-2"), "anchored");
        p.protect("prod", "no one", "maintainer", false, false).wildcard("p*", "maintainer", "maintainer");
        assertTrue(p.canPush("prod", "maintainer"), "a more permissive wildcard overrides the exact protection");
        assertFalse(p.canPush("prod", "developer"));
        GitLabMocks mocks = gitlab.mocks();
        java.util.concurrent.atomic.AtomicReference<List<String>> names = new java.util.concurrent.atomic.AtomicReference<>();
        mocks.run(ctx -> io.fluxfleet.gitlab.bindings.GitlabFunctions.getProjectProtectedBranches(
                io.fluxfleet.gitlab.bindings.inputs.GetProjectProtectedBranchesArgs.builder().projectId("101").build(),
                        com.pulumi.deployment.InvokeOptions.Empty)
                .applyValue(r -> {
                    names.set(r.protectedBranches().stream().map(b -> b.name()).sorted().toList());
                    return 0;
                }));
        assertEquals(List.of("main", "p*", "pr*d", "prod"), names.get(), "exact and wildcard protections, as entered");
    }

    /** Role owners are the direct members with that role, on a licensed instance only (code owners are Premium). */
    @ParameterizedTest
    @EnumSource(FakeGitLab.Kind.class)
    void roleOwners(FakeGitLab.Kind kind) {
        FakeGitLab gitlab = instance(kind);
        boolean premium = kind == EE_PREMIUM;
        assertEquals(premium ? Set.of("alice") : Set.of(), gitlab.codeOwnerUsers(PATH, "@@developer"));
        assertEquals(premium ? Set.of("alice") : Set.of(), gitlab.codeOwnerUsers(PATH, "@@developers"));
        assertEquals(premium ? Set.of("dave") : Set.of(), gitlab.codeOwnerUsers(PATH, "@@maintainer"));
        assertEquals(Set.of(), gitlab.codeOwnerUsers(PATH, "@@reporter"), "not a code owner role");
        assertEquals(premium ? Set.of("bob") : Set.of(), gitlab.codeOwnerUsers(PATH, "@your-org/platform-team"));
        assertEquals(Set.of(), gitlab.codeOwnerUsers(PATH, "@your-org/security-team"), "not shared: optional");
        assertEquals(Set.of(), gitlab.codeOwnerUsers(PATH, "@carol"), "not a direct member");
    }

    private static BranchProtectionArgs protectionArgs(FakeGitLab.Kind kind, String branch) {
        BranchProtectionArgs.Builder b = BranchProtectionArgs.builder().project("101").branch(branch).allowForcePush(false);
        return kind.enterprise
                ? b.allowedToPushes(List.of(BranchProtectionAllowedToPushArgs.builder().accessLevel("no one").build())).build()
                : b.pushAccessLevel("no one").mergeAccessLevel("maintainer").build();
    }

    @Test
    void theKindsAreTheThreeInstancesOfTheIssue() {
        assertEquals(List.of(CE_FREE, EE_UNLICENSED, EE_PREMIUM), List.of(FakeGitLab.Kind.values()));
    }
}
