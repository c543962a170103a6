package io.fluxfleet.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulumi.test.PulumiTest;
import io.fluxfleet.config.ConfigException;
import io.fluxfleet.config.ConfigLoader;
import io.fluxfleet.config.Environment;
import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.config.RawConfig;
import io.fluxfleet.gitlab.GitLabGovernanceTest.Run;
import io.fluxfleet.testing.GovernanceConfigs;
import io.fluxfleet.testing.Stacks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.fluxfleet.gitlab.FakeGitLab.PROTECTION;
import static io.fluxfleet.gitlab.FakeGitLab.RULE;
import static io.fluxfleet.gitlab.FakeGitLab.SHARE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed stack files ({@code Pulumi.dev/preprod/prod.yaml}) against each kind of instance a platform team runs:
 * CE (free), EE without a licence, EE Premium. For each, the stack files' {@code gitlab.edition}/{@code gitlab.tier}
 * are set as that instance's team would set them, the three stacks are applied in the onboarding order README gives
 * (prod first for the shares and project settings, then dev, preprod, prod), the fake accepts every registration, and
 * a second round changes nothing and trips no engine rule. As committed (ee, premium), the files fail on CE with the
 * edition error before any GitLab resource, and on an unlicensed EE where GitLab refuses the approval rules.
 */
class CommittedStacksOnEveryInstanceTest {

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    /** The committed stack file of {@code env}, its gitlab block set for {@code kind} (null: as committed). */
    static FluxFleetConfig committed(Environment env, FakeGitLab.Kind kind) {
        return committed(env, kind, false);
    }

    /**
     * As {@link #committed(Environment, FakeGitLab.Kind)}; {@code tenantLayers} switches the stack to the
     * one-repository layout ({@code layers.source: tenant}), with the acknowledgement an unlicensed team must write.
     */
    static FluxFleetConfig committed(Environment env, FakeGitLab.Kind kind, boolean tenantLayers) {
        RawConfig raw = RawConfig.fromStackFile(Stacks.stackFile(env.id()));
        Map<String, JsonNode> values = new TreeMap<>(raw.values());
        if (tenantLayers) {
            values.put("layers", GovernanceConfigs.yaml("source: tenant"));
        }
        if (kind != null) {
            ObjectNode gitlab = ((ObjectNode) values.get("gitlab")).deepCopy();
            gitlab.put("edition", kind.edition());
            gitlab.put("tier", kind.tier());
            if (tenantLayers && !kind.licensed && !env.refusesTenantDrivenClusterAdmin()) {
                // what an unlicensed team must write to run at all, and may only outside strict environments
                gitlab.put("acceptTenantDrivenClusterAdmin", true);
            }
            values.put("gitlab", gitlab);
        }
        return ConfigLoader.load(env.id(), raw.withValues(values));
    }

    /**
     * The instance with the committed stacks' approver groups staffed: prod asks for three approvals from the platform
     * and security groups (preprod two from the platform and QA groups), which GitLab counts from their direct members
     * with Developer or more: one more than the count, as the author cannot approve (issue 20).
     */
    static FakeGitLab instance(FakeGitLab.Kind kind) {
        FakeGitLab gitlab = new FakeGitLab(kind).groupMember("your-org/platform-team", "pat", "maintainer")
                .groupMember("your-org/platform-team", "sam", "developer")
                .groupMember("your-org/platform-team", "pia", "developer")
                .groupMember("your-org/security-team", "sid", "developer");
        GitLabGovernanceTest.GROUPS.forEach(gitlab::group);
        gitlab.project("101", "your-org/tenant1-gitops");
        gitlab.project("102", "your-org/platform-gitops");
        return gitlab;
    }

    static final List<Environment> ONBOARDING = List.of(Environment.PROD, Environment.DEV, Environment.PREPROD,
            Environment.PROD);

    @ParameterizedTest
    @EnumSource(FakeGitLab.Kind.class)
    void everyCommittedStackIsAcceptedAndSettles(FakeGitLab.Kind kind) {
        FakeGitLab gitlab = instance(kind);
        Map<Environment, Run> last = new TreeMap<>();
        for (Environment env : ONBOARDING) {
            if (!runsOn(env, kind)) {
                // the one-repository layout on the free tier: code owners unenforced, so a strict environment's stack
                // is refused before any resource; the committed stacks read the platform project and run everywhere
                ConfigException refused = assertThrows(ConfigException.class, () -> committed(env, kind, true));
                assertTrue(refused.getMessage().contains("fluxfleet:gitlab.tier: is free"), refused.getMessage());
            }
            Run run = GitLabGovernanceTest.run(gitlab, committed(env, kind));
            gitlab.apply(run.mocks());
            last.put(env, run);
            PulumiTest.cleanup();
        }
        for (Environment env : last.keySet()) {
            Run first = last.get(env);
            Run second = GitLabGovernanceTest.run(gitlab, committed(env, kind));
            GitLabGovernanceTest.assertSameResources(first, second);
            assertEquals(List.of(), FakeGitLab.engineRefusals(first.mocks(), second.mocks()), env.id());
            assertTrue(second.mocks().all(PROTECTION).stream().allMatch(p -> p.importId() != null), env.id());
            boolean ee = kind.enterprise;
            for (GitLabMocks.Registered p : second.mocks().all(PROTECTION)) {
                assertEquals(ee, p.inputs().containsKey("allowedToPushes"), kind + " " + p.name());
                assertEquals(!ee, p.inputs().containsKey("pushAccessLevel"), kind + " " + p.name());
            }
            assertEquals(kind.licensed, !second.mocks().all(RULE).isEmpty(), kind + ": approval rules need a licence");
            assertEquals(kind.licensed && env == Environment.PROD, !second.mocks().all(SHARE).isEmpty(),
                    kind + ": the owner stack shares the groups on a licensed instance");
            // the platform project is governed like the tenant's: its branch protected, read by its own deploy token
            assertEquals(List.of("101", "102"), second.mocks().all(PROTECTION).stream()
                    .map(p -> String.valueOf(p.inputs().get("project"))).sorted().toList(), kind + " " + env);
            gitlab.apply(second.mocks());
            PulumiTest.cleanup();
        }
        assertFalse(String.join("\n", gitlab.log).contains("PLACEHOLDER"), "no secret in the fake's log");
    }

    /** Whether {@code env}'s stack may run on {@code kind}: a strict one only where GitLab enforces code owners. */
    static boolean runsOn(Environment env, FakeGitLab.Kind kind) {
        return kind.licensed || !env.refusesTenantDrivenClusterAdmin();
    }

    @Test
    void asCommittedTheFilesRefuseACeInstanceBeforeAnyGitLabResource() {
        Exception e = assertThrows(Exception.class,
                () -> GitLabGovernanceTest.run(instance(FakeGitLab.Kind.CE_FREE), committed(Environment.DEV, null)));
        assertTrue(e.getMessage().contains("reports edition ce") && e.getMessage().contains("gitlab.edition is ee"),
                e.getMessage());
    }

    @Test
    void asCommittedTheFilesNeedTheLicenceTheyDeclare() {
        FakeGitLab unlicensed = instance(FakeGitLab.Kind.EE_UNLICENSED);
        List<String> errors = new ArrayList<>();
        Exception e = assertThrows(Exception.class,
                () -> GitLabGovernanceTest.run(unlicensed, committed(Environment.PROD, null)));
        errors.add(e.getMessage());
        assertTrue(errors.get(0).contains("need GitLab Premium"), errors.get(0));
    }
}
