package io.fluxfleet.gitlab.bindings.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.InvokeArgs;
import java.util.Optional;

/** The arguments of {@code gitlab:index/getRepositoryFile:getRepositoryFile}. */
public final class GetRepositoryFileArgs extends InvokeArgs {
    public static final GetRepositoryFileArgs Empty = new GetRepositoryFileArgs();

    /** The full path of the file. */
    @Import(name = "filePath", required = true)
    private Output<String> filePath;

    public Output<String> filePath() {
        return this.filePath;
    }

    /** The name or ID of the project. */
    @Import(name = "project", required = true)
    private Output<String> project;

    public Output<String> project() {
        return this.project;
    }

    /** The name of branch, tag or commit. */
    @Import(name = "ref", required = true)
    private Output<String> ref;

    public Output<String> ref() {
        return this.ref;
    }

    private GetRepositoryFileArgs() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final GetRepositoryFileArgs $ = new GetRepositoryFileArgs();

        public Builder filePath(Output<String> filePath) {
            $.filePath = filePath;
            return this;
        }

        public Builder filePath(String filePath) {
            return filePath(Output.of(filePath));
        }

        public Builder project(Output<String> project) {
            $.project = project;
            return this;
        }

        public Builder project(String project) {
            return project(Output.of(project));
        }

        public Builder ref(Output<String> ref) {
            $.ref = ref;
            return this;
        }

        public Builder ref(String ref) {
            return ref(Output.of(ref));
        }

        /** @throws MissingRequiredPropertyException when a required input is missing */
        public GetRepositoryFileArgs build() {
            if ($.filePath == null) {
                throw new MissingRequiredPropertyException("GetRepositoryFileArgs", "filePath");
            }
            if ($.project == null) {
                throw new MissingRequiredPropertyException("GetRepositoryFileArgs", "project");
            }
            if ($.ref == null) {
                throw new MissingRequiredPropertyException("GetRepositoryFileArgs", "ref");
            }
            return $;
        }
    }
}
