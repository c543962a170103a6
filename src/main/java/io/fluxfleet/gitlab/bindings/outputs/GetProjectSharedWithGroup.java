package io.fluxfleet.gitlab.bindings.outputs;

import com.pulumi.core.annotations.CustomType;

/** One group a project is shared with ({@code gitlab:index/getProjectSharedWithGroup:getProjectSharedWithGroup}). */
@CustomType
public final class GetProjectSharedWithGroup {
    private Integer groupAccessLevel;
    private String groupFullPath;
    private Integer groupId;
    private String groupName;

    private GetProjectSharedWithGroup() {
    }

    /** The role the share grants at most, as GitLab's number (30 developer, 40 maintainer). */
    public Integer groupAccessLevel() {
        return this.groupAccessLevel;
    }

    public String groupFullPath() {
        return this.groupFullPath;
    }

    public Integer groupId() {
        return this.groupId;
    }

    public String groupName() {
        return this.groupName;
    }

    public static Builder builder() {
        return new Builder();
    }

    @CustomType.Builder
    public static final class Builder {
        private Integer groupAccessLevel;
        private String groupFullPath;
        private Integer groupId;
        private String groupName;

        @CustomType.Setter
        public Builder groupAccessLevel(Integer groupAccessLevel) {
            this.groupAccessLevel = groupAccessLevel;
            return this;
        }

        @CustomType.Setter
        public Builder groupFullPath(String groupFullPath) {
            this.groupFullPath = groupFullPath;
            return this;
        }

        @CustomType.Setter
        public Builder groupId(Integer groupId) {
            this.groupId = groupId;
            return this;
        }

        @CustomType.Setter
        public Builder groupName(String groupName) {
            this.groupName = groupName;
            return this;
        }

        public GetProjectSharedWithGroup build() {
            GetProjectSharedWithGroup o = new GetProjectSharedWithGroup();
            o.groupAccessLevel = groupAccessLevel;
            o.groupFullPath = groupFullPath;
            o.groupId = groupId;
            o.groupName = groupName;
            return o;
        }
    }
}
