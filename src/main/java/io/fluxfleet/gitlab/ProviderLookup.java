package io.fluxfleet.gitlab;

import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.ProviderResource;
import io.fluxfleet.gitlab.bindings.GitlabFunctions;
import io.fluxfleet.gitlab.bindings.inputs.GetProjectArgs;
import io.fluxfleet.gitlab.bindings.inputs.GetProjectBranchesArgs;
import io.fluxfleet.gitlab.bindings.inputs.GetProjectProtectedBranchArgs;
import io.fluxfleet.gitlab.bindings.inputs.GetRepositoryFileArgs;
import io.fluxfleet.gitlab.bindings.inputs.GetRepositoryTreeArgs;
import io.fluxfleet.gitlab.bindings.outputs.GetProjectBranchesBranch;
import io.fluxfleet.gitlab.bindings.outputs.GetProjectProtectedBranchResult;
import io.fluxfleet.gitlab.bindings.outputs.GetProjectResult;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@link GitLabLookup} through the GitLab provider's data sources, waiting for each answer: {@code getProject},
 * {@code getProjectBranches} (filtered to the one branch), {@code getProjectProtectedBranch} when it is protected,
 * one recursive {@code getRepositoryTree} of the ref, and {@code getRepositoryFile} for each seed that exists. Every lookup goes through the stack's explicit provider.
 */
public final class ProviderLookup implements GitLabLookup {
    private static final List<String> OTHER_CODEOWNERS = List.of("CODEOWNERS", "docs/CODEOWNERS");
    private final InvokeOptions options;

    public ProviderLookup(ProviderResource provider) {
        this.options = InvokeOptions.builder().provider(Objects.requireNonNull(provider)).build();
    }

    @Override
    public ProjectFacts project(String pathWithNamespace, String branch, List<String> seedPaths) {
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
                Boolean.TRUE.equals(project.allowMergeOnSkippedPipeline())));
        boolean empty = Boolean.TRUE.equals(project.emptyRepo()) || project.defaultBranch() == null;
        if (empty) {
            return new ProjectFacts(id, pathWithNamespace, project.defaultBranch(), true, false, false, Map.of(),
                    List.of(), settings, Optional.empty());
        }

        List<GetProjectBranchesBranch> branches = await(GitlabFunctions.getProjectBranchesPlain(
                GetProjectBranchesArgs.builder().project(id).regex("^" + branch + "$").build(), options),
                "list the branches of " + pathWithNamespace).branches();
        Optional<GetProjectBranchesBranch> environmentBranch = branches == null ? Optional.empty()
                : branches.stream().filter(b -> branch.equals(b.name())).findFirst();
        String ref = environmentBranch.isPresent() ? branch : project.defaultBranch();

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
            GetProjectProtectedBranchResult current = await(GitlabFunctions.getProjectProtectedBranchPlain(
                    GetProjectProtectedBranchArgs.builder().projectId(id).name(branch).build(), options),
                    "read the protection of " + pathWithNamespace + "@" + branch);
            protection = Optional.of(new Protection(
                    roleLevels(current.pushAccessLevels(), l -> l.accessLevel(), l -> l.userId(), l -> l.groupId(),
                            l -> l.deployKeyId()),
                    roleLevels(current.mergeAccessLevels(), l -> l.accessLevel(), l -> l.userId(), l -> l.groupId(),
                            l -> null),
                    Boolean.TRUE.equals(current.allowForcePush()),
                    Boolean.TRUE.equals(current.codeOwnerApprovalRequired())));
        }
        return new ProjectFacts(id, pathWithNamespace, project.defaultBranch(), false, environmentBranch.isPresent(),
                branchProtected, files, otherCodeowners, settings, protection);
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

    private static <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("fluxfleet could not " + what + ": " + cause.getMessage(), cause);
        }
    }
}
