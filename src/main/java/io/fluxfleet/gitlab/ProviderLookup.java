package io.fluxfleet.gitlab;

import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.ProviderResource;
import io.fluxfleet.config.GitLabGovernanceSettings.Edition;
import io.fluxfleet.gitlab.bindings.GitlabFunctions;
import io.fluxfleet.gitlab.bindings.inputs.GetCurrentUserArgs;
import io.fluxfleet.gitlab.bindings.inputs.GetGroupArgs;
import io.fluxfleet.gitlab.bindings.inputs.GetGroupMembershipArgs;
import io.fluxfleet.gitlab.bindings.inputs.GetMetadataArgs;
import io.fluxfleet.gitlab.bindings.inputs.GetProjectArgs;
import io.fluxfleet.gitlab.bindings.inputs.GetProjectBranchesArgs;
import io.fluxfleet.gitlab.bindings.inputs.GetProjectMembershipArgs;
import io.fluxfleet.gitlab.bindings.inputs.GetProjectProtectedBranchArgs;
import io.fluxfleet.gitlab.bindings.inputs.GetProjectProtectedBranchesArgs;
import io.fluxfleet.gitlab.bindings.inputs.GetRepositoryFileArgs;
import io.fluxfleet.gitlab.bindings.inputs.GetRepositoryTreeArgs;
import io.fluxfleet.gitlab.bindings.outputs.GetGroupMembershipMember;
import io.fluxfleet.gitlab.bindings.outputs.GetProjectBranchesBranch;
import io.fluxfleet.gitlab.bindings.outputs.GetProjectMembershipMember;
import io.fluxfleet.gitlab.bindings.outputs.GetProjectProtectedBranchResult;
import io.fluxfleet.gitlab.bindings.outputs.GetProjectProtectedBranchesProtectedBranch;
import io.fluxfleet.gitlab.bindings.outputs.GetMetadataResult;
import io.fluxfleet.gitlab.bindings.outputs.GetProjectResult;
import io.fluxfleet.gitlab.bindings.outputs.GetProjectSharedWithGroup;
import io.fluxfleet.gitlab.bindings.outputs.GetRepositoryFileResult;
import io.fluxfleet.gitlab.bindings.outputs.GetRepositoryTreeTree;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@link GitLabLookup} through the GitLab provider's data sources, waiting for each answer: {@code getMetadata} once,
 * {@code getProject} (with its shared groups), {@code getProjectBranches} (filtered to the branch and its source),
 * {@code getProjectProtectedBranch} when it is protected, one recursive {@code getRepositoryTree} of the ref, and
 * {@code getRepositoryFile} for each seed that exists. Every lookup goes through the stack's explicit provider.
 */
public final class ProviderLookup implements GitLabLookup {
    private static final List<String> OTHER_CODEOWNERS = List.of("CODEOWNERS", "docs/CODEOWNERS");
    private final InvokeOptions options;
    private Optional<Edition> edition;

    public ProviderLookup(ProviderResource provider) {
        this.options = InvokeOptions.builder().provider(Objects.requireNonNull(provider)).build();
    }

    /** {@code enterprise} from the instance metadata, read once: the same fact the provider decides by. */
    @Override
    public synchronized Optional<Edition> edition() {
        if (edition == null) {
            GetMetadataResult metadata = await(GitlabFunctions.getMetadataPlain(GetMetadataArgs.Empty, options),
                    "read the GitLab instance's metadata");
            edition = Optional.of(edition(metadata.enterprise(), metadata.version()));
        }
        return edition;
    }

    /**
     * The edition exactly as the provider decides it before it accepts or refuses a protection's fields:
     * terraform-provider-gitlab internal/provider/utils, {@code IsEnterpriseInstance}: "if metadata.Enterprise { return
     * true }", else whether the version "-ee" suffix is present (GitLab 15.5 did not report {@code enterprise} yet).
     */
    static Edition edition(Boolean enterprise, String version) {
        return Boolean.TRUE.equals(enterprise) || (version != null && version.contains("-ee")) ? Edition.EE : Edition.CE;
    }

    @Override
    public ProjectFacts project(String pathWithNamespace, String branch, String source, List<String> seedPaths) {
        GetProjectResult project = await(GitlabFunctions.getProjectPlain(
                GetProjectArgs.builder().pathWithNamespace(pathWithNamespace).build(), options),
                "read GitLab project " + pathWithNamespace);
        if (project.id() == null || project.id().isBlank()) {
            throw new IllegalStateException("GitLab project " + pathWithNamespace + " was not found (no ID)");
        }
        String id = project.id();
        Optional<MergeSettings> settings = Optional.of(new MergeSettings(
                project.mergeMethod(),
                Boolean.TRUE.equals(project.onlyAllowMergeIfPipelineSucceeds()),
                Boolean.TRUE.equals(project.onlyAllowMergeIfAllDiscussionsAreResolved()),
                Boolean.TRUE.equals(project.allowMergeOnSkippedPipeline()),
                project.squashOption()));
        Map<String, Share> shares = new TreeMap<>();
        for (GetProjectSharedWithGroup g : project.sharedWithGroups()) {
            if (g.groupFullPath() != null && g.groupId() != null) {
                shares.put(g.groupFullPath(), new Share(g.groupId(), g.groupAccessLevel() == null ? 0 : g.groupAccessLevel()));
            }
        }
        boolean empty = Boolean.TRUE.equals(project.emptyRepo()) || project.defaultBranch() == null;
        if (empty) {
            return new ProjectFacts(id, pathWithNamespace, project.defaultBranch(), true, false, false, false, Map.of(),
                    List.of(), settings, Optional.empty(), Optional.of(shares));
        }
        String from = source == null ? project.defaultBranch() : source;

        List<GetProjectBranchesBranch> branches = await(GitlabFunctions.getProjectBranchesPlain(
                GetProjectBranchesArgs.builder().project(id)
                        .regex("^(" + Pattern.quote(branch) + "|" + Pattern.quote(from) + ")$").build(), options),
                "list the branches of " + pathWithNamespace).branches();
        Optional<GetProjectBranchesBranch> environmentBranch = branches == null ? Optional.empty()
                : branches.stream().filter(b -> branch.equals(b.name())).findFirst();
        boolean sourceExists = branches != null && branches.stream().anyMatch(b -> from.equals(b.name()));
        if (environmentBranch.isEmpty() && !sourceExists) {
            return new ProjectFacts(id, pathWithNamespace, project.defaultBranch(), false, false, false, false,
                    Map.of(), List.of(), settings, Optional.empty(), Optional.of(shares));
        }
        String ref = environmentBranch.isPresent() ? branch : from;

        List<GetRepositoryTreeTree> tree = await(GitlabFunctions.getRepositoryTreePlain(
                GetRepositoryTreeArgs.builder().project(id).ref(ref).recursive(true).build(), options),
                "list the files of " + pathWithNamespace + "@" + ref).trees();
        Set<String> blobs = tree == null ? Set.of() : tree.stream()
                .filter(t -> "blob".equals(t.type()))
                .map(GetRepositoryTreeTree::path)
                .collect(Collectors.toSet());

        Map<String, String> files = new LinkedHashMap<>();
        for (String path : seedPaths) {
            if (blobs.contains(path)) {
                GetRepositoryFileResult file = await(GitlabFunctions.getRepositoryFilePlain(
                        GetRepositoryFileArgs.builder().project(id).ref(ref).filePath(path).build(), options),
                        "read " + path + " of " + pathWithNamespace + "@" + ref);
                files.put(path, decode(file));
            }
        }
        List<String> otherCodeowners = OTHER_CODEOWNERS.stream().filter(blobs::contains).toList();
        boolean branchProtected = environmentBranch.map(b -> Boolean.TRUE.equals(b.protected_())).orElse(false);
        Optional<Protection> protection = Optional.empty();
        if (branchProtected) {
            // The branch list says "protected" also when a wildcard or group-level protection covers it; then there
            // is no protection of this exact name and the data source fails (404). That is a fact, not an error.
            GetProjectProtectedBranchResult current = exactProtection(id, branch);
            protection = current == null ? Optional.empty() : Optional.of(new Protection(
                    roleLevels(current.pushAccessLevels(), l -> l.accessLevel(), l -> l.userId(), l -> l.groupId(),
                            l -> l.deployKeyId()),
                    roleLevels(current.mergeAccessLevels(), l -> l.accessLevel(), l -> l.userId(), l -> l.groupId(),
                            l -> null),
                    Boolean.TRUE.equals(current.allowForcePush()),
                    Boolean.TRUE.equals(current.codeOwnerApprovalRequired())));
        }
        return new ProjectFacts(id, pathWithNamespace, project.defaultBranch(), false, sourceExists,
                environmentBranch.isPresent(), branchProtected, files, otherCodeowners, settings, protection,
                Optional.of(shares));
    }

    /**
     * GET /projects/:id/protected_branches lists the project's own protections and its groups' (gitlabhq
     * app/finders/protected_branches_finder.rb: "project_or_group.all_protected_branches", at most 100), with wildcard
     * names as entered; the ones that cover {@code branch} are chosen as GitLab chooses them ({@link
     * ProtectedBranchNames#covers}).
     */
    @Override
    public List<Covering> coveringProtections(String projectId, String branch) {
        List<GetProjectProtectedBranchesProtectedBranch> all = await(GitlabFunctions.getProjectProtectedBranchesPlain(
                GetProjectProtectedBranchesArgs.builder().projectId(projectId).build(), options),
                "list the protected branches of project " + projectId).protectedBranches();
        if (all == null) {
            return List.of();
        }
        return all.stream().filter(p -> p.name() != null && ProtectedBranchNames.covers(p.name(), branch))
                .map(p -> new Covering(p.name(),
                        roleLevels(p.pushAccessLevels(), l -> l.accessLevel(), l -> l.userId(), l -> l.groupId(),
                                l -> l.deployKeyId()),
                        roleLevels(p.mergeAccessLevels(), l -> l.accessLevel(), l -> l.userId(), l -> l.groupId(),
                                l -> null),
                        p.pushAccessLevels() != null && p.pushAccessLevels().stream().anyMatch(l ->
                                !unset(l.userId()) || !unset(l.groupId()) || !unset(l.deployKeyId())),
                        Boolean.TRUE.equals(p.allowForcePush())))
                .toList();
    }

    /** {@code getGroup} by full path: a 404 means no such group (the handle is a user's). */
    @Override
    public Optional<Boolean> isGroup(String fullPath) {
        return Optional.of(awaitUnlessMissing(GitlabFunctions.getGroupPlain(
                GetGroupArgs.builder().fullPath(fullPath).build(), options), "look up the group " + fullPath).isPresent());
    }

    /**
     * {@code getProjectMembership} twice: without {@code inherited} the provider lists {@code ListProjectMembers}
     * ({@code GET /projects/:id/members}, direct members), with it {@code ListAllProjectMembers}
     * ({@code GET /projects/:id/members/all}, members through parent groups too); terraform-provider-gitlab
     * internal/provider/data_source_gitlab_project_membership.go: "if inherited ... listMembers =
     * client.ProjectMembers.ListAllProjectMembers". Both page through every member.
     */
    @Override
    public Optional<Members> members(String projectId) {
        Map<String, Integer> direct = new TreeMap<>();
        Map<String, Integer> all = new TreeMap<>();
        for (boolean inherited : List.of(false, true)) {
            List<GetProjectMembershipMember> list = await(GitlabFunctions.getProjectMembershipPlain(
                    GetProjectMembershipArgs.builder().project(projectId).inherited(inherited).build(), options),
                    "list the " + (inherited ? "" : "direct ") + "members of project " + projectId).members();
            Map<String, Integer> into = inherited ? all : direct;
            if (list != null) {
                list.stream().filter(m -> m.username() != null && active(m.state()))
                        .forEach(m -> into.merge(m.username(), Roles.level(m.accessLevel()), Math::max));
            }
        }
        direct.forEach((user, level) -> all.merge(user, level, Math::max));
        return Optional.of(new Members(direct, all));
    }

    /**
     * {@code getGroupMembership} without {@code inherited}: {@code ListGroupMembers} ({@code GET /groups/:id/members}),
     * the group's direct members (terraform-provider-gitlab data_source_gitlab_group_membership.go). A group that does
     * not exist (404) has no members.
     */
    @Override
    public Optional<Map<String, Integer>> groupMembers(String fullPath) {
        Optional<List<GetGroupMembershipMember>> listed = awaitUnlessMissing(GitlabFunctions.getGroupMembershipPlain(
                GetGroupMembershipArgs.builder().fullPath(fullPath).build(), options),
                "list the members of group " + fullPath).map(r -> r.members());
        Map<String, Integer> members = new TreeMap<>();
        listed.filter(list -> list != null).ifPresent(list -> list.stream()
                .filter(m -> m.username() != null && active(m.state()))
                .forEach(m -> members.merge(m.username(), Roles.level(m.accessLevel()), Math::max)));
        return Optional.of(members);
    }

    /**
     * {@code getProject} of fluxfleet's own project (a 404: the token cannot see it), the protections covering its
     * default branch ({@link #coveringProtections}) and whether its own protection requires code-owner approval.
     */
    @Override
    public Optional<SelfProject.Facts> selfProject(String pathWithNamespace) {
        GetProjectResult project = awaitUnlessMissing(GitlabFunctions.getProjectPlain(
                GetProjectArgs.builder().pathWithNamespace(pathWithNamespace).build(), options),
                "read its own GitLab project " + pathWithNamespace).orElse(null);
        if (project == null || project.id() == null || project.id().isBlank()) {
            return Optional.of(SelfProject.Facts.notFound());
        }
        String branch = project.defaultBranch();
        List<Covering> protections = branch == null ? List.of() : coveringProtections(project.id(), branch);
        GetProjectProtectedBranchResult own = branch == null ? null : exactProtection(project.id(), branch);
        return Optional.of(new SelfProject.Facts(true, branch, project.ciPipelineVariablesMinimumOverrideRole(),
                Boolean.TRUE.equals(project.restrictUserDefinedVariables()),
                Boolean.TRUE.equals(project.onlyAllowMergeIfPipelineSucceeds()), protections,
                own != null && Boolean.TRUE.equals(own.codeOwnerApprovalRequired())));
    }

    /**
     * Whether a listed member counts: the membership APIs list blocked and deactivated users too, with their state
     * (gitlab-org/gitlab#536550), but GitLab counts only active users as a rule's approvers
     * (ee/app/models/concerns/approval_rule_like.rb: "approvers ||= filter_inactive_approvers(with_role_approvers)",
     * {@code with_state(:active)}), and an inactive user can use no role until an administrator reactivates them (the
     * next {@code up} then judges that role). Counted, a blocked approver let a rule pass that GitLab approves
     * automatically as short of approvers.
     */
    static boolean active(String state) {
        return "active".equals(state);
    }

    /** {@code getCurrentUser}: the token's own user, whom the role check never counts against the platform group. */
    @Override
    public Optional<String> currentUser() {
        return Optional.ofNullable(await(GitlabFunctions.getCurrentUserPlain(GetCurrentUserArgs.Empty, options),
                "read the GitLab token's user").username());
    }

    /** The protection of exactly {@code branch}, or null when only a wildcard or group-level one covers it. */
    private GetProjectProtectedBranchResult exactProtection(String id, String branch) {
        return awaitUnlessMissing(GitlabFunctions.getProjectProtectedBranchPlain(
                GetProjectProtectedBranchArgs.builder().projectId(id).name(branch).build(), options),
                "read the protection of " + branch + " in project " + id).orElse(null);
    }

    /** The access levels granted to roles; entries for a user, group or deploy key are left out. */
    private static <T> List<String> roleLevels(List<T> entries, Function<T, String> level, Function<T, Integer> user,
                                               Function<T, Integer> group, Function<T, Integer> deployKey) {
        if (entries == null) {
            return List.of();
        }
        return entries.stream()
                .filter(e -> unset(user.apply(e)) && unset(group.apply(e)) && unset(deployKey.apply(e)))
                .map(level)
                .filter(Objects::nonNull)
                .sorted()
                .toList();
    }

    private static boolean unset(Integer id) {
        return id == null || id == 0;
    }

    /** The data source returns content base64-encoded unless it says {@code text}. */
    static String decode(GetRepositoryFileResult file) {
        String content = file.content() == null ? "" : file.content();
        if ("text".equals(file.encoding())) {
            return content;
        }
        return new String(Base64.getMimeDecoder().decode(content), StandardCharsets.UTF_8);
    }

    /**
     * As {@link #await}, but a lookup GitLab answers with 404 ("not found": no such group, or a project the token cannot
     * see) is a fact, not an error: empty.
     */
    private static <T> Optional<T> awaitUnlessMissing(CompletableFuture<T> future, String what) {
        try {
            return Optional.of(future.join());
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String message = String.valueOf(cause.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (message.contains("404") || message.contains("not found")) {
                return Optional.empty();
            }
            throw new IllegalStateException("fluxfleet could not " + what + ": " + cause.getMessage(), cause);
        }
    }

    private static <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("fluxfleet could not " + what + ": " + cause.getMessage(), cause);
        }
    }
}
