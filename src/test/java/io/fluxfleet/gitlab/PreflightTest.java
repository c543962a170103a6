package io.fluxfleet.gitlab;

import io.fluxfleet.config.Environment;
import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.config.GitLabGovernanceSettings.Edition;
import io.fluxfleet.gitlab.GitLabLookup.Covering;
import io.fluxfleet.gitlab.GitLabLookup.ProjectFacts;
import io.fluxfleet.testing.GovernanceConfigs;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Preflight} on a corpus of covering protections as GitLab lists them, hostile ones included (a named user
 * allowed to push with no role level, developers merging, force push, a protection name with control and bidi
 * characters): every one more permissive than the policy is refused, together, with its name quoted safely; the
 * strict ones pass and make the branch count as protected.
 */
class PreflightTest {
    private static final List<Object[]> CORPUS = List.of(
            new Object[] {new Covering("d*", List.of("no one"), List.of("maintainer"), false, false), true},
            new Object[] {new Covering("d*", List.of("no one"), List.of("no one"), false, false), true},
            new Object[] {new Covering("*", List.of("no one"), List.of("maintainer", "admin"), false, false), true},
            new Object[] {new Covering("d*", List.of("maintainer"), List.of("maintainer"), false, false), false},
            new Object[] {new Covering("d*", List.of("developer"), List.of("maintainer"), false, false), false},
            new Object[] {new Covering("d*", List.of("no one"), List.of("developer"), false, false), false},
            new Object[] {new Covering("d*", List.of("no one"), List.of("maintainer"), false, true), false},
            new Object[] {new Covering("d*", List.of(), List.of("maintainer"), true, false), false},
            new Object[] {new Covering("d*", List.of("no one"), List.of("maintainer"), true, false), false},
            new Object[] {new Covering("dev", List.of("admin"), List.of("maintainer"), false, false), false},
            new Object[] {new Covering("d\u202e*\u0007", List.of("maintainer"), List.of("maintainer"), false, false), false});

    private static GovernanceScope scope(RecordingLog log, String gitlabYaml) {
        FluxFleetConfig config = GovernanceConfigs.load(GovernanceConfigs.stack("dev", gitlabYaml));
        GitLabGovernance.Args args = new GitLabGovernance.Args(Environment.DEV, config.tenants(),
                config.gitlab().governance(), null, GitLabLookup.greenfield(), log, LocalDate.of(2026, 12, 6), false);
        return new GovernanceScope(args, null, Edition.EE);
    }

    private static ProjectFacts facts(String path) {
        return new ProjectFacts(path, path, "main", false, true, false, false, Map.of(), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    @Test
    void everyCoveringProtectionMorePermissiveThanThePolicyIsRefusedTogether() {
        RecordingLog log = new RecordingLog();
        GovernanceScope scope = scope(log, "url: https://gitlab.example.com\nedition: ee\ntier: free\n"
                + "acceptTenantDrivenClusterAdmin: true\n");
        List<FluxFleetConfig.Tenant> tenants = scope.args().tenants();
        int refused = 0;
        StringBuilder all = new StringBuilder();
        for (Object[] row : CORPUS) {
            Covering covering = (Covering) row[0];
            Preflight.Read read = new Preflight.Read(tenants.get(0), facts("your-org/tenant1-gitops"), List.of(covering));
            if ((Boolean) row[1]) {
                Preflight.check(scope, GitLabLookup.greenfield(), List.of(read));
                assertTrue(read.effective().branchProtected(), covering + ": counts as protected, nothing is committed");
            } else {
                refused++;
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> Preflight.check(scope, GitLabLookup.greenfield(), List.of(read)), covering.toString());
                assertTrue(e.getMessage().contains("most permissive one wins") && e.getMessage().contains("Fix: set"),
                        e.getMessage());
                assertTrue(e.getMessage().chars().noneMatch(c -> c == 0x202e || c == 0x07), "no raw control or bidi"
                        + " character reaches the error: " + e.getMessage());
                all.append(e.getMessage());
            }
        }
        assertEquals(8, refused);
        // two tenants, both covered permissively: one error naming both
        Covering permissive = (Covering) CORPUS.get(3)[0];
        IllegalStateException both = assertThrows(IllegalStateException.class, () -> Preflight.check(scope,
                GitLabLookup.greenfield(), List.of(
                        new Preflight.Read(tenants.get(0), facts("your-org/tenant1-gitops"), List.of(permissive)),
                        new Preflight.Read(tenants.get(1), facts("your-org/tenant2-gitops"), List.of(permissive)))));
        assertTrue(both.getMessage().contains("your-org/tenant1-gitops@dev") && both.getMessage().contains("your-org/tenant2-gitops@dev"),
                both.getMessage());
    }
}
