package io.fluxfleet.gitlab.model;

import io.fluxfleet.gitlab.ApproverEligibility;
import io.fluxfleet.gitlab.ApproverEligibility.Membership;
import io.fluxfleet.gitlab.ApproverEligibility.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Issue 20, "approvals anyone can give": the prod rule asks for three approvals of the platform group. The attacker is
 * a tenant developer ({@code mallory}, Developer in the project) with a colleague ({@code mike}, Developer too) and
 * the approvals of whoever the rule names, one short of the count. Each hostile project state lets her merge
 * request through anyway ({@link ApprovalModel}, GitLab's rules: a rule short of eligible approvers is approved by
 * GitLab itself, or a Reporter share counts once opted in); fluxfleet must refuse every one of them
 * ({@link ApproverEligibility}) and accept the legitimate state, under which she cannot fill the rule.
 */
class ApproverEligibilityScenarioTest {
    private static final int DEV = ApprovalModel.DEVELOPER;
    private static final int REP = ApprovalModel.REPORTER;
    private static final String PLATFORM = "your-org/platform-team";
    private static final String ATTACKER = "mallory";
    private static final String COLLEAGUE = "mike";
    private static final String AUTHOR = "alice";

    /** The GitLab state as the API reports it to fluxfleet: direct members, shares, approver groups' direct members. */
    private static Membership reported(ApprovalModel m) {
        Map<String, Integer> direct = new HashMap<>();
        m.directMembers.forEach(u -> direct.put(u, m.projectRoles.get(u)));
        return new Membership(direct, m.shares, m.groupDirect);
    }

    private static ApprovalModel base() {
        return new ApprovalModel().member(ATTACKER, DEV).member(COLLEAGUE, DEV).member(AUTHOR, DEV);
    }

    static Stream<Arguments> hostile() {
        return Stream.of(
                arguments("the approver group has fewer direct members than the rule needs (GitLab approves the invalid rule itself)",
                        new Rule("prod", 3, List.of(), List.of(PLATFORM)),
                        base().share(PLATFORM, DEV, List.of("pat", "sam"), List.of())),
                arguments("the approver group's members are inherited, not direct",
                        new Rule("prod", 3, List.of(), List.of(PLATFORM)),
                        base().share(PLATFORM, DEV, List.of("pat"), List.of("sam", "kim"))),
                arguments("the approver group is not shared with the project (GitLab drops it)",
                        new Rule("prod", 2, List.of(), List.of(PLATFORM)),
                        base().group(PLATFORM, List.of("pat", "sam", "kim"))),
                arguments("the approver group is shared as Reporter (Reporter approvals opted in)",
                        new Rule("prod", 2, List.of(), List.of(PLATFORM)),
                        base().share(PLATFORM, REP, List.of("pat", "sam", "kim"), List.of()).reporterApprovals(true)),
                arguments("an approver user is not a member (GitLab drops them)",
                        new Rule("prod", 2, List.of("pat", "ghost"), List.of()),
                        base().member("pat", 40)),
                arguments("an approver user is a Reporter",
                        new Rule("prod", 2, List.of("pat", "rita"), List.of()),
                        base().member("pat", 40).member("rita", REP)),
                arguments("the rule names the attacker's group share only through a parent (inherited members)",
                        new Rule("preprod", 2, List.of(), List.of(PLATFORM, "your-org/qa-team")),
                        base().share(PLATFORM, DEV, List.of("pat"), List.of()).share("your-org/qa-team", DEV, List.of(),
                                List.of("quinn", "quentin"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void eachHostileStateLetsTheAttackerApproveAndIsRefused(String attack, Rule rule, ApprovalModel gitlab) {
        Set<String> named = gitlab.assigned(rule.users(), rule.groups(), AUTHOR);
        Set<String> approvals = new HashSet<>(named.stream().filter(u -> !gitlab.directMembers.contains(u)
                || gitlab.projectRoles.get(u) >= DEV).sorted().limit(Math.max(0, rule.required() - 2)).toList());
        approvals.add(ATTACKER);
        approvals.add(COLLEAGUE);
        boolean reporterFills = gitlab.reporterApprovalsEnabled && !named.isEmpty();
        assertTrue(gitlab.satisfied(rule.required(), rule.users(), rule.groups(), AUTHOR, approvals) || reporterFills,
                "the attack works on GitLab: " + attack);

        List<String> problems = ApproverEligibility.problems("your-org/tenant1-gitops", "prod", rule, reported(gitlab));
        assertFalse(problems.isEmpty(), "fluxfleet refuses: " + attack);
        problems.forEach(p -> assertTrue(p.contains("your-org/tenant1-gitops") && (p.contains("pulumi config set")
                || p.contains("Manage > Members") || p.contains("pulumi up")), "each problem names its fix: " + p));
    }

    /**
     * Change-path row approver-authors-exact-rule: as many eligible approvers as required approvals, and one of them
     * opens the merge request (R5 removes them): the rule is short, invalid and approved with no approval (R4).
     */
    @Test
    void exactlyAsManyEligibleApproversAsRequiredIsRefusedBecauseOneOfThemMayAuthor() {
        Rule rule = new Rule("prod", 3, List.of(), List.of(PLATFORM));
        ApprovalModel gitlab = base().share(PLATFORM, DEV, List.of("pat", "sam", "kim"), List.of());
        assertTrue(gitlab.satisfied(3, rule.users(), rule.groups(), "pat", Set.of()), "GitLab: pat's own MR needs nothing");
        List<String> problems = ApproverEligibility.problems("your-org/tenant1-gitops", "prod", rule, reported(gitlab));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("has 3 eligible approver(s) (kim, pat, sam); the author cannot approve")
                && problems.get(0).contains("gitlab.approvals 2 -s prod"), problems.get(0));
    }

    @Test
    void theLegitimateRuleIsAcceptedAndTheAttackerCannotFillIt() {
        Rule rule = new Rule("prod", 3, List.of(), List.of(PLATFORM));
        ApprovalModel gitlab = base().share(PLATFORM, DEV, List.of("pat", "sam", "kim", "lena"), List.of("intern"));

        assertEquals(List.of(), ApproverEligibility.problems("your-org/tenant1-gitops", "prod", rule, reported(gitlab)));
        assertFalse(gitlab.satisfied(3, rule.users(), rule.groups(), "pat", Set.of("sam", "kim")),
                "an approver's own merge request still needs three others");
        assertFalse(gitlab.satisfied(3, rule.users(), rule.groups(), AUTHOR, Set.of(ATTACKER, "pat", "sam")),
                "two of the platform and the attacker do not make three");
        assertFalse(gitlab.satisfied(3, rule.users(), rule.groups(), AUTHOR, Set.of(ATTACKER, "intern", "pat", "sam")),
                "an inherited member does not count either");
        assertTrue(gitlab.satisfied(3, rule.users(), rule.groups(), AUTHOR, Set.of("pat", "sam", "kim")),
                "three platform approvals merge");
    }

    /** The property behind the check: whenever fluxfleet accepts a state of the corpus, the attacker cannot fill it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void whateverFluxfleetAcceptsTheAttackerCannotFill(String attack, Rule rule, ApprovalModel gitlab) {
        for (int required = 1; required <= 4; required++) {
            Rule r = new Rule(rule.name(), required, rule.users(), rule.groups());
            if (ApproverEligibility.problems("p", "prod", r, reported(gitlab)).isEmpty()) {
                Set<String> named = gitlab.assigned(r.users(), r.groups(), AUTHOR);
                List<String> fewer = named.stream().sorted().limit(Math.max(0, required - 1)).toList();
                Set<String> approvals = new HashSet<>(fewer);
                approvals.add(ATTACKER);
                approvals.add(COLLEAGUE);
                assertFalse(gitlab.satisfied(required, r.users(), r.groups(), AUTHOR, approvals),
                        attack + ", " + required + " required: accepted, yet the attacker's approval counted");
            }
        }
    }
}
