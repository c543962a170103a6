package io.fluxfleet.gitlab;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulumi.test.PulumiTest;
import io.fluxfleet.config.Environment;
import io.fluxfleet.gitlab.GitLabGovernanceTest.Run;
import io.fluxfleet.testing.GovernanceConfigs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The change-path corpus's door into {@link FakeGitLab} (package-private, like its rules): a tenant project on
 * licensed EE (Premium) after fluxfleet's stacks ran and were applied, asked what GitLab would let a person do there.
 * The project is {@code your-org/tenant1-gitops} of {@link GitLabGovernanceTest#greenfield}; the stacks run, each with
 * the same {@code gitlab} object, the owner stack first and then in promotion order up to the one asked about, through
 * the whole component, so its preflight ({@link Preflight}, {@link Memberships}) judges the scenario's GitLab as it
 * would a real one.
 */
public final class ChangePathGitLab {
    /** The tenant project every question is about. */
    public static final String PROJECT = "your-org/tenant1-gitops";

    private ChangePathGitLab() {}

    /** The CODEOWNERS an earlier fluxfleet seeded (plan/upgrade/c4b6dba-prod): no platform section. */
    public static String earlierSeed() throws java.io.IOException {
        String json = java.nio.file.Files.readString(java.nio.file.Path.of(
                "src/test/resources/plan/upgrade/c4b6dba-prod/resources.json"));
        int at = json.indexOf("# Owners come from the fluxfleet config");
        int start = json.lastIndexOf("\"content\" : \"", at) + 13;
        return json.substring(start, json.indexOf("\",\n", start)).replace("\\n", "\n");
    }

    /**
     * The state of GitLab before fluxfleet runs: who is a member, which groups are shared, who is in them.
     *
     * @param members       users who are direct members with the Developer role, by username, of both tenants' projects
     *                      (the stacks' approvers are the same for both)
     * @param nonMembers    users GitLab knows who have no access to the project
     * @param groupsShared  whether the owner stack already shared the config's groups (as Developer)
     * @param shares        shares of the tenant project made by hand, group to role ({@code reporter}, ...), over the
     *                      above
     * @param groupMembers  group full path to its direct members (username to role)
     * @param roles         direct members of the tenant project with another role than Developer (username to role:
     *                      {@code maintainer}, ...)
     * @param pipelineVariables the minimum role to use pipeline variables of fluxfleet's own project {@link #SELF}
     *                      (restricted; otherwise set as docs/merge-requests.md asks), which a stack checks when its
     *                      {@code gitlab.selfProject} names it
     */
    public record State(List<String> members, List<String> nonMembers, boolean groupsShared, Map<String, String> shares,
                        Map<String, Map<String, String>> groupMembers, Map<String, String> roles,
                        String pipelineVariables) {}

    /** fluxfleet's own project in every scenario's GitLab ({@link SelfProject}). */
    public static final String SELF = "your-org/fluxfleet";

    /**
     * What someone changes in GitLab after fluxfleet's stacks ran and were applied, before the next {@code pulumi up}
     * (GitLab does not ask fluxfleet): shares' roles, groups' direct members and the project's direct members; the role
     * {@code none} removes the member; {@code blocked}: users an administrator blocked ({@link FakeGitLab#block}).
     */
    public record Drift(Map<String, String> shares, Map<String, Map<String, String>> groupMembers,
                        Map<String, String> roles, List<String> blocked) {
        public static final Drift NONE = new Drift(Map.of(), Map.of(), Map.of(), List.of());

        boolean isNone() {
            return shares.isEmpty() && groupMembers.isEmpty() && roles.isEmpty() && blocked.isEmpty();
        }
    }

    /**
     * Whether a merge request into {@code env}'s branch by {@code author} merges with {@code approvals}, once the stacks
     * ran with {@code gitlabYaml} (null: {@link GovernanceConfigs#premium}) on a GitLab in {@code state} (each run must
     * pass its preflight: the scenario's GitLab is one fluxfleet governs) and then {@code drift} happened
     * ({@link FakeGitLab#approved}: every covering rule met or auto-approved).
     */
    public static boolean merges(Environment env, String gitlabYaml, State state, Drift drift, String author,
                                 Set<String> committers, Set<String> approvals) {
        FakeGitLab gitlab = fake(state);
        Optional<String> refused = runAll(gitlab, order(env, gitlabYaml), gitlabYaml);
        if (refused.isPresent()) {
            throw new IllegalStateException("the scenario's GitLab is not one fluxfleet governs: " + refused.get());
        }
        drift(gitlab, drift);
        return gitlab.approved(PROJECT, env.branch(), author, committers, approvals);
    }

    /**
     * What {@code pulumi up} makes of a GitLab in {@code state}: the stacks run in {@code stacks}' order (empty: the
     * owner stack first, as README's onboarding says, then every environment in promotion order up to {@code env}),
     * each applied; with a {@code drift}, that happens next and {@code env}'s stack runs again (the next {@code up}).
     * Answers the first refusal's messages, after checking that the refused run registered no GitLab resource and
     * said so; empty when every run went through.
     */
    public static Optional<String> up(Environment env, String gitlabYaml, State state, Drift drift, List<Environment> stacks) {
        FakeGitLab gitlab = fake(state);
        Optional<String> refused = runAll(gitlab, stacks.isEmpty() ? order(env, gitlabYaml) : stacks, gitlabYaml);
        if (refused.isPresent() || drift.isNone()) {
            return refused;
        }
        drift(gitlab, drift);
        return runAll(gitlab, List.of(env), gitlabYaml);
    }

    private static List<Environment> order(Environment env, String gitlabYaml) {
        List<Environment> order = new ArrayList<>();
        order.add(GovernanceConfigs.load(stack(env, gitlabYaml)).gitlab().governance().projectSettings().owner());
        for (Environment e : Environment.values()) {
            if (e.ordinal() <= env.ordinal()) {
                order.add(e);
            }
        }
        return order;
    }

    /** Runs and applies each stack in turn; the first refusal ends it (see {@link #up}). */
    private static Optional<String> runAll(FakeGitLab gitlab, List<Environment> stacks, String gitlabYaml) {
        for (Environment e : stacks) {
            GitLabMocks mocks = gitlab.mocks();
            try {
                gitlab.apply(GitLabGovernanceTest.run(mocks, GovernanceConfigs.load(stack(e, gitlabYaml))).mocks());
            } catch (RuntimeException refusal) {
                StringBuilder messages = new StringBuilder();
                for (Throwable t = refusal; t != null; t = t.getCause()) {
                    messages.append(t.getMessage()).append('\n');
                }
                List<String> registered = mocks.registered().stream().map(GitLabMocks.Registered::type)
                        .filter(type -> type.startsWith("gitlab:index/")).toList();
                if (!messages.toString().contains("nothing was changed") || !registered.isEmpty()) {
                    throw new IllegalStateException("not a refusal before any change (registered " + registered + ")",
                            refusal);
                }
                return Optional.of(messages.toString());
            } finally {
                PulumiTest.cleanup();
            }
        }
        return Optional.empty();
    }

    private static FakeGitLab fake(State state) {
        FakeGitLab gitlab = GitLabGovernanceTest.greenfield(FakeGitLab.Kind.EE_PREMIUM, state.groupsShared());
        int id = 100;
        for (List<String> users : List.of(state.members(), state.nonMembers(), List.copyOf(state.roles().keySet()))) {
            for (String user : users) {
                gitlab.user(user, id++);
            }
        }
        state.groupMembers().forEach((group, users) -> users.forEach((user, role) -> gitlab.groupMember(group, user, role)));
        FakeGitLab.FakeProject project = gitlab.project("101", PROJECT);
        FakeGitLab.FakeProject other = gitlab.project("102", "your-org/tenant2-gitops");
        state.members().forEach(user -> {
            project.directMember(user, "developer");
            other.directMember(user, "developer");
        });
        state.roles().forEach(project::directMember);
        state.shares().forEach(project::share);
        gitlab.project("300", SELF).mergeSettings("ff", true, true, false)
                .pipelineVariables(state.pipelineVariables(), true)
                .protect("main", "no one", "maintainer", false, true);
        return gitlab;
    }

    private static void drift(FakeGitLab gitlab, Drift drift) {
        FakeGitLab.FakeProject project = gitlab.project("101", PROJECT);
        int id = 200;
        for (String user : drift.roles().keySet()) {
            gitlab.user(user, id++);
        }
        drift.shares().forEach(project::share);
        drift.groupMembers().forEach((group, users) -> users.forEach((user, role) -> {
            if (role.equals("none")) {
                gitlab.groupMembers.getOrDefault(group, new java.util.TreeMap<>()).remove(user);
            } else {
                gitlab.groupMember(group, user, role);
            }
        }));
        drift.roles().forEach((user, role) -> {
            if (role.equals("none")) {
                project.directMembers.remove(user);
                project.members.remove(user);
            } else {
                project.directMember(user, role);
            }
        });
        drift.blocked().forEach(gitlab::block);
    }

    /**
     * Whether {@code user}, with {@code role} in the project and member of {@code memberOf}, may unprotect
     * {@code env}'s branch as fluxfleet's protection leaves it ({@link FakeGitLab#canUnprotect}). The token is in
     * {@code tokenGroups}, as {@code gitlab.unprotecters} requires.
     */
    public static boolean canUnprotect(Environment env, String gitlabYaml, List<String> tokenGroups, String user,
                                       String role, Set<String> memberOf) {
        FakeGitLab[] gitlab = new FakeGitLab[1];
        List<?> entries = protection(env, gitlabYaml, tokenGroups, gitlab);
        return gitlab[0].canUnprotect(entries, user, role, memberOf);
    }

    private static List<?> protection(Environment env, String gitlabYaml, List<String> tokenGroups, FakeGitLab[] out) {
        FakeGitLab gitlab = GitLabGovernanceTest.greenfield().token("fluxfleet-bot", tokenGroups.toArray(String[]::new));
        out[0] = gitlab;
        try {
            GitLabGovernanceTest.promotedUpTo(gitlab, env, gitlabYaml);
            Run run = GitLabGovernanceTest.run(gitlab, stack(env, gitlabYaml));
            gitlab.apply(run.mocks());
            return run.mocks().find(FakeGitLab.PROTECTION, GitLabGovernanceTest.name("tenant1", env, "protection"))
                    .input("allowedToUnprotects");
        } finally {
            PulumiTest.cleanup();
        }
    }

    private static ObjectNode stack(Environment env, String gitlabYaml) {
        return gitlabYaml == null ? GovernanceConfigs.premium(env.id()) : GovernanceConfigs.stack(env.id(), gitlabYaml);
    }
}
