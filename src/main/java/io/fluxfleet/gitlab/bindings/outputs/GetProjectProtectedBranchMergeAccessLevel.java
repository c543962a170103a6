package io.fluxfleet.gitlab.bindings.outputs;

import com.pulumi.core.annotations.CustomType;
import java.util.Optional;

/** Nested output {@code gitlab:index/getProjectProtectedBranchMergeAccessLevel:getProjectProtectedBranchMergeAccessLevel}. */
@CustomType
public final class GetProjectProtectedBranchMergeAccessLevel {
    private String accessLevel;
    private String accessLevelDescription;
    private Integer groupId;
    private Integer userId;

    private GetProjectProtectedBranchMergeAccessLevel() {
    }

    /** Access level allowed to perform the relevant action. */
    public String accessLevel() {
        return this.accessLevel;
    }

    /** Readable description of access level. */
    public String accessLevelDescription() {
        return this.accessLevelDescription;
    }

    /** The ID of a GitLab group allowed to perform the relevant action. */
    public Integer groupId() {
        return this.groupId;
    }

    /** The ID of a GitLab user allowed to perform the relevant action. */
    public Integer userId() {
        return this.userId;
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

        public GetProjectProtectedBranchMergeAccessLevel build() {
            GetProjectProtectedBranchMergeAccessLevel o = new GetProjectProtectedBranchMergeAccessLevel();
            o.accessLevel = accessLevel;
            o.accessLevelDescription = accessLevelDescription;
            o.groupId = groupId;
            o.userId = userId;
            return o;
        }
    }
}
