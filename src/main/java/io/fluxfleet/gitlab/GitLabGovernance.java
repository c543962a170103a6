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
import io.fluxfleet.gitlab.GitLabGovernanceSettings.Mode;
import io.fluxfleet.gitlab.GitLabGovernanceSettings.Principals;
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
import io.fluxfleet.gitlab.bindings.Provider;
import io.fluxfleet.gitlab.bindings.ProviderArgs;
import io.fluxfleet.gitlab.bindings.RepositoryFile;
import io.fluxfleet.gitlab.bindings.RepositoryFileArgs;
import io.fluxfleet.gitlab.bindings.inputs.BranchProtectionAllowedToMergeArgs;
import io.fluxfleet.gitlab.bindings.inputs.GetGroupArgs;
import io.fluxfleet.gitlab.bindings.inputs.GetUserArgs;

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
 * Merge method, "pipeline must succeed", "all discussions resolved" and the approval settings (reset on push, no
 * author or committer approval) belong to the project, not the branch, and the three stacks share the project. Only
 * the stack of {@code gitlab.projectSettings.owner} (default prod) writes them; the others report differences.
 * Merge method and the two merge checks live only on {@code gitlab:index/project:Project}, a resource that would
 * otherwise own the whole project: fluxfleet adopts the existing project by ID, lists every other input in
 * {@code ignoreChanges} so nothing else is ever reset, and retains it on delete so no {@code destroy} touches the
 * project. Pulumi adopts a resource only when the program's inputs match its current state, so the first adoption
 * needs the project's merge settings to already match (or a one-time {@code pulumi import}); the owner stack warns
 * with the exact differences when they do not. Approval settings use {@code ProjectLevelMrApprovals}, a pure settings
 * resource that needs no adoption.
 *
 * <h2>Tiers</h2>
 * GitLab Free has no approval rules, code-owner approval, allowed-to-merge users or MR approval settings; with
 * {@code gitlab.tier: free} those are left out and the stack warns once.
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
    public static final String TYPE = "fluxfleet:gitlab:GitLabGovernance";
    /** GitLab's base access levels: merge requests only, merged by maintainers. */
    static final String PUSH_ACCESS = "no one";
    static final String MERGE_ACCESS = "maintainer";
    static final String DEPLOY_TOKEN_SCOPE = "read_repository";
    /** A seed's inputs fluxfleet sets but never updates: changing any of them would be a commit. */
    static final List<String> FILE_WRITE_ONCE_INPUTS = List.of("content", "encoding", "commitMessage",
            "createCommitMessage", "updateCommitMessage", "deleteCommitMessage", "authorName", "authorEmail",
            "overwriteOnCreate", "executeFilemode", "startBranch");
    /** Modelled inputs of an adopted project fluxfleet leaves as they are. */
    static final List<String> PROJECT_UNSET_INPUTS = List.of("name", "path", "namespaceId", "defaultBranch",
            "archiveOnDestroy");
    private static final int TOKEN_EXPIRY_WARNING_DAYS = 30;
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
    private final Map<String, Output<Integer>> groupIds = new HashMap<>();
    private final Map<String, Output<Integer>> userIds = new HashMap<>();

    public GitLabGovernance(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        this.args = args;
        GitLabGovernanceSettings s = args.settings();
        if (!s.tier().hasApprovals()) {
            args.log().warn("GitLab tier is free: approval rules, code-owner approval, allowed-to-merge users and"
                    + " groups and merge request approval settings are left out (set fluxfleet:gitlab.tier to premium"
                    + " or ultimate if the instance has them); branch protection, merge checks, CODEOWNERS and the"
                    + " pipeline still apply.");
        }
        for (Tenant tenant : args.tenants()) {
            govern(tenant);
        }
        registerOutputs(Map.of(
                "deployTokenUsernames", collect(DeployTokenAccess::username),
                "deployTokens", collect(DeployTokenAccess::token).asSecret()));
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
        ProjectFacts facts = args.lookup().project(tenant.project(), env.branch(), seeds.stream().map(Seed::path).toList());
        if (facts.emptyRepository()) {
            args.log().warn(tenant.project() + " has no commit yet, so fluxfleet cannot create its " + env.branch()
                    + " branch; push a first commit to the default branch and run up again.");
            return;
        }

        Branch branch = new Branch(GitLabNames.branchResource(tenant, env, "branch"), BranchArgs.builder()
                .project(facts.id())
                .name(env.branch())
                .ref(facts.defaultBranch())
                .build(),
                options(tenant, facts.branchExists() ? facts.id() + ":" + env.branch() : null)
                        .ignoreChanges("ref", "keepOnDestroy")
                        .retainOnDelete(true)
                        .build());

        List<Resource> files = new ArrayList<>();
        for (Seed seed : seeds) {
            seed(tenant, facts, branch, seed).ifPresent(files::add);
        }
        if (!facts.otherCodeowners().isEmpty()) {
            args.log().warn(tenant.project() + " has " + String.join(" and ", facts.otherCodeowners())
                    + ", which GitLab reads instead of .gitlab/CODEOWNERS: fluxfleet's code owners do not apply there.");
        }

        facts.protection().ifPresent(current -> reportProtection(tenant, current));
        BranchProtectionArgs.Builder protection = BranchProtectionArgs.builder()
                .project(facts.id())
                .branch(branch.name())
                .pushAccessLevel(PUSH_ACCESS)
                .mergeAccessLevel(MERGE_ACCESS)
                .allowForcePush(false);
        if (s.tier().hasApprovals()) {
            protection.codeOwnerApprovalRequired(true);
            if (!s.mergers().isEmpty()) {
                protection.allowedToMerges(allowedToMerge(s.mergers()));
            }
        }
        BranchProtection protectionResource = new BranchProtection(
                GitLabNames.branchResource(tenant, env, "protection"), protection.build(),
                options(tenant, facts.branchProtected() ? facts.id() + ":" + env.branch() : null)
                        .dependsOn(files)
                        .retainOnDelete(true)
                        .build());

        if (s.tier().hasApprovals()) {
            new ProjectApprovalRule(GitLabNames.branchResource(tenant, env, "approval-rule"), ProjectApprovalRuleArgs.builder()
                    .project(facts.id())
                    .name(GitLabNames.inGitLab(env))
                    .approvalsRequired(s.approvals())
                    .groupIds(ids(s.approvers().groups(), groupIds, this::groupId))
                    .userIds(ids(s.approvers().users(), userIds, this::userId))
                    .protectedBranchIds(protectionResource.branchProtectionId().applyValue(List::of))
                    .appliesToAllProtectedBranches(false)
                    .build(),
                    options(tenant, null).build());
        }

        projectSettings(tenant, facts);

        if (s.deployToken().enabled()) {
            deployToken(tenant, facts);
        }
    }

    /**
     * Warns when the environment branch is protected with base settings other than the policy's. An existing
     * protection is adopted by its import ID, and Pulumi adopts only a protection that already matches; one this
     * stack holds already is simply restored by this up.
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
                    + " policy (" + String.join("; ", d) + "). If this stack already holds the protection, this up"
                    + " restores it. If not, Pulumi adopts a protection only when it matches: unprotect the branch once"
                    + " (fluxfleet then also seeds its files before protecting it) and run up again.");
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
        MergeSettings wanted = new MergeSettings(s.mergeMethod(), true, true, false);
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
                    + String.join(", ", differences) + "). If this stack already holds them, this up restores them."
                    + " If not, Pulumi adopts a project only when it already matches: set them once in Settings >"
                    + " Merge requests, or adopt it as it is with `pulumi import " + PROJECT_TYPE + " " + name + " " + facts.id()
                    + "` (with --parent and --provider), and run up again.");
        }
        List<String> ignored = new ArrayList<>(Project.UNMANAGED_INPUTS);
        ignored.addAll(PROJECT_UNSET_INPUTS);
        new Project(name, ProjectArgs.builder()
                .mergeMethod(wanted.mergeMethod())
                .onlyAllowMergeIfPipelineSucceeds(wanted.pipelineMustSucceed())
                .onlyAllowMergeIfAllDiscussionsAreResolved(wanted.discussionsMustBeResolved())
                .allowMergeOnSkippedPipeline(wanted.mergeOnSkippedPipeline())
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
        return d;
    }

    private Output<List<BranchProtectionAllowedToMergeArgs>> allowedToMerge(Principals mergers) {
        List<Output<BranchProtectionAllowedToMergeArgs>> entries = new ArrayList<>();
        for (String group : mergers.groups()) {
            entries.add(groupIds.computeIfAbsent(group, this::groupId)
                    .applyValue(id -> BranchProtectionAllowedToMergeArgs.builder().groupId(id).build()));
        }
        for (String user : mergers.users()) {
            entries.add(userIds.computeIfAbsent(user, this::userId)
                    .applyValue(id -> BranchProtectionAllowedToMergeArgs.builder().userId(id).build()));
        }
        return Output.all(entries);
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
