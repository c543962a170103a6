package io.fluxfleet.gitlab;

import io.fluxfleet.config.Environment;
import io.fluxfleet.config.FluxFleetConfig.Tenant;
import io.fluxfleet.naming.Names;
import io.fluxfleet.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20, "cluster-admin layers come from the tenant's repository": the attacks on the CODEOWNERS that guards the
 * {@code cluster} and {@code shared} layers (which Flux applies as {@code flux-platform-reconciler}), judged with
 * GitLab's CODEOWNERS rules ({@link CodeOwnersLocations}).
 */
class CodeOwnersScenarioTest {
    private static final String PLATFORM = "@your-org/platform-team";
    private static final io.fluxfleet.config.FluxFleetConfig CONFIG = Stacks.committed("prod");
    private static final Tenant TENANT = CONFIG.tenants().get(0);

    private static String seeded() {
        return SeedFiles.codeowners(TENANT, CONFIG.gitlab().governance().teams());
    }

    private static String earlier() throws Exception {
        return ChangePathGitLab.earlierSeed();
    }

    @Test
    void attackTwoQaApprovalsShipAPreprodClusterChangeUnderTheEarlierSeed() throws Exception {
        String preprod = "/" + Names.kustomizationPath(TENANT, Environment.PREPROD, Names.Layer.CLUSTER)
                .replaceFirst("^\\./", "") + "/kustomization.yaml";
        assertEquals(List.of(Set.of("@your-org/qa-team", "@your-org/dev-team")),
                CodeOwnersLocations.requiredOwners(earlier(), preprod), "one QA approval satisfied the owners");
        assertFalse(CodeOwnersLocations.requiresPlatform(earlier(), preprod, PLATFORM));
        // now: QA and dev still own it in their section, and the platform team must approve as well
        assertTrue(CodeOwnersLocations.requiresPlatform(seeded(), preprod, PLATFORM));
        assertTrue(CodeOwnersLocations.requiredOwners(seeded(), preprod).contains(Set.of("@your-org/qa-team",
                "@your-org/dev-team")), "the legitimate owners still review: " + CodeOwnersLocations.requiredOwners(seeded(), preprod));
    }

    @ParameterizedTest
    @EnumSource(Environment.class)
    void everyPathACusterAdminLayerReadsNeedsThePlatformTeam(Environment env) {
        for (Names.Layer layer : List.of(Names.Layer.CLUSTER, Names.Layer.SHARED)) {
            String path = "/" + Names.kustomizationPath(TENANT, env, layer).replaceFirst("^\\./", "") + "/x/deploy.yaml";
            assertTrue(CodeOwnersLocations.requiresPlatform(seeded(), path, PLATFORM), env + " " + layer + ": " + path);
        }
        String apps = "/" + Names.kustomizationPath(TENANT, env, Names.Layer.APPS).replaceFirst("^\\./", "") + "/app.yaml";
        assertFalse(CodeOwnersLocations.requiresPlatform(seeded(), apps, PLATFORM), "the tenant's apps stay the tenant's");
    }

    @Test
    void attackAddingACodeownersThatGitLabReadsFirstNeedsThePlatformTeam() {
        // GitLab applies the first of CODEOWNERS, docs/CODEOWNERS, .gitlab/CODEOWNERS: a merge request that adds one at
        // the root would replace every rule once merged. Adding it is a change to a path the platform section owns.
        assertEquals(".gitlab/CODEOWNERS", CodeOwnersLocations.active(Map.of(".gitlab/CODEOWNERS", seeded())).orElseThrow());
        assertEquals("CODEOWNERS", CodeOwnersLocations.active(Map.of(".gitlab/CODEOWNERS", seeded(),
                "CODEOWNERS", "* @your-org/qa-team\n")).orElseThrow(), "the attacker's file would win");
        for (String location : CodeOwnersLocations.FILE_PATHS) {
            assertTrue(CodeOwnersLocations.requiresPlatform(seeded(), "/" + location, PLATFORM), location);
        }
        assertTrue(CodeOwnersLocations.requiresPlatform(seeded(), "/.gitlab-ci.yml", PLATFORM), "the pipeline too");
        assertTrue(CodeOwnersLocations.requiresPlatform(seeded(), "/.gitlab/merge_request_templates/x.md", PLATFORM));
    }

    @Test
    void theMatcherFollowsGitLabsPatterns() {
        assertTrue(CodeOwnersLocations.matches("*", "/a/b.yaml"));
        assertTrue(CodeOwnersLocations.matches("/shared/", "/shared/x/y.yaml"));
        assertFalse(CodeOwnersLocations.matches("/shared/", "/shared"), "a directory pattern is not the file");
        assertFalse(CodeOwnersLocations.matches("/shared/", "/tenants/shared/x"), "anchored at the root");
        assertTrue(CodeOwnersLocations.matches("CODEOWNERS", "/docs/CODEOWNERS"), "unanchored: any depth");
        assertFalse(CodeOwnersLocations.matches("/CODEOWNERS", "/docs/CODEOWNERS"));
        assertTrue(CodeOwnersLocations.matches("*.yml", "/.gitlab-ci.yml"));
        assertTrue(CodeOwnersLocations.matches("/docs/**/x", "/docs/a/b/x"));
        // gitlabhq ee/lib/gitlab/code_owners/file.rb normalize_pattern + fnmatch(FNM_PATHNAME | FNM_DOTMATCH)
        assertFalse(CodeOwnersLocations.matches("/shared", "/shared/x.yaml"), "no trailing /: that path only");
        assertTrue(CodeOwnersLocations.matches("docs/x", "/a/docs/x"), "unanchored: /**/ in front, slash or not");
        assertFalse(CodeOwnersLocations.matches("/clusters/*", "/clusters/a/b.yaml"), "* stops at /");
        assertTrue(CodeOwnersLocations.matches("/clusters/**/*.yaml", "/clusters/b.yaml"), "**/ is zero or more directories");
    }

    @Test
    void optionalSectionsRequireNothingAndEntriesWithoutOwnersTakeTheSectionDefaults() {
        String file = "* @a\n^[Optional]\n/x/ @b\n[Security][1] @sec\n/ci/\n!/ci/README.md\n";
        assertEquals(List.of(Set.of("@a"), Set.of("@sec")), CodeOwnersLocations.requiredOwners(file, "/ci/run.sh"));
        assertEquals(List.of(Set.of("@a")), CodeOwnersLocations.requiredOwners(file, "/x/y"), "optional: not required");
        assertEquals(List.of(Set.of("@a")), CodeOwnersLocations.requiredOwners(file, "/ci/README.md"), "excluded");
    }
}
