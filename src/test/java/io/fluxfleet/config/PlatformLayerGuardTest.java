package io.fluxfleet.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxfleet.testing.GovernanceConfigs;
import io.fluxfleet.testing.Stacks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Issue 20: a tenant repository must not drive the cluster-admin layers by default. On a tier where GitLab enforces
 * neither code owners nor approval rules (Free: gitlabhq {@code doc/user/project/codeowners/_index.md}, "Tier:
 * Premium, Ultimate"), the platform team's CODEOWNERS section guards nothing, so the stack is refused unless the
 * operator accepts the risk explicitly, and a strict environment refuses even that.
 */
class PlatformLayerGuardTest {
    private static final String KEY = "fluxfleet:gitlab.acceptTenantDrivenClusterAdmin";
    private static final String PREMIUM = """
            url: https://gitlab.example.com
            tier: %s
            approvers: {groups: [your-org/platform-team]}
            teams: {platform: "@your-org/platform-team"}
            """;

    /** Loads {@code env}'s stack with the given {@code gitlab} object, collecting the warnings. */
    private static FluxFleetConfig load(Environment env, String gitlabYaml, List<String> warnings) {
        ObjectNode stack = GovernanceConfigs.stack(env.id(), gitlabYaml);
        return ConfigLoader.load(env.id(), Stacks.raw(stack), warnings::add);
    }

    private static ConfigException refused(Environment env, String gitlabYaml) {
        return assertThrows(ConfigException.class, () -> load(env, gitlabYaml, new ArrayList<>()));
    }

    /** Hostile corpus: every way to reach the unenforced tier without accepting it, in every environment. */
    static Stream<Arguments> unenforcedWithoutAcceptance() {
        List<String> stacks = List.of(
                "url: https://gitlab.example.com\n",                                       // the default tier
                "url: https://gitlab.example.com\ntier: free\n",                           // said out loud
                "url: https://gitlab.example.com\nedition: ee\ntier: free\n",              // unlicensed EE, gitlab.com Free
                "url: https://gitlab.example.com\nacceptTenantDrivenClusterAdmin: false\n"); // declined explicitly
        return Stream.of(Environment.values()).flatMap(env -> stacks.stream().map(s -> arguments(env, s)));
    }

    @ParameterizedTest
    @MethodSource("unenforcedWithoutAcceptance")
    void theFreeTierIsRefusedUnlessTheRiskIsAccepted(Environment env, String gitlabYaml) {
        ConfigException e = refused(env, gitlabYaml);
        List<Problem> tier = e.problems().stream().filter(p -> p.key().equals("fluxfleet:gitlab.tier")).toList();
        assertEquals(1, tier.size(), e.getMessage());
        String message = tier.get(0).message();
        assertTrue(message.contains("flux-platform-reconciler, cluster-admin"), message);
        assertTrue(message.contains("`pulumi config set --path gitlab.tier premium` or `ultimate`"), message);
        assertTrue(message.contains("`pulumi config set --path gitlab.acceptTenantDrivenClusterAdmin true`"), message);
    }

    @ParameterizedTest
    @EnumSource(Environment.class)
    void aTierThatEnforcesCodeOwnersPassesSilently(Environment env) {
        for (String tier : List.of("premium", "ultimate")) {
            List<String> warnings = new ArrayList<>();
            FluxFleetConfig config = load(env, PREMIUM.formatted(tier), warnings);
            assertEquals(tier, config.gitlab().governance().tier().id());
            // the plain-text test secrets warn outside strict environments; nothing about the platform layers does
            assertEquals(List.of(), warnings.stream().filter(w -> w.contains("cluster-admin")
                    || w.contains("fluxfleet:gitlab.")).toList(), env + " " + tier);
        }
    }

    @ParameterizedTest
    @EnumSource(Environment.class)
    void theAcceptanceRunsOutsideStrictEnvironmentsWithALoudWarningAndIsRefusedInThem(Environment env) {
        String accepted = "url: https://gitlab.example.com\ntier: free\nacceptTenantDrivenClusterAdmin: true\n";
        if (env.refusesTenantDrivenClusterAdmin()) {
            ConfigException e = refused(env, accepted);
            assertEquals(List.of(KEY), e.problems().stream().map(Problem::key).toList(), e.getMessage());
            String message = e.problems().get(0).message();
            assertTrue(message.startsWith("is refused in " + env.id() + " (a strict environment)"), message);
            assertTrue(message.contains("`pulumi config set --path gitlab.tier premium`"), message);
            assertTrue(message.contains("`pulumi config rm --path gitlab.acceptTenantDrivenClusterAdmin`"), message);
            return;
        }
        List<String> warnings = new ArrayList<>();
        FluxFleetConfig config = load(env, accepted, warnings);
        assertEquals(GitLabGovernanceSettings.Tier.FREE, config.gitlab().governance().tier());
        List<String> loud = warnings.stream().filter(w -> w.startsWith("WARNING: " + KEY + " is true")).toList();
        assertEquals(1, loud.size(), warnings.toString());
        assertTrue(loud.get(0).contains("Tenant projects, not the platform team, decide what runs as cluster-admin in "
                + env.id()), loud.get(0));
        assertTrue(ConfigLoaderTest.freeTierAcknowledgement(loud.get(0)));
    }

    @Test
    void theStrictEnvironmentIsTheOnlyOneThatRefusesTheAcceptance() {
        for (Environment env : Environment.values()) {
            assertEquals(env.policy().strict(), env.refusesTenantDrivenClusterAdmin(), env.id());
        }
    }

    @Test
    void anAcceptanceLeftBehindOnALicensedTierOnlyWarns() {
        List<String> warnings = new ArrayList<>();
        load(Environment.PROD, PREMIUM.formatted("premium") + "acceptTenantDrivenClusterAdmin: true\n", warnings);
        assertEquals(List.of(KEY + " has no effect on GitLab premium, which enforces code owners and approval rules:"
                + " remove it (`pulumi config rm --path gitlab.acceptTenantDrivenClusterAdmin`)"), warnings);
    }

    @Test
    void aMalformedAcceptanceIsNotAnAcceptanceAndEveryProblemComesTogether() {
        ObjectNode stack = GovernanceConfigs.stack("dev", "url: https://gitlab.example.com\n"
                + "acceptTenantDrivenClusterAdmin: 'yes'\napprovals: 0\n");
        ConfigException e = assertThrows(ConfigException.class, () -> GovernanceConfigs.load(stack));
        assertEquals(List.of(KEY, "fluxfleet:gitlab.tier", "fluxfleet:gitlab.approvals"),
                e.problems().stream().map(Problem::key).toList(), e.getMessage());
        assertTrue(e.problems().get(0).message().startsWith("expected true or false"), e.getMessage());
    }

    @Test
    void anUnknownTierIsReportedOnceNotAlsoAsFree() {
        ConfigException e = refused(Environment.DEV, "url: https://gitlab.example.com\ntier: gold\n");
        assertEquals(List.of("fluxfleet:gitlab.tier"), e.problems().stream().map(Problem::key).toList(), e.getMessage());
        assertTrue(e.problems().get(0).message().startsWith("unknown tier 'gold'"), e.getMessage());
    }
}
