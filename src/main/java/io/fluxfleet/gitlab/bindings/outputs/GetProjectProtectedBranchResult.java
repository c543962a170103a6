package io.fluxfleet.gitlab.bindings.outputs;

import com.pulumi.core.annotations.CustomType;
import java.util.List;
import java.util.Optional;

/** The result of {@code gitlab:index/getProjectProtectedBranch:getProjectProtectedBranch}: the protection of one branch. */
@CustomType
public final class GetProjectProtectedBranchResult {
    private Boolean allowForcePush;
    private Boolean codeOwnerApprovalRequired;
    private Integer id;
    private List<GetProjectProtectedBranchMergeAccessLevel> mergeAccessLevels;
    private String name;
    private String projectId;
    private List<GetProjectProtectedBranchPushAccessLevel> pushAccessLevels;
    private List<GetProjectProtectedBranchUnprotectAccessLevel> unprotectAccessLevels;

    private GetProjectProtectedBranchResult() {
    }

    /** Whether force push is allowed. */
    public Boolean allowForcePush() {
        return this.allowForcePush;
    }

    /** Reject code pushes that change files listed in the CODEOWNERS file. */
    public Boolean codeOwnerApprovalRequired() {
        return this.codeOwnerApprovalRequired;
    }

    /** The ID of this resource. */
    public Integer id() {
        return this.id;
    }

    /** Array of merge access levels/users/groups allowed for the protected branch. */
    public List<GetProjectProtectedBranchMergeAccessLevel> mergeAccessLevels() {
        return this.mergeAccessLevels;
    }

    /** The name of the protected branch. */
    public String name() {
        return this.name;
    }

    /** The integer or path with namespace that uniquely identifies the project. */
    public String projectId() {
        return this.projectId;
    }

    /** Array of push access levels/users/groups/deploy keys allowed for the protected branch. */
    public List<GetProjectProtectedBranchPushAccessLevel> pushAccessLevels() {
        return this.pushAccessLevels;
    }

    /** Array of unprotect access levels/users/groups allowed for the protected branch. */
    public List<GetProjectProtectedBranchUnprotectAccessLevel> unprotectAccessLevels() {
        return this.unprotectAccessLevels;
    }

    public static Builder builder() {
        return new Builder();
    }

    @CustomType.Builder
    public static final class Builder {
        private Boolean allowForcePush;
        private Boolean codeOwnerApprovalRequired;
        private Integer id;
        private List<GetProjectProtectedBranchMergeAccessLevel> mergeAccessLevels;
        private String name;
        private String projectId;
        private List<GetProjectProtectedBranchPushAccessLevel> pushAccessLevels;
        private List<GetProjectProtectedBranchUnprotectAccessLevel> unprotectAccessLevels;

        @CustomType.Setter
        public Builder allowForcePush(Boolean allowForcePush) {
            this.allowForcePush = allowForcePush;
            return this;
        }

        @CustomType.Setter
        public Builder codeOwnerApprovalRequired(Boolean codeOwnerApprovalRequired) {
            this.codeOwnerApprovalRequired = codeOwnerApprovalRequired;
            return this;
        }

        @CustomType.Setter
        public Builder id(Integer id) {
            this.id = id;
            return this;
        }

        @CustomType.Setter
        public Builder mergeAccessLevels(List<GetProjectProtectedBranchMergeAccessLevel> mergeAccessLevels) {
            this.mergeAccessLevels = mergeAccessLevels;
            return this;
        }

        @CustomType.Setter
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        @CustomType.Setter
        public Builder projectId(String projectId) {
            this.projectId = projectId;
            return this;
        }

        @CustomType.Setter
        public Builder pushAccessLevels(List<GetProjectProtectedBranchPushAccessLevel> pushAccessLevels) {
            this.pushAccessLevels = pushAccessLevels;
            return this;
        }

        @CustomType.Setter
        public Builder unprotectAccessLevels(List<GetProjectProtectedBranchUnprotectAccessLevel> unprotectAccessLevels) {
            this.unprotectAccessLevels = unprotectAccessLevels;
            return this;
        }

        public GetProjectProtectedBranchResult build() {
            GetProjectProtectedBranchResult o = new GetProjectProtectedBranchResult();
            o.allowForcePush = allowForcePush;
            o.codeOwnerApprovalRequired = codeOwnerApprovalRequired;
            o.id = id;
            o.mergeAccessLevels = mergeAccessLevels;
            o.name = name;
            o.projectId = projectId;
            o.pushAccessLevels = pushAccessLevels;
            o.unprotectAccessLevels = unprotectAccessLevels;
            return o;
        }
    }
}
