package io.fluxfleet.gitlab.bindings;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;
import java.util.Optional;

/** The inputs of {@link RepositoryFile}, by their wire names in the provider schema. */
public final class RepositoryFileArgs extends ResourceArgs {
    public static final RepositoryFileArgs Empty = new RepositoryFileArgs();

    /** Email of the commit author. */
    @Import(name = "authorEmail")
    private Output<String> authorEmail;

    public Optional<Output<String>> authorEmail() {
        return Optional.ofNullable(this.authorEmail);
    }

    /** Name of the commit author. */
    @Import(name = "authorName")
    private Output<String> authorName;

    public Optional<Output<String>> authorName() {
        return Optional.ofNullable(this.authorName);
    }

    /** Name of the branch to which to commit to. */
    @Import(name = "branch", required = true)
    private Output<String> branch;

    public Output<String> branch() {
        return this.branch;
    }

    /** Commit message. */
    @Import(name = "commitMessage")
    private Output<String> commitMessage;

    public Optional<Output<String>> commitMessage() {
        return Optional.ofNullable(this.commitMessage);
    }

    /** File content. */
    @Import(name = "content", required = true)
    private Output<String> content;

    public Output<String> content() {
        return this.content;
    }

    /** Create commit message. */
    @Import(name = "createCommitMessage")
    private Output<String> createCommitMessage;

    public Optional<Output<String>> createCommitMessage() {
        return Optional.ofNullable(this.createCommitMessage);
    }

    /** Delete Commit message. */
    @Import(name = "deleteCommitMessage")
    private Output<String> deleteCommitMessage;

    public Optional<Output<String>> deleteCommitMessage() {
        return Optional.ofNullable(this.deleteCommitMessage);
    }

    /** The file content encoding. */
    @Import(name = "encoding", required = true)
    private Output<String> encoding;

    public Output<String> encoding() {
        return this.encoding;
    }

    /** Enables or disables the execute flag on the file. */
    @Import(name = "executeFilemode")
    private Output<Boolean> executeFilemode;

    public Optional<Output<Boolean>> executeFilemode() {
        return Optional.ofNullable(this.executeFilemode);
    }

    /** The full path of the file. */
    @Import(name = "filePath", required = true)
    private Output<String> filePath;

    public Output<String> filePath() {
        return this.filePath;
    }

    /** Enable overwriting existing files, defaults to `false`. */
    @Import(name = "overwriteOnCreate")
    private Output<Boolean> overwriteOnCreate;

    public Optional<Output<Boolean>> overwriteOnCreate() {
        return Optional.ofNullable(this.overwriteOnCreate);
    }

    /** The name or ID of the project. */
    @Import(name = "project", required = true)
    private Output<String> project;

    public Output<String> project() {
        return this.project;
    }

    /** Name of the branch to start the new commit from. */
    @Import(name = "startBranch")
    private Output<String> startBranch;

    public Optional<Output<String>> startBranch() {
        return Optional.ofNullable(this.startBranch);
    }

    /** Update commit message. */
    @Import(name = "updateCommitMessage")
    private Output<String> updateCommitMessage;

    public Optional<Output<String>> updateCommitMessage() {
        return Optional.ofNullable(this.updateCommitMessage);
    }

    private RepositoryFileArgs() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final RepositoryFileArgs $ = new RepositoryFileArgs();

        public Builder authorEmail(Output<String> authorEmail) {
            $.authorEmail = authorEmail;
            return this;
        }

        public Builder authorEmail(String authorEmail) {
            return authorEmail(Output.of(authorEmail));
        }

        public Builder authorName(Output<String> authorName) {
            $.authorName = authorName;
            return this;
        }

        public Builder authorName(String authorName) {
            return authorName(Output.of(authorName));
        }

        public Builder branch(Output<String> branch) {
            $.branch = branch;
            return this;
        }

        public Builder branch(String branch) {
            return branch(Output.of(branch));
        }

        public Builder commitMessage(Output<String> commitMessage) {
            $.commitMessage = commitMessage;
            return this;
        }

        public Builder commitMessage(String commitMessage) {
            return commitMessage(Output.of(commitMessage));
        }

        public Builder content(Output<String> content) {
            $.content = content;
            return this;
        }

        public Builder content(String content) {
            return content(Output.of(content));
        }

        public Builder createCommitMessage(Output<String> createCommitMessage) {
            $.createCommitMessage = createCommitMessage;
            return this;
        }

        public Builder createCommitMessage(String createCommitMessage) {
            return createCommitMessage(Output.of(createCommitMessage));
        }

        public Builder deleteCommitMessage(Output<String> deleteCommitMessage) {
            $.deleteCommitMessage = deleteCommitMessage;
            return this;
        }

        public Builder deleteCommitMessage(String deleteCommitMessage) {
            return deleteCommitMessage(Output.of(deleteCommitMessage));
        }

        public Builder encoding(Output<String> encoding) {
            $.encoding = encoding;
            return this;
        }

        public Builder encoding(String encoding) {
            return encoding(Output.of(encoding));
        }

        public Builder executeFilemode(Output<Boolean> executeFilemode) {
            $.executeFilemode = executeFilemode;
            return this;
        }

        public Builder executeFilemode(Boolean executeFilemode) {
            return executeFilemode(Output.of(executeFilemode));
        }

        public Builder filePath(Output<String> filePath) {
            $.filePath = filePath;
            return this;
        }

        public Builder filePath(String filePath) {
            return filePath(Output.of(filePath));
        }

        public Builder overwriteOnCreate(Output<Boolean> overwriteOnCreate) {
            $.overwriteOnCreate = overwriteOnCreate;
            return this;
        }

        public Builder overwriteOnCreate(Boolean overwriteOnCreate) {
            return overwriteOnCreate(Output.of(overwriteOnCreate));
        }

        public Builder project(Output<String> project) {
            $.project = project;
            return this;
        }

        public Builder project(String project) {
            return project(Output.of(project));
        }

        public Builder startBranch(Output<String> startBranch) {
            $.startBranch = startBranch;
            return this;
        }

        public Builder startBranch(String startBranch) {
            return startBranch(Output.of(startBranch));
        }

        public Builder updateCommitMessage(Output<String> updateCommitMessage) {
            $.updateCommitMessage = updateCommitMessage;
            return this;
        }

        public Builder updateCommitMessage(String updateCommitMessage) {
            return updateCommitMessage(Output.of(updateCommitMessage));
        }

        /** @throws MissingRequiredPropertyException when a required input is missing */
        public RepositoryFileArgs build() {
            if ($.branch == null) {
                throw new MissingRequiredPropertyException("RepositoryFileArgs", "branch");
            }
            if ($.content == null) {
                throw new MissingRequiredPropertyException("RepositoryFileArgs", "content");
            }
            if ($.encoding == null) {
                throw new MissingRequiredPropertyException("RepositoryFileArgs", "encoding");
            }
            if ($.filePath == null) {
                throw new MissingRequiredPropertyException("RepositoryFileArgs", "filePath");
            }
            if ($.project == null) {
                throw new MissingRequiredPropertyException("RepositoryFileArgs", "project");
            }
            return $;
        }
    }
}
