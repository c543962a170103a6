package io.fluxfleet.gitlab;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulumi.test.PulumiTest;
import io.fluxfleet.config.Environment;
import io.fluxfleet.gitlab.GitLabGovernanceTest.Run;
import io.fluxfleet.testing.GovernanceConfigs;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The change-path corpus's door into {@link FakeGitLab} (package-private, like its rules): a tenant project on
 * licensed EE (Premium) after fluxfleet's stacks ran and were applied, asked what GitLab would let a person do there.
 * The project is {@code your-org/tenant1-gitops} of {@link GitLabGovernanceTest#greenfield}; the stacks run in
 * promotion order up to the one asked about, each with the same {@code gitlab} object.
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
     * @param members       users with access to the project (any membership), by username
     * @param nonMembers    users GitLab knows who have no access to the project
     * @param groupsShared  whether the owner stack already shared the config's groups (as Developer)
     * @param shares        shares made by hand, group to role ({@code reporter}, ...), over the above
     * @param groupMembers  group full path to its direct members (username to role)
     */
    public record State(List<String> members, List<String> nonMembers, boolean groupsShared, Map<String, String> shares,
                        Map<String, Map<String, String>> groupMembers) {}

    /**
     * Whether a merge request into {@code env}'s branch by {@code author} merges with {@code approvals}, once the stacks
     * up to {@code env} ran with {@code gitlabYaml} (null: {@link GovernanceConfigs#premium}) on a GitLab in
     * {@code state} ({@link FakeGitLab#approved}: every covering rule met or auto-approved).
     */
    public static boolean merges(Environment env, String gitlabYaml, State state, String author, Set<String> approvals) {
        FakeGitLab gitlab = governed(env, gitlabYaml, state);
        return gitlab.approved(PROJECT, env.branch(), author, Set.of(), approvals);
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

    private static FakeGitLab governed(Environment env, String gitlabYaml, State state) {
        FakeGitLab gitlab = GitLabGovernanceTest.greenfield(FakeGitLab.Kind.EE_PREMIUM, state.groupsShared());
        int id = 100;
        for (List<String> users : List.of(state.members(), state.nonMembers())) {
            for (String user : users) {
                gitlab.user(user, id++);
            }
        }
        state.groupMembers().forEach((group, users) -> users.forEach((user, role) -> gitlab.groupMember(group, user, role)));
        FakeGitLab.FakeProject project = gitlab.project("101", PROJECT);
        state.members().forEach(project::member);
        state.shares().forEach(project::share);
        try {
            GitLabGovernanceTest.promotedUpTo(gitlab, env, gitlabYaml);
            gitlab.apply(GitLabGovernanceTest.run(gitlab, stack(env, gitlabYaml)).mocks());
        } finally {
            PulumiTest.cleanup();
        }
        return gitlab;
    }

    private static ObjectNode stack(Environment env, String gitlabYaml) {
        return gitlabYaml == null ? GovernanceConfigs.premium(env.id()) : GovernanceConfigs.stack(env.id(), gitlabYaml);
    }
}
