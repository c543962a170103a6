package io.fluxfleet.gitlab;

import com.pulumi.core.annotations.ResourceType;
import io.fluxfleet.config.Environment;
import io.fluxfleet.config.FluxFleetConfig.Tenant;
import io.fluxfleet.config.GitLabGovernanceSettings;
import io.fluxfleet.config.GitLabGovernanceSettings.Mode;
import io.fluxfleet.gitlab.GitLabLookup.MergeSettings;
import io.fluxfleet.gitlab.GitLabLookup.ProjectFacts;
import io.fluxfleet.gitlab.bindings.Project;
import io.fluxfleet.gitlab.bindings.ProjectArgs;
import io.fluxfleet.gitlab.bindings.ProjectLevelMrApprovals;
import io.fluxfleet.gitlab.bindings.ProjectLevelMrApprovalsArgs;
import io.fluxfleet.naming.GitLabNames;

import java.util.ArrayList;
import java.util.List;

/**
 * The project-wide merge checks that make the seeded pipeline a gate: merge method {@code ff}, "pipeline must
 * succeed", "all discussions resolved", skipped pipelines not counted, squashing never ({@code Project}); and the
 * approval settings ({@code ProjectLevelMrApprovals}, licensed tiers). Written by the owner stack only; the others
 * report differences (see the class comment of {@link GitLabGovernance}).
 */
final class MergeChecks {
    /**
     * Squashing is never allowed on merge: with the merge method {@code ff} a squashed merge request adds a new commit
     * (the squash) to the target instead of fast-forwarding it to the source (gitlabhq
     * doc/user/project/merge_requests/squash_and_merge.md: "up to two commits are added: the single commit created by
     * squashing ... A merge commit, unless you have enabled fast-forward merges"), so after one squashed promotion the
     * target has a commit its source lacks and every later promotion needs a rebase of the protected source branch.
     * {@code never} makes GitLab ignore the merge request's own squash flag (app/models/merge_request.rb,
     * {@code squash_on_merge?}: "return false if target_project.squash_never?"). {@code PromotionTest} replays it.
     */
    static final String SQUASH_OPTION = "never";
    /** Modelled inputs of an adopted project fluxfleet leaves as they are. */
    static final List<String> PROJECT_UNSET_INPUTS = List.of("name", "path", "namespaceId", "defaultBranch",
            "archiveOnDestroy");
    private static final String PROJECT_TYPE = Project.class.getAnnotation(ResourceType.class).type();

    private final GovernanceScope scope;

    MergeChecks(GovernanceScope scope) {
        this.scope = scope;
    }

    /** Merge method and merge checks ({@code Project}) and approval settings ({@code ProjectLevelMrApprovals}). */
    void projectSettings(Tenant tenant, ProjectFacts facts) {
        GitLabGovernanceSettings s = scope.settings();
        Environment env = scope.environment();
        Mode mode = s.projectSettings().mode();
        if (mode == Mode.OFF) {
            return;
        }
        MergeSettings wanted = new MergeSettings(s.mergeMethod(), true, true, false, SQUASH_OPTION);
        List<String> differences = facts.mergeSettings().map(current -> differences(current, wanted)).orElse(List.of());
        if (!s.projectSettings().writtenBy(env)) {
            if (!differences.isEmpty()) {
                String who = mode == Mode.REPORT ? "nobody (gitlab.projectSettings.mode is report)"
                        : "the " + s.projectSettings().owner() + " stack";
                scope.log().warn(tenant.project() + ": merge settings differ from policy (" + String.join(", ", differences)
                        + "); they are written by " + who + ".");
            }
            return;
        }
        String name = GitLabNames.projectResource(tenant, "project-settings");
        if (!differences.isEmpty()) {
            scope.log().warn(tenant.project() + ": fluxfleet holds the project's merge settings; they differ now ("
                    + String.join(", ", differences) + "); this up imports the project (" + PROJECT_TYPE + " " + name
                    + " " + facts.id() + ") if it does not hold it yet and sets them to the policy.");
        }
        List<String> ignored = new ArrayList<>(Project.UNMANAGED_INPUTS);
        ignored.addAll(PROJECT_UNSET_INPUTS);
        new Project(name, ProjectArgs.builder()
                .mergeMethod(wanted.mergeMethod())
                .onlyAllowMergeIfPipelineSucceeds(wanted.pipelineMustSucceed())
                .onlyAllowMergeIfAllDiscussionsAreResolved(wanted.discussionsMustBeResolved())
                .allowMergeOnSkippedPipeline(wanted.mergeOnSkippedPipeline())
                .squashOption(wanted.squashOption())
                .build(),
                scope.options(tenant, facts.id())
                        .ignoreChanges(ignored)
                        .retainOnDelete(true)
                        .build());
        if (s.tier().hasApprovals()) {
            new ProjectLevelMrApprovals(GitLabNames.projectResource(tenant, "mr-approvals"), ProjectLevelMrApprovalsArgs.builder()
                    .project(facts.id())
                    .resetApprovalsOnPush(true)
                    .selectiveCodeOwnerRemovals(false)
                    .mergeRequestsAuthorApproval(false)
                    .mergeRequestsDisableCommittersApproval(true)
                    .disableOverridingApproversPerMergeRequest(true)
                    .build(),
                    scope.options(tenant, null).retainOnDelete(true).build());
        }
    }

    private static List<String> differences(MergeSettings current, MergeSettings wanted) {
        List<String> d = new ArrayList<>();
        if (!wanted.mergeMethod().equals(current.mergeMethod())) {
            d.add("merge method " + current.mergeMethod() + ", wanted " + wanted.mergeMethod());
        }
        if (current.pipelineMustSucceed() != wanted.pipelineMustSucceed()) {
            d.add("pipelines must succeed: " + current.pipelineMustSucceed());
        }
        if (current.discussionsMustBeResolved() != wanted.discussionsMustBeResolved()) {
            d.add("all discussions must be resolved: " + current.discussionsMustBeResolved());
        }
        if (current.mergeOnSkippedPipeline() != wanted.mergeOnSkippedPipeline()) {
            d.add("skipped pipelines count as successful: " + current.mergeOnSkippedPipeline());
        }
        if (!wanted.squashOption().equals(current.squashOption())) {
            d.add("squash option " + current.squashOption() + ", wanted " + wanted.squashOption());
        }
        return d;
    }
}
