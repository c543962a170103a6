package io.fluxfleet.gitlab.bindings;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;
import java.util.Optional;

/** The inputs of {@link ProjectShareGroup}, by their wire names in the provider schema. */
public final class ProjectShareGroupArgs extends ResourceArgs {
    public static final ProjectShareGroupArgs Empty = new ProjectShareGroupArgs();

    /** Share expiration date. Format: {@code YYYY-MM-DD}. */
    @Import(name = "expiresAt")
    private Output<String> expiresAt;

    public Optional<Output<String>> expiresAt() {
        return Optional.ofNullable(this.expiresAt);
    }

    /** The access level to grant the group for the project ({@code developer}, {@code maintainer}, ...). */
    @Import(name = "groupAccess", required = true)
    private Output<String> groupAccess;

    public Output<String> groupAccess() {
        return this.groupAccess;
    }

    /** The id of the group. */
    @Import(name = "groupId", required = true)
    private Output<Integer> groupId;

    public Output<Integer> groupId() {
        return this.groupId;
    }

    /** The ID or URL-encoded path of the project. */
    @Import(name = "project", required = true)
    private Output<String> project;

    public Output<String> project() {
        return this.project;
    }

    private ProjectShareGroupArgs() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final ProjectShareGroupArgs $ = new ProjectShareGroupArgs();

        public Builder expiresAt(Output<String> expiresAt) {
            $.expiresAt = expiresAt;
            return this;
        }

        public Builder expiresAt(String expiresAt) {
            return expiresAt(Output.of(expiresAt));
        }

        public Builder groupAccess(Output<String> groupAccess) {
            $.groupAccess = groupAccess;
            return this;
        }

        public Builder groupAccess(String groupAccess) {
            return groupAccess(Output.of(groupAccess));
        }

        public Builder groupId(Output<Integer> groupId) {
            $.groupId = groupId;
            return this;
        }

        public Builder groupId(Integer groupId) {
            return groupId(Output.of(groupId));
        }

        public Builder project(Output<String> project) {
            $.project = project;
            return this;
        }

        public Builder project(String project) {
            return project(Output.of(project));
        }

        /** @throws MissingRequiredPropertyException when a required input is missing */
        public ProjectShareGroupArgs build() {
            if ($.groupAccess == null) {
                throw new MissingRequiredPropertyException("ProjectShareGroupArgs", "groupAccess");
            }
            if ($.groupId == null) {
                throw new MissingRequiredPropertyException("ProjectShareGroupArgs", "groupId");
            }
            if ($.project == null) {
                throw new MissingRequiredPropertyException("ProjectShareGroupArgs", "project");
            }
            return $;
        }
    }
}
