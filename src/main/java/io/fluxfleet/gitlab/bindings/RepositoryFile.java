package io.fluxfleet.gitlab.bindings;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;

/**
 * A file in a repository branch. Every create, update and delete is a commit to {@code branch}, so it needs push
 * access to that branch.
 */
@ResourceType(type = "gitlab:index/repositoryFile:RepositoryFile")
public class RepositoryFile extends CustomResource {
    /** The name or ID of the project. */
    @Export(name = "project", refs = {String.class}, tree = "[0]")
    private Output<String> project;

    public Output<String> project() {
        return this.project;
    }

    /** Name of the branch to which to commit to. */
    @Export(name = "branch", refs = {String.class}, tree = "[0]")
    private Output<String> branch;

    public Output<String> branch() {
        return this.branch;
    }

    /** The full path of the file. */
    @Export(name = "filePath", refs = {String.class}, tree = "[0]")
    private Output<String> filePath;

    public Output<String> filePath() {
        return this.filePath;
    }

    /** The filename. */
    @Export(name = "fileName", refs = {String.class}, tree = "[0]")
    private Output<String> fileName;

    public Output<String> fileName() {
        return this.fileName;
    }

    /** File content. */
    @Export(name = "content", refs = {String.class}, tree = "[0]")
    private Output<String> content;

    public Output<String> content() {
        return this.content;
    }

    /** The file content encoding. */
    @Export(name = "encoding", refs = {String.class}, tree = "[0]")
    private Output<String> encoding;

    public Output<String> encoding() {
        return this.encoding;
    }

    /** Commit message. */
    @Export(name = "commitMessage", refs = {String.class}, tree = "[0]")
    private Output<String> commitMessage;

    public Output<String> commitMessage() {
        return this.commitMessage;
    }

    /** Create commit message. */
    @Export(name = "createCommitMessage", refs = {String.class}, tree = "[0]")
    private Output<String> createCommitMessage;

    public Output<String> createCommitMessage() {
        return this.createCommitMessage;
    }

    /** Update commit message. */
    @Export(name = "updateCommitMessage", refs = {String.class}, tree = "[0]")
    private Output<String> updateCommitMessage;

    public Output<String> updateCommitMessage() {
        return this.updateCommitMessage;
    }

    /** Delete Commit message. */
    @Export(name = "deleteCommitMessage", refs = {String.class}, tree = "[0]")
    private Output<String> deleteCommitMessage;

    public Output<String> deleteCommitMessage() {
        return this.deleteCommitMessage;
    }

    /** Name of the commit author. */
    @Export(name = "authorName", refs = {String.class}, tree = "[0]")
    private Output<String> authorName;

    public Output<String> authorName() {
        return this.authorName;
    }

    /** Email of the commit author. */
    @Export(name = "authorEmail", refs = {String.class}, tree = "[0]")
    private Output<String> authorEmail;

    public Output<String> authorEmail() {
        return this.authorEmail;
    }

    /** Enable overwriting existing files, defaults to `false`. */
    @Export(name = "overwriteOnCreate", refs = {Boolean.class}, tree = "[0]")
    private Output<Boolean> overwriteOnCreate;

    public Output<Boolean> overwriteOnCreate() {
        return this.overwriteOnCreate;
    }

    /** Enables or disables the execute flag on the file. */
    @Export(name = "executeFilemode", refs = {Boolean.class}, tree = "[0]")
    private Output<Boolean> executeFilemode;

    public Output<Boolean> executeFilemode() {
        return this.executeFilemode;
    }

    /** Name of the branch to start the new commit from. */
    @Export(name = "startBranch", refs = {String.class}, tree = "[0]")
    private Output<String> startBranch;

    public Output<String> startBranch() {
        return this.startBranch;
    }

    /** The name of branch, tag or commit. */
    @Export(name = "ref", refs = {String.class}, tree = "[0]")
    private Output<String> ref;

    public Output<String> ref() {
        return this.ref;
    }

    /** The file size. */
    @Export(name = "size", refs = {Integer.class}, tree = "[0]")
    private Output<Integer> size;

    public Output<Integer> size() {
        return this.size;
    }

    /** The blob id. */
    @Export(name = "blobId", refs = {String.class}, tree = "[0]")
    private Output<String> blobId;

    public Output<String> blobId() {
        return this.blobId;
    }

    /** The commit id. */
    @Export(name = "commitId", refs = {String.class}, tree = "[0]")
    private Output<String> commitId;

    public Output<String> commitId() {
        return this.commitId;
    }

    /** The last known commit id. */
    @Export(name = "lastCommitId", refs = {String.class}, tree = "[0]")
    private Output<String> lastCommitId;

    public Output<String> lastCommitId() {
        return this.lastCommitId;
    }

    /** File content sha256 digest. */
    @Export(name = "contentSha256", refs = {String.class}, tree = "[0]")
    private Output<String> contentSha256;

    public Output<String> contentSha256() {
        return this.contentSha256;
    }

    public RepositoryFile(String name, RepositoryFileArgs args) {
        this(name, args, null);
    }

    /** @param options merged over the defaults, which pin the plugin version; may be null */
    public RepositoryFile(String name, RepositoryFileArgs args, CustomResourceOptions options) {
        super("gitlab:index/repositoryFile:RepositoryFile", name, args, GitLabPlugin.withDefaults(options));
    }
}
