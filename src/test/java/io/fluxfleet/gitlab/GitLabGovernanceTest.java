package io.fluxfleet.gitlab;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulumi.core.Output;
import com.pulumi.core.internal.Internal;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import com.pulumi.test.PulumiTest;
import io.fluxfleet.config.Environment;
import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.config.FluxFleetConfig.Tenant;
import io.fluxfleet.gitlab.GitLabMocks.Registered;
import io.fluxfleet.gitlab.bindings.Project;
import io.fluxfleet.gitlab.bindings.Provider;
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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    /** Two tenants' projects, new to fluxfleet: only {@code main} (protected), merge settings already as the policy. */
    static FakeGitLab greenfield() {
        FakeGitLab gitlab = new FakeGitLab().group("your-org/platform-team", 11).user("alice", 21);
        gitlab.project("101", "your-org/tenant1-gitops").mergeSettings("rebase_merge", true, true, false);
        gitlab.project("102", "your-org/tenant2-gitops").mergeSettings("rebase_merge", true, true, false);
        return gitlab;
    }

    record Run(GitLabMocks mocks, RecordingLog log, GitLabGovernance governance) {
        List<Registered> gitlab() {
            return mocks.registered().stream().filter(r -> r.type().startsWith("gitlab:")).toList();
        }
    }

    static Run run(FakeGitLab gitlab, ObjectNode stack) {
        FluxFleetConfig config = GovernanceConfigs.load(stack);
        GitLabMocks mocks = gitlab.mocks();
        RecordingLog log = new RecordingLog();
        AtomicReference<GitLabGovernance> component = new AtomicReference<>();
        mocks.run(ctx -> {
            Provider provider = GitLabGovernance.provider("gitlab", config.gitlab(), null);
            GitLabGovernance.Args args = new GitLabGovernance.Args(config.environment(), config.tenants(),
                    config.gitlab().governance(), provider, new ProviderLookup(provider), log, TODAY, config.protect());
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
        Run run = run(greenfield(), GovernanceConfigs.premium(env.id()));
        assertEquals(1, run.mocks().all(GitLabGovernance.TYPE).size());
        assertEquals(List.of(), run.log().warnings);

        for (String tenant : List.of("tenant1", "tenant2")) {
            String id = tenant.equals("tenant1") ? "101" : "102";

            Registered branch = run.mocks().find(BRANCH, name(tenant, env, "branch"));
            assertEquals(Map.of("project", id, "name", env.branch(), "ref", "main"), branch.inputs());
            assertNull(branch.importId(), "a missing branch is created");
            assertTrue(branch.retainOnDelete(), "destroying the stack never deletes the branch Flux follows");
            assertTrue(branch.ignoreChanges().contains("ref"));

            Map<String, Registered> files = run.mocks().all(FILE).stream()
                    .filter(f -> f.name().startsWith(tenant + "-"))
                    .collect(Collectors.toMap(f -> f.<String>input("filePath"), f -> f));
            assertEquals(Set.of(".gitlab/CODEOWNERS", ".gitlab-ci.yml",
                    "clusters/" + tenant + "/" + env.id() + "-cluster/kustomization.yaml",
                    "shared/kustomization.yaml", "tenants/" + tenant + "/kustomization.yaml"), files.keySet());
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
            String codeowners = files.get(".gitlab/CODEOWNERS").input("content");
            assertTrue(codeowners.contains("\n* @your-org/platform-team @your-org/devops-team\n"));
            assertTrue(codeowners.contains("\n/clusters/" + tenant + "/dev-cluster/ @your-org/dev-team\n"));
            assertTrue(codeowners.contains("\n/clusters/" + tenant + "/preprod-cluster/ @your-org/qa-team @your-org/dev-team\n"));
            assertTrue(codeowners.contains("\n/clusters/" + tenant + "/prod-cluster/ @your-org/platform-team"
                    + " @your-org/devops-team @your-org/security-team\n"));
            assertTrue(codeowners.contains("\n/shared/ @your-org/platform-team @your-org/devops-team\n"));
            assertTrue(codeowners.contains("\n/tenants/" + tenant + "/ @your-org/app-team @bob @your-org/dev-team\n"));

            Registered protection = run.mocks().find(PROTECTION, name(tenant, env, "protection"));
            assertEquals(id, protection.input("project"));
            assertEquals(env.branch(), protection.input("branch"));
            assertEquals("no one", protection.input("pushAccessLevel"));
            assertEquals("maintainer", protection.input("mergeAccessLevel"));
            assertEquals(false, protection.input("allowForcePush"));
            assertEquals(true, protection.input("codeOwnerApprovalRequired"));
            if (env == Environment.PROD) {
                assertEquals(List.of(Map.of("groupId", 11), Map.of("userId", 21)), protection.input("allowedToMerges"),
                        "prod: maintainers plus the approvers may merge");
            } else {
                assertFalse(protection.inputs().containsKey("allowedToMerges"));
            }
            assertNull(protection.importId());
            assertEquals(files.values().stream().map(Registered::name).collect(Collectors.toSet()),
                    dependsOn(protection), "the seeds are committed before the branch is protected");

            Registered rule = run.mocks().find(RULE, name(tenant, env, "approval-rule"));
            assertEquals(id, rule.input("project"));
            assertEquals("fluxfleet-" + env.id(), rule.input("name"));
            assertEquals(GitLabGovernanceSettings.defaultApprovals(env), rule.<Integer>input("approvalsRequired"));
            assertEquals(List.of(11), rule.input("groupIds"));
            assertEquals(List.of(21), rule.input("userIds"));
            assertEquals(1, rule.<List<?>>input("protectedBranchIds").size());
            assertEquals(false, rule.input("appliesToAllProtectedBranches"));

            Registered token = run.mocks().find(DEPLOY_TOKEN, name(tenant, env, "deploy-token"));
            assertEquals(Map.of("project", id, "name", "fluxfleet-" + env.id(), "scopes", List.of("read_repository"),
                    "expiresAt", "2027-04-01T00:00:00Z"), token.inputs());
            Tenant t = tenant(run, tenant);
            GitLabGovernance.DeployTokenAccess access = run.governance().deployToken(t).orElseThrow();
            assertEquals("gitlab+deploy-token-9", PulumiTest.extractValue(access.username()));
            assertEquals("gldt-fluxfleet-" + env.id(), PulumiTest.extractValue(access.token()));
            assertTrue(Internal.of(access.token()).isSecret().join(), "the deploy token is a secret");

            if (env == Environment.PROD) {
                Registered project = run.mocks().find(PROJECT, tenant + "-project-settings");
                assertEquals(id, project.importId(), "the existing project is adopted by its numeric ID");
                assertEquals(Map.of("mergeMethod", "rebase_merge", "onlyAllowMergeIfPipelineSucceeds", true,
                        "onlyAllowMergeIfAllDiscussionsAreResolved", true, "allowMergeOnSkippedPipeline", false),
                        project.inputs());
                assertTrue(project.ignoreChanges().containsAll(Project.UNMANAGED_INPUTS),
                        "no other project setting is ever reset");
                assertTrue(project.ignoreChanges().containsAll(List.of("name", "path", "namespaceId", "defaultBranch")));
                assertTrue(project.retainOnDelete(), "no destroy touches the project");
                Registered approvals = run.mocks().find(MR_APPROVALS, tenant + "-mr-approvals");
                assertEquals(Map.of("project", id, "resetApprovalsOnPush", true, "selectiveCodeOwnerRemovals", false,
                        "mergeRequestsAuthorApproval", false, "mergeRequestsDisableCommittersApproval", true,
                        "disableOverridingApproversPerMergeRequest", true), approvals.inputs());
            } else {
                assertTrue(run.mocks().all(PROJECT).isEmpty(), "only the owner (prod) stack writes project settings");
                assertTrue(run.mocks().all(MR_APPROVALS).isEmpty());
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
    }

    @ParameterizedTest
    @EnumSource(Environment.class)
    void aSecondUpChangesNothing(Environment env) {
        FakeGitLab gitlab = greenfield();
        Run first = run(gitlab, GovernanceConfigs.premium(env.id()));
        gitlab.apply(first.mocks());
        PulumiTest.cleanup();
        Run second = run(gitlab, GovernanceConfigs.premium(env.id()));

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
        assertTrue(second.gitlab().stream().filter(r -> r.type().equals(FILE)).allMatch(r -> r.importId() != null),
                "no file is written on the second run");
        assertEquals(List.of(), second.log().warnings);
        gitlab.apply(second.mocks());
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
                && w.contains("unprotect the branch once")), run.log().warnings.toString());
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
        gitlab.project("101", "your-org/tenant1-gitops").branch("prod", false).protect("prod", "no one", "maintainer", false, true);
        Run run = run(gitlab, GovernanceConfigs.premium("prod"));
        assertEquals("101:prod", run.mocks().find(PROTECTION, "tenant1-prod-protection").importId());
        assertTrue(run.log().warnings.stream().noneMatch(w -> w.contains("protected differently")), run.log().warnings.toString());
    }

    @Test
    void anUnprotectedExistingBranchGetsItsSeedsBeforeItsProtection() {
        FakeGitLab gitlab = greenfield();
        gitlab.project("101", "your-org/tenant1-gitops")
                .branch("preprod", false)
                .file("preprod", ".gitlab-ci.yml", "include: [ci/our-own.yml]\n");
        Run run = run(gitlab, GovernanceConfigs.premium("preprod"));

        assertEquals("101:preprod", run.mocks().find(BRANCH, "tenant1-preprod-branch").importId());
        assertNull(run.mocks().find(PROTECTION, "tenant1-preprod-protection").importId());
        assertTrue(run.mocks().maybe(FILE, "tenant1-preprod-gitlab-ci").isEmpty(), "the tenant's pipeline stays");
        assertTrue(run.log().infos.stream().anyMatch(i -> i.contains(".gitlab-ci.yml is the tenant's own")));
        assertNull(run.mocks().find(FILE, "tenant1-preprod-codeowners").importId());
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
        ObjectNode stack = GovernanceConfigs.stack("prod", "url: https://gitlab.example.com\ntier: free\n");
        Run run = run(greenfield(), stack);

        assertTrue(run.mocks().all(RULE).isEmpty());
        assertTrue(run.mocks().all(MR_APPROVALS).isEmpty());
        Registered protection = run.mocks().find(PROTECTION, "tenant1-prod-protection");
        assertEquals("no one", protection.input("pushAccessLevel"));
        assertFalse(protection.inputs().containsKey("codeOwnerApprovalRequired"));
        assertFalse(protection.inputs().containsKey("allowedToMerges"));
        assertEquals(2, run.mocks().all(PROJECT).size(), "merge checks exist on every tier");
        assertEquals(1, run.log().warnings.size());
        assertTrue(run.log().warnings.get(0).contains("GitLab tier is free"));
        assertTrue(run.log().warnings.get(0).contains("approval rules"));
    }

    @Test
    void projectSettingsThatDifferAreReportedWithTheWayToAdoptThem() {
        FakeGitLab gitlab = greenfield();
        gitlab.project("101", "your-org/tenant1-gitops").mergeSettings("merge", false, true, false);

        Run prod = run(gitlab, GovernanceConfigs.premium("prod"));
        assertEquals("101", prod.mocks().find(PROJECT, "tenant1-project-settings").importId());
        assertEquals(1, prod.log().warnings.size());
        String warning = prod.log().warnings.get(0);
        assertTrue(warning.contains("merge method merge, wanted rebase_merge"), warning);
        assertTrue(warning.contains("pipelines must succeed: false"), warning);
        assertTrue(warning.contains("pulumi import gitlab:index/project:Project tenant1-project-settings 101"), warning);
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

    @Test
    void aCodeownersFileGitLabReadsFirstIsReported() {
        FakeGitLab gitlab = greenfield();
        gitlab.project("101", "your-org/tenant1-gitops").file("main", "CODEOWNERS", "* @someone\n");
        Run run = run(gitlab, GovernanceConfigs.premium("dev"));
        assertTrue(run.log().warnings.stream().anyMatch(w -> w.contains("has CODEOWNERS")
                && w.contains("instead of .gitlab/CODEOWNERS")), run.log().warnings.toString());
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
