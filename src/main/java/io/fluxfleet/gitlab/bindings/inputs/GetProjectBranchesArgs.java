package io.fluxfleet.gitlab.bindings.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.InvokeArgs;
import java.util.Optional;

/** The arguments of {@code gitlab:index/getProjectBranches:getProjectBranches}. */
public final class GetProjectBranchesArgs extends InvokeArgs {
    public static final GetProjectBranchesArgs Empty = new GetProjectBranchesArgs();

    /** ID or URL-encoded path of the project owned by the authenticated user. */
    @Import(name = "project", required = true)
    private Output<String> project;

    public Output<String> project() {
        return this.project;
    }

    /** Regex pattern to filter the returned branches by name. */
    @Import(name = "regex")
    private Output<String> regex;

    public Optional<Output<String>> regex() {
        return Optional.ofNullable(this.regex);
    }

    /** A search string to filter branches by name. */
    @Import(name = "search")
    private Output<String> search;

    public Optional<Output<String>> search() {
        return Optional.ofNullable(this.search);
    }

    private GetProjectBranchesArgs() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final GetProjectBranchesArgs $ = new GetProjectBranchesArgs();

        public Builder project(Output<String> project) {
            $.project = project;
            return this;
        }

        public Builder project(String project) {
            return project(Output.of(project));
        }

        public Builder regex(Output<String> regex) {
            $.regex = regex;
            return this;
        }

        public Builder regex(String regex) {
            return regex(Output.of(regex));
        }

        public Builder search(Output<String> search) {
            $.search = search;
            return this;
        }

        public Builder search(String search) {
            return search(Output.of(search));
        }

        /** @throws MissingRequiredPropertyException when a required input is missing */
        public GetProjectBranchesArgs build() {
            if ($.project == null) {
                throw new MissingRequiredPropertyException("GetProjectBranchesArgs", "project");
            }
            return $;
        }
    }
}
