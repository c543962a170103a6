package io.fluxfleet.gitlab;

import com.pulumi.context.LoggingContext;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ProviderResource;
import com.pulumi.resources.Resource;
import io.fluxfleet.config.Environment;
import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.config.FluxFleetConfig.Tenant;
import io.fluxfleet.config.GitLabGovernanceSettings;
import io.fluxfleet.config.GitLabGovernanceSettings.Edition;
import io.fluxfleet.gitlab.GitLabLookup.ProjectFacts;
import io.fluxfleet.gitlab.SeedFiles.Seed;
import io.fluxfleet.gitlab.bindings.Branch;
import io.fluxfleet.gitlab.bindings.BranchProtection;
import io.fluxfleet.gitlab.bindings.ProjectDeployToken;
import io.fluxfleet.gitlab.bindings.ProjectShareGroup;
import io.fluxfleet.gitlab.bindings.Provider;
import io.fluxfleet.gitlab.bindings.ProviderArgs;
import io.fluxfleet.gitlab.bindings.RepositoryFile;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
 * missing one created (on CE a protection only with the policy's access levels, which the provider cannot change in
 * place: {@link Preflight}). Whether each exists is read before anything is registered ({@link GitLabLookup}), because
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
 * {@link GroupShares#shares}); the others leave a group out of their rules until it is shared.
 *
 * <h2>Promotion</h2>
 * {@code dev} is created from the default branch and gets the seeds (of every environment); {@code preprod} is
 * created from {@code dev} and {@code prod} from {@code preprod}, and neither gets a commit of its own. With the
 * merge method {@code ff} and squashing off ({@link MergeChecks#SQUASH_OPTION}), every promotion merge request fast-forwards its
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
 *
 * <h2>Parts</h2>
 * Each capability reads on its own: {@link GroupShares} (which groups are shared and counted),
 * {@link BranchProtections} (the branch and its protection), {@link SeedCommits} (the seed files),
 * {@link ApprovalRules} (the approval rule), {@link MergeChecks} (merge method, pipeline gate and approval
 * settings) and {@link DeployTokens}; {@link GovernanceScope} is what they share. This class orders them per tenant.
 */
public final class GitLabGovernance extends ComponentResource {
    /** The role a shared group gets: the least with which its members' merge rights, approvals and code owner
     *  approvals count (GitLab requires Developer for each; see {@link GroupShares#shares}). */
    public static final String SHARE_ROLE = "developer";
    public static final String TYPE = "fluxfleet:gitlab:GitLabGovernance";
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

    /**
     * @param lookup  how facts about each project are read; {@link ProviderLookup} in a real run
     * @param today   the date the deploy-token expiry is computed from (UTC)
     * @param protect protect every child against {@code pulumi destroy} (prod without {@code allowDestroy})
     */
    public record Args(Environment environment, List<Tenant> tenants, GitLabGovernanceSettings settings,
                       ProviderResource provider, GitLabLookup lookup, LoggingContext log, LocalDate today,
                       boolean protect, io.fluxfleet.config.Layers layers, boolean governsPlatformProject,
                       Optional<SelfProject> selfProject) {
        public Args {
            tenants = List.copyOf(tenants);
            if (governsPlatformProject && !layers.fromPlatform()) {
                throw new IllegalArgumentException("no platform project to govern in the one-repository layout");
            }
        }

        /** fluxfleet's own project is the configured one ({@code gitlab.selfProject}), if any: no pipeline default. */
        public Args(Environment environment, List<Tenant> tenants, GitLabGovernanceSettings settings,
                    ProviderResource provider, GitLabLookup lookup, LoggingContext log, LocalDate today,
                    boolean protect, io.fluxfleet.config.Layers layers, boolean governsPlatformProject) {
            this(environment, tenants, settings, provider, lookup, log, today, protect, layers, governsPlatformProject,
                    SelfProject.resolve(settings.selfProject(), Optional.empty()));
        }

        /**
         * Governs the platform project too when the layers read it: the stack that owns it (a plain stack, or a
         * sharded environment's platform stack; never a shard).
         */
        public Args(Environment environment, List<Tenant> tenants, GitLabGovernanceSettings settings,
                    ProviderResource provider, GitLabLookup lookup, LoggingContext log, LocalDate today,
                    boolean protect, io.fluxfleet.config.Layers layers) {
            this(environment, tenants, settings, provider, lookup, log, today, protect, layers, layers.fromPlatform());
        }

        /** The one-repository layout ({@code layers.source: tenant}): only the tenants' projects are governed. */
        public Args(Environment environment, List<Tenant> tenants, GitLabGovernanceSettings settings,
                    ProviderResource provider, GitLabLookup lookup, LoggingContext log, LocalDate today,
                    boolean protect) {
            this(environment, tenants, settings, provider, lookup, log, today, protect,
                    io.fluxfleet.config.Layers.tenant(), false);
        }

        /**
         * Every project this stack governs: the tenants', then the platform project ({@code layers.project}) when
         * the cluster-admin layers read it. The platform project is governed like a tenant's, under the name
         * {@link io.fluxfleet.config.Layers#PLATFORM_KEY}, which no tenant may take then.
         */
        List<Tenant> governed() {
            List<Tenant> all = new ArrayList<>(tenants);
            if (governsPlatformProject) {
                layers.platformProject().ifPresent(all::add);
            }
            return all;
        }

        /** The arguments of a real run: the config's tenants and settings, lookups through {@code provider}. */
        public static Args of(FluxFleetConfig config, ProviderResource provider, LoggingContext log) {
            return new Args(config.environment(), config.tenants(), config.gitlab().governance(), provider,
                    new ProviderLookup(provider), log, LocalDate.now(ZoneOffset.UTC), config.protect(), config.layers());
        }
    }

    /** The deploy token a tenant's Flux reads its project with; {@code token} is a secret. */
    public record DeployTokenAccess(Output<String> username, Output<String> token) {}

    private final Args args;
    private final Map<String, DeployTokenAccess> deployTokens = new LinkedHashMap<>();
    private final Map<String, String> projectIds = new LinkedHashMap<>();
    private final Edition edition;
    private final GroupShares shares;
    private final BranchProtections protections;
    private final SeedCommits seeds;
    private final ApprovalRules approvals;
    private final MergeChecks mergeChecks;
    private final DeployTokens tokens;
    private final GovernanceScope scope;

    public GitLabGovernance(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        this.args = args;
        GitLabGovernanceSettings s = args.settings();
        this.edition = edition(s, args.lookup());
        GovernanceScope scope = new GovernanceScope(args, this, edition);
        this.scope = scope;
        this.shares = new GroupShares(scope);
        this.protections = new BranchProtections(scope, shares);
        this.seeds = new SeedCommits(scope);
        this.approvals = new ApprovalRules(scope, shares);
        this.mergeChecks = new MergeChecks(scope);
        this.tokens = new DeployTokens(scope);
        if (!s.tier().hasApprovals()) {
            args.log().warn("GitLab tier is free: approval rules, code-owner approval, allowed-to-merge users and"
                    + " groups and merge request approval settings are left out (set fluxfleet:gitlab.tier to premium"
                    + " or ultimate if the instance has them); branch protection, merge checks and the pipeline still"
                    + " apply. The seeded .gitlab/CODEOWNERS has no effect on Free: Code Owners is a Premium and"
                    + " Ultimate feature (doc/user/project/codeowners, \"Tier: Premium, Ultimate\").");
        }
        // Every project is read, and every problem found, before any GitLab resource is registered (Preflight).
        List<Preflight.Read> reads = new ArrayList<>();
        for (Tenant project : args.governed()) {
            reads.add(read(project, scope));
        }
        Preflight.check(scope, args.lookup(), reads);
        for (Preflight.Read read : reads) {
            govern(read.tenant(), read.effective());
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

    /**
     * The deploy token of {@code tenant} (or of the platform project, {@code Layers#platformProject}), when deploy
     * tokens are enabled and its project could be governed.
     */
    public Optional<DeployTokenAccess> deployToken(Tenant tenant) {
        return Optional.ofNullable(deployTokens.get(tenant.name()));
    }

    /** Reads one tenant's project and the protections that cover its environment branch. */
    private Preflight.Read read(Tenant tenant, GovernanceScope scope) {
        Environment env = args.environment();
        List<Seed> seedFiles = scope.seeds(tenant);
        // the seeds, and every place GitLab looks for a CODEOWNERS file (Preflight checks which one is in force)
        List<String> paths = new ArrayList<>(seedFiles.stream().map(Seed::path).toList());
        CodeOwnersLocations.FILE_PATHS.stream().filter(path -> !paths.contains(path)).forEach(paths::add);
        ProjectFacts facts = args.lookup().project(tenant.project(), env.branch(), sourceBranch(env), paths);
        return new Preflight.Read(tenant, facts, Preflight.covering(args.lookup(), facts, env.branch()));
    }

    private void govern(Tenant tenant, ProjectFacts facts) {
        Environment env = args.environment();
        GitLabGovernanceSettings s = args.settings();
        List<Seed> seedFiles = scope.seeds(tenant);
        String source = sourceBranch(env);
        projectIds.put(tenant.name(), facts.id());
        if (facts.emptyRepository()) {
            args.log().warn(tenant.project() + " has no commit yet, so fluxfleet cannot create its " + env.branch()
                    + " branch; push a first commit to the default branch and run up again.");
            return;
        }
        Map<String, ProjectShareGroup> groupShares = shares.shares(tenant, facts);
        if (!facts.branchExists() && !facts.sourceExists()) {
            args.log().warn(tenant.project() + " has no " + source + " branch yet, and " + env.branch() + " is created"
                    + " from it so that promotions fast-forward: run `pulumi up` on the " + source + " stack first,"
                    + " then this one again.");
        } else {
            branch(tenant, facts, seedFiles, groupShares);
        }
        mergeChecks.projectSettings(tenant, facts);
        if (s.deployToken().enabled()) {
            deployTokens.put(tenant.name(), tokens.token(tenant, facts));
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

    /** The branch, its seeds, its protection (after the seeds) and its approval rule, in that order. */
    private void branch(Tenant tenant, ProjectFacts facts, List<Seed> seedFiles, Map<String, ProjectShareGroup> groupShares) {
        Branch branch = protections.branch(tenant, facts);
        List<Resource> files = new ArrayList<>(seeds.seed(tenant, facts, branch, seedFiles));
        if (!facts.otherCodeowners().isEmpty()) {
            args.log().warn(tenant.project() + " has " + String.join(" and ", facts.otherCodeowners())
                    + ", which GitLab reads instead of .gitlab/CODEOWNERS: fluxfleet's code owners do not apply there.");
        }
        BranchProtection protection = protections.protect(tenant, facts, branch, files, groupShares);
        approvals.rule(tenant, facts, protection, groupShares);
    }

    private Output<Map<String, String>> collect(java.util.function.Function<DeployTokenAccess, Output<String>> field) {
        List<String> names = new ArrayList<>(deployTokens.keySet());
        List<Output<String>> values = names.stream().map(n -> field.apply(deployTokens.get(n))).toList();
        return io.fluxfleet.output.Outputs.all(values).applyValue(list -> {
            Map<String, String> map = new TreeMap<>();
            for (int i = 0; i < names.size(); i++) {
                map.put(names.get(i), list.get(i));
            }
            return map;
        });
    }
}
