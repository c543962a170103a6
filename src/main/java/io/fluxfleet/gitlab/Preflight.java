package io.fluxfleet.gitlab;

import io.fluxfleet.config.Environment;
import io.fluxfleet.config.FluxFleetConfig.Tenant;
import io.fluxfleet.config.GitLabGovernanceSettings;
import io.fluxfleet.config.GitLabGovernanceSettings.Edition;
import io.fluxfleet.config.GitLabGovernanceSettings.Team;
import io.fluxfleet.config.Shown;
import io.fluxfleet.gitlab.GitLabLookup.Covering;
import io.fluxfleet.gitlab.GitLabLookup.ProjectFacts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What fluxfleet checks once every project has been read and before any GitLab resource is registered: the cases that
 * would otherwise fail halfway through an apply on a real instance, or succeed while GitLab silently enforces less.
 * Every problem of every tenant is collected and reported together with its fix; nothing is changed.
 * <ul>
 *   <li><b>Adopting a CE protection with other access levels.</b> The provider can set {@code push_access_level} and
 *       {@code merge_access_level} only by replacing the protection (terraform-provider-gitlab v19.x
 *       resource_gitlab_branch_protection.go: RequiresReplaceIfConfigured; CE has no in-place access-level update),
 *       and the engine refuses to replace a resource the program adopts by import ID (pulumi/pulumi
 *       pkg/resource/deploy/step_generator.go: "previously-imported resources that still specify an ID may not be
 *       replaced"). Dropping the import would instead make the provider's create fail ("protected branch ... already
 *       exists"). So the levels must be set in GitLab first.</li>
 *   <li><b>A wildcard or group-level protection more permissive than the policy.</b> GitLab applies every protection
 *       that covers a branch and the most permissive decides ({@link ProtectedBranchNames}), so fluxfleet's own
 *       protection would be overridden. One at least as strict is fine: the branch then counts as protected (no seed is
 *       committed to it, where a commit would be refused with 403) and fluxfleet's protection of the exact name is
 *       added beside it.</li>
 *   <li><b>A top-level CODEOWNERS handle that is a group</b> but is read as a user (it is not listed in
 *       {@code gitlab.projectSettings.sharedGroups}): it would never be shared, and GitLab makes the approval of a
 *       group that is not invited to the project optional.</li>
 *   <li><b>Approvers and roles as GitLab reports them</b> ({@link Memberships}): the approval rule's users, groups
 *       and count ({@link ApproverEligibility}); no one outside the platform group above Developer.</li>
 *   <li><b>Approval reachability</b>: any eligible approver may open the merge request and then cannot approve it
 *       (gitlab-org/gitlab ee/app/models/approval_state.rb {@code filter_author}), so a rule needs one eligible approver
 *       more than its count, or GitLab marks it invalid and approves it automatically
 *       (ee/app/models/approval_wrapped_rule.rb {@code invalid_rule?}); refused for named users when the config is read
 *       ({@code GitLabGovernanceSettings}, key {@code gitlab.approvals}) and for groups at {@code up}
 *       ({@link ApproverEligibility}). Committers are removed as well, per merge request, which no count foresees.</li>
 *   <li><b>fluxfleet's own project</b> ({@link SelfProject}): pipeline variables restricted to no one, the default
 *       branch protected, merges only with a passing pipeline.</li>
 * </ul>
 */
final class Preflight {
    /** One tenant's project as read, with the protections that cover its environment branch besides its own. */
    record Read(Tenant tenant, ProjectFacts facts, List<Covering> covering) {
        Read {
            covering = List.copyOf(covering);
        }

        /** The facts the resources are built from: a branch a covering protection holds counts as protected. */
        ProjectFacts effective() {
            if (covering.isEmpty() || facts.branchProtected()) {
                return facts;
            }
            return new ProjectFacts(facts.id(), facts.pathWithNamespace(), facts.defaultBranch(),
                    facts.emptyRepository(), facts.sourceExists(), facts.branchExists(), true, facts.files(),
                    facts.otherCodeowners(), facts.mergeSettings(), facts.protection(), facts.shares());
        }
    }

    private Preflight() {}

    /** The protections covering {@code facts}' environment branch other than its own exact one. */
    static List<Covering> covering(GitLabLookup lookup, ProjectFacts facts, String branch) {
        if (facts.emptyRepository()) {
            return List.of();
        }
        return lookup.coveringProtections(facts.id(), branch).stream()
                .filter(c -> !(c.name().equals(branch) && facts.protection().isPresent()))
                .toList();
    }

    /** Throws one error listing every problem, or returns having logged the warnings. */
    static void check(GovernanceScope scope, GitLabLookup lookup, List<Read> reads) {
        List<String> problems = new ArrayList<>();
        Environment env = scope.environment();
        Memberships memberships = new Memberships(scope, lookup);
        for (Read read : reads) {
            memberships.check(read.facts(), problems);
            ProjectFacts facts = read.facts();
            String where = read.tenant().project() + "@" + env.branch();
            if (scope.edition() == Edition.CE && facts.protection().isPresent()) {
                GitLabLookup.Protection p = facts.protection().get();
                List<String> pushAndMerge = List.of(BranchProtections.PUSH_ACCESS);
                if (!p.pushAccessLevels().equals(pushAndMerge)
                        || !p.mergeAccessLevels().equals(List.of(BranchProtections.MERGE_ACCESS))) {
                    problems.add(where + " is protected with push: " + levels(p.pushAccessLevels()) + ", merge: "
                            + levels(p.mergeAccessLevels()) + ". On GitLab CE the provider changes these only by"
                            + " replacing the protection, which Pulumi refuses for a protection fluxfleet adopts."
                            + " Fix: in GitLab, Settings > Repository > Protected branches, set " + env.branch()
                            + " to 'Allowed to merge: Maintainers' and 'Allowed to push and merge: No one' (or"
                            + " unprotect it), then run `pulumi up` again: fluxfleet then adopts it unchanged.");
                }
            }
            List<String> platformPaths = scope.platformPaths(read.tenant());
            if (scope.settings().tier().hasApprovals() && !facts.emptyRepository() && !platformPaths.isEmpty()) {
                // the CODEOWNERS GitLab reads first must keep the platform team's approval (issue 20)
                CodeOwnersLocations.Verdict verdict = CodeOwnersLocations.judge(where, facts.files(),
                        platformPaths, scope.settings().teams().platform(), scope.codeowners(read.tenant()));
                verdict.warning().ifPresent(scope.log()::warn);
                verdict.refusal().ifPresent(problems::add);
            }
            boolean strictEnough = true;
            for (Covering c : read.covering()) {
                List<String> weaker = weaker(c);
                if (!weaker.isEmpty()) {
                    strictEnough = false;
                    problems.add(where + " is covered by the protection " + Shown.quoted(c.name()) + " (" + String.join(", ", weaker)
                            + "). GitLab applies every protection that covers a branch and the most permissive one wins,"
                            + " so fluxfleet's protection would be overridden. Fix: set " + Shown.quoted(c.name()) + " to 'Allowed"
                            + " to push and merge: No one' and 'Allowed to merge: Maintainers' without force push, or"
                            + " remove it (project or group Settings > Repository > Protected branches), then run"
                            + " `pulumi up` again.");
                }
            }
            if (!read.covering().isEmpty() && strictEnough) {
                scope.log().info(where + " is covered by " + String.join(", ", read.covering().stream()
                        .map(c -> Shown.quoted(c.name())).toList()) + ", as strict as the policy: it counts as protected"
                        + " (fluxfleet commits nothing to it) and fluxfleet adds the protection of its exact name.");
            }
        }
        problems.addAll(groupHandles(scope, lookup));
        SelfProject.check(scope, lookup, problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("fluxfleet cannot govern the " + env.branch() + " branches as configured;"
                    + " nothing was changed:\n  - " + String.join("\n  - ", problems));
        }
    }

    /** How a covering protection is more permissive than the policy (push no one, merge maintainers, no force push). */
    private static List<String> weaker(Covering c) {
        List<String> weaker = new ArrayList<>();
        if (c.pushAccessLevels().stream().anyMatch(l -> !l.equals(BranchProtections.PUSH_ACCESS)) || c.otherPushers()) {
            weaker.add("push: " + (c.pushAccessLevels().isEmpty() ? "users, groups or deploy keys"
                    : levels(c.pushAccessLevels()) + (c.otherPushers() ? " and named users, groups or deploy keys" : "")));
        }
        if (c.mergeAccessLevels().contains("developer")) {
            weaker.add("merge: " + levels(c.mergeAccessLevels()));
        }
        if (c.allowForcePush()) {
            weaker.add("force push allowed");
        }
        return weaker;
    }

    /**
     * Top-level handles ({@code @name}) the config reads as users. On a licensed tier each is looked up: a group is a
     * problem with its fix. Offline nothing can be looked up, so they are listed as a warning.
     */
    private static List<String> groupHandles(GovernanceScope scope, GitLabLookup lookup) {
        GitLabGovernanceSettings s = scope.settings();
        if (!s.tier().hasApprovals()) {
            return List.of();
        }
        Set<String> known = new LinkedHashSet<>(s.codeOwnerGroups());
        List<String> problems = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (Team team : Team.values()) {
            for (String handle : s.teams().of(team)) {
                if (!handle.startsWith("@") || handle.startsWith("@@") || handle.contains("/")
                        || known.contains(handle.substring(1))) {
                    continue;
                }
                String name = handle.substring(1);
                Optional<Boolean> group = lookup.isGroup(name);
                if (group.isEmpty()) {
                    unknown.add(handle);
                } else if (group.get()) {
                    problems.add("gitlab.teams." + team.key() + ": " + handle + " is a group on the instance, but a"
                            + " top-level handle counts as a group only when it is listed in"
                            + " gitlab.projectSettings.sharedGroups; as it is, it would never be shared and GitLab would"
                            + " make its code-owner approval optional. Fix: add " + name + " to"
                            + " gitlab.projectSettings.sharedGroups in every stack file (`pulumi config set --path"
                            + " 'gitlab.projectSettings.sharedGroups[" + s.projectSettings().sharedGroups().size() + "]' "
                            + name + "`), then run `pulumi up` on the " + s.projectSettings().owner().id()
                            + " stack first.");
                }
            }
        }
        if (!unknown.isEmpty()) {
            scope.log().warn("gitlab.teams: " + String.join(", ", unknown.stream().distinct().toList()) + " are read as"
                    + " users; a group among them must be listed in gitlab.projectSettings.sharedGroups, or it is"
                    + " never shared and its code-owner approval is optional (a live run checks each against GitLab).");
        }
        return problems;
    }

    private static String levels(List<String> levels) {
        return levels.isEmpty() ? "nobody listed" : String.join(", ", levels);
    }
}
