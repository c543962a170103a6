package io.fluxfleet.gitlab.bindings.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.InvokeArgs;
import java.util.Optional;

/** The arguments of {@code gitlab:index/getProjectProtectedBranch:getProjectProtectedBranch}. */
public final class GetProjectProtectedBranchArgs extends InvokeArgs {
    public static final GetProjectProtectedBranchArgs Empty = new GetProjectProtectedBranchArgs();

    /** The name of the protected branch. */
    @Import(name = "name", required = true)
    private Output<String> name;

    public Output<String> name() {
        return this.name;
    }

    /** The integer or path with namespace that uniquely identifies the project. */
    @Import(name = "projectId", required = true)
    private Output<String> projectId;

    public Output<String> projectId() {
        return this.projectId;
    }

    private GetProjectProtectedBranchArgs() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final GetProjectProtectedBranchArgs $ = new GetProjectProtectedBranchArgs();

        public Builder name(Output<String> name) {
            $.name = name;
            return this;
        }

        public Builder name(String name) {
            return name(Output.of(name));
        }

        public Builder projectId(Output<String> projectId) {
            $.projectId = projectId;
            return this;
        }

        public Builder projectId(String projectId) {
            return projectId(Output.of(projectId));
        }

        /** @throws MissingRequiredPropertyException when a required input is missing */
        public GetProjectProtectedBranchArgs build() {
            if ($.name == null) {
                throw new MissingRequiredPropertyException("GetProjectProtectedBranchArgs", "name");
            }
            if ($.projectId == null) {
                throw new MissingRequiredPropertyException("GetProjectProtectedBranchArgs", "projectId");
            }
            return $;
        }
    }
}
