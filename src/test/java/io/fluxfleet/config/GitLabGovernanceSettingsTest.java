package io.fluxfleet.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxfleet.config.GitLabGovernanceSettings.DeployToken;
import io.fluxfleet.config.GitLabGovernanceSettings.Mode;
import io.fluxfleet.config.GitLabGovernanceSettings.Principals;
import io.fluxfleet.config.GitLabGovernanceSettings.Tier;
import io.fluxfleet.testing.GovernanceConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The {@code gitlab.*} governance keys: defaults per environment, and a catalog of broken stacks. */
class GitLabGovernanceSettingsTest {

    private static GitLabGovernanceSettings load(String env, String gitlabYaml) {
        return GovernanceConfigs.load(GovernanceConfigs.stack(env, gitlabYaml)).gitlab().governance();
    }

    /** The environments that may run on the free tier, given the acknowledgement (PlatformLayerGuardTest). */
    static java.util.stream.Stream<Environment> nonStrict() {
        return java.util.Arrays.stream(Environment.values()).filter(e -> !e.refusesTenantDrivenClusterAdmin());
    }

    @ParameterizedTest
    @MethodSource("nonStrict")
    void aStackWithOnlyTheUrlGetsTheDefaults(Environment env) {
        // the url alone is refused (free tier, PlatformLayerGuardTest); the acknowledgement is the one key it needs
        GitLabGovernanceSettings s = load(env.id(), "url: https://gitlab.example.com\n"
                + "acceptTenantDrivenClusterAdmin: true\n");
        assertEquals(Optional.empty(), s.token());
        assertEquals(Tier.FREE, s.tier());
        assertEquals(switch (env) { case DEV -> 1; case PREPROD -> 2; case PROD -> 3; }, s.approvals());
        assertEquals(Principals.none(), s.approvers());
        assertEquals(Principals.none(), s.mergers());
        assertEquals(List.of("@platform-team"), s.teams().platform());
        assertEquals(List.of("@app-team"), s.teams().app());
        assertEquals("ff", s.mergeMethod());
        assertEquals(Optional.empty(), s.declaredEdition());
        assertEquals(GitLabGovernanceSettings.Edition.CE, s.edition(), "free and undeclared: ce");
        assertEquals(Mode.ENFORCE, s.projectSettings().mode());
        assertEquals(List.of(), s.projectSettings().sharedGroups());
        assertEquals(List.of(), s.sharedGroups(), "the default teams are single-segment handles: users");
        assertEquals(Environment.PROD, s.projectSettings().owner());
        assertEquals(new DeployToken(true, 3, Optional.empty()), s.deployToken());
        assertEquals(GitLabGovernanceSettings.DEFAULT_TRIVY_IMAGE, s.ci().trivyImage());
        assertEquals("2.8.5", s.ci().fluxVersion());
    }

    @Test
    void prodMergersDefaultToTheApproversAndTheTokenIsASecret() {
        GitLabGovernanceSettings prod = GovernanceConfigs.load(GovernanceConfigs.premium("prod")).gitlab().governance();
        assertEquals(new Principals(List.of("your-org/platform-team"), List.of("alice")), prod.mergers());
        assertEquals(GovernanceConfigs.TOKEN, prod.token().orElseThrow().reveal());
        assertFalse(prod.toString().contains(GovernanceConfigs.TOKEN), "the token never shows in a toString");
        assertEquals(List.of("@your-org/app-team", "@bob"), prod.teams().app());

        GitLabGovernanceSettings dev = GovernanceConfigs.load(GovernanceConfigs.premium("dev")).gitlab().governance();
        assertEquals(Principals.none(), dev.mergers());
    }

    @Test
    void everyKeyCanBeSet() {
        GitLabGovernanceSettings s = load("preprod", """
                url: https://gitlab.example.com
                edition: ee
                tier: ultimate
                approvals: 4
                approvers: {groups: [your-org/qa], users: [carol]}
                mergers: {groups: [your-org/release-managers]}
                teams: {qa: "@your-org/qa @@maintainers", security: "@@owner sec@example.com"}
                mergeMethod: ff
                projectSettings: {mode: report, owner: preprod, sharedGroups: [your-org/release-managers]}
                deployToken: {enabled: false, rotationMonths: 6, expiresAt: "2027-06-30"}
                ci:
                  kubectlImage: alpine/k8s:1.35.1
                  kubeconformImage: ghcr.io/yannh/kubeconform:v0.7.0-alpine
                  trivyImage: aquasec/trivy:0.75.0
                  fluxVersion: 2.9.4
                """);
        assertEquals(Tier.ULTIMATE, s.tier());
        assertEquals(Optional.of(GitLabGovernanceSettings.Edition.EE), s.declaredEdition());
        assertEquals(List.of("@your-org/qa", "@@maintainers"), s.teams().qa(), "a role owner (@@role) is accepted");
        assertEquals(List.of("your-org/qa"), s.codeOwnerGroups());
        assertEquals(List.of("your-org/qa", "your-org/release-managers"), s.sharedGroups());
        assertEquals(4, s.approvals());
        assertEquals(new Principals(List.of("your-org/release-managers"), List.of()), s.mergers());
        assertEquals("ff", s.mergeMethod());
        assertEquals(Mode.REPORT, s.projectSettings().mode());
        assertEquals(Environment.PREPROD, s.projectSettings().owner());
        assertEquals(new DeployToken(false, 6, Optional.of(LocalDate.of(2027, 6, 30))), s.deployToken());
        assertEquals(new GitLabGovernanceSettings.Ci("alpine/k8s:1.35.1", "ghcr.io/yannh/kubeconform:v0.7.0-alpine",
                "aquasec/trivy:0.75.0", "2.9.4"), s.ci());
    }

    /** One broken stack per row: the key the problem is reported under, and what the message says. */
    static Stream<org.junit.jupiter.params.provider.Arguments> brokenStacks() {
        return Stream.of(
                arguments("negative approvals", "approvals: -1", "fluxfleet:gitlab.approvals", "between 1 and 20"),
                arguments("too many approvals", "approvals: 21", "fluxfleet:gitlab.approvals", "between 1 and 20"),
                arguments("approvals not a number", "approvals: many", "fluxfleet:gitlab.approvals", "whole number"),
                arguments("unknown tier", "tier: gold", "fluxfleet:gitlab.tier", "expected free, premium, ultimate"),
                arguments("premium without approvers", "tier: premium", "fluxfleet:gitlab.approvers", "at least one group"),
                arguments("empty approver group", "approvers: {groups: ['']}", "fluxfleet:gitlab.approvers.groups[0]",
                        "non-empty"),
                arguments("malformed group path", "approvers: {groups: ['your-org//qa']}",
                        "fluxfleet:gitlab.approvers.groups[0]", "not a GitLab group full path"),
                arguments("group path with a trailing dot", "mergers: {groups: ['your-org/qa.']}",
                        "fluxfleet:gitlab.mergers.groups[0]", "not a GitLab group full path"),
                arguments("username with @", "approvers: {users: ['@alice']}", "fluxfleet:gitlab.approvers.users[0]",
                        "without '@'"),
                arguments("approvers not an object", "approvers: [alice]", "fluxfleet:gitlab.approvers",
                        "expected an object"),
                arguments("team without @", "teams: {dev: dev-team}", "fluxfleet:gitlab.teams.dev", "not a CODEOWNERS owner"),
                arguments("unknown team", "teams: {ops: '@ops'}", "fluxfleet:gitlab.teams.ops", "unknown key"),
                arguments("merge method without up-to-date branch", "mergeMethod: merge", "fluxfleet:gitlab.mergeMethod",
                        "does not require an up-to-date branch"),
                arguments("rebase_merge gets promotions stuck", "mergeMethod: rebase_merge", "fluxfleet:gitlab.mergeMethod",
                        "needs a rebase of the protected source branch"),
                arguments("unknown edition", "edition: enterprise", "fluxfleet:gitlab.edition", "expected ce, ee"),
                arguments("premium on ce", "edition: ce\ntier: premium\napprovers: {users: [alice]}",
                        "fluxfleet:gitlab.edition", "only exists on GitLab EE"),
                arguments("approver group nobody shares",
                        "tier: premium\napprovers: {groups: [your-org/auditors]}",
                        "fluxfleet:gitlab.approvers.groups", "your-org/auditors must also be in fluxfleet:gitlab.projectSettings.sharedGroups"),
                arguments("top-level CODEOWNERS handle only this stack calls a group",
                        "tier: premium\nteams: {platform: '@platform'}\napprovers: {groups: [platform]}",
                        "fluxfleet:gitlab.approvers.groups", "platform must also be in fluxfleet:gitlab.projectSettings.sharedGroups"),
                arguments("merger group nobody shares",
                        "tier: premium\napprovers: {users: [alice]}\nmergers: {groups: [your-org/release]}",
                        "fluxfleet:gitlab.mergers.groups", "only the prod stack shares groups"),
                arguments("unknown role owner", "teams: {dev: '@@guest'}", "fluxfleet:gitlab.teams.dev", "@@developer"),
                arguments("malformed shared group", "projectSettings: {sharedGroups: ['a//b']}",
                        "fluxfleet:gitlab.projectSettings.sharedGroups[0]", "not a GitLab group full path"),
                arguments("unknown project settings mode", "projectSettings: {mode: strict}",
                        "fluxfleet:gitlab.projectSettings.mode", "expected enforce, report, off"),
                arguments("unknown owner environment", "projectSettings: {owner: staging}",
                        "fluxfleet:gitlab.projectSettings.owner", "unknown environment 'staging'"),
                arguments("expiry not a date", "deployToken: {expiresAt: 2027-13-01}",
                        "fluxfleet:gitlab.deployToken.expiresAt", "not a date"),
                arguments("rotation of zero months", "deployToken: {rotationMonths: 0}",
                        "fluxfleet:gitlab.deployToken.rotationMonths", "between 1 and 6"),
                arguments("floating image", "ci: {trivyImage: 'aquasec/trivy:latest'}", "fluxfleet:gitlab.ci.trivyImage",
                        "not pinned"),
                arguments("untagged image", "ci: {kubectlImage: alpine/k8s}", "fluxfleet:gitlab.ci.kubectlImage",
                        "not pinned"),
                arguments("malformed digest", "ci: {kubeconformImage: 'ghcr.io/yannh/kubeconform@sha256:abc'}",
                        "fluxfleet:gitlab.ci.kubeconformImage", "malformed digest"),
                arguments("flux version with v", "ci: {fluxVersion: v2.8.5}", "fluxfleet:gitlab.ci.fluxVersion",
                        "no 'v'"),
                arguments("token as an object", "token: {value: x}", "fluxfleet:gitlab.token", "single value"),
                arguments("typo in a key", "aprovals: 2", "fluxfleet:gitlab.aprovals", "did you mean 'approvals'"),
                arguments("http url", "url: http://gitlab.example.com", "fluxfleet:gitlab.url", "https://"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenStacks")
    void aBrokenStackNamesTheKey(String description, String yaml, String key, String message) {
        String gitlab = yaml.startsWith("url:") ? yaml : "url: https://gitlab.example.com\n" + yaml;
        ConfigException e = assertThrows(ConfigException.class,
                () -> GovernanceConfigs.load(GovernanceConfigs.stack("dev", gitlab)));
        assertTrue(e.problems().stream().anyMatch(p -> p.key().equals(key) && p.message().contains(message)),
                description + ": expected a problem under " + key + " saying '" + message + "', got " + e.problems());
        assertTrue(e.getMessage().contains(key), "the message names the key");
    }

    @Test
    void everyProblemIsReportedAtOnceWithTheOtherConfigProblems() {
        ObjectNode stack = GovernanceConfigs.stack("prod", """
                url: https://gitlab.example.com
                tier: gold
                approvals: -2
                approvers: {groups: [''], users: ['@bob']}
                teams: {qa: qa-team}
                mergeMethod: merge
                projectSettings: {mode: strict, owner: staging}
                deployToken: {rotationMonths: 13, expiresAt: soon}
                ci: {trivyImage: 'aquasec/trivy'}
                """);
        ((ObjectNode) stack.get("tenants").get(0)).put("project", "not-a-path");
        ConfigException e = assertThrows(ConfigException.class, () -> GovernanceConfigs.load(stack));
        List<String> keys = e.problems().stream().map(Problem::key).toList();
        assertEquals(List.of(
                "fluxfleet:gitlab.tier",
                "fluxfleet:gitlab.approvals",
                "fluxfleet:gitlab.approvers.groups[0]",
                "fluxfleet:gitlab.approvers.users[0]",
                "fluxfleet:gitlab.teams.qa",
                "fluxfleet:gitlab.mergeMethod",
                "fluxfleet:gitlab.projectSettings.mode",
                "fluxfleet:gitlab.projectSettings.owner",
                "fluxfleet:gitlab.deployToken.rotationMonths",
                "fluxfleet:gitlab.deployToken.expiresAt",
                "fluxfleet:gitlab.ci.trivyImage",
                "fluxfleet:tenants[0].project"), keys);
    }

    @ParameterizedTest(name = "{0} every {1} months: {2}")
    @CsvSource({
            "2026-11-26, 3, 2027-04-01",
            "2026-10-01, 3, 2027-04-01",
            "2026-12-31, 3, 2027-04-01",
            "2027-01-01, 3, 2027-07-01",
            "2026-11-26, 1, 2027-01-01",
            "2026-11-26, 6, 2027-07-01",
            "2026-06-30, 6, 2027-01-01",
            "2026-11-26, 4, 2027-05-01"})
    void theDeployTokenExpiryIsStableWithinAWindowAndLeavesAWholeWindow(LocalDate today, int months, LocalDate expiry) {
        DeployToken token = new DeployToken(true, months, Optional.empty());
        assertEquals(expiry, token.expiry(today));
        assertTrue(!expiry.minusMonths(months).isBefore(today.withDayOfMonth(1)), "at least one whole window left");
    }

    @Test
    void aFixedExpiryWins() {
        LocalDate fixed = LocalDate.of(2027, 6, 30);
        assertEquals(fixed, new DeployToken(true, 3, Optional.of(fixed)).expiry(LocalDate.of(2026, 11, 26)));
    }

    @ParameterizedTest
    @CsvSource({
            "alpine/k8s:1.34.5, true",
            "ghcr.io/yannh/kubeconform:v0.7.0-alpine@sha256:8f0eeaaa96ba27ba1500b0e4b1c215acc358d159c62a7ecae58d7a03403287b0, true",
            "registry.example.com:5000/tools/kubectl:1.34.5, true",
            "registry.example.com:5000/tools/kubectl, false",
            "aquasec/trivy:latest, false",
            "aquasec/trivy, false",
            "aquasec/trivy@sha256:abc, false"})
    void imagesMustBePinned(String image, boolean pinned) {
        assertEquals(pinned, Validators.pinnedImage(image).isEmpty(),
                image + ": " + Validators.pinnedImage(image));
    }
}
