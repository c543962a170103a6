package io.fluxfleet.gitlab;

import io.fluxfleet.config.GitLabGovernanceSettings;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulumi.core.Output;
import com.pulumi.core.internal.Internal;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import com.pulumi.test.PulumiTest;
import io.fluxfleet.config.Environment;
import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.config.FluxFleetConfig.Tenant;
import io.fluxfleet.gitlab.GitLabMocks.Registered;
import io.fluxfleet.gitlab.bindings.Project;
import io.fluxfleet.gitlab.bindings.Provider;
import io.fluxfleet.testing.GovernanceConfigs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static io.fluxfleet.gitlab.FakeGitLab.BRANCH;
import static io.fluxfleet.gitlab.FakeGitLab.DEPLOY_TOKEN;
import static io.fluxfleet.gitlab.FakeGitLab.FILE;
import static io.fluxfleet.gitlab.FakeGitLab.MR_APPROVALS;
import static io.fluxfleet.gitlab.FakeGitLab.PROJECT;
import static io.fluxfleet.gitlab.FakeGitLab.PROTECTION;
import static io.fluxfleet.gitlab.FakeGitLab.RULE;
import static io.fluxfleet.gitlab.FakeGitLab.SHARE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link GitLabGovernance} under Pulumi's mock engine against a {@link FakeGitLab}, per environment: the inputs each
 * GitLab resource is registered with (by wire name), how existing branches, protections and files are adopted, and
 * that a second run against the GitLab the first one left registers exactly the same resources with the IDs they
 * already have, writing nothing.
 */
class GitLabGovernanceTest {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 26);
    static final String PROVIDER_URN = "pulumi:providers:gitlab::gitlab";

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    static final Map<String, Integer> GROUPS = Map.of("your-org/platform-team", 11, "your-org/devops-team", 12,
            "your-org/security-team", 13, "your-org/qa-team", 14, "your-org/dev-team", 15, "your-org/app-team", 16);

    /**
     * Two tenants' projects, new to fluxfleet: only {@code main} (protected), merge settings already as the policy,
     * alice and bob direct members with Developer, the platform group with three direct members (pat, sam, pia), so
     * the premium approvers (the platform group and alice) are four: one more than prod's three, as the author cannot
     * approve (issue 20, approver-authors-exact-rule). {@code shared}: the owner stack has already shared the groups
     * (as after onboarding).
     */
    static FakeGitLab greenfield(FakeGitLab.Kind kind, boolean shared) {
        FakeGitLab gitlab = new FakeGitLab(kind).user("alice", 21).user("bob", 22)
                .groupMember("your-org/platform-team", "pat", "maintainer")
                .groupMember("your-org/platform-team", "sam", "developer")
                .groupMember("your-org/platform-team", "pia", "developer");
        GROUPS.forEach(gitlab::group);
        for (String[] p : List.of(new String[] {"101", "your-org/tenant1-gitops"}, new String[] {"102", "your-org/tenant2-gitops"})) {
            FakeGitLab.FakeProject project = gitlab.project(p[0], p[1]).mergeSettings("ff", true, true, false)
                    .squash("never").directMember("alice", "developer").directMember("bob", "developer");
            if (shared) {
                GROUPS.keySet().forEach(g -> project.share(g, "developer"));
            }
        }
        return gitlab;
    }

    static FakeGitLab greenfield() {
        return greenfield(FakeGitLab.Kind.EE_PREMIUM, true);
    }

    /** The platform project as the greenfield's tenant projects are: the same direct members and group shares. */
    static FakeGitLab.FakeProject platformProject(FakeGitLab gitlab) {
        FakeGitLab.FakeProject project = gitlab.project("103", "your-org/platform-gitops").mergeSettings("ff", true, true, false)
                .squash("never").directMember("alice", "developer").directMember("bob", "developer");
        GROUPS.keySet().forEach(g -> project.share(g, "developer"));
        return project;
    }

    /** Runs the stacks of every environment before {@code env}, in promotion order, applying each. */
    static void promotedUpTo(FakeGitLab gitlab, Environment env) {
        promotedUpTo(gitlab, env, null);
    }

    /** As above, with the given {@code gitlab} object (YAML) instead of the premium one. */
    static void promotedUpTo(FakeGitLab gitlab, Environment env, String gitlabYaml) {
        promotedUpToWith(gitlab, env, before -> gitlabYaml == null ? GovernanceConfigs.premium(before.id())
                : GovernanceConfigs.stack(before.id(), gitlabYaml));
    }

    /** As above, each earlier stack's file made by {@code stack}. */
    static void promotedUpToWith(FakeGitLab gitlab, Environment env, java.util.function.Function<Environment, ObjectNode> stack) {
        for (Environment before : Environment.values()) {
            if (before.ordinal() >= env.ordinal()) {
                return;
            }
            Run run = run(gitlab, stack.apply(before));
            gitlab.apply(run.mocks());
            PulumiTest.cleanup();
        }
    }

    record Run(GitLabMocks mocks, RecordingLog log, GitLabGovernance governance) {
        List<Registered> gitlab() {
            return mocks.registered().stream().filter(r -> r.type().startsWith("gitlab:")).toList();
        }
    }

    static Run run(FakeGitLab gitlab, ObjectNode stack) {
        return run(gitlab, GovernanceConfigs.load(stack));
    }

    static Run run(FakeGitLab gitlab, FluxFleetConfig config) {
        return run(gitlab.mocks(), config);
    }

    static Run run(GitLabMocks mocks, FluxFleetConfig config) {
        return run(mocks, config, TODAY);
    }

    /** A run on {@code today} (UTC), the date the deploy-token expiry is computed from. */
    static Run run(GitLabMocks mocks, FluxFleetConfig config, LocalDate today) {
        RecordingLog log = new RecordingLog();
        AtomicReference<GitLabGovernance> component = new AtomicReference<>();
        mocks.run(ctx -> {
            Provider provider = GitLabGovernance.provider("gitlab", config.gitlab(), null);
            GitLabGovernance.Args args = new GitLabGovernance.Args(config.environment(), config.tenants(),
                    config.gitlab().governance(), provider, new ProviderLookup(provider), log, today, config.protect(),
                    config.layers());
            component.set(new GitLabGovernance("gitlab-" + config.environment().id(), args,
                    ComponentResourceOptions.builder().build()));
        });
        return new Run(mocks, log, component.get());
    }

    static String name(String tenant, Environment env, String role) {
        return tenant + "-" + env.id() + "-" + role;
    }

    @ParameterizedTest
    @EnumSource(Environment.class)
    void governsTheEnvironmentBranchOfEveryTenant(Environment env) {
        FakeGitLab gitlab = greenfield();
        promotedUpTo(gitlab, env);
        Run run = run(gitlab, GovernanceConfigs.premium(env.id()));
        assertEquals(1, run.mocks().all(GitLabGovernance.TYPE).size());
        assertEquals(List.of(), run.log().warnings);
        assertEquals(GitLabGovernanceSettings.Edition.EE, run.governance().edition());

        for (String tenant : List.of("tenant1", "tenant2")) {
            String id = tenant.equals("tenant1") ? "101" : "102";
            assertEquals(java.util.Optional.of(id), run.governance().projectId(tenant(run, tenant)));

            Registered branch = run.mocks().find(BRANCH, name(tenant, env, "branch"));
            String source = switch (env) { case DEV -> "main"; case PREPROD -> "dev"; case PROD -> "preprod"; };
            assertEquals(Map.of("project", id, "name", env.branch(), "ref", source), branch.inputs(),
                    "each environment branch is created from the one before it");
            assertNull(branch.importId(), "a missing branch is created");
            assertTrue(branch.retainOnDelete(), "destroying the stack never deletes the branch Flux follows");
            assertTrue(branch.ignoreChanges().contains("ref"));

            Map<String, Registered> files = run.mocks().all(FILE).stream()
                    .filter(f -> f.name().startsWith(tenant + "-"))
                    .collect(Collectors.toMap(f -> f.<String>input("filePath"), f -> f));
            if (env == Environment.DEV) {
                assertEquals(Set.of(".gitlab/CODEOWNERS", ".gitlab-ci.yml",
                        "clusters/" + tenant + "/dev-cluster/kustomization.yaml",
                        "clusters/" + tenant + "/preprod-cluster/kustomization.yaml",
                        "clusters/" + tenant + "/prod-cluster/kustomization.yaml",
                        "shared/kustomization.yaml", "tenants/" + tenant + "/kustomization.yaml"), files.keySet(),
                        "dev holds every seed once");
            } else {
                assertEquals(Set.of(), files.keySet(), env + " inherits the seeds from the branch it is created from");
            }
            for (Registered file : files.values()) {
                assertEquals(id, file.input("project"));
                assertEquals(env.branch(), file.input("branch"));
                assertEquals("text", file.input("encoding"));
                assertEquals(false, file.input("overwriteOnCreate"), "a tenant's file is never overwritten");
                assertTrue(file.<String>input("content").startsWith(SeedFiles.MARKER));
                assertNull(file.importId());
                assertTrue(file.ignoreChanges().containsAll(List.of("content", "encoding", "commitMessage")),
                        "a seed is written once");
                assertTrue(file.retainOnDelete());
            }
            if (env == Environment.DEV) {
                String codeowners = files.get(".gitlab/CODEOWNERS").input("content");
                assertTrue(codeowners.contains("\n* @your-org/platform-team @your-org/devops-team\n"));
                assertTrue(codeowners.contains("\n/clusters/" + tenant + "/prod-cluster/ @your-org/platform-team"
                        + " @your-org/devops-team @your-org/security-team\n"));
                assertTrue(codeowners.contains("\n/tenants/" + tenant + "/ @your-org/app-team @bob @your-org/dev-team\n"));
            }

            Registered protection = run.mocks().find(PROTECTION, name(tenant, env, "protection"));
            assertEquals(id, protection.input("project"));
            assertEquals(env.branch(), protection.input("branch"));
            assertFalse(protection.inputs().containsKey("pushAccessLevel"), "EE refuses the access-level fields");
            assertFalse(protection.inputs().containsKey("mergeAccessLevel"));
            assertEquals(List.of(Map.of("accessLevel", "no one")), protection.input("allowedToPushes"));
            List<Map<String, Object>> merge = new ArrayList<>(List.of(Map.of("accessLevel", "maintainer")));
            if (env == Environment.PROD) {
                merge.addAll(List.of(Map.of("groupId", 11), Map.of("userId", 21)));
            }
            assertEquals(merge, protection.input("allowedToMerges"), "maintainers (prod: plus the approvers) merge");
            assertEquals(false, protection.input("allowForcePush"));
            assertEquals(true, protection.input("codeOwnerApprovalRequired"));
            assertNull(protection.importId());
            assertTrue(dependsOn(protection).containsAll(files.values().stream().map(Registered::name).toList()),
                    "the seeds are committed before the branch is protected");

            Registered rule = run.mocks().find(RULE, name(tenant, env, "approval-rule"));
            assertEquals(id, rule.input("project"));
            assertEquals("fluxfleet-" + env.id(), rule.input("name"));
            assertEquals(env.approvals(), rule.<Integer>input("approvalsRequired"));
            assertEquals(List.of(11), rule.input("groupIds"));
            assertEquals(List.of(21), rule.input("userIds"));
            assertEquals(1, rule.<List<?>>input("protectedBranchIds").size());
            assertEquals(false, rule.input("appliesToAllProtectedBranches"));

            Registered token = run.mocks().find(DEPLOY_TOKEN, name(tenant, env, "deploy-token"));
            assertEquals(Map.of("project", id, "name", "fluxfleet-" + env.id(), "scopes", List.of("read_repository"),
                    "expiresAt", "2027-04-01T00:00:00Z"), token.inputs());
            GitLabGovernance.DeployTokenAccess access = run.governance().deployToken(tenant(run, tenant)).orElseThrow();
            assertEquals("gitlab+deploy-token-9", PulumiTest.extractValue(access.username()));
            assertEquals("gldt-fluxfleet-" + env.id(), PulumiTest.extractValue(access.token()));
            assertTrue(Internal.of(access.token()).isSecret().join(), "the deploy token is a secret");

            if (env == Environment.PROD) {
                Registered project = run.mocks().find(PROJECT, tenant + "-project-settings");
                assertEquals(id, project.importId(), "the existing project is adopted by its numeric ID");
                assertEquals(Map.of("mergeMethod", "ff", "onlyAllowMergeIfPipelineSucceeds", true,
                        "onlyAllowMergeIfAllDiscussionsAreResolved", true, "allowMergeOnSkippedPipeline", false,
                        "squashOption", "never"), project.inputs());
                assertTrue(project.ignoreChanges().containsAll(Project.UNMANAGED_INPUTS),
                        "no other project setting is ever reset");
                assertTrue(project.retainOnDelete(), "no destroy touches the project");
                Registered approvals = run.mocks().find(MR_APPROVALS, tenant + "-mr-approvals");
                assertEquals(Map.of("project", id, "resetApprovalsOnPush", true, "selectiveCodeOwnerRemovals", false,
                        "mergeRequestsAuthorApproval", false, "mergeRequestsDisableCommittersApproval", true,
                        "disableOverridingApproversPerMergeRequest", true), approvals.inputs());
                List<Registered> shares = run.mocks().all(SHARE).stream().filter(r -> r.name().startsWith(tenant + "-")).toList();
                assertEquals(GROUPS.size(), shares.size(), "every CODEOWNERS and approver group is shared");
                for (Registered share : shares) {
                    assertEquals("developer", share.input("groupAccess"), "the least role that counts");
                    assertEquals(id + ":" + share.input("groupId"), share.importId(), "an existing share is adopted");
                }
            } else {
                assertTrue(run.mocks().all(PROJECT).isEmpty(), "only the owner (prod) stack writes project settings");
                assertTrue(run.mocks().all(MR_APPROVALS).isEmpty());
                assertTrue(run.mocks().all(SHARE).isEmpty(), "only the owner stack shares groups");
            }
        }
        for (Registered r : run.gitlab()) {
            assertTrue(r.provider().contains(PROVIDER_URN), r.name() + " goes through the explicit provider");
            // deploy tokens (replaced each rotation window) and seeds (dropped when a tenant rewrites one) are never
            // protected: the engine refuses to replace or delete a protected resource (io.fluxfleet.plan)
            boolean replacedOrDropped = r.type().equals("gitlab:index/projectDeployToken:ProjectDeployToken")
                    || r.type().equals("gitlab:index/repositoryFile:RepositoryFile");
            assertEquals(env == Environment.PROD && !replacedOrDropped, r.options().isProtect(),
                    r.name() + " is protected in prod only, and never when normal operation replaces or drops it");
        }
        Registered provider = run.mocks().find("pulumi:providers:gitlab", "gitlab");
        assertEquals("https://gitlab.example.com/api/v4/", provider.input("baseUrl"));
        assertEquals(GovernanceConfigs.TOKEN, provider.input("token"));
        assertTrue(gitlab.log.stream().noneMatch(l -> l.contains(GovernanceConfigs.TOKEN) || l.contains("gldt-")),
                "no secret in the fake's log");
        gitlab.apply(run.mocks());
    }

    @ParameterizedTest
    @EnumSource(Environment.class)
    void aSecondUpChangesNothing(Environment env) {
        FakeGitLab gitlab = greenfield();
        promotedUpTo(gitlab, env);
        Run first = run(gitlab, GovernanceConfigs.premium(env.id()));
        gitlab.apply(first.mocks());
        PulumiTest.cleanup();
        Run second = run(gitlab, GovernanceConfigs.premium(env.id()));
        assertSameResources(first, second);
        assertTrue(second.gitlab().stream().filter(r -> r.type().equals(FILE)).allMatch(r -> r.importId() != null),
                "no file is written on the second run");
        assertTrue(second.gitlab().stream().filter(r -> r.type().equals(PROTECTION)).allMatch(r -> r.importId() != null));
        assertEquals(List.of(), second.log().warnings);
        assertEquals(List.of(), FakeGitLab.engineRefusals(first.mocks(), second.mocks()));
        gitlab.apply(second.mocks());
    }

    static void assertSameResources(Run first, Run second) {
        Map<String, Registered> before = byKey(first.gitlab());
        Map<String, Registered> after = byKey(second.gitlab());
        assertEquals(before.keySet(), after.keySet(), "the same resources");
        for (Map.Entry<String, Registered> e : after.entrySet()) {
            Registered was = before.get(e.getKey());
            Registered now = e.getValue();
            assertEquals(was.inputs(), now.inputs(), e.getKey() + ": the same inputs");
            if (now.importId() != null) {
                assertEquals(was.id(), now.importId(), e.getKey() + ": adopted under the ID it already has");
            }
        }
    }

    @Test
    void theOwnerStackSharesEveryGroupBeforeTheRulesThatCountOnIt() {
        FakeGitLab gitlab = greenfield(FakeGitLab.Kind.EE_PREMIUM, false);
        gitlab.project("101", "your-org/tenant1-gitops").share("your-org/platform-team", "maintainer")
                .share("your-org/dev-team", "reporter");
        gitlab.project("102", "your-org/tenant2-gitops").share("your-org/platform-team", "maintainer");
        promotedUpTo(gitlab, Environment.PROD);
        Run prod = run(gitlab, GovernanceConfigs.premium("prod"));
        Map<String, Registered> shares = prod.mocks().all(SHARE).stream().filter(r -> r.name().startsWith("tenant1-"))
                .collect(Collectors.toMap(Registered::name, r -> r));
        assertEquals(Set.of("tenant1-share-your-org-platform-team", "tenant1-share-your-org-devops-team",
                "tenant1-share-your-org-security-team", "tenant1-share-your-org-qa-team",
                "tenant1-share-your-org-app-team"), shares.keySet(), "a share below developer is reported, not held");
        assertEquals(Map.of("project", "101", "groupId", 13, "groupAccess", "developer"),
                shares.get("tenant1-share-your-org-security-team").inputs());
        assertNull(shares.get("tenant1-share-your-org-security-team").importId(), "a missing share is created");
        assertEquals("maintainer", shares.get("tenant1-share-your-org-platform-team").input("groupAccess"),
                "the platform group's higher role is kept, never lowered");
        assertEquals("101:11", shares.get("tenant1-share-your-org-platform-team").importId());
        assertTrue(prod.log().warnings.stream().anyMatch(w -> w.contains("shared with your-org/dev-team below developer")
                && w.contains("raise the share to developer")), prod.log().warnings.toString());
        gitlab.apply(prod.mocks());
        assertTrue(dependsOn(prod.mocks().find(PROTECTION, "tenant1-prod-protection"))
                .contains("tenant1-share-your-org-platform-team"), "the merger group is shared before it may merge");
        assertTrue(dependsOn(prod.mocks().find(RULE, "tenant1-prod-approval-rule"))
                .contains("tenant1-share-your-org-platform-team"), "the approver group is shared before it counts");
    }

    /**
     * An approver group already shared below Developer (Reporter): none of its members can approve, so the rule would
     * be short of eligible approvers and GitLab would approve it automatically. Every stack refuses it before any
     * resource, naming the project and the fix (the owner stack cannot raise the share itself without replacing it);
     * once the share is raised in GitLab the same run goes through.
     */
    @Test
    void anApproverGroupSharedAsReporterIsRefusedUntilTheShareIsRaised() {
        FakeGitLab gitlab = greenfield(FakeGitLab.Kind.EE_PREMIUM, true);
        promotedUpTo(gitlab, Environment.PROD);
        gitlab.project("101", "your-org/tenant1-gitops").share("your-org/platform-team", "reporter");
        String refused = failure(() -> run(gitlab, GovernanceConfigs.premium("prod")));
        assertTrue(refused.contains("your-org/tenant1-gitops: approver group your-org/platform-team is shared with a role"
                + " below Developer") && refused.contains("Manage > Members > Groups"), refused);
        assertFalse(refused.contains("your-org/tenant2-gitops: approver group"), "tenant2 shares it as Developer");

        gitlab.project("101", "your-org/tenant1-gitops").share("your-org/platform-team", "developer");
        PulumiTest.cleanup();
        Run prod = run(gitlab, GovernanceConfigs.premium("prod"));
        assertEquals(List.of(11), prod.mocks().find(RULE, "tenant1-prod-approval-rule").input("groupIds"));
    }

    /** The messages of a run that must fail, causes included. */
    static String failure(Runnable run) {
        Throwable e = org.junit.jupiter.api.Assertions.assertThrows(Throwable.class, run::run);
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    /**
     * {@link GovernanceConfigs#premium} with {@code user} (a direct Developer of the greenfield projects) named as an
     * approver too: left without its unshared group, dev's rule then still has one approver more than its count.
     */
    static ObjectNode alsoApprover(ObjectNode stack, String user) {
        ((com.fasterxml.jackson.databind.node.ArrayNode) stack.get("gitlab").get("approvers").get("users")).add(user);
        return stack;
    }

    @Test
    void aStackThatDoesNotShareLeavesOutGroupsGitLabWouldNotCount() {
        FakeGitLab gitlab = greenfield(FakeGitLab.Kind.EE_PREMIUM, false);
        Run dev = run(gitlab, alsoApprover(GovernanceConfigs.premium("dev"), "bob"));
        Registered rule = dev.mocks().find(RULE, "tenant1-dev-approval-rule");
        assertEquals(List.of(), rule.input("groupIds"), "an unshared group would be an approver that never counts");
        assertEquals(List.of(21, 22), rule.input("userIds"));
        assertTrue(dev.log().warnings.stream().anyMatch(w -> w.contains("is not shared with your-org/platform-team")
                && w.contains("`pulumi up` on the prod stack")), dev.log().warnings.toString());
        assertTrue(dev.log().warnings.stream().anyMatch(w -> w.contains("code owner groups your-org/app-team")
                && w.contains("approval as optional")), dev.log().warnings.toString());
    }

    /** The rules the fake enforces, each against a registration the real provider or GitLab refuses. */
    @Test
    void theFakeRefusesWhatTheProviderAndGitLabRefuse() {
        ObjectNode ceOnEe = GovernanceConfigs.stack("dev", "url: https://gitlab.example.com\nedition: ce\n"
                + "acceptTenantDrivenClusterAdmin: true\n");
        IllegalStateException mismatch = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> GitLabGovernance.edition(GovernanceConfigs.load(ceOnEe).gitlab().governance(),
                        new FixedEdition(GitLabGovernanceSettings.Edition.EE)));
        assertTrue(mismatch.getMessage().contains("reports edition ee") && mismatch.getMessage().contains("gitlab.edition is ce")
                && mismatch.getMessage().contains("pulumi config set --path gitlab.edition ee"), mismatch.getMessage());

        assertRefused(FakeGitLab.Kind.EE_PREMIUM, "feature unavailable `push_access_level`: Use `allowed_to_push` instead",
                () -> new io.fluxfleet.gitlab.bindings.BranchProtection("p", io.fluxfleet.gitlab.bindings.BranchProtectionArgs
                        .builder().project("101").branch("dev").pushAccessLevel("no one").mergeAccessLevel("maintainer").build()));
        assertRefused(FakeGitLab.Kind.CE_FREE, "feature unavailable `allowed_to_merge`: Enterprise license required",
                () -> new io.fluxfleet.gitlab.bindings.BranchProtection("p", io.fluxfleet.gitlab.bindings.BranchProtectionArgs
                        .builder().project("101").branch("dev").allowedToMerges(List.of(
                                io.fluxfleet.gitlab.bindings.inputs.BranchProtectionAllowedToMergeArgs.builder()
                                        .accessLevel("maintainer").build())).build()));
        assertRefused(FakeGitLab.Kind.EE_UNLICENSED, "group_id must be blank",
                () -> new io.fluxfleet.gitlab.bindings.BranchProtection("p", io.fluxfleet.gitlab.bindings.BranchProtectionArgs
                        .builder().project("101").branch("dev").allowedToMerges(List.of(
                                io.fluxfleet.gitlab.bindings.inputs.BranchProtectionAllowedToMergeArgs.builder()
                                        .groupId(11).build())).build()));
        assertRefused(FakeGitLab.Kind.EE_PREMIUM, "group your-org/security-team does not have access to the project",
                () -> new io.fluxfleet.gitlab.bindings.BranchProtection("p", io.fluxfleet.gitlab.bindings.BranchProtectionArgs
                        .builder().project("101").branch("dev").allowedToMerges(List.of(
                                io.fluxfleet.gitlab.bindings.inputs.BranchProtectionAllowedToMergeArgs.builder()
                                        .groupId(13).build())).build()));
        assertRefused(FakeGitLab.Kind.EE_PREMIUM, "group your-org/qa-team does not have access to the project",
                () -> new io.fluxfleet.gitlab.bindings.BranchProtection("p", io.fluxfleet.gitlab.bindings.BranchProtectionArgs
                        .builder().project("101").branch("dev").allowedToMerges(List.of(
                                io.fluxfleet.gitlab.bindings.inputs.BranchProtectionAllowedToMergeArgs.builder()
                                        .groupId(14).build())).build()));
        assertRefused(FakeGitLab.Kind.EE_UNLICENSED, "approval rules need GitLab Premium",
                () -> new io.fluxfleet.gitlab.bindings.ProjectApprovalRule("r", io.fluxfleet.gitlab.bindings.ProjectApprovalRuleArgs
                        .builder().project("101").name("x").approvalsRequired(1).build()));
        // GitLab accepts an approval rule naming an unshared group (it then counts for nothing): FakeGitLabTest.
        assertRefused(FakeGitLab.Kind.EE_PREMIUM, "409 Group already shared with this group",
                () -> new io.fluxfleet.gitlab.bindings.ProjectShareGroup("s", io.fluxfleet.gitlab.bindings.ProjectShareGroupArgs
                        .builder().project("101").groupId(11).groupAccess("developer").build()));
    }

    /** The provider's own test of the edition (utils.IsEnterpriseInstance): the flag, or a version with "-ee". */
    @Test
    void theEditionIsDecidedAsTheProviderDecidesIt() {
        assertEquals(GitLabGovernanceSettings.Edition.EE, ProviderLookup.edition(true, "18.6.0-ee"));
        assertEquals(GitLabGovernanceSettings.Edition.EE, ProviderLookup.edition(false, "15.5.0-ee"));
        assertEquals(GitLabGovernanceSettings.Edition.EE, ProviderLookup.edition(null, "15.5.0-ee"));
        assertEquals(GitLabGovernanceSettings.Edition.CE, ProviderLookup.edition(false, "18.6.0"));
        assertEquals(GitLabGovernanceSettings.Edition.CE, ProviderLookup.edition(null, null));
    }

    private record FixedEdition(GitLabGovernanceSettings.Edition value) implements GitLabLookup {
        @Override
        public java.util.Optional<GitLabGovernanceSettings.Edition> edition() {
            return java.util.Optional.of(value);
        }

        @Override
        public ProjectFacts project(String path, String branch, String source, List<String> seeds) {
            throw new AssertionError("no project is read after an edition mismatch");
        }
    }

    private static void assertRefused(FakeGitLab.Kind kind, String expected, Runnable register) {
        FakeGitLab gitlab = new FakeGitLab(kind);
        GROUPS.forEach(gitlab::group);
        gitlab.project("101", "your-org/tenant1-gitops").share("your-org/platform-team", "developer")
                .share("your-org/qa-team", "reporter");
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> gitlab.mocks().run(ctx -> register.run()));
        assertTrue(String.valueOf(e.getMessage()).contains(expected), kind + ": expected '" + expected + "' in " + e.getMessage());
        PulumiTest.cleanup();
    }

    @Test
    void anInstanceOfAnotherEditionFailsTheRunBeforeAnyGitLabResource() {
        FakeGitLab ce = greenfield(FakeGitLab.Kind.CE_FREE, false);
        GitLabMocks mocks = ce.mocks();
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> run(mocks, GovernanceConfigs.load(GovernanceConfigs.premium("dev"))));
        assertEquals(List.of(), mocks.registered().stream().filter(r -> r.type().startsWith("gitlab:index/")).toList(),
                "no GitLab resource is registered before the check");
        assertTrue(mocks.invoked().stream().noneMatch(i -> i.token().equals("gitlab:index/getProject:getProject")),
                "not even a project is read");
        assertTrue(e.getMessage().contains("reports edition ce") && e.getMessage().contains("gitlab.tier is premium")
                && e.getMessage().contains("pulumi config set --path gitlab.tier free"), e.getMessage());
    }

    @Test
    void theEngineRefusesToDeleteOrReplaceAProtectedResource() {
        FakeGitLab gitlab = greenfield();
        promotedUpTo(gitlab, Environment.PROD);
        ObjectNode prod = GovernanceConfigs.premium("prod");
        Run both = run(gitlab, prod);
        gitlab.apply(both.mocks());
        PulumiTest.cleanup();
        ((com.fasterxml.jackson.databind.node.ArrayNode) prod.get("tenants")).remove(1);
        Run one = run(gitlab, prod);
        List<String> refusals = FakeGitLab.engineRefusals(both.mocks(), one.mocks());
        assertTrue(refusals.contains(PROTECTION + "::tenant2-prod-protection cannot be deleted because it is protected"),
                refusals.toString());
        assertTrue(refusals.stream().noneMatch(r -> r.contains("tenant1-")), "tenant1 is unchanged: " + refusals);
        PulumiTest.cleanup();

        FakeGitLab devGitLab = greenfield();
        ObjectNode dev = GovernanceConfigs.premium("dev");
        Run devBoth = run(devGitLab, dev);
        PulumiTest.cleanup();
        ((com.fasterxml.jackson.databind.node.ArrayNode) dev.get("tenants")).remove(1);
        assertEquals(List.of(), FakeGitLab.engineRefusals(devBoth.mocks(), run(devGitLab, dev).mocks()),
                "nothing is protected outside prod");
    }

    /**
     * Changing who may merge into prod changes only the protection's {@code allowedToMerges}, which the provider
     * updates in place (terraform-provider-gitlab v19.x: no replace modifier on allowed_to_*, Update PATCHes
     * protected_branches): the engine model, with the provider's replace rules, refuses nothing.
     */
    @Test
    void prodChangesItsMergersWithoutAnEngineRefusal() {
        FakeGitLab gitlab = greenfield();
        promotedUpTo(gitlab, Environment.PROD);
        ObjectNode prod = GovernanceConfigs.premium("prod");
        Run first = run(gitlab, prod);
        gitlab.apply(first.mocks());
        PulumiTest.cleanup();
        ObjectNode changed = prod.deepCopy();
        ((ObjectNode) changed.get("gitlab")).putObject("mergers").putArray("groups").add("your-org/platform-team");
        Run next = run(gitlab, changed);
        String protection = name("tenant1", Environment.PROD, "protection");
        assertNotEquals(first.mocks().find(PROTECTION, protection).<Object>input("allowedToMerges"),
                next.mocks().find(PROTECTION, protection).<Object>input("allowedToMerges"), "the mergers changed");
        assertEquals(first.mocks().find(PROTECTION, protection).<Object>input("branch"),
                next.mocks().find(PROTECTION, protection).<Object>input("branch"));
        assertEquals(List.of(), FakeGitLab.engineRefusals(first.mocks(), next.mocks()));
    }

    /**
     * The first prod run of a new rotation window replaces every deploy token (its {@code expiresAt} changes, and a
     * deploy token cannot be updated in place), and the engine refuses to replace a resource protected in both runs
     * ({@link FakeGitLab#engineRefusals}, pulumi/pulumi pkg/resource/deploy/step_generator.go). So the tokens are never
     * protected, while everything else in prod still is, and the rotation goes through.
     */
    @Test
    void prodRotatesItsDeployTokensInANewWindowWithoutAnEngineRefusal() {
        FakeGitLab gitlab = greenfield();
        promotedUpTo(gitlab, Environment.PROD);
        FluxFleetConfig prod = GovernanceConfigs.load(GovernanceConfigs.premium("prod"));
        assertTrue(prod.protect());
        Run first = run(gitlab.mocks(), prod, TODAY);
        gitlab.apply(first.mocks());
        PulumiTest.cleanup();
        Run nextWindow = run(gitlab.mocks(), prod, TODAY.plusMonths(prod.gitlab().governance().deployToken().rotationMonths()));
        for (String tenant : List.of("tenant1", "tenant2")) {
            String token = name(tenant, Environment.PROD, "deploy-token");
            assertNotEquals(first.mocks().find(DEPLOY_TOKEN, token).<String>input("expiresAt"),
                    nextWindow.mocks().find(DEPLOY_TOKEN, token).<String>input("expiresAt"), "a new window: a new token");
        }
        assertEquals(List.of(), FakeGitLab.engineRefusals(first.mocks(), nextWindow.mocks()));
        for (Registered r : nextWindow.gitlab()) {
            boolean unprotected = GitLabGovernance.LIFECYCLE_UNPROTECTED.contains(r.type());
            assertEquals(!unprotected, r.options().isProtect(), r.type() + " " + r.name());
        }
        assertTrue(nextWindow.gitlab().stream().anyMatch(r -> r.type().equals(DEPLOY_TOKEN)));
    }

    /**
     * The engine's replacement rule as FakeGitLab models it: refused while the resource stays protected, allowed once
     * the next run unprotects it ("we do allow unprotecting and replacing to happen in a single update cycle",
     * pulumi/pulumi pkg/resource/deploy/step_generator.go), which is how a stack made before this change rotates.
     */
    @Test
    void theEngineRefusesToReplaceAResourceThatStaysProtected() {
        Registered token = new Registered(DEPLOY_TOKEN, "t", Map.of("expiresAt", "2027-04-01T00:00:00Z"), "p", null,
                CustomResourceOptions.builder().protect(true).replaceOnChanges("expiresAt").build(), "9");
        Registered rotated = new Registered(DEPLOY_TOKEN, "t", Map.of("expiresAt", "2027-07-01T00:00:00Z"), "p", null,
                CustomResourceOptions.builder().protect(true).replaceOnChanges("expiresAt").build(), "9");
        Registered unprotected = new Registered(DEPLOY_TOKEN, "t", rotated.inputs(), "p", null,
                CustomResourceOptions.builder().protect(false).replaceOnChanges("expiresAt").build(), "9");
        assertEquals(List.of("unable to replace resource " + DEPLOY_TOKEN + "::t as it is currently marked for"
                + " protection (expiresAt changed)"), FakeGitLab.engineRefusals(List.of(token), List.of(rotated)));
        assertEquals(List.of(), FakeGitLab.engineRefusals(List.of(token), List.of(unprotected)));
    }

    @Test
    void aWildcardProtectionCoveringTheBranchDoesNotAbortTheRun() {
        FakeGitLab gitlab = greenfield();
        gitlab.project("101", "your-org/tenant1-gitops").branch("dev", false).wildcard("d*", "no one", "maintainer");
        Run run = run(gitlab, GovernanceConfigs.premium("dev"));
        assertEquals("101:dev", run.mocks().find(BRANCH, "tenant1-dev-branch").importId());
        assertNull(run.mocks().find(PROTECTION, "tenant1-dev-protection").importId(),
                "no protection of the exact name exists to adopt; one is added");
        assertTrue(run.mocks().all(FILE).stream().noneMatch(f -> f.name().startsWith("tenant1-") && f.importId() == null),
                "nothing is committed to a branch a wildcard protects");
        assertTrue(run.log().warnings.stream().anyMatch(w -> w.contains("covered by a wildcard or group-level protection")),
                run.log().warnings.toString());
        gitlab.apply(run.mocks());
    }

    @Test
    void aFailingProtectionLookupOtherThanNotFoundStopsTheRun() {
        FakeGitLab gitlab = greenfield();
        gitlab.project("101", "your-org/tenant1-gitops").branch("dev", true);
        GitLabMocks mocks = gitlab.mocks().invoke("gitlab:index/getProjectProtectedBranch:getProjectProtectedBranch",
                a -> {
                    throw new IllegalArgumentException("500 Internal Server Error");
                });
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> run(mocks, GovernanceConfigs.load(GovernanceConfigs.premium("dev"))));
        assertTrue(e.getMessage().contains("could not read the protection of dev in project 101"), e.getMessage());
    }

    @Test
    void aLaterEnvironmentWaitsForTheBranchItIsCreatedFrom() {
        FakeGitLab gitlab = greenfield();
        Run preprod = run(gitlab, GovernanceConfigs.premium("preprod"));
        assertTrue(preprod.mocks().all(BRANCH).isEmpty());
        assertTrue(preprod.mocks().all(PROTECTION).isEmpty());
        assertTrue(preprod.log().warnings.stream().anyMatch(w -> w.contains("has no dev branch yet")
                && w.contains("run `pulumi up` on the dev stack first")), preprod.log().warnings.toString());
        assertEquals(2, preprod.mocks().all(DEPLOY_TOKEN).size(), "Flux still gets its token");
    }

    @Test
    void anExistingProtectedBranchIsAdoptedAndNeverWrittenTo() {
        FakeGitLab gitlab = greenfield();
        gitlab.project("101", "your-org/tenant1-gitops")
                .branch("dev", true)
                .file("dev", "tenants/tenant1/kustomization.yaml", "resources: [app.yaml]\n")
                .file("dev", ".gitlab/CODEOWNERS", SeedFiles.MARKER + " an older version\n* @someone\n");
        Run run = run(gitlab, GovernanceConfigs.premium("dev"));

        Registered branch = run.mocks().find(BRANCH, "tenant1-dev-branch");
        assertEquals("101:dev", branch.importId());
        assertEquals("101:dev", run.mocks().find(PROTECTION, "tenant1-dev-protection").importId());
        assertEquals("101:dev:.gitlab/CODEOWNERS", run.mocks().find(FILE, "tenant1-dev-codeowners").importId());
        Set<String> tenant1Files = run.mocks().all(FILE).stream().filter(f -> f.name().startsWith("tenant1-"))
                .map(Registered::name).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("tenant1-dev-codeowners"), tenant1Files,
                "the tenant's own file is not registered; missing seeds are not written to a protected branch");
        assertTrue(run.log().warnings.stream().anyMatch(w -> w.contains(".gitlab/CODEOWNERS differs")));
        assertTrue(run.log().warnings.stream().anyMatch(w -> w.contains("your-org/tenant1-gitops@dev is protected"
                + " differently from the policy (push: maintainer, wanted no one; code owner approval not required)")
                && w.contains("adopts the protection and sets it to the policy")), run.log().warnings.toString());
        assertTrue(run.log().warnings.stream().anyMatch(w -> w.contains("has no .gitlab-ci.yml") && w.contains("protected")),
                "a missing pipeline is a warning: " + run.log().warnings);
        for (String missing : List.of("clusters/tenant1/dev-cluster/kustomization.yaml", "shared/kustomization.yaml")) {
            assertTrue(run.log().infos.stream().anyMatch(i -> i.contains("has no " + missing) && i.contains("protected")),
                    "a missing kustomization is a hint (Flux generates one): " + missing + " in " + run.log().infos);
        }
        gitlab.apply(run.mocks());
    }

    @Test
    void anExistingProtectionThatMatchesThePolicyIsAdoptedQuietly() {
        FakeGitLab gitlab = greenfield();
        promotedUpTo(gitlab, Environment.PROD);
        gitlab.project("101", "your-org/tenant1-gitops").branch("prod", "preprod", false).protect("prod", "no one", "maintainer", false, true);
        Run run = run(gitlab, GovernanceConfigs.premium("prod"));
        assertEquals("101:prod", run.mocks().find(PROTECTION, "tenant1-prod-protection").importId());
        assertTrue(run.log().warnings.stream().noneMatch(w -> w.contains("protected differently")), run.log().warnings.toString());
    }

    @Test
    void anUnprotectedExistingBranchGetsItsSeedsBeforeItsProtection() {
        FakeGitLab gitlab = greenfield();
        gitlab.project("101", "your-org/tenant1-gitops")
                .branch("dev", false)
                .file("dev", ".gitlab-ci.yml", "include: [ci/our-own.yml]\n");
        Run run = run(gitlab, GovernanceConfigs.premium("dev"));

        assertEquals("101:dev", run.mocks().find(BRANCH, "tenant1-dev-branch").importId());
        assertNull(run.mocks().find(PROTECTION, "tenant1-dev-protection").importId());
        assertTrue(run.mocks().maybe(FILE, "tenant1-dev-gitlab-ci").isEmpty(), "the tenant's pipeline stays");
        assertTrue(run.log().infos.stream().anyMatch(i -> i.contains(".gitlab-ci.yml is the tenant's own")));
        assertNull(run.mocks().find(FILE, "tenant1-dev-codeowners").importId());
        gitlab.apply(run.mocks());
    }

    @Test
    void seedsOnTheDefaultBranchAreAdoptedOnceTheBranchExists() {
        FakeGitLab gitlab = greenfield();
        String seeded = SeedFiles.MARKER + " It is yours\nresources: []\n";
        gitlab.project("101", "your-org/tenant1-gitops").file("main", "shared/kustomization.yaml", seeded);
        Run first = run(gitlab, GovernanceConfigs.premium("dev"));
        assertTrue(first.mocks().maybe(FILE, "tenant1-dev-shared-kustomization").isEmpty());
        gitlab.apply(first.mocks());
        PulumiTest.cleanup();
        Run second = run(gitlab, GovernanceConfigs.premium("dev"));
        assertEquals("101:dev:shared/kustomization.yaml",
                second.mocks().find(FILE, "tenant1-dev-shared-kustomization").importId());
    }

    @Test
    void freeTierLeavesOutWhatOnlyPremiumEnforcesAndSaysSo() {
        // the free tier runs only outside strict environments, and only with the risk accepted (PlatformLayerGuard);
        // preprod here writes the project settings, which the strict prod stack would on a licensed instance
        String free = "url: https://gitlab.example.com\ntier: free\nacceptTenantDrivenClusterAdmin: true\n"
                + "projectSettings: {owner: preprod}\n";
        ObjectNode stack = GovernanceConfigs.stack("preprod", free);
        FakeGitLab ce = greenfield(FakeGitLab.Kind.CE_FREE, false);
        promotedUpTo(ce, Environment.PREPROD, free);
        Run run = run(ce, stack);

        assertTrue(run.mocks().all(RULE).isEmpty());
        assertTrue(run.mocks().all(SHARE).isEmpty(), "nothing to share without approval rules or code owners");
        assertTrue(run.mocks().all(MR_APPROVALS).isEmpty());
        Registered protection = run.mocks().find(PROTECTION, "tenant1-preprod-protection");
        assertEquals("no one", protection.input("pushAccessLevel"), "CE keeps the access-level fields");
        assertEquals("maintainer", protection.input("mergeAccessLevel"));
        assertFalse(protection.inputs().containsKey("allowedToPushes"), "CE refuses allowed_to_*");
        assertFalse(protection.inputs().containsKey("codeOwnerApprovalRequired"));
        assertFalse(protection.inputs().containsKey("allowedToMerges"));
        assertEquals(2, run.mocks().all(PROJECT).size(), "merge checks exist on every tier");
        assertEquals(1, run.log().warnings.size());
        assertTrue(run.log().warnings.get(0).contains("GitLab tier is free"));
        assertTrue(run.log().warnings.get(0).contains("approval rules"));
        assertTrue(run.log().warnings.get(0).contains("Code Owners is a Premium and Ultimate feature"));
    }

    @Test
    void projectSettingsThatDifferAreReportedWithTheWayToAdoptThem() {
        FakeGitLab gitlab = greenfield();
        promotedUpTo(gitlab, Environment.PROD);
        gitlab.project("101", "your-org/tenant1-gitops").mergeSettings("merge", false, true, false).squash("default_on");
        Run prod = run(gitlab, GovernanceConfigs.premium("prod"));
        assertEquals("101", prod.mocks().find(PROJECT, "tenant1-project-settings").importId());
        assertEquals(1, prod.log().warnings.size());
        String warning = prod.log().warnings.get(0);
        assertTrue(warning.contains("merge method merge, wanted ff"), warning);
        assertTrue(warning.contains("pipelines must succeed: false"), warning);
        assertTrue(warning.contains("squash option default_on, wanted never"), warning);
        assertTrue(warning.contains("imports the project (gitlab:index/project:Project tenant1-project-settings 101)"), warning);
        PulumiTest.cleanup();

        Run dev = run(gitlab, GovernanceConfigs.premium("dev"));
        assertTrue(dev.mocks().all(PROJECT).isEmpty());
        assertEquals(1, dev.log().warnings.size());
        assertTrue(dev.log().warnings.get(0).contains("written by the prod stack"), dev.log().warnings.get(0));
        PulumiTest.cleanup();

        ObjectNode reportOnly = GovernanceConfigs.premium("prod");
        ((ObjectNode) reportOnly.get("gitlab")).putObject("projectSettings").put("mode", "report");
        Run report = run(gitlab, reportOnly);
        assertTrue(report.mocks().all(PROJECT).isEmpty());
        assertTrue(report.mocks().all(MR_APPROVALS).isEmpty());
        assertTrue(report.log().warnings.get(0).contains("mode is report"), report.log().warnings.get(0));
        PulumiTest.cleanup();

        ObjectNode off = GovernanceConfigs.premium("prod");
        ((ObjectNode) off.get("gitlab")).putObject("projectSettings").put("mode", "off");
        Run none = run(gitlab, off);
        assertTrue(none.mocks().all(PROJECT).isEmpty());
        assertEquals(List.of(), none.log().warnings);
    }

    @Test
    void anEmptyRepositoryIsReportedAndTheOtherTenantsAreGoverned() {
        FakeGitLab gitlab = greenfield();
        gitlab.project("102", "your-org/tenant2-gitops").empty = true;
        Run run = run(gitlab, GovernanceConfigs.premium("dev"));
        assertTrue(run.gitlab().stream().noneMatch(r -> r.name().startsWith("tenant2-")));
        assertTrue(run.mocks().maybe(BRANCH, "tenant1-dev-branch").isPresent());
        assertTrue(run.log().warnings.stream().anyMatch(w -> w.contains("your-org/tenant2-gitops has no commit yet")));
        assertTrue(run.governance().deployToken(tenant(run, "tenant2")).isEmpty());
    }

    /**
     * Issue 20: a CODEOWNERS GitLab reads before .gitlab/CODEOWNERS (gitlabhq ee/lib/gitlab/code_owners.rb
     * {@code FILE_PATHS}) that lets the cluster-admin paths merge without the platform team stops the stack before
     * anything is registered; one that keeps the platform team's approval is only reported.
     */
    @Test
    void aCodeownersFileGitLabReadsFirstIsRefusedUnlessThePlatformTeamStillApproves() {
        FakeGitLab gitlab = greenfield();
        gitlab.project("101", "your-org/tenant1-gitops").file("main", "CODEOWNERS", "* @someone\n");
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> run(gitlab, GovernanceConfigs.premium("dev")));
        assertTrue(String.valueOf(e.getMessage()).contains("the CODEOWNERS GitLab applies (CODEOWNERS) lets a change to"
                + " /clusters/tenant1/dev-cluster/"), e.getMessage());
        PulumiTest.cleanup();

        FakeGitLab legitimate = greenfield();
        var config = GovernanceConfigs.load(GovernanceConfigs.premium("dev"));
        legitimate.project("101", "your-org/tenant1-gitops").file("main", "CODEOWNERS",
                SeedFiles.codeowners(config.tenants().get(0), config.gitlab().governance().teams()));
        Run run = run(legitimate, GovernanceConfigs.premium("dev"));
        assertTrue(run.log().warnings.stream().anyMatch(w -> w.contains("has CODEOWNERS")
                && w.contains("instead of .gitlab/CODEOWNERS")), run.log().warnings.toString());
    }

    /**
     * Issue 20, with the platform project ({@code layers.source: platform}): the same hostile CODEOWNERS in a tenant's
     * project no longer matters (nothing cluster-admin reads that project), so it cannot stop the stack either; in the
     * platform project, which the cluster-admin layers read, it is refused.
     */
    @Test
    void withThePlatformProjectOnlyItsCodeownersGuardTheClusterAdminLayers() {
        ObjectNode platform = GovernanceConfigs.premium("dev");
        platform.putObject("layers").put("source", "platform").put("project", "your-org/platform-gitops");
        FakeGitLab gitlab = greenfield();
        platformProject(gitlab);
        gitlab.project("101", "your-org/tenant1-gitops").file("main", "CODEOWNERS", "* @someone\n");
        Run run = run(gitlab, platform);
        assertEquals(List.of("101", "102", "103"), run.mocks().all(PROTECTION).stream()
                .map(p -> String.valueOf(p.inputs().get("project"))).sorted().toList());
        PulumiTest.cleanup();

        FakeGitLab hostile = greenfield();
        platformProject(hostile).file("main", "CODEOWNERS", "* @someone\n");
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> run(hostile, platform));
        assertTrue(String.valueOf(e.getMessage()).contains("your-org/platform-gitops@dev: the CODEOWNERS GitLab applies"
                + " (CODEOWNERS) lets a change to /clusters/"), e.getMessage());
    }

    /**
     * Red team (issue 20): the owner stack shared every CODEOWNERS group into every governed project, the platform
     * project included, so the tenant-side teams (dev, app, qa, devops) became its Developers: they read every tenant's
     * cluster-admin layers, push branches and open merge requests there, and count for rules the platform project
     * does not give them. Only the platform team (the platform project's only code owner) and the groups the config
     * names for a branch's rules (approvers, mergers, unprotecters, projectSettings.sharedGroups) are shared there; a
     * tenant project still gets every team's group.
     */
    @Test
    void thePlatformProjectIsSharedOnlyWithThePlatformAndTheRulesGroups() {
        ObjectNode prod = GovernanceConfigs.premium("prod");
        prod.putObject("layers").put("source", "platform").put("project", "your-org/platform-gitops");
        FakeGitLab gitlab = greenfield();
        gitlab.project("103", "your-org/platform-gitops").mergeSettings("ff", true, true, false)
                .squash("never").directMember("alice", "developer").directMember("bob", "developer")
                .share("your-org/platform-team", "developer");
        Run run = run(gitlab, prod);
        Set<String> platform = run.mocks().all(SHARE).stream().map(Registered::name)
                .filter(n -> n.startsWith("platform-")).collect(Collectors.toCollection(java.util.TreeSet::new));
        assertEquals(Set.of("platform-share-your-org-platform-team"), platform,
                "no tenant-side team's group is shared into the platform project");
        Set<String> tenant = run.mocks().all(SHARE).stream().map(Registered::name)
                .filter(n -> n.startsWith("tenant1-")).collect(Collectors.toSet());
        assertEquals(GROUPS.size(), tenant.size(), "a tenant project still gets every team's group: " + tenant);
    }

    /**
     * The twin of the above on a stack that does not share: preprod's approver group your-org/qa-team is a tenant-side
     * team that the owner stack (whose rules do not name it) does not share into the platform project, so it is left
     * out of the platform project's rule with that reason, the rule stands on the platform team, and no warning calls
     * the tenant-side teams the platform project's code owners.
     */
    @Test
    void aTenantSideApproverGroupIsLeftOutOfThePlatformProjectsRuleForGood() {
        ObjectNode preprod = GovernanceConfigs.premium("preprod");
        preprod.putObject("layers").put("source", "platform").put("project", "your-org/platform-gitops");
        ((com.fasterxml.jackson.databind.node.ArrayNode) preprod.get("gitlab").get("approvers").get("groups"))
                .add("your-org/qa-team");
        FakeGitLab gitlab = greenfield();
        gitlab.project("103", "your-org/platform-gitops").mergeSettings("ff", true, true, false)
                .squash("never").directMember("alice", "developer").directMember("bob", "developer")
                .share("your-org/platform-team", "developer");
        promotedUpToWith(gitlab, Environment.PREPROD, before -> {
            ObjectNode stack = GovernanceConfigs.premium(before.id());
            stack.putObject("layers").put("source", "platform").put("project", "your-org/platform-gitops");
            return stack;
        });
        Run run = run(gitlab, preprod);
        List<String> warnings = run.log().warnings;
        assertTrue(warnings.stream().noneMatch(w -> w.startsWith("your-org/platform-gitops is not shared with the code"
                + " owner groups")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("your-org/platform-gitops is not shared with"
                + " your-org/qa-team") && w.contains("never a tenant-side team's for a rule of another stack")),
                warnings.toString());
        assertEquals(List.of(11), run.mocks().find(RULE, "platform-preprod-approval-rule").input("groupIds"),
                "the platform project's preprod rule stands on the platform team");
    }

    @Test
    void deployTokensCanBeTurnedOffAndAFixedExpirySoonIsReported() {
        ObjectNode off = GovernanceConfigs.premium("dev");
        ((ObjectNode) off.get("gitlab")).putObject("deployToken").put("enabled", false);
        Run none = run(greenfield(), off);
        assertTrue(none.mocks().all(DEPLOY_TOKEN).isEmpty());
        PulumiTest.cleanup();

        ObjectNode soon = GovernanceConfigs.premium("dev");
        ((ObjectNode) soon.get("gitlab")).putObject("deployToken").put("expiresAt", "2026-12-10");
        Run run = run(greenfield(), soon);
        assertEquals("2026-12-10T00:00:00Z", run.mocks().find(DEPLOY_TOKEN, "tenant1-dev-deploy-token").input("expiresAt"));
        assertTrue(run.log().warnings.stream().anyMatch(w -> w.contains("expires on 2026-12-10")));
    }

    private static Tenant tenant(Run run, String name) {
        return new Tenant(name, "your-org/" + name + "-gitops", "flux", java.util.Optional.of(new io.fluxfleet.config.Secret("x")));
    }

    private static Map<String, Registered> byKey(List<Registered> registered) {
        return registered.stream().collect(Collectors.toMap(r -> r.type() + " " + r.name(), r -> r));
    }

    private static Set<String> dependsOn(Registered r) {
        Output<List<Resource>> deps = r.options().getDependsOn();
        List<Resource> resources = deps == null ? List.of() : PulumiTest.extractValue(deps);
        return new TreeSet<>(new ArrayList<>(resources).stream().map(Resource::pulumiResourceName).toList());
    }
}
