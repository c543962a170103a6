package io.fluxfleet.gitlab;

import com.pulumi.context.LoggingContext;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ProviderResource;
import com.pulumi.resources.Resource;
import io.fluxfleet.config.Environment;
import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.config.FluxFleetConfig.Tenant;
import io.fluxfleet.config.GitLabGovernanceSettings;
import io.fluxfleet.config.GitLabGovernanceSettings.Mode;
import io.fluxfleet.config.GitLabGovernanceSettings.Edition;
import io.fluxfleet.gitlab.GitLabLookup.MergeSettings;
import io.fluxfleet.gitlab.GitLabLookup.ProjectFacts;
import io.fluxfleet.gitlab.SeedFiles.Seed;
import io.fluxfleet.gitlab.bindings.Branch;
import io.fluxfleet.gitlab.bindings.BranchArgs;
import io.fluxfleet.gitlab.bindings.BranchProtection;
import io.fluxfleet.gitlab.bindings.BranchProtectionArgs;
import io.fluxfleet.gitlab.bindings.GitlabFunctions;
import io.fluxfleet.gitlab.bindings.Project;
import io.fluxfleet.gitlab.bindings.ProjectApprovalRule;
import io.fluxfleet.gitlab.bindings.ProjectApprovalRuleArgs;
import io.fluxfleet.gitlab.bindings.ProjectArgs;
import io.fluxfleet.gitlab.bindings.ProjectDeployToken;
import io.fluxfleet.gitlab.bindings.ProjectDeployTokenArgs;
import io.fluxfleet.gitlab.bindings.ProjectLevelMrApprovals;
import io.fluxfleet.gitlab.bindings.ProjectLevelMrApprovalsArgs;
import io.fluxfleet.gitlab.bindings.ProjectShareGroup;
import io.fluxfleet.gitlab.bindings.ProjectShareGroupArgs;
import io.fluxfleet.gitlab.bindings.Provider;
import io.fluxfleet.gitlab.bindings.ProviderArgs;
import io.fluxfleet.gitlab.bindings.RepositoryFile;
import io.fluxfleet.gitlab.bindings.RepositoryFileArgs;
import io.fluxfleet.gitlab.bindings.inputs.BranchProtectionAllowedToMergeArgs;
import io.fluxfleet.gitlab.bindings.inputs.BranchProtectionAllowedToPushArgs;
import io.fluxfleet.gitlab.bindings.inputs.BranchProtectionAllowedToUnprotectArgs;
import io.fluxfleet.gitlab.bindings.inputs.GetGroupArgs;
import io.fluxfleet.gitlab.bindings.inputs.GetUserArgs;
import io.fluxfleet.naming.GitLabNames;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Governs the stack's environment branch ({@code dev}, {@code preprod} or {@code prod}) in every tenant's GitLab
 * project, as section 9 of the guide describes it: the branch, its protection (merge requests only), the approval
 * rule, the project's merge request settings, CODEOWNERS and the validation pipeline, seed kustomizations, and a
 * read-only deploy token for the environment's Flux.
 *
 * <h2>Files never bypass a protection, and a second {@code up} changes nothing</h2>
 * The provider has no merge request resource, so fluxfleet cannot propose a file change; and committing to a
 * protected branch would need a bypass. So a seed file is written only while the environment branch is not yet
 * protected (typically: in the same {@code up} that creates the branch), and the protection depends on those
 * commits. After that fluxfleet never writes a file again:
 * <ul>
 *   <li>a seed fluxfleet wrote (it starts with {@link SeedFiles#MARKER}) is held in the state by its import ID
 *       {@code <project id>:<branch>:<path>}, which equals the ID it was created with, so the engine treats it as
 *       unchanged; {@code ignoreChanges} covers its content, so tenant edits and later policy changes are never
 *       written over. A CODEOWNERS or pipeline that differs from the current policy is reported, for a merge
 *       request;</li>
 *   <li>a file the tenant wrote is never registered at all;</li>
 *   <li>a seed missing from an already protected branch is reported, not written.</li>
 * </ul>
 * Branch and protection follow the same rule: an existing branch or protection is adopted by its import ID, a
 * missing one created. Whether each exists is read before anything is registered ({@link GitLabLookup}), because
 * it decides which resources exist, which Outputs cannot.
 *
 * <h2>Project-wide settings</h2>
 * Merge method, squash option, "pipeline must succeed", "all discussions resolved" and the approval settings (reset on push, no
 * author or committer approval) belong to the project, not the branch, and the three stacks share the project. Only
 * the stack of {@code gitlab.projectSettings.owner} (default prod) writes them; the others report differences.
 * Merge method, squash option and the two merge checks live only on {@code gitlab:index/project:Project}, a resource that would
 * otherwise own the whole project: fluxfleet adopts the existing project by ID, lists every other input in
 * {@code ignoreChanges} so nothing else is ever reset, and retains it on delete so no {@code destroy} touches the
 * project. Pulumi imports a resource as it is and then updates it to the program's inputs in the same {@code up}
 * (pulumi/pulumi#19339; pulumi/docs content/docs/iac/concepts/resources/options/import.md: "the import will succeed,
 * and the resource will then be modified to reflect the inputs"), so the owner stack warns with the exact
 * differences it is about to write. Approval settings use {@code ProjectLevelMrApprovals}, a pure settings resource
 * that needs no adoption. The same stack shares every group the stacks name into the project as Developer (see
 * {@link #shares}); the others leave a group out of their rules until it is shared.
 *
 * <h2>Promotion</h2>
 * {@code dev} is created from the default branch and gets the seeds (of every environment); {@code preprod} is
 * created from {@code dev} and {@code prod} from {@code preprod}, and neither gets a commit of its own. With the
 * merge method {@code ff} and squashing off ({@link #SQUASH_OPTION}), every promotion merge request fast-forwards its
 * target, so no protected branch is ever rebased or force-pushed ({@code PromotionTest} builds this history with git).
 *
 * <h2>Editions and tiers</h2>
 * The edition (CE or EE) decides which protection fields the provider accepts: CE the access-level fields, EE the
 * {@code allowed_to_*} lists ({@link Edition}); a live run reads it from the instance. The tier (licence) decides
 * the features: GitLab Free (CE, or EE without a licence) has no approval rules, code owners, allowed-to-merge users
 * or groups or MR approval settings; with {@code gitlab.tier: free} those are left out and the stack warns once.
 *
 * <h2>Destroy, drift, rotation</h2>
 * {@code pulumi destroy} leaves GitLab as governed: branch, seeds, protection and project settings are retained
 * (removing a stack must not weaken a tenant's branch); only the approval rule and the deploy token are deleted.
 * In prod every child is protected unless {@code allowDestroy} or the tenant is retiring, except the two that normal
 * operation replaces or drops: the deploy token (replaced each rotation window) and the seed files (dropped when the
 * tenant rewrites one); the engine refuses to replace or delete a protected resource. {@code pulumi up} does not read GitLab back,
 * so a protection someone removes by hand is restored by {@code pulumi up --refresh}. The deploy token expires at
 * the end of the rotation window after the current one ({@link GitLabGovernanceSettings.DeployToken#expiry}); the
 * first run in a new window replaces it, creating the new token before revoking the old. One known exception to
 * "a second up changes nothing": a seed found with fluxfleet's marker on the default branch, while the environment
 * branch does not exist yet, is adopted (imported, not written) on the run after the branch is created.
 */
public final class GitLabGovernance extends ComponentResource {
    /** The role a shared group gets: the least with which its members' merge rights, approvals and code owner
     *  approvals count (GitLab requires Developer for each; see the class comment). */
    public static final String SHARE_ROLE = "developer";
    public static final String TYPE = "fluxfleet:gitlab:GitLabGovernance";
    /** GitLab's base access levels: merge requests only, merged by maintainers. */
    static final String PUSH_ACCESS = "no one";
    static final String MERGE_ACCESS = "maintainer";
    static final String DEPLOY_TOKEN_SCOPE = "read_repository";
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
    /** A seed's inputs fluxfleet sets but never updates: changing any of them would be a commit. */
    static final List<String> FILE_WRITE_ONCE_INPUTS = List.of("content", "encoding", "commitMessage",
            "createCommitMessage", "updateCommitMessage", "deleteCommitMessage", "authorName", "authorEmail",
            "overwriteOnCreate", "executeFilemode", "startBranch");
    /** Modelled inputs of an adopted project fluxfleet leaves as they are. */
    static final List<String> PROJECT_UNSET_INPUTS = List.of("name", "path", "namespaceId", "defaultBranch",
            "archiveOnDestroy");
    private static final int TOKEN_EXPIRY_WARNING_DAYS = 30;
    /**
     * The types never {@code protect}ed, even in prod: a deploy token is replaced every rotation window and a seed file
     * leaves the program when a tenant rewrites or deletes it. The engine refuses to delete a protected resource
     * (pulumi/pulumi pkg/resource/deploy/step.go, {@code DeleteStep.Apply}: "if !s.replacing && s.old.Protect" ->
     * {@code deleteProtectedError}, "cannot be deleted because it is protected", checked before {@code RetainOnDelete})
     * and to replace one that stays protected (pkg/resource/deploy/step_generator.go: "if new.Protect && old.Protect"
     * -> "unable to replace resource ... as it is currently marked for protection"), so a protected token would fail
     * the first prod run of every new window. A seed keeps {@code retainOnDelete}, so dropping it never touches the
     * file; a token's replacement creates the new token before it deletes the old.
     */
    public static final List<String> LIFECYCLE_UNPROTECTED = List.of(
            ProjectDeployToken.class.getAnnotation(ResourceType.class).type(),
            RepositoryFile.class.getAnnotation(ResourceType.class).type());
    private static final String PROJECT_TYPE = Project.class.getAnnotation(ResourceType.class).type();

    /**
     * @param lookup  how facts about each project are read; {@link ProviderLookup} in a real run
     * @param today   the date the deploy-token expiry is computed from (UTC)
     * @param protect protect every child against {@code pulumi destroy} (prod without {@code allowDestroy})
     */
    public record Args(Environment environment, List<Tenant> tenants, GitLabGovernanceSettings settings,
                       ProviderResource provider, GitLabLookup lookup, LoggingContext log, LocalDate today,
                       boolean protect) {
        public Args {
            tenants = List.copyOf(tenants);
        }

        /** The arguments of a real run: the config's tenants and settings, lookups through {@code provider}. */
        public static Args of(FluxFleetConfig config, ProviderResource provider, LoggingContext log) {
            return new Args(config.environment(), config.tenants(), config.gitlab().governance(), provider,
                    new ProviderLookup(provider), log, LocalDate.now(ZoneOffset.UTC), config.protect());
        }
    }

    /** The deploy token a tenant's Flux reads its project with; {@code token} is a secret. */
    public record DeployTokenAccess(Output<String> username, Output<String> token) {}

    private final Args args;
    private final Map<String, DeployTokenAccess> deployTokens = new LinkedHashMap<>();
    private final Map<String, String> projectIds = new LinkedHashMap<>();
    private final Edition edition;
    private final Map<String, Output<Integer>> groupIds = new HashMap<>();
    private final Map<String, Output<Integer>> userIds = new HashMap<>();

    public GitLabGovernance(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        this.args = args;
        GitLabGovernanceSettings s = args.settings();
        this.edition = edition(s, args.lookup());
        if (!s.tier().hasApprovals()) {
            args.log().warn("GitLab tier is free: approval rules, code-owner approval, allowed-to-merge users and"
                    + " groups and merge request approval settings are left out (set fluxfleet:gitlab.tier to premium"
                    + " or ultimate if the instance has them); branch protection, merge checks and the pipeline still"
                    + " apply. The seeded .gitlab/CODEOWNERS has no effect on Free: Code Owners is a Premium and"
                    + " Ultimate feature (doc/user/project/codeowners, \"Tier: Premium, Ultimate\").");
        }
        for (Tenant tenant : args.tenants()) {
            govern(tenant);
        }
        registerOutputs(Map.of(
                "deployTokenUsernames", collect(DeployTokenAccess::username),
                "deployTokens", collect(DeployTokenAccess::token).asSecret()));
    }

    /**
     * The edition the protections are written for: the instance's, as its metadata reports it (the same answer the
     * provider decides by), else the declared one ({@code gitlab.edition}, default by tier). A declaration or tier
     * the instance contradicts fails here, before any GitLab resource is registered.
     */
    static Edition edition(GitLabGovernanceSettings settings, GitLabLookup lookup) {
        Optional<Edition> instance = lookup.edition();
        if (instance.isPresent() && instance.get() != settings.edition()) {
            String why = settings.declaredEdition().isPresent()
                    ? "fluxfleet:gitlab.edition is " + settings.edition().id()
                    : "fluxfleet:gitlab.tier is " + settings.tier().id() + ", which implies " + settings.edition().id();
            throw new IllegalStateException("The GitLab instance reports edition " + instance.get().id() + " (metadata"
                    + " API: enterprise=" + (instance.get() == Edition.EE) + "), but " + why + ". Nothing was changed."
                    + " Fix the stack file: `pulumi config set --path gitlab.edition " + instance.get().id() + "`"
                    + (instance.get() == Edition.CE && settings.tier().hasApprovals()
                    ? " and `pulumi config set --path gitlab.tier free` (premium and ultimate exist only on ee)" : "")
                    + ".");
        }
        return instance.orElse(settings.edition());
    }

    /** The edition this component writes protections for. */
    public Edition edition() {
        return edition;
    }

    /**
     * The numeric ID of {@code tenant}'s project, as read before anything was registered (an offline render: its
     * path). Everything that addresses the project uses it, so a renamed or moved project stays governed.
     */
    public Optional<String> projectId(Tenant tenant) {
        return Optional.ofNullable(projectIds.get(tenant.name()));
    }

    /** The explicit provider for the config's GitLab instance; the token, when set, is a secret. */
    public static Provider provider(String name, FluxFleetConfig.GitLab gitlab, CustomResourceOptions options) {
        ProviderArgs.Builder args = ProviderArgs.builder().baseUrl(gitlab.apiUrl());
        gitlab.governance().token().ifPresent(token -> args.token(token.reveal()));
        return new Provider(name, args.build(), options);
    }

    /** The deploy token of {@code tenant}, when deploy tokens are enabled and its project could be governed. */
    public Optional<DeployTokenAccess> deployToken(Tenant tenant) {
        return Optional.ofNullable(deployTokens.get(tenant.name()));
    }

    private void govern(Tenant tenant) {
        Environment env = args.environment();
        GitLabGovernanceSettings s = args.settings();
        List<Seed> seeds = SeedFiles.seeds(tenant, env, s);
        String source = sourceBranch(env);
        List<String> read = new ArrayList<>(seeds.stream().map(Seed::path).toList());
        CodeOwnersLocations.FILE_PATHS.stream().filter(p -> !read.contains(p)).forEach(read::add);
        ProjectFacts facts = args.lookup().project(tenant.project(), env.branch(), source, read);
        projectIds.put(tenant.name(), facts.id());
        if (facts.emptyRepository()) {
            args.log().warn(tenant.project() + " has no commit yet, so fluxfleet cannot create its " + env.branch()
                    + " branch; push a first commit to the default branch and run up again.");
            return;
        }
        Map<String, ProjectShareGroup> shares = shares(tenant, facts);
        if (!facts.branchExists() && !facts.sourceExists()) {
            args.log().warn(tenant.project() + " has no " + source + " branch yet, and " + env.branch() + " is created"
                    + " from it so that promotions fast-forward: run `pulumi up` on the " + source + " stack first,"
                    + " then this one again.");
        } else {
            branch(tenant, facts, seeds, shares);
        }
        projectSettings(tenant, facts);
        if (s.deployToken().enabled()) {
            deployToken(tenant, facts);
        }
    }

    /**
     * The branch an environment branch is created from: the default branch for the first environment, else the
     * environment branch before it ({@code dev -> preprod -> prod}). With the seeds committed once on the first
     * branch, no environment branch ever has a commit the branch before it lacks, so every promotion merge request
     * can fast-forward its target ({@code PromotionTest}).
     */
    static String sourceBranch(Environment environment) {
        return environment.ordinal() == 0 ? null : Environment.values()[environment.ordinal() - 1].branch();
    }

    private void branch(Tenant tenant, ProjectFacts facts, List<Seed> seeds, Map<String, ProjectShareGroup> shares) {
        Environment env = args.environment();
        GitLabGovernanceSettings s = args.settings();
        String source = sourceBranch(env);
        Branch branch = new Branch(GitLabNames.branchResource(tenant, env, "branch"), BranchArgs.builder()
                .project(facts.id())
                .name(env.branch())
                .ref(source == null ? facts.defaultBranch() : source)
                .build(),
                options(tenant, facts.branchExists() ? facts.id() + ":" + env.branch() : null)
                        .ignoreChanges("ref", "keepOnDestroy")
                        .retainOnDelete(true)
                        .build());

        List<Resource> files = new ArrayList<>();
        for (Seed seed : seeds) {
            if (SeedFiles.writesSeeds(env)) {
                seed(tenant, facts, branch, seed).ifPresent(files::add);
            } else {
                reportSeed(tenant, facts, seed);
            }
        }
        if (s.tier().hasApprovals()) {
            CodeOwnersLocations.Verdict verdict = CodeOwnersLocations.judge(tenant.project() + "@" + env.branch(),
                    facts.files(), SeedFiles.platformPaths(tenant), s.teams().platform(),
                    SeedFiles.codeowners(tenant, s.teams()));
            verdict.warning().ifPresent(args.log()::warn);
            if (verdict.refusal().isPresent()) {
                throw new IllegalStateException(verdict.refusal().get() + "\nNothing was changed.");
            }
        }
        if (!facts.otherCodeowners().isEmpty()) {
            args.log().warn(tenant.project() + " has " + String.join(" and ", facts.otherCodeowners())
                    + ", which GitLab reads instead of .gitlab/CODEOWNERS: fluxfleet's code owners do not apply there.");
        }

        facts.protection().ifPresent(current -> reportProtection(tenant, current));
        if (facts.branchProtected() && facts.protection().isEmpty()) {
            args.log().warn(tenant.project() + "@" + env.branch() + " is covered by a wildcard or group-level"
                    + " protection; fluxfleet adds the protection of its exact name, which GitLab applies together"
                    + " with it (the most permissive of the matching rules wins for push and merge), and never"
                    + " commits to the branch.");
        }
        List<Resource> protectionDependencies = new ArrayList<>(files);
        BranchProtectionArgs.Builder protection = BranchProtectionArgs.builder()
                .project(facts.id())
                .branch(branch.name())
                .allowForcePush(false);
        if (edition == Edition.EE) {
            // EE: role access only through allowed_to_*; "no one" is access level 0 (NO_ACCESS), a valid entry of
            // allowed_to_push (api.ValidProtectedBranchTagAccessLevelNames: "no one", "developer", "maintainer", "admin").
            protection.allowedToPushes(List.of(BranchProtectionAllowedToPushArgs.builder().accessLevel(PUSH_ACCESS).build()));
            List<Output<BranchProtectionAllowedToMergeArgs>> merge = new ArrayList<>();
            merge.add(Output.of(BranchProtectionAllowedToMergeArgs.builder().accessLevel(MERGE_ACCESS).build()));
            if (s.tier().hasApprovals()) {
                // Users and groups are a licensed feature (protected_refs_for_users); a group must be shared with
                // the project (EE ProtectedRefAccess#validate_group_membership).
                merge.addAll(allowedToMerge(tenant, facts, usable(tenant, facts, s.mergers().groups(), "mergers", shares),
                        s.mergers().users(), shares, protectionDependencies));
            }
            protection.allowedToMerges(Output.all(merge));
            if (s.tier().hasApprovals()) {
                protection.allowedToUnprotects(Output.all(allowedToUnprotect(tenant, facts, shares,
                        protectionDependencies)));
            }
        } else {
            protection.pushAccessLevel(PUSH_ACCESS).mergeAccessLevel(MERGE_ACCESS);
        }
        if (s.tier().hasApprovals()) {
            protection.codeOwnerApprovalRequired(true);
        }
        // Lifecycle (terraform-provider-gitlab v19.x resource_gitlab_branch_protection.go, which pulumi-gitlab 10.1.1
        // runs): everything routine (mergers and the other allowed_to_* entries, allow_force_push,
        // code_owner_approval_required) is updated in place by PATCH protected_branches; only project and branch
        // (RequiresReplace) and a set-and-changed CE access level (RequiresReplaceIfConfigured, an EE-to-CE move)
        // replace it. retainOnDelete keeps the branch protected when a tenant leaves or dev is destroyed; it also makes
        // a replacement on the same branch fail (the replace's delete is a no-op, and Create refuses "protected branch
        // ... already exists"), so no deleteBeforeReplace, which could not help: plan reports that case with its way
        // out (README "Which resources are protected, and why").
        BranchProtection protectionResource = new BranchProtection(
                GitLabNames.branchResource(tenant, env, "protection"), protection.build(),
                options(tenant, facts.protection().isPresent() ? facts.id() + ":" + env.branch() : null)
                        .dependsOn(protectionDependencies)
                        .retainOnDelete(true)
                        .build());

        if (s.tier().hasApprovals()) {
            List<String> unsharedOwners = sharesGroups() ? List.of()
                    : s.codeOwnerGroups().stream().filter(g -> !facts.sharedEnough(g)).toList();
            if (!unsharedOwners.isEmpty()) {
                // A group code owner's approval is required only for a group invited to the project (with at least
                // Developer); otherwise GitLab silently makes it optional.
                args.log().warn(tenant.project() + " is not shared with the code owner groups "
                        + String.join(", ", unsharedOwners) + " yet, so GitLab treats their approval as optional until"
                        + " `pulumi up` on the " + s.projectSettings().owner().id() + " stack shares them.");
            }
            List<String> approverGroups = usable(tenant, facts, s.approvers().groups(), "approvers", shares);
            List<Resource> ruleDependencies = approverGroups.stream().filter(shares::containsKey)
                    .map(g -> (Resource) shares.get(g)).toList();
            new ProjectApprovalRule(GitLabNames.branchResource(tenant, env, "approval-rule"), ProjectApprovalRuleArgs.builder()
                    .project(facts.id())
                    .name(GitLabNames.inGitLab(env))
                    .approvalsRequired(s.approvals())
                    .groupIds(ids(approverGroups, groupIds, this::groupId))
                    .userIds(ids(s.approvers().users(), userIds, this::userId))
                    .protectedBranchIds(protectionResource.branchProtectionId().applyValue(List::of))
                    .appliesToAllProtectedBranches(false)
                    .build(),
                    options(tenant, null).dependsOn(ruleDependencies).build());
        }
    }

    /**
     * The groups of {@code kind} whose members GitLab counts on this project: shared with it as Developer or more, now
     * or by a share this run holds ({@code shares}). Any other group is left out of the rules: GitLab refuses it in a
     * protection's {@code allowed_to_merge} ("does not have access to the project" unless a project_group_link with
     * Developer to Owner exists, gitlabhq ee/app/models/concerns/ee/protected_ref_access.rb,
     * {@code validate_group_membership}), and counts none of its approvals. A stack that does not share says which
     * stack does; the owner stack leaves out a group it found shared below Developer (reported by {@link #shares}).
     */
    private List<String> usable(Tenant tenant, ProjectFacts facts, List<String> groups, String kind,
                                Map<String, ProjectShareGroup> shares) {
        List<String> unshared = groups.stream().filter(g -> !shares.containsKey(g) && !facts.sharedEnough(g)).toList();
        if (!unshared.isEmpty() && !sharesGroups()) {
            args.log().warn(tenant.project() + " is not shared with " + String.join(", ", unshared) + " as "
                    + SHARE_ROLE + " yet, so GitLab would not count them as " + kind
                    + "; they are left out of the " + args.environment().branch() + " rules until `pulumi up` on the "
                    + args.settings().projectSettings().owner().id() + " stack (gitlab.projectSettings.owner) shares"
                    + " them, then run this stack again.");
        } else if (!unshared.isEmpty()) {
            args.log().warn(tenant.project() + ": " + String.join(", ", unshared) + " left out of the "
                    + args.environment().branch() + " " + kind + " until the share is raised to "
                    + SHARE_ROLE + " (GitLab would refuse or ignore them).");
        }
        return groups.stream().filter(g -> shares.containsKey(g) || facts.sharedEnough(g)).toList();
    }

    /** Whether this stack shares the groups into the projects: the owner of the project-wide settings, licensed. */
    private boolean sharesGroups() {
        GitLabGovernanceSettings s = args.settings();
        return s.tier().hasApprovals() && s.projectSettings().writtenBy(args.environment());
    }

    /**
     * Shares every group the stacks name (approvers, mergers, CODEOWNERS groups, {@code projectSettings.sharedGroups})
     * into the project as Developer, from the owner stack only. Developer is the least role that counts for each
     * purpose: a protected branch accepts a group, and lets its members merge, only with a share "group_access:
     * DEVELOPER_OWNER_ACCESS" (gitlabhq ee/app/models/concerns/ee/protected_ref_access.rb,
     * {@code group_has_developer_access_to_project?}, used by {@code validate_group_membership} and
     * {@code group_access_allowed?}); approvers count "with
     * developer or higher permissions" (doc/user/project/merge_requests/approvals/rules.md, "Eligible approvers");
     * a group code owner's approval is required only for a group "invited to the project with at least the Developer
     * role" (doc/user/project/repository/branches/protected.md; codeowners advanced.md, "Group inheritance and
     * eligibility"). An existing share with a higher role is adopted as it is, never lowered; one below Developer is
     * reported for a maintainer to raise (holding it would mean replacing it).
     */
    private Map<String, ProjectShareGroup> shares(Tenant tenant, ProjectFacts facts) {
        Map<String, ProjectShareGroup> shares = new TreeMap<>();
        if (!sharesGroups()) {
            return shares;
        }
        for (String group : args.settings().sharedGroups()) {
            GitLabLookup.Share existing = facts.shares().map(m -> m.get(group)).orElse(null);
            String role = SHARE_ROLE;
            String importId = null;
            if (existing != null && existing.accessLevel() >= GitLabLookup.Share.DEVELOPER) {
                role = accessLevelName(existing.accessLevel());
                importId = facts.id() + ":" + existing.groupId();
            } else if (existing != null) {
                // Adopting it with a higher role would replace it (every input of a share forces a new one), and in
                // prod the engine refuses to replace a protected resource; creating a second share fails (409).
                args.log().warn(tenant.project() + " is shared with " + group + " below " + role + ", so GitLab"
                        + " counts none of its approvals, merges or code owner approvals: raise the share to " + role
                        + " (Manage > Members > Groups) or remove it, and run up again; fluxfleet then holds it.");
                continue;
            }
            Output<Integer> id = groupIds.computeIfAbsent(group, this::groupId);
            shares.put(group, new ProjectShareGroup(GitLabNames.groupShare(tenant, slug(group)),
                    ProjectShareGroupArgs.builder().project(facts.id()).groupId(id).groupAccess(role).build(),
                    options(tenant, importId).deleteBeforeReplace(true).build()));
        }
        return shares;
    }

    static String slug(String groupPath) {
        return groupPath.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    private static String accessLevelName(int level) {
        return switch (level) {
            case 30 -> "developer";
            case 40 -> "maintainer";
            case 50 -> "owner";
            default -> SHARE_ROLE;
        };
    }

    /** Reports, never writes, a policy seed on a branch another stack seeded (see {@link SeedFiles#seeds}). */
    private void reportSeed(Tenant tenant, ProjectFacts facts, Seed seed) {
        String current = facts.files().get(seed.path());
        String where = tenant.project() + "@" + (facts.branchExists() ? args.environment().branch()
                : sourceBranch(args.environment()));
        if (current == null) {
            String message = where + " has no " + seed.path() + ": fluxfleet commits its seeds once, on "
                    + Environment.values()[0].branch() + "; promote them with a merge request.";
            if (seed.policy()) {
                args.log().warn(message);
            } else {
                args.log().info(message);
            }
        } else if (seed.policy() && SeedFiles.seededByFluxfleet(current) && !current.equals(seed.content())) {
            args.log().info(where + ": " + seed.path() + " differs from what fluxfleet would seed now; fluxfleet never"
                    + " rewrites it: change it with a merge request.");
        }
    }

    /**
     * Warns when the environment branch is protected with base settings other than the policy's. An existing
     * protection is adopted by its import ID; Pulumi imports it as it is and then updates it to the policy in the same
     * up (fields the provider can only set by replacement are replaced).
     */
    private void reportProtection(Tenant tenant, GitLabLookup.Protection current) {
        boolean codeOwners = args.settings().tier().hasApprovals();
        List<String> d = new ArrayList<>();
        if (!current.pushAccessLevels().equals(List.of(PUSH_ACCESS))) {
            d.add("push: " + describe(current.pushAccessLevels()) + ", wanted " + PUSH_ACCESS);
        }
        if (!current.mergeAccessLevels().equals(List.of(MERGE_ACCESS))) {
            d.add("merge: " + describe(current.mergeAccessLevels()) + ", wanted " + MERGE_ACCESS);
        }
        if (current.allowForcePush()) {
            d.add("force push allowed");
        }
        if (codeOwners && !current.codeOwnerApprovalRequired()) {
            d.add("code owner approval not required");
        }
        if (!d.isEmpty()) {
            args.log().warn(tenant.project() + "@" + args.environment().branch() + " is protected differently from the"
                    + " policy (" + String.join("; ", d) + "); this up adopts the protection and sets it to the policy.");
        }
    }

    private static String describe(List<String> levels) {
        return levels.isEmpty() ? "nobody listed" : String.join(", ", levels);
    }

    /** Registers one seed file, or reports why it is left alone; see the class comment. */
    private Optional<Resource> seed(Tenant tenant, ProjectFacts facts, Branch branch, Seed seed) {
        Environment env = args.environment();
        String current = facts.files().get(seed.path());
        String where = tenant.project() + "@" + env.branch();
        String importId = null;
        if (current == null) {
            if (!facts.branchWritable()) {
                String message = where + " has no " + seed.path() + ", and fluxfleet does not write to a protected"
                        + " branch: add it with a merge request (fluxfleet's version starts with '" + SeedFiles.MARKER + "').";
                if (seed.policy()) {
                    args.log().warn(message);
                } else {
                    // Flux generates a kustomization for a directory without one, so a missing seed is only a hint.
                    args.log().info(message);
                }
                return Optional.empty();
            }
        } else if (!SeedFiles.seededByFluxfleet(current)) {
            if (seed.policy()) {
                args.log().info(where + ": " + seed.path() + " is the tenant's own; fluxfleet leaves it alone.");
            }
            return Optional.empty();
        } else if (!facts.branchExists()) {
            args.log().info(where + ": " + seed.path() + " comes from " + facts.defaultBranch()
                    + " with fluxfleet's marker; it is adopted on the next up, once the branch exists.");
            return Optional.empty();
        } else {
            importId = facts.id() + ":" + env.branch() + ":" + seed.path();
            if (seed.policy() && !current.equals(seed.content())) {
                String message = where + ": " + seed.path() + " differs from what fluxfleet would seed now (e.g. after"
                        + " a change to fluxfleet:gitlab.teams or .ci); fluxfleet never rewrites it: change it with a"
                        + " merge request.";
                if (seed.path().endsWith("CODEOWNERS")) {
                    args.log().warn(message);
                } else {
                    args.log().info(message);
                }
            }
        }
        return Optional.of(new RepositoryFile(GitLabNames.branchResource(tenant, env, seed.role()), RepositoryFileArgs.builder()
                .project(facts.id())
                .branch(branch.name())
                .filePath(seed.path())
                .content(seed.content())
                .encoding("text")
                .commitMessage("fluxfleet: seed " + seed.path() + " on " + env.branch())
                .overwriteOnCreate(false)
                .build(),
                options(tenant, importId)
                        .ignoreChanges(FILE_WRITE_ONCE_INPUTS)
                        .retainOnDelete(true)
                        // dropped from the program whenever the tenant rewrites the file: never protected (io.fluxfleet.plan)
                        .protect(false)
                        .build()));
    }

    /** Merge method and merge checks ({@code Project}) and approval settings ({@code ProjectLevelMrApprovals}). */
    private void projectSettings(Tenant tenant, ProjectFacts facts) {
        GitLabGovernanceSettings s = args.settings();
        Environment env = args.environment();
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
                args.log().warn(tenant.project() + ": merge settings differ from policy (" + String.join(", ", differences)
                        + "); they are written by " + who + ".");
            }
            return;
        }
        String name = GitLabNames.projectResource(tenant, "project-settings");
        if (!differences.isEmpty()) {
            args.log().warn(tenant.project() + ": fluxfleet holds the project's merge settings; they differ now ("
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
                options(tenant, facts.id())
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
                    options(tenant, null).retainOnDelete(true).build());
        }
    }

    private void deployToken(Tenant tenant, ProjectFacts facts) {
        Environment env = args.environment();
        LocalDate expiry = args.settings().deployToken().expiry(args.today());
        if (!expiry.isAfter(args.today().plusDays(TOKEN_EXPIRY_WARNING_DAYS))) {
            args.log().warn(tenant.project() + ": the " + env.id() + " deploy token expires on " + expiry
                    + "; set a later fluxfleet:gitlab.deployToken.expiresAt (or remove it to rotate automatically).");
        }
        ProjectDeployToken token = new ProjectDeployToken(GitLabNames.branchResource(tenant, env, "deploy-token"),
                ProjectDeployTokenArgs.builder()
                        .project(facts.id())
                        .name(GitLabNames.inGitLab(env))
                        .scopes(DEPLOY_TOKEN_SCOPE)
                        .expiresAt(expiry.atStartOfDay(ZoneOffset.UTC).toInstant().toString())
                        .build(),
                // A deploy token cannot be changed in place; the new one exists before the old one is revoked.
                options(tenant, null).replaceOnChanges("name", "scopes", "expiresAt")
                        // replaced every rotation window, which the engine refuses for a protected resource
                        .protect(false)
                        .build());
        deployTokens.put(tenant.name(), new DeployTokenAccess(token.username(), token.token().asSecret()));
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

    /**
     * Who may unprotect the branch on licensed EE: {@code gitlab.unprotecters}, else the Maintainer role pinned
     * explicitly (GitLab's own default when the list is empty, so a wider level set by hand is reverted). The GitLab
     * protected branches API takes {@code allowed_to_unprotect} (user_id, group_id or access_level entries; Premium)
     * and {@code unprotect_access_level} (default 40, Maintainer); gitlabhq
     * {@code ee/app/policies/ee/protected_branch_policy.rb} with the licensed feature {@code unprotection_restrictions}
     * prevents create, update and destroy of the protection for a user who {@code can_unprotect?} denies ("Prevent a
     * user creating a rule they wouldn't be able to update or destroy"), so the token's user must be listed. CE has
     * no such list: every Maintainer can unprotect.
     */
    private List<Output<BranchProtectionAllowedToUnprotectArgs>> allowedToUnprotect(Tenant tenant, ProjectFacts facts,
            Map<String, ProjectShareGroup> shares, List<Resource> dependencies) {
        GitLabGovernanceSettings.Principals who = args.settings().unprotecters();
        List<Output<BranchProtectionAllowedToUnprotectArgs>> entries = new ArrayList<>();
        if (who.isEmpty()) {
            entries.add(Output.of(BranchProtectionAllowedToUnprotectArgs.builder().accessLevel(MERGE_ACCESS).build()));
            return entries;
        }
        for (String group : usable(tenant, facts, who.groups(), "unprotecters", shares)) {
            if (shares.containsKey(group)) {
                dependencies.add(shares.get(group));
            }
            entries.add(groupIds.computeIfAbsent(group, this::groupId)
                    .applyValue(id -> BranchProtectionAllowedToUnprotectArgs.builder().groupId(id).build()));
        }
        for (String user : who.users()) {
            entries.add(userIds.computeIfAbsent(user, this::userId)
                    .applyValue(id -> BranchProtectionAllowedToUnprotectArgs.builder().userId(id).build()));
        }
        if (entries.isEmpty()) {
            // every listed group still unshared: keep GitLab's default rather than a list nobody is in
            entries.add(Output.of(BranchProtectionAllowedToUnprotectArgs.builder().accessLevel(MERGE_ACCESS).build()));
        }
        return entries;
    }

    /** The merger groups (each after its share, when this stack makes it) and users of an EE protection. */
    private List<Output<BranchProtectionAllowedToMergeArgs>> allowedToMerge(Tenant tenant, ProjectFacts facts,
            List<String> groups, List<String> users, Map<String, ProjectShareGroup> shares, List<Resource> dependencies) {
        List<Output<BranchProtectionAllowedToMergeArgs>> entries = new ArrayList<>();
        for (String group : groups) {
            if (shares.containsKey(group)) {
                dependencies.add(shares.get(group));
            }
            entries.add(groupIds.computeIfAbsent(group, this::groupId)
                    .applyValue(id -> BranchProtectionAllowedToMergeArgs.builder().groupId(id).build()));
        }
        for (String user : users) {
            entries.add(userIds.computeIfAbsent(user, this::userId)
                    .applyValue(id -> BranchProtectionAllowedToMergeArgs.builder().userId(id).build()));
        }
        return entries;
    }

    private static Output<List<Integer>> ids(List<String> names, Map<String, Output<Integer>> cache,
                                             java.util.function.Function<String, Output<Integer>> lookup) {
        return Output.all(names.stream().map(n -> cache.computeIfAbsent(n, lookup)).toList());
    }

    private Output<Integer> groupId(String fullPath) {
        return GitlabFunctions.getGroup(GetGroupArgs.builder().fullPath(fullPath).build(), invokeOptions())
                .applyValue(g -> g.groupId());
    }

    private Output<Integer> userId(String username) {
        return GitlabFunctions.getUser(GetUserArgs.builder().username(username).build(), invokeOptions())
                .applyValue(u -> u.userId());
    }

    private InvokeOptions invokeOptions() {
        return InvokeOptions.builder().parent(this).provider(args.provider()).build();
    }

    /**
     * Every child: parented here, through the stack's GitLab provider, protected in prod unless the tenant is
     * retiring (its resources must be deletable by the next run).
     */
    private CustomResourceOptions.Builder options(Tenant tenant, String importId) {
        return CustomResourceOptions.builder()
                .parent(this)
                .provider(args.provider())
                .protect(args.protect() && !tenant.retire())
                .importId(importId);
    }

    private Output<Map<String, String>> collect(java.util.function.Function<DeployTokenAccess, Output<String>> field) {
        List<String> names = new ArrayList<>(deployTokens.keySet());
        List<Output<String>> values = names.stream().map(n -> field.apply(deployTokens.get(n))).toList();
        return Output.all(values).applyValue(list -> {
            Map<String, String> map = new TreeMap<>();
            for (int i = 0; i < names.size(); i++) {
                map.put(names.get(i), list.get(i));
            }
            return map;
        });
    }
}
