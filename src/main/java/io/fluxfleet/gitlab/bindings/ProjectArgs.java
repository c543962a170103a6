package io.fluxfleet.gitlab.bindings;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;
import java.util.Optional;

/** The inputs of {@link Project}, by their wire names in the provider schema. */
public final class ProjectArgs extends ResourceArgs {
    public static final ProjectArgs Empty = new ProjectArgs();

    /** The name of the project. */
    @Import(name = "name")
    private Output<String> name;

    public Optional<Output<String>> name() {
        return Optional.ofNullable(this.name);
    }

    /** The path of the repository. */
    @Import(name = "path")
    private Output<String> path;

    public Optional<Output<String>> path() {
        return Optional.ofNullable(this.path);
    }

    /** The namespace (group or user) of the project. */
    @Import(name = "namespaceId")
    private Output<Integer> namespaceId;

    public Optional<Output<Integer>> namespaceId() {
        return Optional.ofNullable(this.namespaceId);
    }

    /** The default branch for the project. */
    @Import(name = "defaultBranch")
    private Output<String> defaultBranch;

    public Optional<Output<String>> defaultBranch() {
        return Optional.ofNullable(this.defaultBranch);
    }

    /** Set the merge method. */
    @Import(name = "mergeMethod")
    private Output<String> mergeMethod;

    public Optional<Output<String>> mergeMethod() {
        return Optional.ofNullable(this.mergeMethod);
    }

    /** Set to true if you want allow merges only if a pipeline succeeds. */
    @Import(name = "onlyAllowMergeIfPipelineSucceeds")
    private Output<Boolean> onlyAllowMergeIfPipelineSucceeds;

    public Optional<Output<Boolean>> onlyAllowMergeIfPipelineSucceeds() {
        return Optional.ofNullable(this.onlyAllowMergeIfPipelineSucceeds);
    }

    /** Set to true if you want allow merges only if all discussions are resolved. */
    @Import(name = "onlyAllowMergeIfAllDiscussionsAreResolved")
    private Output<Boolean> onlyAllowMergeIfAllDiscussionsAreResolved;

    public Optional<Output<Boolean>> onlyAllowMergeIfAllDiscussionsAreResolved() {
        return Optional.ofNullable(this.onlyAllowMergeIfAllDiscussionsAreResolved);
    }

    /** Set to true if you want to treat skipped pipelines as if they finished with success. */
    @Import(name = "allowMergeOnSkippedPipeline")
    private Output<Boolean> allowMergeOnSkippedPipeline;

    public Optional<Output<Boolean>> allowMergeOnSkippedPipeline() {
        return Optional.ofNullable(this.allowMergeOnSkippedPipeline);
    }

    /** The project's squash option for merge requests (`never`, `always`, `default_on`, `default_off`). */
    @Import(name = "squashOption")
    private Output<String> squashOption;

    public Optional<Output<String>> squashOption() {
        return Optional.ofNullable(this.squashOption);
    }

    /** Set to `true` to archive the project instead of deleting on destroy. */
    @Import(name = "archiveOnDestroy")
    private Output<Boolean> archiveOnDestroy;

    public Optional<Output<Boolean>> archiveOnDestroy() {
        return Optional.ofNullable(this.archiveOnDestroy);
    }

    private ProjectArgs() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final ProjectArgs $ = new ProjectArgs();

        public Builder name(Output<String> name) {
            $.name = name;
            return this;
        }

        public Builder name(String name) {
            return name(Output.of(name));
        }

        public Builder path(Output<String> path) {
            $.path = path;
            return this;
        }

        public Builder path(String path) {
            return path(Output.of(path));
        }

        public Builder namespaceId(Output<Integer> namespaceId) {
            $.namespaceId = namespaceId;
            return this;
        }

        public Builder namespaceId(Integer namespaceId) {
            return namespaceId(Output.of(namespaceId));
        }

        public Builder defaultBranch(Output<String> defaultBranch) {
            $.defaultBranch = defaultBranch;
            return this;
        }

        public Builder defaultBranch(String defaultBranch) {
            return defaultBranch(Output.of(defaultBranch));
        }

        public Builder mergeMethod(Output<String> mergeMethod) {
            $.mergeMethod = mergeMethod;
            return this;
        }

        public Builder mergeMethod(String mergeMethod) {
            return mergeMethod(Output.of(mergeMethod));
        }

        public Builder onlyAllowMergeIfPipelineSucceeds(Output<Boolean> onlyAllowMergeIfPipelineSucceeds) {
            $.onlyAllowMergeIfPipelineSucceeds = onlyAllowMergeIfPipelineSucceeds;
            return this;
        }

        public Builder onlyAllowMergeIfPipelineSucceeds(Boolean onlyAllowMergeIfPipelineSucceeds) {
            return onlyAllowMergeIfPipelineSucceeds(Output.of(onlyAllowMergeIfPipelineSucceeds));
        }

        public Builder onlyAllowMergeIfAllDiscussionsAreResolved(Output<Boolean> onlyAllowMergeIfAllDiscussionsAreResolved) {
            $.onlyAllowMergeIfAllDiscussionsAreResolved = onlyAllowMergeIfAllDiscussionsAreResolved;
            return this;
        }

        public Builder onlyAllowMergeIfAllDiscussionsAreResolved(Boolean onlyAllowMergeIfAllDiscussionsAreResolved) {
            return onlyAllowMergeIfAllDiscussionsAreResolved(Output.of(onlyAllowMergeIfAllDiscussionsAreResolved));
        }

        public Builder allowMergeOnSkippedPipeline(Output<Boolean> allowMergeOnSkippedPipeline) {
            $.allowMergeOnSkippedPipeline = allowMergeOnSkippedPipeline;
            return this;
        }

        public Builder allowMergeOnSkippedPipeline(Boolean allowMergeOnSkippedPipeline) {
            return allowMergeOnSkippedPipeline(Output.of(allowMergeOnSkippedPipeline));
        }

        public Builder squashOption(Output<String> squashOption) {
            $.squashOption = squashOption;
            return this;
        }

        public Builder squashOption(String squashOption) {
            return squashOption(Output.of(squashOption));
        }

        public Builder archiveOnDestroy(Output<Boolean> archiveOnDestroy) {
            $.archiveOnDestroy = archiveOnDestroy;
            return this;
        }

        public Builder archiveOnDestroy(Boolean archiveOnDestroy) {
            return archiveOnDestroy(Output.of(archiveOnDestroy));
        }

        /** @throws MissingRequiredPropertyException when a required input is missing */
        public ProjectArgs build() {
            return $;
        }
    }
}
