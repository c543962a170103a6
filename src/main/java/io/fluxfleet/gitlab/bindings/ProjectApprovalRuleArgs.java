package io.fluxfleet.gitlab.bindings;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;
import java.util.List;
import java.util.Optional;

/** The inputs of {@link ProjectApprovalRule}, by their wire names in the provider schema. */
public final class ProjectApprovalRuleArgs extends ResourceArgs {
    public static final ProjectApprovalRuleArgs Empty = new ProjectApprovalRuleArgs();

    /** Whether the rule is applied to all protected branches. */
    @Import(name = "appliesToAllProtectedBranches")
    private Output<Boolean> appliesToAllProtectedBranches;

    public Optional<Output<Boolean>> appliesToAllProtectedBranches() {
        return Optional.ofNullable(this.appliesToAllProtectedBranches);
    }

    /** The number of approvals required for this rule. */
    @Import(name = "approvalsRequired", required = true)
    private Output<Integer> approvalsRequired;

    public Output<Integer> approvalsRequired() {
        return this.approvalsRequired;
    }

    /** When this flag is set, the default `anyApprover` rule will not be imported if present. */
    @Import(name = "disableImportingDefaultAnyApproverRuleOnCreate")
    private Output<Boolean> disableImportingDefaultAnyApproverRuleOnCreate;

    public Optional<Output<Boolean>> disableImportingDefaultAnyApproverRuleOnCreate() {
        return Optional.ofNullable(this.disableImportingDefaultAnyApproverRuleOnCreate);
    }

    /** A list of group IDs whose members can approve of the merge request. */
    @Import(name = "groupIds")
    private Output<List<Integer>> groupIds;

    public Optional<Output<List<Integer>>> groupIds() {
        return Optional.ofNullable(this.groupIds);
    }

    /** The name of the approval rule. */
    @Import(name = "name")
    private Output<String> name;

    public Optional<Output<String>> name() {
        return Optional.ofNullable(this.name);
    }

    /** The name or id of the project to add the approval rules. */
    @Import(name = "project", required = true)
    private Output<String> project;

    public Output<String> project() {
        return this.project;
    }

    /** A list of protected branch IDs (not branch names) for which the rule applies. */
    @Import(name = "protectedBranchIds")
    private Output<List<Integer>> protectedBranchIds;

    public Optional<Output<List<Integer>>> protectedBranchIds() {
        return Optional.ofNullable(this.protectedBranchIds);
    }

    /** Report type is required when the ruleType is `reportApprover`. */
    @Import(name = "reportType")
    private Output<String> reportType;

    public Optional<Output<String>> reportType() {
        return Optional.ofNullable(this.reportType);
    }

    /** String, defaults to 'regular'. */
    @Import(name = "ruleType")
    private Output<String> ruleType;

    public Optional<Output<String>> ruleType() {
        return Optional.ofNullable(this.ruleType);
    }

    /** A list of specific User IDs to add to the list of approvers. */
    @Import(name = "userIds")
    private Output<List<Integer>> userIds;

    public Optional<Output<List<Integer>>> userIds() {
        return Optional.ofNullable(this.userIds);
    }

    private ProjectApprovalRuleArgs() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final ProjectApprovalRuleArgs $ = new ProjectApprovalRuleArgs();

        public Builder appliesToAllProtectedBranches(Output<Boolean> appliesToAllProtectedBranches) {
            $.appliesToAllProtectedBranches = appliesToAllProtectedBranches;
            return this;
        }

        public Builder appliesToAllProtectedBranches(Boolean appliesToAllProtectedBranches) {
            return appliesToAllProtectedBranches(Output.of(appliesToAllProtectedBranches));
        }

        public Builder approvalsRequired(Output<Integer> approvalsRequired) {
            $.approvalsRequired = approvalsRequired;
            return this;
        }

        public Builder approvalsRequired(Integer approvalsRequired) {
            return approvalsRequired(Output.of(approvalsRequired));
        }

        public Builder disableImportingDefaultAnyApproverRuleOnCreate(Output<Boolean> disableImportingDefaultAnyApproverRuleOnCreate) {
            $.disableImportingDefaultAnyApproverRuleOnCreate = disableImportingDefaultAnyApproverRuleOnCreate;
            return this;
        }

        public Builder disableImportingDefaultAnyApproverRuleOnCreate(Boolean disableImportingDefaultAnyApproverRuleOnCreate) {
            return disableImportingDefaultAnyApproverRuleOnCreate(Output.of(disableImportingDefaultAnyApproverRuleOnCreate));
        }

        public Builder groupIds(Output<List<Integer>> groupIds) {
            $.groupIds = groupIds;
            return this;
        }

        public Builder groupIds(List<Integer> groupIds) {
            return groupIds(Output.of(groupIds));
        }

        public Builder groupIds(Integer... groupIds) {
            return groupIds(List.of(groupIds));
        }

        public Builder name(Output<String> name) {
            $.name = name;
            return this;
        }

        public Builder name(String name) {
            return name(Output.of(name));
        }

        public Builder project(Output<String> project) {
            $.project = project;
            return this;
        }

        public Builder project(String project) {
            return project(Output.of(project));
        }

        public Builder protectedBranchIds(Output<List<Integer>> protectedBranchIds) {
            $.protectedBranchIds = protectedBranchIds;
            return this;
        }

        public Builder protectedBranchIds(List<Integer> protectedBranchIds) {
            return protectedBranchIds(Output.of(protectedBranchIds));
        }

        public Builder protectedBranchIds(Integer... protectedBranchIds) {
            return protectedBranchIds(List.of(protectedBranchIds));
        }

        public Builder reportType(Output<String> reportType) {
            $.reportType = reportType;
            return this;
        }

        public Builder reportType(String reportType) {
            return reportType(Output.of(reportType));
        }

        public Builder ruleType(Output<String> ruleType) {
            $.ruleType = ruleType;
            return this;
        }

        public Builder ruleType(String ruleType) {
            return ruleType(Output.of(ruleType));
        }

        public Builder userIds(Output<List<Integer>> userIds) {
            $.userIds = userIds;
            return this;
        }

        public Builder userIds(List<Integer> userIds) {
            return userIds(Output.of(userIds));
        }

        public Builder userIds(Integer... userIds) {
            return userIds(List.of(userIds));
        }

        /** @throws MissingRequiredPropertyException when a required input is missing */
        public ProjectApprovalRuleArgs build() {
            if ($.approvalsRequired == null) {
                throw new MissingRequiredPropertyException("ProjectApprovalRuleArgs", "approvalsRequired");
            }
            if ($.project == null) {
                throw new MissingRequiredPropertyException("ProjectApprovalRuleArgs", "project");
            }
            return $;
        }
    }
}
