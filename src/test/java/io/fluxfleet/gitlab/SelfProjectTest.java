package io.fluxfleet.gitlab;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.test.PulumiTest;
import io.fluxfleet.FluxFleetStack;
import io.fluxfleet.config.ConfigException;
import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.gitlab.GitLabGovernanceTest.Run;
import io.fluxfleet.gitlab.bindings.Provider;
import io.fluxfleet.testing.GovernanceConfigs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.fluxfleet.gitlab.GitLabGovernanceTest.failure;
import static io.fluxfleet.gitlab.GitLabGovernanceTest.greenfield;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * fluxfleet's own project ({@link SelfProject}), read through the provider's data sources from the fake GitLab and
 * judged in the whole component's preflight: each setting that lets someone steer a deploy job is refused by the prod
 * stack before any GitLab resource is registered, naming the project, the setting and the fix, and warned about by
 * the dev stack, which then goes on; the same project set right passes; no self project, no check.
 */
class SelfProjectTest {
    private static final String SELF = "your-org/fluxfleet";

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    /** The greenfield with fluxfleet's own project as docs/merge-requests.md asks for it. */
    private static FakeGitLab withSelfProject() {
        FakeGitLab gitlab = greenfield();
        gitlab.project("300", SELF).mergeSettings("ff", true, true, false)
                .pipelineVariables(SelfProject.NO_ONE_ALLOWED, true)
                .protect("main", "no one", "maintainer", false, true);
        return gitlab;
    }

    private static ObjectNode stack(String env, Optional<String> selfProject) {
        ObjectNode stack = GovernanceConfigs.premium(env);
        selfProject.ifPresent(p -> ((ObjectNode) stack.get("gitlab")).put("selfProject", p));
        return stack;
    }

    /** A run whose self project came from {@code pipelineProject} (CI_PROJECT_PATH) and the config, as a real run's. */
    private static Run run(FakeGitLab gitlab, ObjectNode stack, Map<String, String> environment) {
        FluxFleetConfig config = GovernanceConfigs.load(stack);
        Optional<String> pipeline = FluxFleetStack.Runtime.offline().in(environment).pipelineProject();
        RecordingLog log = new RecordingLog();
        GitLabMocks mocks = gitlab.mocks();
        AtomicReference<GitLabGovernance> component = new AtomicReference<>();
        mocks.run(ctx -> {
            Provider provider = GitLabGovernance.provider("gitlab", config.gitlab(), null);
            component.set(new GitLabGovernance("gitlab-" + config.environment().id(), new GitLabGovernance.Args(
                    config.environment(), config.tenants(), config.gitlab().governance(), provider,
                    new ProviderLookup(provider), log, LocalDate.of(2026, 12, 6), config.protect(), config.layers(),
                    config.layers().fromPlatform(), SelfProject.resolve(config.gitlab().governance().selfProject(),
                    pipeline)), ComponentResourceOptions.builder().build()));
        });
        return new Run(mocks, log, component.get());
    }

    private static Run run(FakeGitLab gitlab, String env) {
        return run(gitlab, stack(env, Optional.of(SELF)), Map.of());
    }

    /** One wrong setting each, with what the refusal must say. */
    static Stream<Object[]> wrong() {
        return Stream.of(
                row("pipeline variables open to Developers", p -> p.pipelineVariables("developer", true),
                        "'Minimum role to use pipeline variables' is 'developer'",
                        "Settings > CI/CD > Variables > 'Minimum role to use pipeline variables: No one allowed'",
                        "`ci_pipeline_variables_minimum_override_role=no_one_allowed`"),
                row("no one allowed, but not restricted (GitLab ignores the role)",
                        p -> p.pipelineVariables(SelfProject.NO_ONE_ALLOWED, false),
                        "GitLab reads the role only while that is true", "`restrict_user_defined_variables=true`"),
                row("before 17.1 (or unreadable): no role, not restricted", p -> p.pipelineVariables("", false),
                        "pipeline variables are not restricted", "a Maintainer there"),
                row("default branch pushable by Maintainers", p -> p.protect("main", "maintainer", "maintainer", false, true),
                        "the default branch 'main' is open", "lets maintainer push", "'Allowed to push and merge: No one'"),
                row("default branch without code-owner approval", p -> p.protect("main", "no one", "maintainer", false, false),
                        "does not require code-owner approval", "`code_owner_approval_required=true`"),
                row("default branch force-pushable", p -> p.protect("main", "no one", "maintainer", true, true),
                        "allows force push", "force push off"),
                row("a wildcard lets Developers push", p -> p.wildcard("*", "developer", "maintainer"),
                        "the protection '*' lets developer push", "remove any wildcard that lets more push"),
                row("default branch unprotected", p -> {
                    p.protections.remove("main");
                    p.branches.put("main", false);
                }, "it is not protected"),
                row("merges without a passing pipeline", p -> p.mergeSettings("ff", false, true, false),
                        "merge requests can merge without a passing pipeline", "'Pipelines must succeed'",
                        "`only_allow_merge_if_pipeline_succeeds=true`"));
    }

    private static Object[] row(String name, Consumer<FakeGitLab.FakeProject> change, String... says) {
        return new Object[] {name, change, List.of(says)};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrong")
    void aSettingThatLetsSomeoneSteerADeployJobIsRefusedInProdAndWarnedInDev(String name,
            Consumer<FakeGitLab.FakeProject> change, List<String> says) {
        FakeGitLab gitlab = withSelfProject();
        change.accept(gitlab.project("300", SELF));
        String refused = failure(() -> run(gitlab, "prod"));
        assertTrue(refused.contains("fluxfleet's own project '" + SELF + "' (gitlab.selfProject)"), refused);
        assertTrue(refused.contains("nothing was changed"), refused);
        says.forEach(part -> assertTrue(refused.contains(part), "says '" + part + "':\n" + refused));
        PulumiTest.cleanup();

        Run dev = run(gitlab, "dev");
        assertTrue(dev.log().warnings.stream().anyMatch(w -> w.contains(SELF) && says.stream().allMatch(w::contains)
                && w.contains("such as prod, refuses this")), String.join("\n", dev.log().warnings));
        assertFalse(dev.gitlab().isEmpty(), "dev goes on after the warning");
    }

    @Test
    void theProjectSetAsDocumentedPassesInProd() {
        Run prod = run(withSelfProject(), "prod");
        assertFalse(prod.gitlab().isEmpty());
        assertTrue(prod.log().warnings.stream().noneMatch(w -> w.contains(SELF)), String.join("\n", prod.log().warnings));
    }

    /** Before GitLab 17.1 there is no role: restricting the variables (Maintainers only) is the most it offers. */
    @Test
    void anInstanceBeforeTheRoleFieldPassesWhenVariablesAreRestricted() {
        FakeGitLab gitlab = withSelfProject();
        gitlab.project("300", SELF).pipelineVariables("", true);
        assertFalse(run(gitlab, "prod").gitlab().isEmpty());
    }

    /** Code-owner approval is a Premium feature: on Free it is neither asked for nor refused. */
    @Test
    void onFreeCodeOwnerApprovalIsNotRequired() {
        FakeGitLab gitlab = new FakeGitLab(FakeGitLab.Kind.CE_FREE);
        gitlab.project("101", "your-org/tenant1-gitops").mergeSettings("ff", true, true, false).squash("never");
        gitlab.project("102", "your-org/tenant2-gitops").mergeSettings("ff", true, true, false).squash("never");
        gitlab.project("300", SELF).mergeSettings("ff", true, true, false)
                .pipelineVariables(SelfProject.NO_ONE_ALLOWED, true).protect("main", "no one", "maintainer", false, false);
        ObjectNode stack = GovernanceConfigs.stack("dev", "url: https://gitlab.example.com\ntoken: "
                + GovernanceConfigs.TOKEN + "\nacceptTenantDrivenClusterAdmin: true\nselfProject: " + SELF + "\n");
        Run dev = run(gitlab, stack, Map.of());
        assertTrue(dev.log().warnings.stream().noneMatch(w -> w.contains(SELF)), String.join("\n", dev.log().warnings));
        PulumiTest.cleanup();

        gitlab.project("300", SELF).pipelineVariables("developer", true);
        assertTrue(run(gitlab, stack, Map.of()).log().warnings.stream().anyMatch(w -> w.contains(SELF)),
                "the free dev stack still warns about what Free has");
    }

    @Test
    void aProjectTheTokenCannotReadIsRefusedInProd() {
        String refused = failure(() -> run(greenfield(), "prod"));
        assertTrue(refused.contains("cannot be read with the stack's GitLab token")
                && refused.contains("make the token's user a Maintainer of it"), refused);
    }

    @Test
    void withoutASelfProjectNothingIsChecked() {
        FakeGitLab gitlab = withSelfProject();
        gitlab.project("300", SELF).pipelineVariables("developer", false).mergeSettings("ff", false, true, false);
        Run prod = run(gitlab, stack("prod", Optional.empty()), Map.of("CI_PROJECT_PATH", SELF));
        assertFalse(prod.gitlab().isEmpty(), "a local run (no GITLAB_CI) checks no self project");
    }

    @Test
    void inAGitLabPipelineTheSelfProjectDefaultsToCiProjectPath() {
        FakeGitLab gitlab = withSelfProject();
        gitlab.project("300", SELF).pipelineVariables("developer", false);
        String refused = failure(() -> run(gitlab, stack("prod", Optional.empty()),
                Map.of("GITLAB_CI", "true", "CI_PROJECT_PATH", SELF)));
        assertTrue(refused.contains("fluxfleet's own project '" + SELF + "' (CI_PROJECT_PATH)"), refused);
        PulumiTest.cleanup();

        gitlab.project("300", SELF).pipelineVariables(SelfProject.NO_ONE_ALLOWED, true);
        assertFalse(run(gitlab, stack("prod", Optional.empty()), Map.of("GITLAB_CI", "true", "CI_PROJECT_PATH", SELF))
                .gitlab().isEmpty());
    }

    @Test
    void theConfiguredProjectWinsOverThePipelines() {
        assertEquals(Optional.of(new SelfProject("your-org/fluxfleet", SelfProject.CONFIG_KEY)),
                SelfProject.resolve(Optional.of("your-org/fluxfleet"), Optional.of("your-org/fork")));
        assertEquals(Optional.of(new SelfProject("your-org/fork", SelfProject.PIPELINE_VARIABLE)),
                SelfProject.resolve(Optional.empty(), Optional.of("your-org/fork")));
        assertEquals(Optional.empty(), SelfProject.pipelineProject(Map.of("GITLAB_CI", "false", "CI_PROJECT_PATH", SELF)));
        assertEquals(Optional.empty(), SelfProject.pipelineProject(Map.of("GITLAB_CI", "true")));
    }

    @Test
    void aSelfProjectThatIsNotAPathIsAConfigError() {
        ConfigException e = assertThrows(ConfigException.class, () -> GovernanceConfigs.load(stack("prod",
                Optional.of("fluxfleet"))));
        assertTrue(e.getMessage().contains("gitlab.selfProject") && e.getMessage().contains("not a GitLab project path"),
                e.getMessage());
    }
}
