package io.fluxfleet.gitlab.bindings.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.InvokeArgs;
import java.util.Optional;

/** The arguments of {@code gitlab:index/getProject:getProject}. */
public final class GetProjectArgs extends InvokeArgs {
    public static final GetProjectArgs Empty = new GetProjectArgs();

    /** The integer that uniquely identifies the project within the gitlab install. */
    @Import(name = "id")
    private Output<String> id;

    public Optional<Output<String>> id() {
        return Optional.ofNullable(this.id);
    }

    /** The path of the repository with namespace. */
    @Import(name = "pathWithNamespace")
    private Output<String> pathWithNamespace;

    public Optional<Output<String>> pathWithNamespace() {
        return Optional.ofNullable(this.pathWithNamespace);
    }

    private GetProjectArgs() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final GetProjectArgs $ = new GetProjectArgs();

        public Builder id(Output<String> id) {
            $.id = id;
            return this;
        }

        public Builder id(String id) {
            return id(Output.of(id));
        }

        public Builder pathWithNamespace(Output<String> pathWithNamespace) {
            $.pathWithNamespace = pathWithNamespace;
            return this;
        }

        public Builder pathWithNamespace(String pathWithNamespace) {
            return pathWithNamespace(Output.of(pathWithNamespace));
        }

        /** @throws MissingRequiredPropertyException when a required input is missing */
        public GetProjectArgs build() {
            return $;
        }
    }
}
