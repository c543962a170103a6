package io.fluxfleet.config;


import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How a stack governs its environment branch in every tenant's GitLab project: the keys under
 * {@code fluxfleet:gitlab} besides {@code url}. Every default lives here, next to its key:
 *
 * <pre>
 * gitlab:
 *   token: {secure: ...}        # API token (secret); unset: the provider reads GITLAB_TOKEN
 *   edition: ce                 # ce | ee: the instance's edition (gitlab.com and every Premium/Ultimate instance
 *                               # is ee). Default: ee for premium/ultimate, else ce. A live run reads it from
 *                               # the instance and fails before any change when the declaration differs.
 *   tier: free                  # free | premium | ultimate: the licence. Approval rules, code owners, allowed-to-merge
 *                               # users/groups and MR approval settings need premium or ultimate (and so ee).
 *                               # With layers.source tenant, free is refused unless acceptTenantDrivenClusterAdmin
 *                               # (PlatformLayerGuard); with layers.source platform (the default) free is accepted.
 *   acceptTenantDrivenClusterAdmin: false  # layers.source tenant only; true: accept, on free, that tenant projects'
 *                               # Maintainers can merge clusters/ and shared/ (applied as cluster-admin); refused in
 *                               # strict environments
 *   approvals: 1                # approvals an MR into this environment's branch needs: Environment.approvals()
 *                               # (dev 1, preprod 2, prod 3)
 *   approvers:                  # who may approve (premium+; at least one group or user)
 *     groups: [your-org/platform-team]   # group full paths
 *     users: [alice]                     # usernames
 *   mergers:                    # who may merge besides maintainers (premium+); default: a strict environment's
 *                               # (prod's) the approvers, else none
 *     groups: []
 *     users: []
 *   unprotecters:               # who may unprotect the environment branch (ee premium+): default none, which
 *                               # pins GitLab's own default, the Maintainer role; set: only these groups/users
 *     groups: []                # (the token's user must be one of them: GitLab refuses it the protection otherwise)
 *     users: []
 *   teams:                      # CODEOWNERS owners, each a space-separated list of @group/sub, @user, @@role, e-mail
 *     platform: "@platform-team"
 *     devops: "@devops-team"
 *     security: "@security-team"
 *     qa: "@qa-team"
 *     dev: "@dev-team"
 *     app: "@app-team"
 *   mergeMethod: ff             # ff only: promotions fast-forward (rebase_merge would add a merge commit to the
 *                               # target that the next promotion's protected source lacks)
 *   projectSettings:
 *     mode: enforce             # enforce | report | off: how the project-wide MR settings are held
 *     owner: prod               # the one environment whose stack writes them and shares the groups (the others
 *                               # report); default: the last environment (Environment.last())
 *     sharedGroups: []          # groups shared into every tenant project besides the CODEOWNERS groups and the
 *                               # owner stack's approvers/mergers: list here every group another stack names
 *   deployToken:
 *     enabled: true             # a read_repository deploy token per tenant for this environment's Flux
 *     rotationMonths: 3         # 1-6: the token expires at the end of the rotation window after the current one
 *     expiresAt: 2027-06-30     # optional fixed expiry date instead of the rotation
 *   ci:                         # images of the seeded .gitlab-ci.yml, pinned
 *     kubectlImage: alpine/k8s:1.34.5
 *     kubeconformImage: ghcr.io/yannh/kubeconform:v0.7.0-alpine@sha256:8f0e...87b0
 *     trivyImage: aquasec/trivy:0.74.0
 *     fluxVersion: 2.8.5        # the Flux whose CRD schemas validate the repository (chart 2.18.3 runs Flux 2.8.5)
 *   selfProject: your-org/fluxfleet  # the project holding fluxfleet itself, whose pipeline runs `pulumi up`: `up` checks
 *                               # its pipeline variables, default branch protection and pipeline gate (SelfProject).
 *                               # Default: CI_PROJECT_PATH inside a GitLab pipeline (GITLAB_CI=true), else none (a
 *                               # local run, not checked)
 * </pre>
 *
 * Settings that shape files shared by all environment branches (teams, ci) must be the same in every stack, or
 * promotions between branches conflict: keep them identical in every stack file.
 */
public record GitLabGovernanceSettings(
        Optional<Secret> token,
        Optional<Edition> declaredEdition,
        Tier tier,
        int approvals,
        Principals approvers,
        Principals mergers,
        Teams teams,
        String mergeMethod,
        ProjectSettings projectSettings,
        DeployToken deployToken,
        Ci ci,
        Principals unprotecters,
        Optional<String> selfProject) {

    public static final int MAX_APPROVALS = 20;
    public static final int MAX_ROTATION_MONTHS = 6;
    /** Every default of the section, next to the bounds above; the per-environment ones are on {@link Environment}. */
    public static final Tier DEFAULT_TIER = Tier.FREE;
    public static final String DEFAULT_MERGE_METHOD = "ff";
    public static final Mode DEFAULT_MODE = Mode.ENFORCE;
    public static final boolean DEFAULT_DEPLOY_TOKEN_ENABLED = true;
    public static final int DEFAULT_ROTATION_MONTHS = 3;
    public static final String DEFAULT_KUBECTL_IMAGE = "alpine/k8s:1.34.5";
    public static final String DEFAULT_KUBECONFORM_IMAGE =
            "ghcr.io/yannh/kubeconform:v0.7.0-alpine@sha256:8f0eeaaa96ba27ba1500b0e4b1c215acc358d159c62a7ecae58d7a03403287b0";
    public static final String DEFAULT_TRIVY_IMAGE = "aquasec/trivy:0.74.0";
    public static final String DEFAULT_FLUX_VERSION = "2.8.5";
    /**
     * The merge methods fluxfleet accepts. GitLab requires the target to be an ancestor of the source under both
     * {@code ff} and {@code rebase_merge} ({@code MergeRequest#should_be_rebased?}: {@code ff_merge_must_be_possible?
     * && !ff_merge_possible?}, gitlabhq app/models/merge_request.rb); {@code rebase_merge} then adds a merge commit
     * to the target, which the next promotion's source (a protected environment branch) lacks, so that promotion
     * would need a rebase of a protected branch. Only {@code ff} promotes {@code dev -> preprod -> prod} without one
     * ({@code PromotionTest} proves both with real git).
     */
    public static final List<String> MERGE_METHODS = List.of(DEFAULT_MERGE_METHOD);

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    /**
     * A CODEOWNERS owner: {@code @user}, {@code @group/subgroup}, a role of direct project members ({@code @@developer},
     * {@code @@maintainer}, {@code @@owner}, plural accepted: gitlabhq doc/user/project/codeowners/reference.md, "Add
     * a role as a Code Owner": "Only Developer, Maintainer, and Owner roles are available ... @@developers is
     * accepted") or an e-mail address.
     */
    private static final Pattern OWNER = Pattern.compile("@[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*"
            + "|@@(developer|maintainer|owner)s?|[^@\\s]+@[^@\\s]+");
    private static final Pattern VERSION = Pattern.compile("[0-9]+\\.[0-9]+\\.[0-9]+");

    public GitLabGovernanceSettings {
        token = token == null ? Optional.empty() : token;
        unprotecters = unprotecters == null ? Principals.none() : unprotecters;
        selfProject = selfProject == null ? Optional.empty() : selfProject;
    }

    /**
     * The instance's edition: it decides which branch protection fields the provider accepts. The GitLab provider
     * (terraform-provider-gitlab v19, resource_gitlab_branch_protection.go, {@code ModifyPlan}) asks the metadata
     * API ({@code utils.IsRunningInEEContext}: {@code metadata.Enterprise}) and on EE refuses
     * {@code push_access_level}/{@code merge_access_level} ("Use `allowed_to_push` instead"), on CE refuses
     * {@code allowed_to_*} and {@code code_owner_approval_required} ("Enterprise license required"); see
     * docs/guides/version-19.0-upgrade.md, "Resource gitlab_branch_protection overhaul".
     */
    public enum Edition {
        CE, EE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The GitLab subscription tier of the instance: it decides which governance GitLab can enforce. */
    public enum Tier {
        FREE, PREMIUM, ULTIMATE;

        /** Approval rules, code-owner approval, allowed-to-merge lists and MR approval settings. */
        public boolean hasApprovals() {
            return this != FREE;
        }

        /** Code Owners and code-owner approval on protected branches: Premium and Ultimate only. */
        public boolean enforcesCodeOwners() {
            return this != FREE;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How the project-wide merge request settings are held. */
    public enum Mode {
        /** The owner stack adopts the project and keeps the settings. */
        ENFORCE,
        /** Differences are reported as warnings; nothing is written. */
        REPORT,
        /** Neither written nor checked. */
        OFF;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** GitLab groups (full paths) and users (usernames). */
    public record Principals(List<String> groups, List<String> users) {
        public Principals {
            groups = List.copyOf(groups);
            users = List.copyOf(users);
        }

        public static Principals none() {
            return new Principals(List.of(), List.of());
        }

        public boolean isEmpty() {
            return groups.isEmpty() && users.isEmpty();
        }
    }

    /** The teams of {@code gitlab.teams}: who owns which part of a GitOps repository in CODEOWNERS. */
    public enum Team {
        PLATFORM(Teams::platform), DEVOPS(Teams::devops), SECURITY(Teams::security), QA(Teams::qa), DEV(Teams::dev),
        APP(Teams::app);

        private final java.util.function.Function<Teams, List<String>> handles;

        Team(java.util.function.Function<Teams, List<String>> handles) {
            this.handles = handles;
        }

        /** The config key under {@code gitlab.teams}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The default owner: {@code @<key>-team}. */
        public String defaultHandle() {
            return "@" + key() + "-team";
        }
    }

    /** The CODEOWNERS owners of each part of a GitOps repository, each a list of handles. */
    public record Teams(List<String> platform, List<String> devops, List<String> security, List<String> qa,
                        List<String> dev, List<String> app) {
        public Teams {
            platform = List.copyOf(platform);
            devops = List.copyOf(devops);
            security = List.copyOf(security);
            qa = List.copyOf(qa);
            dev = List.copyOf(dev);
            app = List.copyOf(app);
        }

        /** The handles of one team. */
        public List<String> of(Team team) {
            return team.handles.apply(this);
        }
    }

    /**
     * @param mode  how the settings are held
     * @param owner the environment whose stack writes them: they are project-wide, and three stacks writing one
     *              object would undo each other whenever their configs differ
     */
    public record ProjectSettings(Mode mode, Environment owner, List<String> sharedGroups) {
        public ProjectSettings {
            sharedGroups = List.copyOf(sharedGroups);
        }

        public boolean writtenBy(Environment environment) {
            return mode == Mode.ENFORCE && owner == environment;
        }
    }

    /**
     * The edition this stack expects: the declared one, else ee for premium/ultimate (they only exist on EE) and ce
     * for free. A live run checks it against the instance ({@code gitlab.GitLabGovernance}).
     */
    public Edition edition() {
        return declaredEdition.orElse(tier.hasApprovals() ? Edition.EE : Edition.CE);
    }

    /** The CODEOWNERS owners that are groups: a handle with a subgroup path, or one named as a group elsewhere. */
    public List<String> codeOwnerGroups() {
        java.util.Set<String> known = new java.util.HashSet<>(projectSettings.sharedGroups());
        known.addAll(approvers.groups());
        known.addAll(mergers.groups());
        return codeOwnerGroups(known);
    }

    /**
     * The CODEOWNERS groups every stack identifies alike: a handle with a subgroup path, or one listed in
     * {@code projectSettings.sharedGroups} (identical in every stack file). A top-level handle that only this stack's
     * approvers or mergers name as a group is not one: another stack (the owner, which shares groups) reads it as
     * a user.
     */
    List<String> codeOwnerGroupsEveryStackAgreesOn() {
        return codeOwnerGroups(new java.util.HashSet<>(projectSettings.sharedGroups()));
    }

    private List<String> codeOwnerGroups(java.util.Set<String> known) {
        java.util.Set<String> groups = new java.util.TreeSet<>();
        for (List<String> team : List.of(teams.platform(), teams.devops(), teams.security(), teams.qa(), teams.dev(), teams.app())) {
            for (String handle : team) {
                if (handle.startsWith("@") && !handle.startsWith("@@")) {
                    String path = handle.substring(1);
                    if (path.contains("/") || known.contains(path)) {
                        groups.add(path);
                    }
                }
            }
        }
        return List.copyOf(groups);
    }

    /**
     * Every group shared into each tenant project, sorted: the CODEOWNERS groups, {@code projectSettings.sharedGroups}
     * and this stack's approver and merger groups. Written by the owner stack only.
     */
    public List<String> sharedGroups() {
        java.util.Set<String> groups = new java.util.TreeSet<>(codeOwnerGroups());
        groups.addAll(projectSettings.sharedGroups());
        groups.addAll(approvers.groups());
        groups.addAll(mergers.groups());
        groups.addAll(unprotecters.groups());
        return List.copyOf(groups);
    }

    /**
     * Every group shared into the platform project ({@code layers.project}), sorted: the platform team's groups (its
     * only code owners, {@code SeedFiles#platformCodeowners}) and the groups the config names for a branch's rules
     * (approvers, mergers, unprotecters, {@code projectSettings.sharedGroups}). The other teams' CODEOWNERS groups own
     * nothing there, and a share would make the tenant-side teams Developers of the project that holds every tenant's
     * cluster-admin layers (read access to all of them, branches, merge requests, pipelines). Written by the owner
     * stack only.
     */
    public List<String> platformProjectSharedGroups() {
        java.util.Set<String> groups = new java.util.TreeSet<>(projectSettings.sharedGroups());
        groups.addAll(approvers.groups());
        groups.addAll(mergers.groups());
        groups.addAll(unprotecters.groups());
        codeOwnerGroups().stream().filter(g -> teams.platform().contains("@" + g)).forEach(groups::add);
        return List.copyOf(groups);
    }

    /**
     * @param expiresAt a fixed expiry; empty: the rotation window decides
     */
    public record DeployToken(boolean enabled, int rotationMonths, Optional<LocalDate> expiresAt) {
        /**
         * The token's expiry: the fixed date, or the first day of the rotation window after the one following
         * {@code today}. Windows are {@code rotationMonths} long and counted from year 0, so every stack run in the
         * same window computes the same date (no change), the first run in a new window replaces the token, and a
         * token always has at least one whole window left.
         */
        public LocalDate expiry(LocalDate today) {
            if (expiresAt.isPresent()) {
                return expiresAt.get();
            }
            int month = today.getYear() * 12 + today.getMonthValue() - 1;
            int windowStart = Math.floorDiv(month, rotationMonths) * rotationMonths;
            int expiryMonth = windowStart + 2 * rotationMonths;
            return LocalDate.of(Math.floorDiv(expiryMonth, 12), Math.floorMod(expiryMonth, 12) + 1, 1);
        }
    }

    /** The pinned images and Flux version of the seeded validation pipeline. */
    public record Ci(String kubectlImage, String kubeconformImage, String trivyImage, String fluxVersion) {}

    /**
     * Reads the governance keys of the {@code gitlab} config object. Every problem is recorded on {@code f} under its
     * key; the caller reports unknown keys ({@link Fields#finish()}) and throws once.
     */
    public static GitLabGovernanceSettings parse(Fields f, Environment environment) {
        return parse(f, environment, Optional.of(Layers.tenant()));
    }

    /**
     * As {@link #parse(Fields, Environment)}, judging the tier against where the cluster-admin layers are read from
     * ({@code layers}; empty when that key is itself invalid, so the tier is not judged against a guessed layout).
     */
    public static GitLabGovernanceSettings parse(Fields f, Environment environment, Optional<Layers> layers) {
        Optional<Secret> token = f.secret("token");
        // an unknown tier is reported once, by parseEnum; the guard below then has no tier to judge
        Tier parsedTier = f.has("tier") ? parseEnum(f, "tier", Tier.class, null) : DEFAULT_TIER;
        Tier tier = parsedTier == null ? DEFAULT_TIER : parsedTier;
        // an unknown edition is reported once, by parseEnum, and then treated as not declared (null fallback), so no
        // second, false problem about ce and the tier follows from it
        Optional<Edition> edition = f.has("edition") ? Optional.ofNullable(parseEnum(f, "edition", Edition.class, null))
                : Optional.empty();
        if (edition.equals(Optional.of(Edition.CE)) && tier.hasApprovals()) {
            f.problem("edition", "is ce, but tier " + tier.id() + " only exists on GitLab EE (every licensed instance"
                    + " and gitlab.com run EE): set edition to ee, or tier to free");
        }
        if (parsedTier != null && layers.isPresent()) {
            PlatformLayerGuard.check(f, environment, tier, layers.get());
        } else {
            f.bool(PlatformLayerGuard.ACCEPT_KEY, PlatformLayerGuard.DEFAULT_ACCEPT);
        }

        int approvals = f.integer("approvals", environment.approvals(), 1, MAX_APPROVALS);

        Principals approvers = principals(f.object("approvers"));
        boolean mergersSet = f.has("mergers");
        Principals mergers = principals(f.object("mergers"));
        if (!mergersSet) {
            mergers = environment.approversMergeByDefault() ? approvers : Principals.none();
        }
        if (tier.hasApprovals() && approvers.isEmpty()) {
            f.problem("approvers", "is required on GitLab " + tier.id() + ": at least one group in "
                    + f.key("approvers") + ".groups or user in " + f.key("approvers") + ".users (an approval rule"
                    + " without eligible approvers does not hold merges back)");
        } else if (tier.hasApprovals() && approvers.groups().isEmpty() && approvals >= approvers.users().size()) {
            // gitlab-org/gitlab ee/app/models/approval_wrapped_rule.rb: invalid_rule? is "!any_approver? &&
            // approvals_required > approvers.size", and approved? is "approvals_left <= 0 || (invalid_rule? &&
            // allow_merge_when_invalid?)", true for a rule no security policy made (!117557: "marked as invalid and
            // automatically approved"). Only the rule's own approvers count toward it (approved_approvers), so the
            // docs' "approvals from other users with at least the Developer role ... count" does not fill such a rule.
            // Its approvers are less the merge request's author (ApprovalState#filter_author, "users -
            // [merge_request.author]", as mergeRequestsAuthorApproval is false), and any approver may author, so the
            // named users must exceed the count by one (issue 20, change-path row approver-authors-exact-rule).
            int named = approvers.users().size();
            f.problem("approvals", "is " + approvals + ", but " + f.key("approvers") + " names only " + named
                    + " user(s) and no group: the author cannot approve, so GitLab needs one eligible approver more"
                    + " than the count; a merge request opened by one of them leaves the rule short, and GitLab marks"
                    + " it invalid and approves it automatically, so it would hold nothing. Name more approvers (at"
                    + " least " + (approvals + 1) + " in " + f.key("approvers") + ".users, or a group in "
                    + f.key("approvers") + ".groups)" + (named > 1 ? ", or lower it: `pulumi config set --path"
                    + " gitlab.approvals " + (named - 1) + "`" : ""));
        }

        boolean unprotectersSet = f.has("unprotecters");
        Principals unprotecters = principals(f.object("unprotecters"));
        if (unprotectersSet && !unprotecters.isEmpty() && !tier.hasApprovals()) {
            // gitlabhq ee/app/policies/ee/protected_branch_policy.rb: unprotect restrictions apply only with the
            // licensed feature unprotection_restrictions; without it every Maintainer can unprotect
            f.problem("unprotecters", "needs GitLab premium or ultimate (restricting who may unprotect is a licensed"
                    + " feature; on " + tier.id() + " every Maintainer can unprotect): set gitlab.tier, or remove it");
        }
        Teams teams = teams(f.object("teams"));
        String mergeMethod = f.checked("mergeMethod", DEFAULT_MERGE_METHOD, v -> MERGE_METHODS.contains(v) ? Optional.empty()
                : Optional.of(Shown.quoted(v) + " cannot promote " + Environment.ids(" -> ") + ": "
                + (v.equals("rebase_merge") ? "each promotion adds a merge commit to the target branch, so the next"
                + " promotion needs a rebase of the protected source branch, which GitLab refuses"
                : "it does not require an up-to-date branch, so a merge is not what its pipeline tested")
                + "; expected " + String.join(" or ", MERGE_METHODS)));

        Fields ps = f.object("projectSettings");
        Mode mode = ps.has("mode") ? parseEnum(ps, "mode", Mode.class, DEFAULT_MODE) : DEFAULT_MODE;
        Environment owner = Environment.last();
        Optional<String> ownerValue = ps.optionalString("owner");
        if (ownerValue.isPresent()) {
            owner = Environment.parse(ownerValue.get()).orElse(owner);
            if (Environment.parse(ownerValue.get()).isEmpty()) {
                ps.problem("owner", "unknown environment " + Shown.quoted(ownerValue.get()) + ": expected "
                        + Environment.choices());
            }
        }
        List<String> sharedGroups = groupPaths(ps, "sharedGroups");
        ps.finish();

        Fields dt = f.object("deployToken");
        boolean enabled = dt.bool("enabled", DEFAULT_DEPLOY_TOKEN_ENABLED);
        int rotationMonths = dt.integer("rotationMonths", DEFAULT_ROTATION_MONTHS, 1, MAX_ROTATION_MONTHS);
        Optional<LocalDate> expiresAt = Optional.empty();
        Optional<String> expiresValue = dt.optionalString("expiresAt");
        if (expiresValue.isPresent()) {
            expiresAt = Validators.date(expiresValue.get());
            if (expiresAt.isEmpty()) {
                dt.problem("expiresAt", Shown.quoted(expiresValue.get()) + " is not a date such as 2027-06-30");
            } else if (!expiresAt.get().isAfter(dt.today())) {
                // An error, not a warning: a token that expired authenticates nothing (GitLab counts an expired
                // deploy token as inactive), so every tenant's Flux would stop pulling at once.
                dt.problem("expiresAt", Shown.quoted(expiresValue.get()) + " is not in the future (today is "
                        + dt.today() + " UTC): the deploy token would be created expired and Flux could not read"
                        + " the repositories; give a later date, or remove the key to rotate automatically");
                expiresAt = Optional.empty();
            }
        }
        dt.finish();

        Fields ci = f.object("ci");
        String kubectl = ci.checked("kubectlImage", DEFAULT_KUBECTL_IMAGE, Validators::pinnedImage);
        String kubeconform = ci.checked("kubeconformImage", DEFAULT_KUBECONFORM_IMAGE, Validators::pinnedImage);
        String trivy = ci.checked("trivyImage", DEFAULT_TRIVY_IMAGE, Validators::pinnedImage);
        String fluxVersion = ci.checked("fluxVersion", DEFAULT_FLUX_VERSION, v -> VERSION.matcher(v).matches()
                ? Optional.empty() : Optional.of(Shown.quoted(v) + " is not an exact Flux version such as 2.8.5 (no 'v')"));
        ci.finish();
        Optional<String> selfProject = f.optionalString("selfProject");
        selfProject.flatMap(Validators::projectPath).ifPresent(message -> f.problem("selfProject", message));

        GitLabGovernanceSettings settings = new GitLabGovernanceSettings(token, edition, tier, approvals, approvers,
                mergers, teams, mergeMethod, new ProjectSettings(mode, owner, sharedGroups),
                new DeployToken(enabled, rotationMonths, expiresAt), new Ci(kubectl, kubeconform, trivy, fluxVersion),
                unprotecters, selfProject);
        if (mode != Mode.OFF && tier.hasApprovals()) {
            // The owner stack shares the groups; it sees only its own approvers and mergers, so a group another
            // stack names must be one every stack agrees on: a CODEOWNERS group or a projectSettings.sharedGroups entry.
            java.util.Set<String> agreed = new java.util.HashSet<>(settings.codeOwnerGroupsEveryStackAgreesOn());
            agreed.addAll(sharedGroups);
            for (String kind : List.of("approvers", "mergers", "unprotecters")) {
                Principals p = kind.equals("approvers") ? approvers : kind.equals("mergers") ? mergers : unprotecters;
                if (!mergersSet && kind.equals("mergers")) {
                    continue;
                }
                List<String> missing = p.groups().stream().filter(g -> !agreed.contains(g)).toList();
                if (!missing.isEmpty()) {
                    f.problem(kind + ".groups", String.join(", ", missing) + " must also be in "
                            + ps.key("sharedGroups") + " (identical in every stack file) or a CODEOWNERS group:"
                            + " GitLab counts a group's approvals and merges only once the project is shared with it,"
                            + " and only the " + owner.id() + " stack shares groups");
                }
            }
        }
        return settings;
    }

    private static List<String> groupPaths(Fields f, String name) {
        List<String> groups = new ArrayList<>();
        List<String> raw = f.strings(name);
        for (int i = 0; i < raw.size(); i++) {
            String g = raw.get(i);
            Optional<String> problem = Validators.groupPath(g);
            String key = name + "[" + i + "]";
            problem.ifPresent(msg -> f.problem(key, msg));
            if (problem.isEmpty()) {
                groups.add(g);
            }
        }
        return groups;
    }

    private static Principals principals(Fields f) {
        List<String> groups = groupPaths(f, "groups");
        List<String> users = new ArrayList<>();
        List<String> rawUsers = f.strings("users");
        for (int i = 0; i < rawUsers.size(); i++) {
            String u = rawUsers.get(i);
            if (USERNAME.matcher(u).matches()) {
                users.add(u);
            } else {
                f.problem("users[" + i + "]", Shown.quoted(u) + " is not a GitLab username (without '@')");
            }
        }
        f.finish();
        return new Principals(groups, users);
    }

    private static Teams teams(Fields f) {
        Teams teams = new Teams(team(f, Team.PLATFORM), team(f, Team.DEVOPS), team(f, Team.SECURITY), team(f, Team.QA),
                team(f, Team.DEV), team(f, Team.APP));
        f.finish();
        return teams;
    }

    private static List<String> team(Fields f, Team team) {
        String name = team.key();
        String value = f.string(name, team.defaultHandle());
        List<String> handles = Arrays.stream(value.trim().split("\\s+")).toList();
        List<String> bad = handles.stream().filter(h -> !OWNER.matcher(h).matches()).toList();
        if (!bad.isEmpty()) {
            f.problem(name, bad.stream().map(h -> Shown.quoted(h)).collect(Collectors.joining(", "))
                    + " is not a CODEOWNERS owner: use @user, @group/subgroup, @@developer, @@maintainer, @@owner"
                    + " or an e-mail address, separated by spaces");
            return List.of(team.defaultHandle());
        }
        return handles;
    }

    private static <E extends Enum<E>> E parseEnum(Fields f, String name, Class<E> type, E fallback) {
        Optional<String> value = f.optionalString(name);
        if (value.isEmpty()) {
            return fallback;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().toLowerCase(Locale.ROOT).equals(value.get())) {
                return e;
            }
        }
        f.problem(name, "unknown " + name + " " + Shown.quoted(value.get()) + ": expected " + Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        return fallback;
    }
}
