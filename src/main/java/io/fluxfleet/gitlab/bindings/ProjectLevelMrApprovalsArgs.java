package io.fluxfleet.gitlab.bindings;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;
import java.util.Optional;

/** The inputs of {@link ProjectLevelMrApprovals}, by their wire names in the provider schema. */
public final class ProjectLevelMrApprovalsArgs extends ResourceArgs {
    public static final ProjectLevelMrApprovalsArgs Empty = new ProjectLevelMrApprovalsArgs();

    /** The ID or URL-encoded path of a project to change MR approval configuration. */
    @Import(name = "project", required = true)
    private Output<String> project;

    public Output<String> project() {
        return this.project;
    }

    /** Set to `true` to remove all approvals in a merge request when new commits are pushed to its source branch. */
    @Import(name = "resetApprovalsOnPush")
    private Output<Boolean> resetApprovalsOnPush;

    public Optional<Output<Boolean>> resetApprovalsOnPush() {
        return Optional.ofNullable(this.resetApprovalsOnPush);
    }

    /** Set to `true` to allow merge requests authors to approve their own merge requests. */
    @Import(name = "mergeRequestsAuthorApproval")
    private Output<Boolean> mergeRequestsAuthorApproval;

    public Optional<Output<Boolean>> mergeRequestsAuthorApproval() {
        return Optional.ofNullable(this.mergeRequestsAuthorApproval);
    }

    /** Set to `true` to disable merge request committers from approving their own merge requests. */
    @Import(name = "mergeRequestsDisableCommittersApproval")
    private Output<Boolean> mergeRequestsDisableCommittersApproval;

    public Optional<Output<Boolean>> mergeRequestsDisableCommittersApproval() {
        return Optional.ofNullable(this.mergeRequestsDisableCommittersApproval);
    }

    /** Set to `true` to disable overriding approvers per merge request. */
    @Import(name = "disableOverridingApproversPerMergeRequest")
    private Output<Boolean> disableOverridingApproversPerMergeRequest;

    public Optional<Output<Boolean>> disableOverridingApproversPerMergeRequest() {
        return Optional.ofNullable(this.disableOverridingApproversPerMergeRequest);
    }

    /** Reset approvals from Code Owners if their files changed. */
    @Import(name = "selectiveCodeOwnerRemovals")
    private Output<Boolean> selectiveCodeOwnerRemovals;

    public Optional<Output<Boolean>> selectiveCodeOwnerRemovals() {
        return Optional.ofNullable(this.selectiveCodeOwnerRemovals);
    }

    /** If true, requires approver to reauthenticate before adding the approval. */
    @Import(name = "requireReauthenticationToApprove")
    private Output<Boolean> requireReauthenticationToApprove;

    public Optional<Output<Boolean>> requireReauthenticationToApprove() {
        return Optional.ofNullable(this.requireReauthenticationToApprove);
    }

    private ProjectLevelMrApprovalsArgs() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final ProjectLevelMrApprovalsArgs $ = new ProjectLevelMrApprovalsArgs();

        public Builder project(Output<String> project) {
            $.project = project;
            return this;
        }

        public Builder project(String project) {
            return project(Output.of(project));
        }

        public Builder resetApprovalsOnPush(Output<Boolean> resetApprovalsOnPush) {
            $.resetApprovalsOnPush = resetApprovalsOnPush;
            return this;
        }

        public Builder resetApprovalsOnPush(Boolean resetApprovalsOnPush) {
            return resetApprovalsOnPush(Output.of(resetApprovalsOnPush));
        }

        public Builder mergeRequestsAuthorApproval(Output<Boolean> mergeRequestsAuthorApproval) {
            $.mergeRequestsAuthorApproval = mergeRequestsAuthorApproval;
            return this;
        }

        public Builder mergeRequestsAuthorApproval(Boolean mergeRequestsAuthorApproval) {
            return mergeRequestsAuthorApproval(Output.of(mergeRequestsAuthorApproval));
        }

        public Builder mergeRequestsDisableCommittersApproval(Output<Boolean> mergeRequestsDisableCommittersApproval) {
            $.mergeRequestsDisableCommittersApproval = mergeRequestsDisableCommittersApproval;
            return this;
        }

        public Builder mergeRequestsDisableCommittersApproval(Boolean mergeRequestsDisableCommittersApproval) {
            return mergeRequestsDisableCommittersApproval(Output.of(mergeRequestsDisableCommittersApproval));
        }

        public Builder disableOverridingApproversPerMergeRequest(Output<Boolean> disableOverridingApproversPerMergeRequest) {
            $.disableOverridingApproversPerMergeRequest = disableOverridingApproversPerMergeRequest;
            return this;
        }

        public Builder disableOverridingApproversPerMergeRequest(Boolean disableOverridingApproversPerMergeRequest) {
            return disableOverridingApproversPerMergeRequest(Output.of(disableOverridingApproversPerMergeRequest));
        }

        public Builder selectiveCodeOwnerRemovals(Output<Boolean> selectiveCodeOwnerRemovals) {
            $.selectiveCodeOwnerRemovals = selectiveCodeOwnerRemovals;
            return this;
        }

        public Builder selectiveCodeOwnerRemovals(Boolean selectiveCodeOwnerRemovals) {
            return selectiveCodeOwnerRemovals(Output.of(selectiveCodeOwnerRemovals));
        }

        public Builder requireReauthenticationToApprove(Output<Boolean> requireReauthenticationToApprove) {
            $.requireReauthenticationToApprove = requireReauthenticationToApprove;
            return this;
        }

        public Builder requireReauthenticationToApprove(Boolean requireReauthenticationToApprove) {
            return requireReauthenticationToApprove(Output.of(requireReauthenticationToApprove));
        }

        /** @throws MissingRequiredPropertyException when a required input is missing */
        public ProjectLevelMrApprovalsArgs build() {
            if ($.project == null) {
                throw new MissingRequiredPropertyException("ProjectLevelMrApprovalsArgs", "project");
            }
            return $;
        }
    }
}
