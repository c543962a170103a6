package io.fluxfleet.gitlab.bindings.outputs;

import com.pulumi.core.annotations.CustomType;
import java.util.Optional;

/** Nested output {@code gitlab:index/BranchProtectionAllowedToMerge:BranchProtectionAllowedToMerge}. */
@CustomType
public final class BranchProtectionAllowedToMerge {
    private String accessLevel;
    private String accessLevelDescription;
    private Integer groupId;
    private Integer userId;

    private BranchProtectionAllowedToMerge() {
    }

    /** Access level allowed to perform the relevant action. */
    public Optional<String> accessLevel() {
        return Optional.ofNullable(this.accessLevel);
    }

    /** Readable description of access level. */
    public Optional<String> accessLevelDescription() {
        return Optional.ofNullable(this.accessLevelDescription);
    }

    /** The ID of a GitLab group allowed to perform the relevant action. */
    public Optional<Integer> groupId() {
        return Optional.ofNullable(this.groupId);
    }

    /** The ID of a GitLab user allowed to perform the relevant action. */
    public Optional<Integer> userId() {
        return Optional.ofNullable(this.userId);
    }

    public static Builder builder() {
        return new Builder();
    }

    @CustomType.Builder
    public static final class Builder {
        private String accessLevel;
        private String accessLevelDescription;
        private Integer groupId;
        private Integer userId;

        @CustomType.Setter
        public Builder accessLevel(String accessLevel) {
            this.accessLevel = accessLevel;
            return this;
        }

        @CustomType.Setter
        public Builder accessLevelDescription(String accessLevelDescription) {
            this.accessLevelDescription = accessLevelDescription;
            return this;
        }

        @CustomType.Setter
        public Builder groupId(Integer groupId) {
            this.groupId = groupId;
            return this;
        }

        @CustomType.Setter
        public Builder userId(Integer userId) {
            this.userId = userId;
            return this;
        }

        public BranchProtectionAllowedToMerge build() {
            BranchProtectionAllowedToMerge o = new BranchProtectionAllowedToMerge();
            o.accessLevel = accessLevel;
            o.accessLevelDescription = accessLevelDescription;
            o.groupId = groupId;
            o.userId = userId;
            return o;
        }
    }
}
