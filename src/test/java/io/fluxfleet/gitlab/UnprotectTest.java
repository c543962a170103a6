package io.fluxfleet.gitlab;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulumi.test.PulumiTest;
import io.fluxfleet.config.ConfigException;
import io.fluxfleet.config.Environment;
import io.fluxfleet.config.Problem;
import io.fluxfleet.gitlab.GitLabGovernanceTest.Run;
import io.fluxfleet.gitlab.GitLabMocks.Registered;
import io.fluxfleet.testing.GovernanceConfigs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.fluxfleet.gitlab.FakeGitLab.PROTECTION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20: no one outside the platform group can unprotect an environment branch. On licensed EE the protection
 * carries {@code allowed_to_unprotect} (GitLab protected branches API: {@code allowed_to_unprotect} entries with
 * {@code user_id}, {@code group_id} or {@code access_level}, Premium; {@code unprotect_access_level} defaults to 40,
 * Maintainer): {@code gitlab.unprotecters}, else the Maintainer role pinned explicitly. On CE GitLab has no such list
 * (the provider refuses {@code allowed_to_*} there) and every Maintainer can unprotect.
 */
class UnprotectTest {
    private static final String PLATFORM_ONLY = """
            unprotecters:
              groups: [your-org/platform-team]
            """;

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    private static ObjectNode premium(String env, String extraYaml) {
        ObjectNode stack = GovernanceConfigs.premium(env);
        ObjectNode extra = (ObjectNode) GovernanceConfigs.yaml(extraYaml);
        ((ObjectNode) stack.get("gitlab")).setAll(extra);
        return stack;
    }

    @Test
    void byDefaultTheMaintainerRoleIsPinnedSoAWiderLevelSetByHandIsReverted() {
        FakeGitLab gitlab = GitLabGovernanceTest.greenfield().token("fluxfleet-bot");
        Run run = GitLabGovernanceTest.run(gitlab, GovernanceConfigs.premium("dev"));
        for (Registered p : run.mocks().all(PROTECTION)) {
            assertEquals(List.of(Map.of("accessLevel", "maintainer")), p.input("allowedToUnprotects"), p.name());
        }
        gitlab.apply(run.mocks());
    }

    @Test
    void thePlatformGroupAloneMayUnprotectWhenTheTokenIsInIt() {
        FakeGitLab gitlab = GitLabGovernanceTest.greenfield().token("fluxfleet-bot", "your-org/platform-team");
        GitLabGovernanceTest.promotedUpTo(gitlab, Environment.PROD);
        Run run = GitLabGovernanceTest.run(gitlab, premium("prod", PLATFORM_ONLY));
        for (Registered p : run.mocks().all(PROTECTION)) {
            assertEquals(List.of(Map.of("groupId", GitLabGovernanceTest.GROUPS.get("your-org/platform-team"))),
                    p.input("allowedToUnprotects"), p.name());
        }
        gitlab.apply(run.mocks());
        assertEquals(List.of(), FakeGitLab.engineRefusals(run.mocks(), run.mocks()));
    }

    /** The attack on ourselves: a list the token is not in locks fluxfleet out of its own protection. */
    @Test
    void aListWithoutTheTokensIdentityIsRefusedByGitLabAsModelled() {
        FakeGitLab gitlab = GitLabGovernanceTest.greenfield().token("fluxfleet-bot", "your-org/devops-team");
        Throwable e = assertThrows(Throwable.class, () -> gitlab.apply(
                GitLabGovernanceTest.run(gitlab, premium("dev", PLATFORM_ONLY)).mocks()));
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        assertTrue(messages.toString().contains("fluxfleet-bot could not unprotect dev under this rule"),
                messages.toString());
    }

    @Test
    void onCeThereIsNoListAndMaintainersCanUnprotect() {
        ObjectNode ce = GovernanceConfigs.stack("dev", "url: https://gitlab.example.com\ntier: free\n"
                + "acceptTenantDrivenClusterAdmin: true\n");
        FakeGitLab gitlab = GitLabGovernanceTest.greenfield(FakeGitLab.Kind.CE_FREE, false);
        Run run = GitLabGovernanceTest.run(gitlab, ce);
        for (Registered p : run.mocks().all(PROTECTION)) {
            assertFalse(p.inputs().containsKey("allowedToUnprotects"), "the provider refuses allowed_to_* on CE");
        }
        gitlab.apply(run.mocks());
    }

    @Test
    void restrictingWhoMayUnprotectNeedsALicenceAndAGroupEveryStackShares() {
        ConfigException free = assertThrows(ConfigException.class, () -> GovernanceConfigs.load(GovernanceConfigs.stack(
                "dev", "url: https://gitlab.example.com\nacceptTenantDrivenClusterAdmin: true\n" + PLATFORM_ONLY)));
        assertEquals(List.of("fluxfleet:gitlab.unprotecters"), free.problems().stream().map(Problem::key).toList());
        assertTrue(free.getMessage().contains("needs GitLab premium or ultimate"), free.getMessage());

        ConfigException unshared = assertThrows(ConfigException.class, () -> GovernanceConfigs.load(
                premium("dev", "unprotecters: {groups: [release-managers]}\n")));
        assertEquals(List.of("fluxfleet:gitlab.unprotecters.groups"),
                unshared.problems().stream().map(Problem::key).toList(), unshared.getMessage());
    }
}
