package io.fluxfleet.gitlab.bindings.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;
import java.util.Optional;

/** Nested input {@code gitlab:index/BranchProtectionAllowedToMerge:BranchProtectionAllowedToMerge}. */
public final class BranchProtectionAllowedToMergeArgs extends ResourceArgs {
    public static final BranchProtectionAllowedToMergeArgs Empty = new BranchProtectionAllowedToMergeArgs();

    /** Access level allowed to perform the relevant action. */
    @Import(name = "accessLevel")
    private Output<String> accessLevel;

    public Optional<Output<String>> accessLevel() {
        return Optional.ofNullable(this.accessLevel);
    }

    /** Readable description of access level. */
    @Import(name = "accessLevelDescription")
    private Output<String> accessLevelDescription;

    public Optional<Output<String>> accessLevelDescription() {
        return Optional.ofNullable(this.accessLevelDescription);
    }

    /** The ID of a GitLab group allowed to perform the relevant action. */
    @Import(name = "groupId")
    private Output<Integer> groupId;

    public Optional<Output<Integer>> groupId() {
        return Optional.ofNullable(this.groupId);
    }

    /** The ID of a GitLab user allowed to perform the relevant action. */
    @Import(name = "userId")
    private Output<Integer> userId;

    public Optional<Output<Integer>> userId() {
        return Optional.ofNullable(this.userId);
    }

    private BranchProtectionAllowedToMergeArgs() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final BranchProtectionAllowedToMergeArgs $ = new BranchProtectionAllowedToMergeArgs();

        public Builder accessLevel(Output<String> accessLevel) {
            $.accessLevel = accessLevel;
            return this;
        }

        public Builder accessLevel(String accessLevel) {
            return accessLevel(Output.of(accessLevel));
        }

        public Builder accessLevelDescription(Output<String> accessLevelDescription) {
            $.accessLevelDescription = accessLevelDescription;
            return this;
        }

        public Builder accessLevelDescription(String accessLevelDescription) {
            return accessLevelDescription(Output.of(accessLevelDescription));
        }

        public Builder groupId(Output<Integer> groupId) {
            $.groupId = groupId;
            return this;
        }

        public Builder groupId(Integer groupId) {
            return groupId(Output.of(groupId));
        }

        public Builder userId(Output<Integer> userId) {
            $.userId = userId;
            return this;
        }

        public Builder userId(Integer userId) {
            return userId(Output.of(userId));
        }

        /** @throws MissingRequiredPropertyException when a required input is missing */
        public BranchProtectionAllowedToMergeArgs build() {
            return $;
        }
    }
}
