package io.fluxfleet.gitlab.bindings;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import io.fluxfleet.gitlab.bindings.outputs.BranchProtectionAllowedToMerge;
import io.fluxfleet.gitlab.bindings.outputs.BranchProtectionAllowedToPush;
import io.fluxfleet.gitlab.bindings.outputs.BranchProtectionAllowedToUnprotect;
import java.util.List;

/**
 * A protected branch. {@code pushAccessLevel}/{@code mergeAccessLevel} are the base levels; the {@code allowedTo*}
 * lists and {@code codeOwnerApprovalRequired} need GitLab Premium or Ultimate.
 */
@ResourceType(type = "gitlab:index/branchProtection:BranchProtection")
public class BranchProtection extends CustomResource {
    /** Can be set to true to allow users with push access to force push. */
    @Export(name = "allowForcePush", refs = {Boolean.class}, tree = "[0]")
    private Output<Boolean> allowForcePush;

    public Output<Boolean> allowForcePush() {
        return this.allowForcePush;
    }

    /** Array of merge access levels/users/groups allowed for the protected branch. */
    @Export(name = "allowedToMerges", refs = {List.class, BranchProtectionAllowedToMerge.class}, tree = "[0,1]")
    private Output<List<BranchProtectionAllowedToMerge>> allowedToMerges;

    public Output<List<BranchProtectionAllowedToMerge>> allowedToMerges() {
        return this.allowedToMerges;
    }

    /** Array of push access levels/users/groups/deploy keys allowed for the protected branch. */
    @Export(name = "allowedToPushes", refs = {List.class, BranchProtectionAllowedToPush.class}, tree = "[0,1]")
    private Output<List<BranchProtectionAllowedToPush>> allowedToPushes;

    public Output<List<BranchProtectionAllowedToPush>> allowedToPushes() {
        return this.allowedToPushes;
    }

    /** Array of unprotect access levels/users/groups allowed for the protected branch. */
    @Export(name = "allowedToUnprotects", refs = {List.class, BranchProtectionAllowedToUnprotect.class}, tree = "[0,1]")
    private Output<List<BranchProtectionAllowedToUnprotect>> allowedToUnprotects;

    public Output<List<BranchProtectionAllowedToUnprotect>> allowedToUnprotects() {
        return this.allowedToUnprotects;
    }

    /** Name of the branch. */
    @Export(name = "branch", refs = {String.class}, tree = "[0]")
    private Output<String> branch;

    public Output<String> branch() {
        return this.branch;
    }

    /** The ID of the branch protection (not the branch name). */
    @Export(name = "branchProtectionId", refs = {Integer.class}, tree = "[0]")
    private Output<Integer> branchProtectionId;

    public Output<Integer> branchProtectionId() {
        return this.branchProtectionId;
    }

    /** Can be set to true to require code owner approval before merging. */
    @Export(name = "codeOwnerApprovalRequired", refs = {Boolean.class}, tree = "[0]")
    private Output<Boolean> codeOwnerApprovalRequired;

    public Output<Boolean> codeOwnerApprovalRequired() {
        return this.codeOwnerApprovalRequired;
    }

    /** Access levels allowed to merge. */
    @Export(name = "mergeAccessLevel", refs = {String.class}, tree = "[0]")
    private Output<String> mergeAccessLevel;

    public Output<String> mergeAccessLevel() {
        return this.mergeAccessLevel;
    }

    /** The id of the project. */
    @Export(name = "project", refs = {String.class}, tree = "[0]")
    private Output<String> project;

    public Output<String> project() {
        return this.project;
    }

    /** Access levels allowed to push. */
    @Export(name = "pushAccessLevel", refs = {String.class}, tree = "[0]")
    private Output<String> pushAccessLevel;

    public Output<String> pushAccessLevel() {
        return this.pushAccessLevel;
    }

    public BranchProtection(String name, BranchProtectionArgs args) {
        this(name, args, null);
    }

    /** @param options merged over the defaults, which pin the plugin version; may be null */
    public BranchProtection(String name, BranchProtectionArgs args, CustomResourceOptions options) {
        super("gitlab:index/branchProtection:BranchProtection", name, args, GitLabPlugin.withDefaults(options));
    }
}
