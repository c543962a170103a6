package io.fluxfleet.gitlab.bindings;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;
import io.fluxfleet.gitlab.bindings.inputs.BranchProtectionAllowedToMergeArgs;
import io.fluxfleet.gitlab.bindings.inputs.BranchProtectionAllowedToPushArgs;
import io.fluxfleet.gitlab.bindings.inputs.BranchProtectionAllowedToUnprotectArgs;
import java.util.List;
import java.util.Optional;

/** The inputs of {@link BranchProtection}, by their wire names in the provider schema. */
public final class BranchProtectionArgs extends ResourceArgs {
    public static final BranchProtectionArgs Empty = new BranchProtectionArgs();

    /** Can be set to true to allow users with push access to force push. */
    @Import(name = "allowForcePush")
    private Output<Boolean> allowForcePush;

    public Optional<Output<Boolean>> allowForcePush() {
        return Optional.ofNullable(this.allowForcePush);
    }

    /** Array of merge access levels/users/groups allowed for the protected branch. */
    @Import(name = "allowedToMerges")
    private Output<List<BranchProtectionAllowedToMergeArgs>> allowedToMerges;

    public Optional<Output<List<BranchProtectionAllowedToMergeArgs>>> allowedToMerges() {
        return Optional.ofNullable(this.allowedToMerges);
    }

    /** Array of push access levels/users/groups/deploy keys allowed for the protected branch. */
    @Import(name = "allowedToPushes")
    private Output<List<BranchProtectionAllowedToPushArgs>> allowedToPushes;

    public Optional<Output<List<BranchProtectionAllowedToPushArgs>>> allowedToPushes() {
        return Optional.ofNullable(this.allowedToPushes);
    }

    /** Array of unprotect access levels/users/groups allowed for the protected branch. */
    @Import(name = "allowedToUnprotects")
    private Output<List<BranchProtectionAllowedToUnprotectArgs>> allowedToUnprotects;

    public Optional<Output<List<BranchProtectionAllowedToUnprotectArgs>>> allowedToUnprotects() {
        return Optional.ofNullable(this.allowedToUnprotects);
    }

    /** Name of the branch. */
    @Import(name = "branch", required = true)
    private Output<String> branch;

    public Output<String> branch() {
        return this.branch;
    }

    /** Can be set to true to require code owner approval before merging. */
    @Import(name = "codeOwnerApprovalRequired")
    private Output<Boolean> codeOwnerApprovalRequired;

    public Optional<Output<Boolean>> codeOwnerApprovalRequired() {
        return Optional.ofNullable(this.codeOwnerApprovalRequired);
    }

    /** Access levels allowed to merge. */
    @Import(name = "mergeAccessLevel")
    private Output<String> mergeAccessLevel;

    public Optional<Output<String>> mergeAccessLevel() {
        return Optional.ofNullable(this.mergeAccessLevel);
    }

    /** The id of the project. */
    @Import(name = "project", required = true)
    private Output<String> project;

    public Output<String> project() {
        return this.project;
    }

    /** Access levels allowed to push. */
    @Import(name = "pushAccessLevel")
    private Output<String> pushAccessLevel;

    public Optional<Output<String>> pushAccessLevel() {
        return Optional.ofNullable(this.pushAccessLevel);
    }

    private BranchProtectionArgs() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final BranchProtectionArgs $ = new BranchProtectionArgs();

        public Builder allowForcePush(Output<Boolean> allowForcePush) {
            $.allowForcePush = allowForcePush;
            return this;
        }

        public Builder allowForcePush(Boolean allowForcePush) {
            return allowForcePush(Output.of(allowForcePush));
        }

        public Builder allowedToMerges(Output<List<BranchProtectionAllowedToMergeArgs>> allowedToMerges) {
            $.allowedToMerges = allowedToMerges;
            return this;
        }

        public Builder allowedToMerges(List<BranchProtectionAllowedToMergeArgs> allowedToMerges) {
            return allowedToMerges(Output.of(allowedToMerges));
        }

        public Builder allowedToMerges(BranchProtectionAllowedToMergeArgs... allowedToMerges) {
            return allowedToMerges(List.of(allowedToMerges));
        }

        public Builder allowedToPushes(Output<List<BranchProtectionAllowedToPushArgs>> allowedToPushes) {
            $.allowedToPushes = allowedToPushes;
            return this;
        }

        public Builder allowedToPushes(List<BranchProtectionAllowedToPushArgs> allowedToPushes) {
            return allowedToPushes(Output.of(allowedToPushes));
        }

        public Builder allowedToPushes(BranchProtectionAllowedToPushArgs... allowedToPushes) {
            return allowedToPushes(List.of(allowedToPushes));
        }

        public Builder allowedToUnprotects(Output<List<BranchProtectionAllowedToUnprotectArgs>> allowedToUnprotects) {
            $.allowedToUnprotects = allowedToUnprotects;
            return this;
        }

        public Builder allowedToUnprotects(List<BranchProtectionAllowedToUnprotectArgs> allowedToUnprotects) {
            return allowedToUnprotects(Output.of(allowedToUnprotects));
        }

        public Builder allowedToUnprotects(BranchProtectionAllowedToUnprotectArgs... allowedToUnprotects) {
            return allowedToUnprotects(List.of(allowedToUnprotects));
        }

        public Builder branch(Output<String> branch) {
            $.branch = branch;
            return this;
        }

        public Builder branch(String branch) {
            return branch(Output.of(branch));
        }

        public Builder codeOwnerApprovalRequired(Output<Boolean> codeOwnerApprovalRequired) {
            $.codeOwnerApprovalRequired = codeOwnerApprovalRequired;
            return this;
        }

        public Builder codeOwnerApprovalRequired(Boolean codeOwnerApprovalRequired) {
            return codeOwnerApprovalRequired(Output.of(codeOwnerApprovalRequired));
        }

        public Builder mergeAccessLevel(Output<String> mergeAccessLevel) {
            $.mergeAccessLevel = mergeAccessLevel;
            return this;
        }

        public Builder mergeAccessLevel(String mergeAccessLevel) {
            return mergeAccessLevel(Output.of(mergeAccessLevel));
        }

        public Builder project(Output<String> project) {
            $.project = project;
            return this;
        }

        public Builder project(String project) {
            return project(Output.of(project));
        }

        public Builder pushAccessLevel(Output<String> pushAccessLevel) {
            $.pushAccessLevel = pushAccessLevel;
            return this;
        }

        public Builder pushAccessLevel(String pushAccessLevel) {
            return pushAccessLevel(Output.of(pushAccessLevel));
        }

        /** @throws MissingRequiredPropertyException when a required input is missing */
        public BranchProtectionArgs build() {
            if ($.branch == null) {
                throw new MissingRequiredPropertyException("BranchProtectionArgs", "branch");
            }
            if ($.project == null) {
                throw new MissingRequiredPropertyException("BranchProtectionArgs", "project");
            }
            return $;
        }
    }
}
