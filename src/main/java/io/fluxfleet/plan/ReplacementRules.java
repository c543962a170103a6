package io.fluxfleet.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Which input changes make the engine replace a resource rather than update it, for every resource type fluxfleet
 * registers. The engine asks the provider ({@code Diff}); the provider answers from these rules. One table, each row
 * with where the rule comes from. A type with no row updates in place whatever changes (components have no
 * provider and are never replaced).
 *
 * <p>Kubernetes: pulumi-kubernetes v4.32.0, the plugin fluxfleet pins ({@code KubernetesPlugin}), read at that tag.
 * Its Secret rule depends on the provider input {@code enableSecretMutable}, which fluxfleet sets: with it only a
 * Secret's {@code type} replaces it (diff.go {@code forceNewProperties}: "if clients.IsSecret(obj) &&
 * (!k.enableSecretMutable || clients.IsImmutable(obj))" adds ".stringData" and ".data"; else the kind's own row,
 * {@code "Secret": properties{".type"}}). GitLab: terraform-provider-gitlab, which
 * pulumi-gitlab bridges: a Terraform {@code ForceNew}/{@code RequiresReplace} attribute is a replacement in Pulumi.
 * Random: terraform-provider-random, bridged the same way by pulumi-random.
 */
public final class ReplacementRules {

    /**
     * When a changed path forces the replacement.
     * <ul>
     *   <li>{@link #CHANGED}: any change, to or from no value too (Terraform {@code ForceNew}, the framework's
     *       {@code RequiresReplace()}).</li>
     *   <li>{@link #CONFIGURED_AND_CHANGED}: only when the program sets the path and its value differs from the state
     *       (hashicorp/terraform-plugin-framework resource/schema/stringplanmodifier/requires_replace_if_configured.go:
     *       {@code RequiresReplaceIfConfigured} "if req.ConfigValue.IsNull() { return }", inside {@code RequiresReplaceIf},
     *       which also skips creation and equal plan and state values). A path the program stops setting is an
     *       update.</li>
     * </ul>
     */
    public enum When { CHANGED, CONFIGURED_AND_CHANGED }

    /**
     * One rule.
     *
     * @param type   a type token, or a prefix ending in {@code *}
     * @param paths  input paths (wire names, dotted) whose change forces a replacement
     * @param when   which changes of those paths count
     * @param source repository, file and the line's gist
     */
    public record Rule(String type, List<String> paths, When when, String source) {
        public Rule(String type, List<String> paths, String source) {
            this(type, paths, When.CHANGED, source);
        }

        boolean matches(String t) {
            return type.endsWith("*") ? t.startsWith(type.substring(0, type.length() - 1)) : t.equals(type);
        }
    }

    private static final String K8S_PROVIDER = "pulumi/pulumi-kubernetes v4.32.0 provider/pkg/provider/";
    private static final String GITLAB = "gitlabhq/terraform-provider-gitlab internal/provider/";
    private static final String RANDOM = "hashicorp/terraform-provider-random internal/provider/resource_password.go"
            + " passwordSchemaV3: ";

    public static final List<Rule> TABLE = List.of(
            new Rule("kubernetes:helm.sh/v3:Release", List.of("name", "namespace"),
                    K8S_PROVIDER + "helm_release.go Diff: forceNewFields := []string{\".name\", \".namespace\"}; convertPatchToDiff(...)"),
            new Rule("kubernetes:*", List.of("metadata.name", "metadata.namespace"),
                    K8S_PROVIDER + "provider.go Diff: \"Changing the identity of the resource always causes a replacement\""
                            + " (forceNewFields .metadata.name, .metadata.namespace)"),
            new Rule("kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", List.of("roleRef"),
                    K8S_PROVIDER + "diff.go forceNew: rbac.authorization.k8s.io v1 RoleBinding: roleBinding = {\".roleRef\"}"),
            new Rule("kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding", List.of("roleRef"),
                    K8S_PROVIDER + "diff.go forceNew: rbac.authorization.k8s.io v1 ClusterRoleBinding: roleBinding = {\".roleRef\"}"),
            new Rule("kubernetes:core/v1:Secret", List.of("type"),
                    K8S_PROVIDER + "diff.go forceNew: core v1 \"Secret\": properties{\".type\"} (with enableSecretMutable, which"
                            + " fluxfleet sets; without it .stringData and .data replace too)"),
            new Rule("kubernetes:core/v1:ResourceQuota", List.of("spec.scopes"),
                    K8S_PROVIDER + "diff.go forceNew: core v1 \"ResourceQuota\": properties{\".spec.scopes\"}"),
            new Rule("kubernetes:core/v1:Service", List.of("spec.clusterIP"),
                    K8S_PROVIDER + "diff.go forceNew: core v1 \"Service\": properties{\".spec.clusterIP\"}"),
            new Rule("gitlab:index/branch:Branch", List.of("project", "name", "ref"),
                    GITLAB + "resource_gitlab_branch.go: \"name\", \"project\", \"ref\" ForceNew: true"),
            // gitlab_branch_protection in terraform-provider-gitlab v19.x (pulumi-gitlab 10.1.1 runs v19.2.1), the
            // terraform-plugin-framework resource with getV2Schema: only project and branch always replace; the CE
            // fields replace only when set and changed; allowed_to_push/merge/unprotect (setplanmodifier
            // .UseStateForUnknown only), allow_force_push and code_owner_approval_required have no replace modifier:
            // Update PATCHes them (UpdateProtectedBranch, removed allowed_to_* entries sent with _destroy). The schema
            // has no unprotect_access_level any more (nor has pulumi-gitlab 10.1.1's BranchProtection inputs).
            new Rule("gitlab:index/branchProtection:BranchProtection", List.of("project", "branch"),
                    GITLAB + "resource_gitlab_branch_protection.go (v19.x getV2Schema): \"project\", \"branch\""
                            + " PlanModifiers stringplanmodifier.RequiresReplace()"),
            new Rule("gitlab:index/branchProtection:BranchProtection", List.of("mergeAccessLevel", "pushAccessLevel"),
                    When.CONFIGURED_AND_CHANGED,
                    GITLAB + "resource_gitlab_branch_protection.go (v19.x getV2Schema): \"merge_access_level\","
                            + " \"push_access_level\" (Optional, Computed, \"Only available for CE instances\")"
                            + " PlanModifiers stringplanmodifier.RequiresReplaceIfConfigured()"),
            new Rule("gitlab:index/repositoryFile:RepositoryFile", List.of("project", "filePath", "branch"),
                    GITLAB + "resource_gitlab_repository_file.go: \"project\", \"file_path\", \"branch\" ForceNew: true"),
            new Rule("gitlab:index/projectApprovalRule:ProjectApprovalRule", List.of("project"),
                    GITLAB + "resource_gitlab_project_approval_rule.go: \"project\" ForceNew: true"),
            new Rule("gitlab:index/projectDeployToken:ProjectDeployToken",
                    List.of("project", "name", "username", "scopes", "expiresAt"),
                    GITLAB + "resource_gitlab_project_deploy_token.go: project, name, username, scopes, expires_at"
                            + " RequiresReplace(); Update: \"an in-place upgrade which is not possible\""),
            new Rule("gitlab:index/projectHook:ProjectHook", List.of("project", "url"),
                    GITLAB + "resource_gitlab_project_hook.go: url RequiresReplace() (\"Forces re-creation to preserve"
                            + " `token`\"); project_id (from project) int64planmodifier.RequiresReplace()"),
            new Rule("gitlab:index/projectLevelMrApprovals:ProjectLevelMrApprovals", List.of("project"),
                    GITLAB + "resource_gitlab_project_level_mr_approvals.go: \"project\" stringplanmodifier.RequiresReplace()"),
            // gitlab_project_share_group has no Update: every attribute is ForceNew. The GitHub mirror of
            // terraform-provider-gitlab holds the SDKv2 resource up to its move to gitlab.com (commit 68fcb406,
            // v3.18.x: "project_id", "group_id", "group_access" ForceNew: true, no UpdateContext); v19.1.0's docs list
            // the same inputs plus expires_at (docs/resources/project_share_group.md). The v19.2.1 source lives on
            // gitlab.com, which this project cannot read: fluxfleet also sets deleteBeforeReplace on every share
            // (GitLab answers a second share of the same group with 409), so a replacement deletes first.
            new Rule("gitlab:index/projectShareGroup:ProjectShareGroup",
                    List.of("project", "groupId", "groupAccess", "expiresAt"),
                    GITLAB + "resource_gitlab_project_share_group.go: project, group_id, group_access (and, in v19,"
                            + " expires_at) ForceNew: true; no Update (last source on GitHub: 68fcb406; v19.1.0 docs)"),
            new Rule("random:index/randomPassword:RandomPassword",
                    List.of("keepers", "length", "special", "upper", "lower", "number", "numeric", "minLower", "minUpper",
                            "minNumeric", "minSpecial", "overrideSpecial"),
                    RANDOM + "\"keepers\" mapplanmodifiers.RequiresReplaceIfValuesNotNull(); length, special, upper, lower,"
                            + " number, numeric, min_*, override_special RequiresReplace()"));

    /**
     * A type whose provider refuses to create an object while one with the same identity exists: replacing it keeps
     * working only if the old object is really deleted before the new one is created.
     *
     * @param type   a type token
     * @param paths  the input paths that make up the identity GitLab keeps unique
     * @param error  the provider's error, {@code %s} for each of {@code paths} in order
     * @param source repository, file and the line's gist
     */
    public record Unique(String type, List<String> paths, String error, String source) {}

    public static final List<Unique> UNIQUE = List.of(
            // Create: GetProtectedBranch succeeds -> unless it is the project's default branch (which the provider
            // unprotects first, "It is always created by gitlab"; fluxfleet's environment branches never are),
            // AddError("protected branch %q on project %q already exists"). GitLab holds one protection per name.
            new Unique("gitlab:index/branchProtection:BranchProtection", List.of("branch", "project"),
                    "protected branch \"%s\" on project \"%s\" already exists",
                    GITLAB + "resource_gitlab_branch_protection.go (v19.x) Create: \"protected branch %q on project %q"
                            + " already exists\""));

    /** The uniqueness rule of {@code type}, if its provider has one. */
    public static java.util.Optional<Unique> uniqueFor(String type) {
        return UNIQUE.stream().filter(u -> u.type().equals(type)).findFirst();
    }

    private ReplacementRules() {}

    /** The rules that apply to {@code type}, in table order. */
    public static List<Rule> forType(String type) {
        List<Rule> rules = new ArrayList<>();
        for (Rule rule : TABLE) {
            if (rule.matches(type)) {
                if (type.equals("kubernetes:helm.sh/v3:Release") && rule.type().equals("kubernetes:*")) {
                    continue; // a Release's identity is its name and namespace inputs, not metadata
                }
                rules.add(rule);
            }
        }
        return rules;
    }
}
