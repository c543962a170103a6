package io.fluxfleet.gitlab;

import io.fluxfleet.config.Environment;
import io.fluxfleet.config.Shown;
import io.fluxfleet.gitlab.GitLabLookup.Covering;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * fluxfleet's own GitLab project: the repository whose pipeline runs {@code pulumi up} with each stack's credentials
 * ({@code KUBECONFIG_PROD}, {@code PULUMI_BACKEND_URL_PROD}, ...). Its settings decide who can steer a deploy job, so
 * {@code up} reads them (read-only) in the preflight and refuses in a strict environment (prod), warns elsewhere, when
 * <ul>
 *   <li><b>pipeline variables are open</b>: anyone allowed to set them on <i>Run pipeline</i>, a trigger or
 *       {@code git push -o ci.variable=...} could override a deploy job's {@code KUBECONFIG_PROD} or
 *       {@code JAVA_TOOL_OPTIONS}. GitLab reads {@code ci_pipeline_variables_minimum_override_role} ({@code developer},
 *       {@code maintainer}, {@code owner} or {@code no_one_allowed}: gitlabhq doc/api/projects.md and
 *       terraform-provider-gitlab's {@code gitlab_project} "Valid values are developer, maintainer, owner,
 *       no_one_allowed", GitLab 17.1+) only while {@code restrict_user_defined_variables} is true (gitlabhq
 *       app/models/ci/project_ci_cd_setting.rb, {@code override_pipeline_variables_allowed?}: "return true unless
 *       restrict_user_defined_variables?", then "return false if ... NO_ONE_ALLOWED_ROLE"), so both must hold. An
 *       instance before 17.1 has no role (empty): {@code restrict_user_defined_variables} true (Maintainers only) is
 *       the most it offers and is accepted;</li>
 *   <li><b>the default branch is open</b>: not protected, or some protection covering it lets anyone push or force
 *       push (the most permissive one wins, {@link ProtectedBranchNames}), or (Premium and Ultimate) its protection
 *       does not require code-owner approval, so the root {@code CODEOWNERS} would not hold;</li>
 *   <li><b>merges without a passing pipeline</b> ({@code only_allow_merge_if_pipeline_succeeds} false).</li>
 * </ul>
 * GitLab shows the two CI/CD settings only to a user who may administer the project (gitlabhq
 * lib/api/entities/project.rb: the "CI/CD Settings" block is {@code with_options if: ... :admin_project}), and the
 * provider reads a missing value as empty and false: the token's user must be a Maintainer there, or the check refuses
 * as if the variables were open. An offline {@code render} has no GitLab and checks nothing ({@link
 * GitLabLookup#selfProject} empty).
 *
 * @param path   the project's path with namespace
 * @param source where the path came from: {@code gitlab.selfProject}, or {@code CI_PROJECT_PATH} in a GitLab pipeline
 */
public record SelfProject(String path, String source) {
    public static final String CONFIG_KEY = "gitlab.selfProject";
    public static final String PIPELINE_VARIABLE = "CI_PROJECT_PATH";
    /** The one value of {@code ci_pipeline_variables_minimum_override_role} that lets no one set pipeline variables. */
    public static final String NO_ONE_ALLOWED = "no_one_allowed";

    /**
     * What {@code up} reads of the project.
     *
     * @param found                  the token could read the project (else everything else is unknown)
     * @param pipelineVariablesRole  {@code ci_pipeline_variables_minimum_override_role}; empty before GitLab 17.1 or
     *                               when the token may not see it
     * @param protections            every protection covering the default branch ({@link GitLabLookup#coveringProtections})
     * @param codeOwnerApproval      the default branch's own (exact-name) protection requires code-owner approval; a
     *                               wildcard's is not read, so such a project is asked to protect the branch itself
     */
    public record Facts(boolean found, String defaultBranch, String pipelineVariablesRole,
                        boolean restrictUserDefinedVariables, boolean pipelineMustSucceed, List<Covering> protections,
                        boolean codeOwnerApproval) {
        public Facts {
            pipelineVariablesRole = pipelineVariablesRole == null ? "" : pipelineVariablesRole;
            protections = List.copyOf(protections);
        }

        public static Facts notFound() {
            return new Facts(false, null, "", false, false, List.of(), false);
        }
    }

    /** The configured project, else the pipeline's own ({@link #pipelineProject}); empty: a local run, not checked. */
    public static Optional<SelfProject> resolve(Optional<String> configured, Optional<String> pipelineProject) {
        return configured.map(p -> new SelfProject(p, CONFIG_KEY))
                .or(() -> pipelineProject.map(p -> new SelfProject(p, PIPELINE_VARIABLE)));
    }

    /** {@code CI_PROJECT_PATH} when the run is a GitLab CI job ({@code GITLAB_CI=true}), read from {@code environment}. */
    public static Optional<String> pipelineProject(Map<String, String> environment) {
        String path = environment.get(PIPELINE_VARIABLE);
        return "true".equals(environment.get("GITLAB_CI")) && path != null && !path.isBlank()
                ? Optional.of(path) : Optional.empty();
    }

    /**
     * Reads the project and adds what is wrong to {@code problems} (strict environments) or logs it as warnings; no
     * check when there is no self project or GitLab cannot be asked.
     */
    static void check(GovernanceScope scope, GitLabLookup lookup, List<String> problems) {
        Optional<SelfProject> self = scope.args().selfProject();
        if (self.isEmpty()) {
            return;
        }
        Optional<Facts> facts = lookup.selfProject(self.get().path());
        if (facts.isEmpty()) {
            return;
        }
        Environment env = scope.environment();
        List<String> found = self.get().problems(facts.get(), scope.settings().tier().hasApprovals());
        if (env.refusesUngovernedSelfProject()) {
            problems.addAll(found);
        } else {
            found.forEach(p -> scope.log().warn(p + " (a strict environment's stack, such as prod, refuses this)"));
        }
    }

    /** Every setting of the project that lets someone steer a deploy job, each with its fix. */
    List<String> problems(Facts facts, boolean licensed) {
        String where = "fluxfleet's own project " + Shown.quoted(path) + " (" + source + ")";
        String api = "`PUT /projects/" + path.replace("/", "%2F") + "`";
        if (!facts.found()) {
            return List.of(where + " cannot be read with the stack's GitLab token, so who may steer its deploy jobs is"
                    + " unknown. Fix: make the token's user a Maintainer of it (GitLab shows its CI/CD settings only"
                    + " to one), or set " + CONFIG_KEY + " to the project that holds fluxfleet (`pulumi config set"
                    + " --path " + CONFIG_KEY + " <group>/<project>`), then run `pulumi up` again.");
        }
        List<String> problems = new ArrayList<>();
        String role = facts.pipelineVariablesRole();
        String open = null;
        if (role.isEmpty() && !facts.restrictUserDefinedVariables()) {
            open = "pipeline variables are not restricted (restrict_user_defined_variables is false and"
                    + " ci_pipeline_variables_minimum_override_role empty: an instance before GitLab 17.1, or a token"
                    + " whose user is not a Maintainer there and so is not shown them)";
        } else if (!role.isEmpty() && !role.equals(NO_ONE_ALLOWED)) {
            open = "'Minimum role to use pipeline variables' is " + Shown.quoted(role)
                    + " (ci_pipeline_variables_minimum_override_role), so anyone with that role can set them";
        } else if (role.equals(NO_ONE_ALLOWED) && !facts.restrictUserDefinedVariables()) {
            open = "ci_pipeline_variables_minimum_override_role is no_one_allowed, but restrict_user_defined_variables"
                    + " is false, and GitLab reads the role only while that is true: anyone who can run a pipeline"
                    + " can set them";
        }
        if (open != null) {
            problems.add(where + ": " + open + "; a pipeline variable (Run pipeline, a trigger, `git push -o"
                    + " ci.variable=...`) overrides a deploy job's KUBECONFIG_*, PULUMI_BACKEND_URL_* or"
                    + " JAVA_TOOL_OPTIONS. Fix: Settings > CI/CD > Variables > 'Minimum role to use pipeline"
                    + " variables: No one allowed', or " + api + " with `restrict_user_defined_variables=true` and"
                    + " `ci_pipeline_variables_minimum_override_role=no_one_allowed` (GitLab 17.1+; before it only"
                    + " `restrict_user_defined_variables=true`), then run `pulumi up` again.");
        }
        String branch = facts.defaultBranch() == null ? "the default branch" : facts.defaultBranch();
        List<String> weak = new ArrayList<>();
        if (facts.protections().isEmpty()) {
            weak.add("it is not protected");
        }
        for (Covering c : facts.protections()) {
            if (c.otherPushers() || c.pushAccessLevels().stream().anyMatch(l -> !l.equals(BranchProtections.PUSH_ACCESS))) {
                weak.add("the protection " + Shown.quoted(c.name()) + " lets "
                        + (c.pushAccessLevels().isEmpty() ? "users, groups or deploy keys"
                        : String.join(", ", c.pushAccessLevels())) + " push");
            }
            if (c.allowForcePush()) {
                weak.add("the protection " + Shown.quoted(c.name()) + " allows force push");
            }
        }
        if (licensed && !facts.codeOwnerApproval()) {
            weak.add("its protection does not require code-owner approval, so the root CODEOWNERS holds nothing");
        }
        if (!weak.isEmpty()) {
            problems.add(where + ": the default branch " + Shown.quoted(branch) + " is open to a change no one reviewed ("
                    + String.join("; ", weak) + "), and the deploy jobs run what it holds. Fix: Settings > Repository"
                    + " > Protected branches: protect " + Shown.quoted(branch) + " with 'Allowed to push and merge: No"
                    + " one', 'Allowed to merge: Maintainers', force push off" + (licensed ? ", 'Code owner approval'"
                    + " on" : "") + " (API: `POST /projects/" + path.replace("/", "%2F") + "/protected_branches` with"
                    + " `push_access_level=0`, `merge_access_level=40`, `allow_force_push=false`"
                    + (licensed ? ", `code_owner_approval_required=true`" : "") + "; an existing protection is"
                    + " removed first), and remove any wildcard that lets more push, then run `pulumi up` again.");
        }
        if (!facts.pipelineMustSucceed()) {
            problems.add(where + ": merge requests can merge without a passing pipeline"
                    + " (only_allow_merge_if_pipeline_succeeds is false). Fix: Settings > Merge requests > Merge checks"
                    + " > 'Pipelines must succeed', or " + api + " with `only_allow_merge_if_pipeline_succeeds=true`,"
                    + " then run `pulumi up` again.");
        }
        return problems;
    }
}
