package io.fluxfleet.gitlab.bindings;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;
import java.util.List;
import java.util.Optional;

/** The inputs of {@link ProjectDeployToken}, by their wire names in the provider schema. */
public final class ProjectDeployTokenArgs extends ResourceArgs {
    public static final ProjectDeployTokenArgs Empty = new ProjectDeployTokenArgs();

    /** Time the token expires in RFC3339 format. */
    @Import(name = "expiresAt")
    private Output<String> expiresAt;

    public Optional<Output<String>> expiresAt() {
        return Optional.ofNullable(this.expiresAt);
    }

    /** A name to describe the deploy token with. */
    @Import(name = "name")
    private Output<String> name;

    public Optional<Output<String>> name() {
        return Optional.ofNullable(this.name);
    }

    /** The Id or full path of the project. */
    @Import(name = "project", required = true)
    private Output<String> project;

    public Output<String> project() {
        return this.project;
    }

    /** The scopes of the project deploy token. */
    @Import(name = "scopes", required = true)
    private Output<List<String>> scopes;

    public Output<List<String>> scopes() {
        return this.scopes;
    }

    /** A username for the deploy token. */
    @Import(name = "username")
    private Output<String> username;

    public Optional<Output<String>> username() {
        return Optional.ofNullable(this.username);
    }

    /** Whether to validate if the expiration date is in the future. */
    @Import(name = "validatePastExpirationDate")
    private Output<Boolean> validatePastExpirationDate;

    public Optional<Output<Boolean>> validatePastExpirationDate() {
        return Optional.ofNullable(this.validatePastExpirationDate);
    }

    private ProjectDeployTokenArgs() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final ProjectDeployTokenArgs $ = new ProjectDeployTokenArgs();

        public Builder expiresAt(Output<String> expiresAt) {
            $.expiresAt = expiresAt;
            return this;
        }

        public Builder expiresAt(String expiresAt) {
            return expiresAt(Output.of(expiresAt));
        }

        public Builder name(Output<String> name) {
            $.name = name;
            return this;
        }

        public Builder name(String name) {
            return name(Output.of(name));
        }

        public Builder project(Output<String> project) {
            $.project = project;
            return this;
        }

        public Builder project(String project) {
            return project(Output.of(project));
        }

        public Builder scopes(Output<List<String>> scopes) {
            $.scopes = scopes;
            return this;
        }

        public Builder scopes(List<String> scopes) {
            return scopes(Output.of(scopes));
        }

        public Builder scopes(String... scopes) {
            return scopes(List.of(scopes));
        }

        public Builder username(Output<String> username) {
            $.username = username;
            return this;
        }

        public Builder username(String username) {
            return username(Output.of(username));
        }

        public Builder validatePastExpirationDate(Output<Boolean> validatePastExpirationDate) {
            $.validatePastExpirationDate = validatePastExpirationDate;
            return this;
        }

        public Builder validatePastExpirationDate(Boolean validatePastExpirationDate) {
            return validatePastExpirationDate(Output.of(validatePastExpirationDate));
        }

        /** @throws MissingRequiredPropertyException when a required input is missing */
        public ProjectDeployTokenArgs build() {
            if ($.project == null) {
                throw new MissingRequiredPropertyException("ProjectDeployTokenArgs", "project");
            }
            if ($.scopes == null) {
                throw new MissingRequiredPropertyException("ProjectDeployTokenArgs", "scopes");
            }
            return $;
        }
    }
}
