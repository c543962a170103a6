package io.fluxfleet.gitlab.bindings;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import java.util.List;

/**
 * A project-level merge request approval rule (GitLab Premium or Ultimate), optionally scoped to protected branches
 * by their protection IDs (not names).
 */
@ResourceType(type = "gitlab:index/projectApprovalRule:ProjectApprovalRule")
public class ProjectApprovalRule extends CustomResource {
    /** Whether the rule is applied to all protected branches. */
    @Export(name = "appliesToAllProtectedBranches", refs = {Boolean.class}, tree = "[0]")
    private Output<Boolean> appliesToAllProtectedBranches;

    public Output<Boolean> appliesToAllProtectedBranches() {
        return this.appliesToAllProtectedBranches;
    }

    /** The number of approvals required for this rule. */
    @Export(name = "approvalsRequired", refs = {Integer.class}, tree = "[0]")
    private Output<Integer> approvalsRequired;

    public Output<Integer> approvalsRequired() {
        return this.approvalsRequired;
    }

    /** When this flag is set, the default `anyApprover` rule will not be imported if present. */
    @Export(name = "disableImportingDefaultAnyApproverRuleOnCreate", refs = {Boolean.class}, tree = "[0]")
    private Output<Boolean> disableImportingDefaultAnyApproverRuleOnCreate;

    public Output<Boolean> disableImportingDefaultAnyApproverRuleOnCreate() {
        return this.disableImportingDefaultAnyApproverRuleOnCreate;
    }

    /** A list of group IDs whose members can approve of the merge request. */
    @Export(name = "groupIds", refs = {List.class, Integer.class}, tree = "[0,1]")
    private Output<List<Integer>> groupIds;

    public Output<List<Integer>> groupIds() {
        return this.groupIds;
    }

    /** The name of the approval rule. */
    @Export(name = "name", refs = {String.class}, tree = "[0]")
    private Output<String> name;

    public Output<String> name() {
        return this.name;
    }

    /** The name or id of the project to add the approval rules. */
    @Export(name = "project", refs = {String.class}, tree = "[0]")
    private Output<String> project;

    public Output<String> project() {
        return this.project;
    }

    /** A list of protected branch IDs (not branch names) for which the rule applies. */
    @Export(name = "protectedBranchIds", refs = {List.class, Integer.class}, tree = "[0,1]")
    private Output<List<Integer>> protectedBranchIds;

    public Output<List<Integer>> protectedBranchIds() {
        return this.protectedBranchIds;
    }

    /** Report type is required when the ruleType is `reportApprover`. */
    @Export(name = "reportType", refs = {String.class}, tree = "[0]")
    private Output<String> reportType;

    public Output<String> reportType() {
        return this.reportType;
    }

    /** String, defaults to 'regular'. */
    @Export(name = "ruleType", refs = {String.class}, tree = "[0]")
    private Output<String> ruleType;

    public Output<String> ruleType() {
        return this.ruleType;
    }

    /** A list of specific User IDs to add to the list of approvers. */
    @Export(name = "userIds", refs = {List.class, Integer.class}, tree = "[0,1]")
    private Output<List<Integer>> userIds;

    public Output<List<Integer>> userIds() {
        return this.userIds;
    }

    public ProjectApprovalRule(String name, ProjectApprovalRuleArgs args) {
        this(name, args, null);
    }

    /** @param options merged over the defaults, which pin the plugin version; may be null */
    public ProjectApprovalRule(String name, ProjectApprovalRuleArgs args, CustomResourceOptions options) {
        super("gitlab:index/projectApprovalRule:ProjectApprovalRule", name, args, GitLabPlugin.withDefaults(options));
    }
}
