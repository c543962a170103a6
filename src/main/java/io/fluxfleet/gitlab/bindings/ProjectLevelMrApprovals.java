package io.fluxfleet.gitlab.bindings;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;

/**
 * The project-wide merge request approval settings (GitLab Premium or Ultimate). A settings object: creating it
 * updates the project's settings, nothing is created in GitLab. The deprecated {@code requirePasswordToApprove}
 * is left out on purpose.
 */
@ResourceType(type = "gitlab:index/projectLevelMrApprovals:ProjectLevelMrApprovals")
public class ProjectLevelMrApprovals extends CustomResource {
    /** The ID or URL-encoded path of a project to change MR approval configuration. */
    @Export(name = "project", refs = {String.class}, tree = "[0]")
    private Output<String> project;

    public Output<String> project() {
        return this.project;
    }

    /** Set to `true` to remove all approvals in a merge request when new commits are pushed to its source branch. */
    @Export(name = "resetApprovalsOnPush", refs = {Boolean.class}, tree = "[0]")
    private Output<Boolean> resetApprovalsOnPush;

    public Output<Boolean> resetApprovalsOnPush() {
        return this.resetApprovalsOnPush;
    }

    /** Set to `true` to allow merge requests authors to approve their own merge requests. */
    @Export(name = "mergeRequestsAuthorApproval", refs = {Boolean.class}, tree = "[0]")
    private Output<Boolean> mergeRequestsAuthorApproval;

    public Output<Boolean> mergeRequestsAuthorApproval() {
        return this.mergeRequestsAuthorApproval;
    }

    /** Set to `true` to disable merge request committers from approving their own merge requests. */
    @Export(name = "mergeRequestsDisableCommittersApproval", refs = {Boolean.class}, tree = "[0]")
    private Output<Boolean> mergeRequestsDisableCommittersApproval;

    public Output<Boolean> mergeRequestsDisableCommittersApproval() {
        return this.mergeRequestsDisableCommittersApproval;
    }

    /** Set to `true` to disable overriding approvers per merge request. */
    @Export(name = "disableOverridingApproversPerMergeRequest", refs = {Boolean.class}, tree = "[0]")
    private Output<Boolean> disableOverridingApproversPerMergeRequest;

    public Output<Boolean> disableOverridingApproversPerMergeRequest() {
        return this.disableOverridingApproversPerMergeRequest;
    }

    /** Reset approvals from Code Owners if their files changed. */
    @Export(name = "selectiveCodeOwnerRemovals", refs = {Boolean.class}, tree = "[0]")
    private Output<Boolean> selectiveCodeOwnerRemovals;

    public Output<Boolean> selectiveCodeOwnerRemovals() {
        return this.selectiveCodeOwnerRemovals;
    }

    /** If true, requires approver to reauthenticate before adding the approval. */
    @Export(name = "requireReauthenticationToApprove", refs = {Boolean.class}, tree = "[0]")
    private Output<Boolean> requireReauthenticationToApprove;

    public Output<Boolean> requireReauthenticationToApprove() {
        return this.requireReauthenticationToApprove;
    }

    public ProjectLevelMrApprovals(String name, ProjectLevelMrApprovalsArgs args) {
        this(name, args, null);
    }

    /** @param options merged over the defaults, which pin the plugin version; may be null */
    public ProjectLevelMrApprovals(String name, ProjectLevelMrApprovalsArgs args, CustomResourceOptions options) {
        super("gitlab:index/projectLevelMrApprovals:ProjectLevelMrApprovals", name, args, GitLabPlugin.withDefaults(options));
    }
}
