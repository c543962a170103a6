package io.fluxfleet.gitlab.bindings.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.InvokeArgs;
import java.util.Optional;

/** The arguments of {@code gitlab:index/getRepositoryTree:getRepositoryTree}. */
public final class GetRepositoryTreeArgs extends InvokeArgs {
    public static final GetRepositoryTreeArgs Empty = new GetRepositoryTreeArgs();

    /** The path inside repository. */
    @Import(name = "path")
    private Output<String> path;

    public Optional<Output<String>> path() {
        return Optional.ofNullable(this.path);
    }

    /** The ID or full path of the project owned by the authenticated user. */
    @Import(name = "project", required = true)
    private Output<String> project;

    public Output<String> project() {
        return this.project;
    }

    /** Boolean value used to get a recursive tree (false by default). */
    @Import(name = "recursive")
    private Output<Boolean> recursive;

    public Optional<Output<Boolean>> recursive() {
        return Optional.ofNullable(this.recursive);
    }

    /** The name of a repository branch or tag. */
    @Import(name = "ref", required = true)
    private Output<String> ref;

    public Output<String> ref() {
        return this.ref;
    }

    private GetRepositoryTreeArgs() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final GetRepositoryTreeArgs $ = new GetRepositoryTreeArgs();

        public Builder path(Output<String> path) {
            $.path = path;
            return this;
        }

        public Builder path(String path) {
            return path(Output.of(path));
        }

        public Builder project(Output<String> project) {
            $.project = project;
            return this;
        }

        public Builder project(String project) {
            return project(Output.of(project));
        }

        public Builder recursive(Output<Boolean> recursive) {
            $.recursive = recursive;
            return this;
        }

        public Builder recursive(Boolean recursive) {
            return recursive(Output.of(recursive));
        }

        public Builder ref(Output<String> ref) {
            $.ref = ref;
            return this;
        }

        public Builder ref(String ref) {
            return ref(Output.of(ref));
        }

        /** @throws MissingRequiredPropertyException when a required input is missing */
        public GetRepositoryTreeArgs build() {
            if ($.project == null) {
                throw new MissingRequiredPropertyException("GetRepositoryTreeArgs", "project");
            }
            if ($.ref == null) {
                throw new MissingRequiredPropertyException("GetRepositoryTreeArgs", "ref");
            }
            return $;
        }
    }
}
