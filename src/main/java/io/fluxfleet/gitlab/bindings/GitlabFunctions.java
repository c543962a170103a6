package io.fluxfleet.gitlab.bindings;

import com.pulumi.core.Output;
import com.pulumi.core.TypeShape;
import com.pulumi.deployment.Deployment;
import com.pulumi.deployment.InvokeOptions;
import io.fluxfleet.gitlab.bindings.inputs.GetProjectArgs;
import io.fluxfleet.gitlab.bindings.inputs.GetProjectBranchesArgs;
import io.fluxfleet.gitlab.bindings.inputs.GetProjectProtectedBranchArgs;
import io.fluxfleet.gitlab.bindings.inputs.GetRepositoryTreeArgs;
import io.fluxfleet.gitlab.bindings.inputs.GetRepositoryFileArgs;
import io.fluxfleet.gitlab.bindings.inputs.GetGroupArgs;
import io.fluxfleet.gitlab.bindings.inputs.GetMetadataArgs;
import io.fluxfleet.gitlab.bindings.inputs.GetUserArgs;
import io.fluxfleet.gitlab.bindings.outputs.GetProjectResult;
import io.fluxfleet.gitlab.bindings.outputs.GetProjectBranchesResult;
import io.fluxfleet.gitlab.bindings.outputs.GetProjectProtectedBranchResult;
import io.fluxfleet.gitlab.bindings.outputs.GetRepositoryTreeResult;
import io.fluxfleet.gitlab.bindings.outputs.GetRepositoryFileResult;
import io.fluxfleet.gitlab.bindings.outputs.GetGroupResult;
import io.fluxfleet.gitlab.bindings.outputs.GetMetadataResult;
import io.fluxfleet.gitlab.bindings.outputs.GetUserResult;

import java.util.concurrent.CompletableFuture;

/**
 * The GitLab provider's data sources fluxfleet reads, as invokes. Each comes in two forms, as in a generated SDK:
 * {@code getX} returns an {@link Output} for data flow into resources, {@code getXPlain} a future for decisions
 * the program must take before it registers resources (which branch exists, which file is already there). Pass the
 * stack's explicit {@link Provider} in the options: a lookup without one would use the ambient default provider.
 */
public final class GitlabFunctions {
    private GitlabFunctions() {}

    /** Reads an existing project, by {@code pathWithNamespace} or {@code id} ({@code gitlab:index/getProject:getProject}). */
    public static Output<GetProjectResult> getProject(GetProjectArgs args, InvokeOptions options) {
        return Deployment.getInstance().invoke("gitlab:index/getProject:getProject", TypeShape.of(GetProjectResult.class), args,
                GitLabPlugin.withVersion(options));
    }

    /** As {@link #getProject}, as a future. */
    public static CompletableFuture<GetProjectResult> getProjectPlain(GetProjectArgs args, InvokeOptions options) {
        return Deployment.getInstance().invokeAsync("gitlab:index/getProject:getProject", TypeShape.of(GetProjectResult.class), args,
                GitLabPlugin.withVersion(options));
    }

    /** Reads a project's branches; {@code search} narrows them by name ({@code gitlab:index/getProjectBranches:getProjectBranches}). */
    public static Output<GetProjectBranchesResult> getProjectBranches(GetProjectBranchesArgs args, InvokeOptions options) {
        return Deployment.getInstance().invoke("gitlab:index/getProjectBranches:getProjectBranches", TypeShape.of(GetProjectBranchesResult.class), args,
                GitLabPlugin.withVersion(options));
    }

    /** As {@link #getProjectBranches}, as a future. */
    public static CompletableFuture<GetProjectBranchesResult> getProjectBranchesPlain(GetProjectBranchesArgs args, InvokeOptions options) {
        return Deployment.getInstance().invokeAsync("gitlab:index/getProjectBranches:getProjectBranches", TypeShape.of(GetProjectBranchesResult.class), args,
                GitLabPlugin.withVersion(options));
    }

    /** Reads the protection of one branch ({@code gitlab:index/getProjectProtectedBranch:getProjectProtectedBranch}). */
    public static Output<GetProjectProtectedBranchResult> getProjectProtectedBranch(GetProjectProtectedBranchArgs args, InvokeOptions options) {
        return Deployment.getInstance().invoke("gitlab:index/getProjectProtectedBranch:getProjectProtectedBranch", TypeShape.of(GetProjectProtectedBranchResult.class), args,
                GitLabPlugin.withVersion(options));
    }

    /** As {@link #getProjectProtectedBranch}, as a future. */
    public static CompletableFuture<GetProjectProtectedBranchResult> getProjectProtectedBranchPlain(GetProjectProtectedBranchArgs args, InvokeOptions options) {
        return Deployment.getInstance().invokeAsync("gitlab:index/getProjectProtectedBranch:getProjectProtectedBranch", TypeShape.of(GetProjectProtectedBranchResult.class), args,
                GitLabPlugin.withVersion(options));
    }

    /** Reads the files and directories of a ref ({@code recursive} for the whole tree) ({@code gitlab:index/getRepositoryTree:getRepositoryTree}). */
    public static Output<GetRepositoryTreeResult> getRepositoryTree(GetRepositoryTreeArgs args, InvokeOptions options) {
        return Deployment.getInstance().invoke("gitlab:index/getRepositoryTree:getRepositoryTree", TypeShape.of(GetRepositoryTreeResult.class), args,
                GitLabPlugin.withVersion(options));
    }

    /** As {@link #getRepositoryTree}, as a future. */
    public static CompletableFuture<GetRepositoryTreeResult> getRepositoryTreePlain(GetRepositoryTreeArgs args, InvokeOptions options) {
        return Deployment.getInstance().invokeAsync("gitlab:index/getRepositoryTree:getRepositoryTree", TypeShape.of(GetRepositoryTreeResult.class), args,
                GitLabPlugin.withVersion(options));
    }

    /** Reads one file of a ref; the lookup fails when the file does not exist ({@code gitlab:index/getRepositoryFile:getRepositoryFile}). */
    public static Output<GetRepositoryFileResult> getRepositoryFile(GetRepositoryFileArgs args, InvokeOptions options) {
        return Deployment.getInstance().invoke("gitlab:index/getRepositoryFile:getRepositoryFile", TypeShape.of(GetRepositoryFileResult.class), args,
                GitLabPlugin.withVersion(options));
    }

    /** As {@link #getRepositoryFile}, as a future. */
    public static CompletableFuture<GetRepositoryFileResult> getRepositoryFilePlain(GetRepositoryFileArgs args, InvokeOptions options) {
        return Deployment.getInstance().invokeAsync("gitlab:index/getRepositoryFile:getRepositoryFile", TypeShape.of(GetRepositoryFileResult.class), args,
                GitLabPlugin.withVersion(options));
    }

    /**
     * Reads the instance's metadata ({@code gitlab:index/getMetadata:getMetadata}): its edition ({@code enterprise})
     * and version. The provider asks the same endpoint to decide which branch protection fields it accepts.
     */
    public static Output<GetMetadataResult> getMetadata(GetMetadataArgs args, InvokeOptions options) {
        return Deployment.getInstance().invoke("gitlab:index/getMetadata:getMetadata", TypeShape.of(GetMetadataResult.class), args,
                GitLabPlugin.withVersion(options));
    }

    /** As {@link #getMetadata}, as a future. */
    public static CompletableFuture<GetMetadataResult> getMetadataPlain(GetMetadataArgs args, InvokeOptions options) {
        return Deployment.getInstance().invokeAsync("gitlab:index/getMetadata:getMetadata", TypeShape.of(GetMetadataResult.class), args,
                GitLabPlugin.withVersion(options));
    }

    /** Reads a group, by {@code fullPath} or {@code groupId} ({@code gitlab:index/getGroup:getGroup}). */
    public static Output<GetGroupResult> getGroup(GetGroupArgs args, InvokeOptions options) {
        return Deployment.getInstance().invoke("gitlab:index/getGroup:getGroup", TypeShape.of(GetGroupResult.class), args,
                GitLabPlugin.withVersion(options));
    }

    /** As {@link #getGroup}, as a future. */
    public static CompletableFuture<GetGroupResult> getGroupPlain(GetGroupArgs args, InvokeOptions options) {
        return Deployment.getInstance().invokeAsync("gitlab:index/getGroup:getGroup", TypeShape.of(GetGroupResult.class), args,
                GitLabPlugin.withVersion(options));
    }

    /** Reads a user, by {@code username} or {@code userId} ({@code gitlab:index/getUser:getUser}). */
    public static Output<GetUserResult> getUser(GetUserArgs args, InvokeOptions options) {
        return Deployment.getInstance().invoke("gitlab:index/getUser:getUser", TypeShape.of(GetUserResult.class), args,
                GitLabPlugin.withVersion(options));
    }

    /** As {@link #getUser}, as a future. */
    public static CompletableFuture<GetUserResult> getUserPlain(GetUserArgs args, InvokeOptions options) {
        return Deployment.getInstance().invokeAsync("gitlab:index/getUser:getUser", TypeShape.of(GetUserResult.class), args,
                GitLabPlugin.withVersion(options));
    }
}
