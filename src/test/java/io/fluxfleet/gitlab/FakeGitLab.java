package io.fluxfleet.gitlab;

import com.pulumi.resources.CustomResourceOptions;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A GitLab instance for the mock engine: projects with branches, protections (exact and wildcard), files, merge
 * settings, shared groups and members; groups and users. {@link #mocks()} answers the provider's data sources from it,
 * gives created resources the IDs the provider would, and refuses what the provider or GitLab refuses on this kind of
 * instance ({@link Kind}); {@link #apply} plays a run's resources back into it, as a real {@code pulumi up} would leave
 * GitLab, so the next run can be checked against the first. {@link #engineRefusals} is the Pulumi engine's own rule
 * about protected resources between two runs.
 *
 * <p>Each rule names its upstream source. The provider is terraform-provider-gitlab v19 (under pulumi-gitlab v10.1.1),
 * GitLab is gitlabhq/gitlabhq. GitLab's own rules live as tables and functions in {@link FakeGitLabRules}; the ones a
 * test asks about directly, each run on CE, EE without a licence and EE Premium by {@code FakeGitLabTest}:
 * <ul>
 *   <li>approval endpoints: 404 on CE (not mounted), 403 on unlicensed EE, accepted on Premium;</li>
 *   <li>approval rules naming an unshared group: accepted, the group counts for nothing;</li>
 *   <li>who may approve ({@link #eligibleApprovers}): named users by any membership, an approver group's direct
 *       members once it is shared; a rule that cannot be met is approved automatically ({@link #autoApproved});</li>
 *   <li>share roles: what the provider lets through and what GitLab stores;</li>
 *   <li>the engine's refusal to replace an adopted (imported) CE protection whose access levels differ;</li>
 *   <li>wildcard and group-level protections ({@link FakeProject#wildcard(String, String, String)}), also over a
 *       branch that does not exist yet, the most permissive one winning ({@link FakeProject#canPush});</li>
 *   <li>CODEOWNERS owners, role owners included ({@link #codeOwnerUsers});</li>
 *   <li>membership as the provider's data sources list it: a project's direct members, or with {@code inherited}
 *       its members through parent groups too ({@link FakeProject#inheritedMember}); a group's direct members; the
 *       token's user ({@link #token}, else {@link #DEFAULT_TOKEN_USER}). Members of a group shared with the project
 *       are not listed as project members here: fluxfleet judges a share by its role.</li>
 * </ul>
 * Members: {@link FakeProject#member} (any membership), {@link FakeProject#directMember} (with a role),
 * {@link #groupMember} (a group's direct members).
 */
final class FakeGitLab {
    static final String BRANCH = "gitlab:index/branch:Branch";
    static final String PROTECTION = "gitlab:index/branchProtection:BranchProtection";
    static final String FILE = "gitlab:index/repositoryFile:RepositoryFile";
    static final String RULE = "gitlab:index/projectApprovalRule:ProjectApprovalRule";
    static final String PROJECT = "gitlab:index/project:Project";
    static final String MR_APPROVALS = "gitlab:index/projectLevelMrApprovals:ProjectLevelMrApprovals";
    static final String DEPLOY_TOKEN = "gitlab:index/projectDeployToken:ProjectDeployToken";
    static final String SHARE = "gitlab:index/projectShareGroup:ProjectShareGroup";

    static final String PROTECTED_BRANCHES = "gitlab:index/getProjectProtectedBranches:getProjectProtectedBranches";
    static final String PROJECT_MEMBERSHIP = "gitlab:index/getProjectMembership:getProjectMembership";
    static final String GROUP_MEMBERSHIP = "gitlab:index/getGroupMembership:getGroupMembership";
    static final String CURRENT_USER = "gitlab:index/getCurrentUser:getCurrentUser";
    /** The token's user when a test does not name one ({@link #token}). */
    static final String DEFAULT_TOKEN_USER = "fluxfleet-bot";

    /** GitLab's role numbers: {@link FakeGitLabRules#ACCESS}. */
    static final Map<String, Integer> ACCESS = FakeGitLabRules.ACCESS;

    /**
     * The three kinds of instance fluxfleet must work on. The edition is what the metadata API reports
     * ({@code enterprise}); the licence decides the Premium features. An unlicensed EE is edition ee with the features
     * of Free.
     */
    enum Kind {
        CE_FREE(false, false), EE_UNLICENSED(true, false), EE_PREMIUM(true, true);

        final boolean enterprise;
        final boolean licensed;

        Kind(boolean enterprise, boolean licensed) {
            this.enterprise = enterprise;
            this.licensed = licensed;
        }

        /** The {@code gitlab.edition} and {@code gitlab.tier} a stack for this instance declares. */
        String edition() {
            return enterprise ? "ee" : "ce";
        }

        String tier() {
            return licensed ? "premium" : "free";
        }
    }

    static final class FakeProject {
        final String id;
        final String path;
        String defaultBranch = "main";
        boolean empty;
        String mergeMethod = "merge";
        boolean pipelineMustSucceed;
        boolean discussionsMustBeResolved;
        boolean mergeOnSkippedPipeline;
        /**
         * The CI/CD settings GitLab shows a Maintainer ({@link SelfProject}): a project from before GitLab 17.7's
         * secure defaults lets Developers set pipeline variables (role {@code developer}, not restricted).
         */
        String pipelineVariablesRole = "developer";
        boolean restrictUserDefinedVariables;
        /** GitLab's default for a new project: squashing allowed, off unless the author ticks it. */
        String squashOption = "default_off";
        /** Branch name to protected by its own (exact) protection. */
        final Map<String, Boolean> branches = new LinkedHashMap<>();
        /** Exact-name protections: push, merge (role levels), force push, code owner approval. */
        final Map<String, Map<String, Object>> protections = new HashMap<>();
        /** Wildcard (or group-level) protection patterns such as {@code pr*d}. */
        final List<String> wildcards = new ArrayList<>();
        /** Each wildcard's push and merge levels (GitLab's defaults for a new protection: maintainers). */
        final Map<String, Map<String, Object>> wildcardLevels = new HashMap<>();
        /** Direct members by username and role number: the only members an approval rule or role owner counts. */
        final Map<String, Integer> directMembers = new TreeMap<>();
        /** Members through a parent group, by username and role number (GET /projects/:id/members/all lists them). */
        final Map<String, Integer> inheritedMembers = new TreeMap<>();
        /** Approval rules as applied: name to users, groups, approvals required and the protected branches. */
        final Map<String, ApprovalRule> approvalRules = new TreeMap<>();
        /** Branch name to path to content. */
        final Map<String, Map<String, String>> files = new HashMap<>();
        /** Group full path to the role its share grants. */
        final Map<String, Integer> shares = new TreeMap<>();
        /**
         * Usernames of the project's members. GitLab's {@code protected_ref_project.member?(user)} is
         * {@code ProjectTeam#member?}: "authorized for this project" by any membership (direct, a parent group's, a
         * shared group's); the fake has no group membership, so list every such user here.
         */
        final Set<String> members = new HashSet<>();

        FakeProject(String id, String path) {
            this.id = id;
            this.path = path;
            // A new project's default branch is fully protected: maintainers push and merge (doc/user/project/
            // repository/branches/default.md, "Default branch protection", the instance default "Fully protected").
            branches.put("main", true);
            protections.put("main", Map.of("push", "maintainer", "merge", "maintainer", "force", false, "codeOwners", false));
            file("main", "README.md", "# GitOps\n");
        }

        FakeProject file(String branch, String path, String content) {
            files.computeIfAbsent(branch, b -> new TreeMap<>()).put(path, content);
            return this;
        }

        FakeProject branch(String name, boolean isProtected) {
            return branch(name, defaultBranch, isProtected);
        }

        /** A branch created from {@code from}: it starts with its files. */
        FakeProject branch(String name, String from, boolean isProtected) {
            branches.put(name, isProtected);
            if (isProtected) {
                protect(name, "maintainer", "maintainer", false, false);
            }
            files.computeIfAbsent(name, b -> new TreeMap<>(files.getOrDefault(from, Map.of())));
            return this;
        }

        /** GitLab's defaults when a branch is protected by hand: maintainers push and merge. */
        FakeProject protect(String branch, String push, String merge, boolean force, boolean codeOwners) {
            branches.put(branch, true);
            protections.put(branch, Map.of("push", push, "merge", merge, "force", force, "codeOwners", codeOwners));
            return this;
        }

        FakeProject wildcard(String pattern) {
            return wildcard(pattern, "maintainer", "maintainer");
        }

        /** A wildcard or group-level protection with its push and merge levels ({@code no one}, {@code developer}, ...). */
        FakeProject wildcard(String pattern, String push, String merge) {
            wildcards.add(pattern);
            wildcardLevels.put(pattern, Map.of("push", push, "merge", merge));
            return this;
        }

        /** A direct member of the project with {@code role} (also a member for {@link #member}'s purpose). */
        FakeProject directMember(String username, String role) {
            directMembers.put(username, ACCESS.get(role));
            members.add(username);
            return this;
        }

        /** A member through a parent group with {@code role}: not a direct member (also a member for {@link #member}). */
        FakeProject inheritedMember(String username, String role) {
            inheritedMembers.put(username, ACCESS.get(role));
            members.add(username);
            return this;
        }

        /** Every protection covering a branch name: exact ones and wildcards, by name. */
        Map<String, Map<String, Object>> allProtections() {
            Map<String, Map<String, Object>> all = new TreeMap<>(wildcardLevels);
            all.putAll(protections);
            return all;
        }

        /** Whether a user with {@code role} may push to {@code branch} ({@link FakeGitLabRules#allowed}). */
        boolean canPush(String branch, String role) {
            return FakeGitLabRules.allowed(allProtections(), branch, "push", ACCESS.get(role));
        }

        boolean canMerge(String branch, String role) {
            return FakeGitLabRules.allowed(allProtections(), branch, "merge", ACCESS.get(role));
        }

        FakeProject share(String group, String role) {
            shares.put(group, ACCESS.get(role));
            return this;
        }

        FakeProject member(String username) {
            members.add(username);
            return this;
        }

        FakeProject mergeSettings(String method, boolean pipeline, boolean discussions, boolean skipped) {
            mergeMethod = method;
            pipelineMustSucceed = pipeline;
            discussionsMustBeResolved = discussions;
            mergeOnSkippedPipeline = skipped;
            return this;
        }

        /** {@code ci_pipeline_variables_minimum_override_role} and {@code restrict_user_defined_variables}. */
        FakeProject pipelineVariables(String role, boolean restricted) {
            pipelineVariablesRole = role;
            restrictUserDefinedVariables = restricted;
            return this;
        }

        FakeProject squash(String option) {
            squashOption = option;
            return this;
        }

        boolean isProtected(String branch) {
            return Boolean.TRUE.equals(branches.get(branch))
                    || wildcards.stream().anyMatch(w -> FakeGitLabRules.matches(w, branch));
        }
    }

    /** An approval rule as GitLab stores it: it keeps an unshared group, which then counts for nothing. */
    record ApprovalRule(List<String> users, List<String> groups, int required, List<Integer> protectedBranchIds) {}

    final Kind kind;
    /** Group full path to its direct members (username to role number). */
    final Map<String, Map<String, Integer>> groupMembers = new HashMap<>();
    private final Map<String, FakeProject> byPath = new LinkedHashMap<>();
    private final Map<String, Integer> groups = new HashMap<>();
    private final Map<String, Integer> users = new HashMap<>();
    /** Users an administrator blocked: still listed as members, with the user's state (see {@link #block}). */
    private final java.util.Set<String> blocked = new java.util.HashSet<>();
    /** Protection IDs by {@code <project>:<branch>}: GitLab keeps one per protected branch. */
    private final Map<String, Integer> protectionIds = new HashMap<>();
    /** Every message the fake wrote while answering; tests check that no secret is in it. */
    final List<String> log = new ArrayList<>();

    FakeGitLab(Kind kind) {
        this.kind = kind;
    }

    FakeGitLab() {
        this(Kind.EE_PREMIUM);
    }

    FakeProject project(String id, String path) {
        return byPath.computeIfAbsent(path, p -> new FakeProject(id, path));
    }

    FakeGitLab group(String fullPath, int id) {
        groups.put(fullPath, id);
        return this;
    }

    /**
     * Blocks {@code username}: the membership APIs still list them, with {@code state: blocked} (the user's state,
     * gitlab-org/gitlab#536550: blocked members are listed and can be filtered out), and GitLab counts them as no
     * rule's approver (ee/app/models/concerns/approval_rule_like.rb: "approvers ||=
     * filter_inactive_approvers(with_role_approvers)", {@code with_state(:active)}).
     */
    FakeGitLab block(String username) {
        blocked.add(username);
        return this;
    }

    FakeGitLab user(String username, int id) {
        users.put(username, id);
        return this;
    }

    /** {@code username} a direct member of {@code group} with {@code role}. */
    FakeGitLab groupMember(String group, String username, String role) {
        groupMembers.computeIfAbsent(group, g -> new TreeMap<>()).put(username, ACCESS.get(role));
        return this;
    }

    /**
     * Who can approve a merge request into {@code branch} of {@code path} by the approval rules that cover it
     * ({@link FakeGitLabRules#eligibleApprovers}), less the author and, with committers' approval disabled (as
     * fluxfleet sets it), the committers. Without a covering rule (or without a licence): empty.
     */
    Set<String> eligibleApprovers(String path, String branch, String author, Set<String> committers) {
        Set<String> eligible = new java.util.TreeSet<>();
        coveringRules(path, branch).forEach(rule -> eligible.addAll(eligibleFor(path, rule, author, committers)));
        return eligible;
    }

    /**
     * Whether a covering rule is invalid for such a merge request and therefore approved automatically
     * ({@link FakeGitLabRules#invalidAndAutoApproved}): the rule then holds nothing.
     */
    boolean autoApproved(String path, String branch, String author, Set<String> committers) {
        return coveringRules(path, branch).stream().anyMatch(rule -> FakeGitLabRules.invalidAndAutoApproved(
                eligibleFor(path, rule, author, committers), rule.required()));
    }

    private List<ApprovalRule> coveringRules(String path, String branch) {
        FakeProject p = byPath.get(path);
        Integer protectionId = protectionIds.get(p.id + ":" + branch);
        return p.approvalRules.values().stream()
                .filter(rule -> protectionId != null && rule.protectedBranchIds().contains(protectionId)).toList();
    }

    private Set<String> eligibleFor(String path, ApprovalRule rule, String author, Set<String> committers) {
        FakeProject p = byPath.get(path);
        Set<String> eligible = new java.util.TreeSet<>(FakeGitLabRules.eligibleApprovers(rule.users(), rule.groups(),
                p.members, p.shares, groupMembers));
        eligible.remove(author);
        eligible.removeAll(committers);
        eligible.removeAll(blocked); // filter_inactive_approvers (see #block)
        return eligible;
    }

    /** The users a CODEOWNERS handle stands for on {@code path} ({@link FakeGitLabRules#codeOwnerUsers}); Free: none. */
    Set<String> codeOwnerUsers(String path, String handle) {
        if (!kind.licensed) {
            return Set.of();
        }
        FakeProject p = byPath.get(path);
        return FakeGitLabRules.codeOwnerUsers(handle, p.directMembers, p.shares, groupMembers);
    }

    /**
     * The provider token's identity: a Maintainer of every project (README, "GitLab token scopes"), its username and
     * the groups it is a member of. Unset: not modelled, the unprotect rule below is not checked.
     */
    private String tokenUser;
    private final java.util.Set<String> tokenGroups = new java.util.HashSet<>();

    FakeGitLab token(String username, String... memberOf) {
        tokenUser = username;
        tokenGroups.addAll(List.of(memberOf));
        return this;
    }

    /**
     * Whether a user with {@code role} in the project and member of {@code memberOf} may unprotect a branch whose
     * protection carries {@code allowedToUnprotects} (the provider's entries: {@code accessLevel}, {@code userId},
     * {@code groupId}), by {@link FakeGitLabRules#canUnprotect}.
     */
    boolean canUnprotect(List<?> allowedToUnprotects, String username, String role, Set<String> memberOf) {
        List<FakeGitLabRules.AccessEntry> entries = allowedToUnprotects.stream().map(e -> (Map<?, ?>) e)
                .map(e -> new FakeGitLabRules.AccessEntry(e.get("accessLevel") == null ? null : String.valueOf(e.get("accessLevel")),
                        e.get("userId") == null ? null : userName(e.get("userId")),
                        e.get("groupId") == null ? null : groupPath(e.get("groupId")))).toList();
        return FakeGitLabRules.canUnprotect(entries, username, ACCESS.get(role), memberOf);
    }

    /**
     * Whether a merge request into {@code branch} by {@code author} with {@code approvals} meets every approval rule
     * that covers the branch: each rule either counts {@code required} approvals from its eligible approvers
     * ({@link #eligibleApprovers}'s rule, per rule) or is invalid and approved automatically
     * ({@link FakeGitLabRules#invalidAndAutoApproved}). No covering rule: nothing to meet.
     */
    boolean approved(String path, String branch, String author, Set<String> committers, Set<String> approvals) {
        return coveringRules(path, branch).stream().allMatch(rule -> {
            Set<String> eligible = eligibleFor(path, rule, author, committers);
            return FakeGitLabRules.invalidAndAutoApproved(eligible, rule.required())
                    || eligible.stream().filter(approvals::contains).count() >= rule.required();
        });
    }

    private FakeProject byId(Object id) {
        return byPath.values().stream().filter(p -> p.id.equals(String.valueOf(id))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("404 Project Not Found: " + id));
    }

    private String groupPath(Object id) {
        return groups.entrySet().stream().filter(e -> Objects.equals(e.getValue(), id)).map(Map.Entry::getKey)
                .findFirst().orElse("group " + id);
    }

    private String userName(Object id) {
        return users.entrySet().stream().filter(e -> Objects.equals(e.getValue(), id)).map(Map.Entry::getKey)
                .findFirst().orElse("user " + id);
    }

    GitLabMocks mocks() {
        return new GitLabMocks()
                // Every output the v10.1.1 schema marks required, kas included (the binding reads four of them).
                .invoke("gitlab:index/getMetadata:getMetadata", a -> Map.of("id", "1", "enterprise", kind.enterprise,
                        "version", "18.6.0" + (kind.enterprise ? "-ee" : ""), "revision", "abc",
                        "kas", Map.of("enabled", true, "externalUrl", "wss://kas.gitlab.example.com", "version", "18.6.0")))
                .invoke("gitlab:index/getProject:getProject", a -> {
                    FakeProject p = byPath.get(String.valueOf(a.get("pathWithNamespace")));
                    if (p == null) {
                        throw new IllegalArgumentException("404 Project Not Found");
                    }
                    Map<String, Object> r = new HashMap<>();
                    r.put("id", p.id);
                    r.put("pathWithNamespace", p.path);
                    r.put("emptyRepo", p.empty);
                    if (!p.empty) {
                        r.put("defaultBranch", p.defaultBranch);
                    }
                    r.put("mergeMethod", p.mergeMethod);
                    r.put("onlyAllowMergeIfPipelineSucceeds", p.pipelineMustSucceed);
                    r.put("onlyAllowMergeIfAllDiscussionsAreResolved", p.discussionsMustBeResolved);
                    r.put("allowMergeOnSkippedPipeline", p.mergeOnSkippedPipeline);
                    r.put("squashOption", p.squashOption);
                    r.put("ciPipelineVariablesMinimumOverrideRole", p.pipelineVariablesRole);
                    r.put("restrictUserDefinedVariables", p.restrictUserDefinedVariables);
                    // Some of the many outputs the binding does not read: the answer carries them too.
                    r.put("visibility", "private");
                    r.put("archived", false);
                    r.put("topics", List.of());
                    List<Map<String, Object>> shared = new ArrayList<>();
                    p.shares.forEach((group, level) -> shared.add(Map.of("groupId", groups.getOrDefault(group, 0),
                            "groupFullPath", group, "groupName", group.substring(group.lastIndexOf('/') + 1),
                            "groupAccessLevel", level, "groupAccessLevelName", String.valueOf(level))));
                    r.put("sharedWithGroups", shared);
                    return r;
                })
                .invoke("gitlab:index/getProjectBranches:getProjectBranches", a -> {
                    FakeProject p = byId(a.get("project"));
                    String regex = String.valueOf(a.getOrDefault("regex", ".*"));
                    List<Map<String, Object>> list = new ArrayList<>();
                    p.branches.keySet().forEach(name -> {
                        if (name.matches(regex)) {
                            list.add(Map.of("name", name, "protected", p.isProtected(name),
                                    "default", name.equals(p.defaultBranch)));
                        }
                    });
                    return Map.of("id", p.id, "project", p.id, "branches", list);
                })
                .invoke("gitlab:index/getProjectProtectedBranch:getProjectProtectedBranch", a -> {
                    FakeProject p = byId(a.get("projectId"));
                    Map<String, Object> protection = p.protections.get(String.valueOf(a.get("name")));
                    if (protection == null) {
                        // A branch only a wildcard or group-level rule covers has no protection of its exact name
                        // (GET /projects/:id/protected_branches/:name -> 404 Not found).
                        throw new IllegalArgumentException("404 Not found");
                    }
                    return Map.of("name", a.get("name"), "projectId", p.id,
                            "pushAccessLevels", List.of(Map.of("accessLevel", protection.get("push"))),
                            "mergeAccessLevels", List.of(Map.of("accessLevel", protection.get("merge")),
                                    Map.of("accessLevel", "maintainer", "groupId", 11)),
                            "allowForcePush", protection.get("force"),
                            "codeOwnerApprovalRequired", protection.get("codeOwners"));
                })
                .invoke(PROTECTED_BRANCHES, a -> {
                    // GET /projects/:id/protected_branches lists the project's and its groups' protections
                    // (app/finders/protected_branches_finder.rb: "project_or_group.all_protected_branches"), wildcard
                    // names as they were entered.
                    FakeProject p = byId(a.get("projectId"));
                    List<Map<String, Object>> list = new ArrayList<>();
                    p.allProtections().forEach((name, levels) -> list.add(Map.of("name", name, "id", 900 + list.size(),
                            "pushAccessLevels", List.of(Map.of("accessLevel", levels.get("push"))),
                            "mergeAccessLevels", List.of(Map.of("accessLevel", levels.get("merge"))),
                            "allowForcePush", Boolean.TRUE.equals(levels.get("force")),
                            "codeOwnerApprovalRequired", Boolean.TRUE.equals(levels.get("codeOwners")))));
                    return Map.of("id", Integer.parseInt(p.id), "projectId", p.id, "protectedBranches", list);
                })
                .invoke("gitlab:index/getRepositoryTree:getRepositoryTree", a -> {
                    FakeProject p = byId(a.get("project"));
                    Map<String, String> files = p.files.get(String.valueOf(a.get("ref")));
                    if (files == null) {
                        throw new IllegalArgumentException("404 Tree Not Found");
                    }
                    List<Map<String, Object>> trees = new ArrayList<>();
                    files.keySet().forEach(path -> trees.add(Map.of("path", path, "type", "blob",
                            "name", path.substring(path.lastIndexOf('/') + 1), "mode", "100644", "nodeId", "x")));
                    return Map.of("id", "tree", "project", p.id, "ref", a.get("ref"), "trees", trees);
                })
                .invoke("gitlab:index/getRepositoryFile:getRepositoryFile", a -> {
                    FakeProject p = byId(a.get("project"));
                    String content = p.files.getOrDefault(String.valueOf(a.get("ref")), Map.of())
                            .get(String.valueOf(a.get("filePath")));
                    if (content == null) {
                        throw new IllegalArgumentException("404 File Not Found");
                    }
                    return Map.of("content", Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8)),
                            "encoding", "base64", "filePath", a.get("filePath"), "ref", a.get("ref"), "project", p.id);
                })
                .invoke(PROJECT_MEMBERSHIP, a -> {
                    // terraform-provider-gitlab data_source_gitlab_project_membership.go: inherited -> GET
                    // /projects/:id/members/all (direct and parent-group members, the highest role of each), else GET
                    // /projects/:id/members (direct only); access_level as its name (accessLevelValueToName).
                    FakeProject p = byId(a.get("project"));
                    Map<String, Integer> listed = new TreeMap<>(p.directMembers);
                    if (Boolean.TRUE.equals(a.get("inherited"))) {
                        p.inheritedMembers.forEach((u, level) -> listed.merge(u, level, Math::max));
                    }
                    return Map.of("id", p.id, "project", p.id, "members", memberList(listed));
                })
                .invoke(GROUP_MEMBERSHIP, a -> {
                    // data_source_gitlab_group_membership.go: GET /groups/:id/members, the group's direct members
                    String path = String.valueOf(a.get("fullPath"));
                    if (!groups.containsKey(path)) {
                        throw new IllegalArgumentException("404 Group Not Found");
                    }
                    return Map.of("id", String.valueOf(groups.get(path)), "fullPath", path, "groupId", groups.get(path),
                            "accessLevel", "", "members", memberList(groupMembers.getOrDefault(path, Map.of())));
                })
                .invoke(CURRENT_USER, a -> Map.of("id", "1", "username", tokenUser == null ? DEFAULT_TOKEN_USER : tokenUser,
                        "name", "fluxfleet", "bot", false))
                .invoke("gitlab:index/getGroup:getGroup", a -> {
                    Integer id = groups.get(String.valueOf(a.get("fullPath")));
                    if (id == null) {
                        throw new IllegalArgumentException("404 Group Not Found");
                    }
                    return Map.of("groupId", id, "fullPath", a.get("fullPath"));
                })
                .invoke("gitlab:index/getUser:getUser", a -> {
                    Integer id = users.get(String.valueOf(a.get("username")));
                    if (id == null) {
                        throw new IllegalArgumentException("404 User Not Found");
                    }
                    return Map.of("userId", id, "username", a.get("username"));
                })
                .rule(this::refusal)
                .ids(BRANCH, i -> i.get("project") + ":" + i.get("name"))
                .ids(PROTECTION, i -> i.get("project") + ":" + i.get("branch"))
                .ids(FILE, i -> i.get("project") + ":" + i.get("branch") + ":" + i.get("filePath"))
                .ids(RULE, i -> i.get("project") + ":77")
                .ids(MR_APPROVALS, i -> String.valueOf(i.get("project")))
                .ids(DEPLOY_TOKEN, i -> i.get("project") + ":9")
                .ids(SHARE, i -> i.get("project") + ":" + i.get("groupId"))
                .outputs(PROTECTION, i -> Map.of("branchProtectionId", protectionIds.computeIfAbsent(
                        i.get("project") + ":" + i.get("branch"), k -> 501 + protectionIds.size())))
                .outputs(DEPLOY_TOKEN, i -> Map.of("username", "gitlab+deploy-token-9", "token", "gldt-" + i.get("name")));
    }

    /** Members as the membership data sources list them: username and the role's name, sorted by username. */
    private List<Map<String, Object>> memberList(Map<String, Integer> members) {
        List<Map<String, Object>> list = new ArrayList<>();
        new TreeMap<>(members).forEach((user, level) -> list.add(Map.of("username", user, "id", 1000 + list.size(),
                "name", user, "state", blocked.contains(user) ? "blocked" : "active", "accessLevel", ACCESS.entrySet().stream()
                        .filter(e -> e.getValue().equals(level)).map(Map.Entry::getKey).findFirst().orElse("guest"))));
        return list;
    }

    /**
     * What the provider (at plan time) or GitLab's API (at apply time) answers to a registration on this instance:
     * null when it is accepted. A share registered earlier in the same run counts as existing, as it would once
     * applied (the program makes the resources that need it depend on it).
     */
    private String refusal(String type, Map<String, Object> inputs, String importId, List<GitLabMocks.Registered> before) {
        String message = switch (type) {
            case PROTECTION -> protectionRefusal(inputs, importId, before);
            case RULE -> approvalRuleRefusal(inputs, before);
            case MR_APPROVALS -> kind.licensed ? null : !kind.enterprise ? NOT_MOUNTED
                    // MR approval settings are Premium/Ultimate (doc/user/project/merge_requests/approvals/settings.md,
                    // "Tier: Premium, Ultimate"); on EE the endpoint exists and refuses without the licence (403).
                    : "403 Forbidden: merge request approval settings need GitLab Premium";
            case SHARE -> shareRefusal(inputs, importId);
            default -> null;
        };
        if (message != null) {
            log.add(type + ": " + message);
        }
        return message;
    }

    @SuppressWarnings("unchecked")
    private String protectionRefusal(Map<String, Object> inputs, String importId, List<GitLabMocks.Registered> before) {
        FakeProject p = byId(inputs.get("project"));
        List<String> errors = new ArrayList<>();
        List<Map<String, Object>> allowed = new ArrayList<>();
        for (String list : List.of("allowedToPushes", "allowedToMerges", "allowedToUnprotects")) {
            if (inputs.get(list) instanceof List<?> entries) {
                entries.forEach(e -> allowed.add((Map<String, Object>) e));
            }
        }
        if (kind.enterprise) {
            // terraform-provider-gitlab internal/provider/resource_gitlab_branch_protection.go, ModifyPlan, EE branch:
            // push_access_level -> "feature unavailable `push_access_level`" "Use `allowed_to_push` instead" (same for
            // merge); docs/guides/version-19.0-upgrade.md: "For EE users ... have been removed".
            for (String field : List.of("pushAccessLevel", "mergeAccessLevel")) {
                if (inputs.containsKey(field)) {
                    errors.add("feature unavailable `" + snake(field) + "`: Use `allowed_to_" + snake(field)
                            .replace("_access_level", "") + "` instead");
                }
            }
            if (!kind.licensed) {
                // gitlabhq ee/app/models/concerns/ee/protected_ref_access.rb: "validates :group_id, :user_id, absence:
                // true, if: :user_and_group_not_assignable?" (the licensed feature protected_refs_for_users).
                if (allowed.stream().anyMatch(e -> e.containsKey("groupId") || e.containsKey("userId"))) {
                    errors.add("400 {merge_access_levels: [group_id must be blank, user_id must be blank]}");
                }
                // Code owner approval is Premium. The provider does not check it on EE (ModifyPlan's EE branch only
                // refuses the access-level fields) and sends it; GitLab drops it without the licence
                // (ee/app/services/ee/protected_branches/api_service.rb: code_owner_approval_required is an attribute
                // only "if project_or_group.licensed_feature_available?(:code_owner_approval_required)") and reads it
                // back false (ee/app/models/concerns/ee/protected_branch.rb: "super &&
                // entity.code_owner_approval_required_available?"). The run succeeds but never converges: every
                // later up plans the change again. The fake refuses it so that no stack does that.
                if (Boolean.TRUE.equals(inputs.get("codeOwnerApprovalRequired"))) {
                    errors.add("code_owner_approval_required is dropped without a Premium licence and reads back false:"
                            + " a diff on every run");
                }
            }
            for (Map<String, Object> e : allowed) {
                // Same file: validate_group_membership -> "does not have access to the project" unless
                // group_has_developer_access_to_project? ("project_group_links.exists?(group: group, group_access:
                // DEVELOPER_OWNER_ACCESS)": a share as Developer to Owner, a lower one does not count);
                // validate_user_membership -> "is not a member of the project".
                if (e.get("groupId") != null && !shared(p, groupPath(e.get("groupId")), before, ACCESS.get("developer"))) {
                    errors.add("422 group " + groupPath(e.get("groupId")) + " does not have access to the project");
                }
                if (e.get("userId") != null && !p.members.contains(userName(e.get("userId")))) {
                    errors.add("422 user " + userName(e.get("userId")) + " is not a member of the project");
                }
            }
            if (kind.licensed && tokenUser != null && inputs.get("allowedToUnprotects") instanceof List<?> unprotect
                    && !canUnprotect(unprotect, tokenUser, "maintainer", tokenGroups)) {
                // gitlabhq ee/app/policies/ee/protected_branch_policy.rb: with unprotection_restrictions (Premium),
                // "unprotect_restrictions_enabled & ~can_unprotect" prevents create_protected_branch ("Prevent a user
                // creating a rule they wouldn't be able to update or destroy"), update and destroy; can_unprotect?
                // checks the user against each unprotect access level (a role at or above it, the user, a group's
                // member). The token is a Maintainer.
                errors.add("403 Forbidden: " + tokenUser + " could not unprotect " + inputs.get("branch")
                        + " under this rule, so GitLab refuses to let it write the rule");
            }
        } else {
            // ModifyPlan, CE branch: allowed_to_* and code_owner_approval_required -> "feature unavailable ...",
            // "Enterprise license required".
            for (String field : List.of("allowedToPushes", "allowedToMerges", "allowedToUnprotects")) {
                if (inputs.containsKey(field)) {
                    errors.add("feature unavailable `" + snake(field) + "`: Enterprise license required");
                }
            }
            if (Boolean.TRUE.equals(inputs.get("codeOwnerApprovalRequired"))) {
                errors.add("feature unavailable `code_owner_approval_required`: Enterprise license required");
            }
        }
        // An adopted (imported) CE protection whose access levels differ from the program's: the provider replaces it
        // (push_access_level/merge_access_level RequiresReplaceIfConfigured, io.fluxfleet.plan.ReplacementRules), and
        // the engine refuses to replace a resource that still specifies an import ID (pulumi/pulumi
        // pkg/resource/deploy/step_generator.go: "previously-imported resources that still specify an ID may not be
        // replaced; please remove the `import` declaration from your program").
        if (importId != null && !kind.enterprise && p.protections.containsKey(String.valueOf(inputs.get("branch")))) {
            Map<String, Object> live = p.protections.get(String.valueOf(inputs.get("branch")));
            List<String> changed = new ArrayList<>();
            for (String[] f : List.of(new String[] {"pushAccessLevel", "push"}, new String[] {"mergeAccessLevel", "merge"})) {
                if (inputs.get(f[0]) != null && !inputs.get(f[0]).equals(live.get(f[1]))) {
                    changed.add(f[0] + ": " + live.get(f[1]) + " => " + inputs.get(f[0]));
                }
            }
            if (!changed.isEmpty()) {
                errors.add("previously-imported resources that still specify an ID may not be replaced; please remove"
                        + " the `import` declaration from your program;\n" + String.join("\n", changed));
            }
        }
        // Create (not import) of a branch that already has its own protection: the provider's Create reads it and
        // fails "protected branch %q on project %q already exists" (unless it is the default branch).
        String branch = String.valueOf(inputs.get("branch"));
        if (importId == null && p.protections.containsKey(branch) && !branch.equals(p.defaultBranch)) {
            errors.add("protected branch \"" + branch + "\" on project \"" + p.id + "\" already exists");
        }
        return errors.isEmpty() ? null : String.join("; ", errors);
    }

    @SuppressWarnings("unchecked")
    private String approvalRuleRefusal(Map<String, Object> inputs, List<GitLabMocks.Registered> before) {
        if (!kind.enterprise) {
            return NOT_MOUNTED;
        }
        if (!kind.licensed) {
            // Approval rules are Premium/Ultimate (doc/user/project/merge_requests/approvals/rules.md, "Tier: Premium,
            // Ultimate"). On EE the endpoint exists: ee/lib/api/helpers/project_approval_rules_helpers.rb,
            // create_project_approval_rule: "authorize! :modify_approvers_rules", which the unlicensed project lacks ->
            // 403 Forbidden.
            return "403 Forbidden: approval rules need GitLab Premium";
        }
        // A group that is not shared with the project is accepted (ApprovalRules::CreateService keeps every group the
        // user can see) and silently counts for nothing: see FakeGitLabRules.eligibleApprovers.
        return null;
    }

    /**
     * The answer of a CE instance to an EE-only endpoint: the approval APIs are mounted only by EE
     * (gitlabhq ee/lib/ee/api/api.rb: "mount ::API::ProjectApprovalRules", "mount ::API::ProjectApprovalSettings",
     * prepended to API::API), so on CE Grape finds no route.
     */
    static final String NOT_MOUNTED = "404 Not Found: no such API route on GitLab CE";

    private String shareRefusal(Map<String, Object> inputs, String importId) {
        FakeProject p = byId(inputs.get("project"));
        String group = groupPath(inputs.get("groupId"));
        String role = String.valueOf(inputs.get("groupAccess"));
        if (!FakeGitLabRules.PROVIDER_SHARE_ROLES.contains(role)) {
            return "expected group_access to be one of " + new java.util.TreeSet<>(FakeGitLabRules.PROVIDER_SHARE_ROLES)
                    + ", got " + role;
        }
        if (!FakeGitLabRules.GITLAB_SHARE_ROLES.contains(role)) {
            return "400 group_access does not have a valid value";
        }
        // gitlabhq app/models/project_group_link.rb: "validates :group_id, uniqueness: { scope: [:project_id],
        // message: 'already shared with this group' }" -> 409 on a second share.
        if (importId == null && p.shares.containsKey(group)) {
            return "409 Group already shared with this group";
        }
        return null;
    }

    /** Whether {@code group} is shared with {@code p} (at least {@code level}), now or by an earlier registration. */
    private boolean shared(FakeProject p, String group, List<GitLabMocks.Registered> before, int level) {
        if (p.shares.getOrDefault(group, -1) >= level) {
            return true;
        }
        return before.stream().anyMatch(r -> r.type().equals(SHARE) && p.id.equals(String.valueOf((Object) r.input("project")))
                && group.equals(groupPath(r.input("groupId"))) && ACCESS.get(r.<String>input("groupAccess")) >= level);
    }

    /** The Terraform attribute name the provider's messages use for a Pulumi input. */
    private static String snake(String input) {
        return switch (input) {
            case "allowedToPushes" -> "allowed_to_push";
            case "allowedToMerges" -> "allowed_to_merge";
            case "allowedToUnprotects" -> "allowed_to_unprotect";
            default -> input.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** What GitLab looks like after a run registered {@code run}'s resources (creates and updates applied). */
    @SuppressWarnings("unchecked")
    void apply(GitLabMocks run) {
        for (GitLabMocks.Registered r : run.registered()) {
            switch (r.type()) {
                case BRANCH -> {
                    FakeProject p = byId(r.input("project"));
                    String name = r.input("name");
                    if (!p.branches.containsKey(name)) {
                        if (!p.branches.containsKey(r.<String>input("ref"))) {
                            // POST /projects/:id/repository/branches with a ref that does not exist: 400 "Invalid reference
                        // name" (doc/api/branches.md, "Create repository branch")
                        throw new AssertionError("create would fail: no ref " + r.input("ref") + " to create " + name + " from");
                        }
                        p.branch(name, r.input("ref"), false);
                    }
                }
                case FILE -> {
                    FakeProject p = byId(r.input("project"));
                    Map<String, String> files = p.files.computeIfAbsent(r.input("branch"), b -> new TreeMap<>());
                    if (r.importId() == null) {
                        if (files.containsKey(r.<String>input("filePath"))) {
                            // POST /projects/:id/repository/files/:path on an existing file: 400 "A file with this name
                            // already exists" (doc/api/repository_files.md), overwrite_on_create being false
                            throw new AssertionError("create would fail: " + r.input("filePath") + " exists");
                        }
                        if (p.isProtected(r.input("branch"))) {
                            // fluxfleet's own rule (never commit to a protected branch); GitLab would answer 403 "You are
                            // not allowed to push into this branch" where the token may not push (canPush)
                            throw new AssertionError("a commit to protected " + r.input("branch") + ": " + r.input("filePath"));
                        }
                        files.put(r.input("filePath"), r.input("content"));
                    }
                }
                case PROTECTION -> {
                    String push = r.input("pushAccessLevel");
                    String merge = r.input("mergeAccessLevel");
                    if (r.inputs().get("allowedToPushes") instanceof List<?> l && !l.isEmpty()) {
                        push = String.valueOf(((Map<String, Object>) l.get(0)).get("accessLevel"));
                    }
                    if (r.inputs().get("allowedToMerges") instanceof List<?> l) {
                        merge = l.stream().map(e -> ((Map<String, Object>) e).get("accessLevel"))
                                .filter(Objects::nonNull).map(String::valueOf).findFirst().orElse("no one");
                    }
                    // a field the program leaves out keeps its live value (PATCH sends only what is set), GitLab's
                    // default for a new protection being maintainers
                    Map<String, Object> live = byId(r.input("project")).protections.getOrDefault(r.<String>input("branch"), Map.of());
                    push = push != null ? push : String.valueOf(live.getOrDefault("push", "maintainer"));
                    merge = merge != null ? merge : String.valueOf(live.getOrDefault("merge", "maintainer"));
                    byId(r.input("project")).protect(r.input("branch"), push, merge, Boolean.TRUE.equals(r.input("allowForcePush")),
                            Boolean.TRUE.equals(r.input("codeOwnerApprovalRequired")));
                }
                case SHARE -> byId(r.input("project")).share(groupPath(r.input("groupId")), r.input("groupAccess"));
                case RULE -> {
                    FakeProject p = byId(r.input("project"));
                    List<Object> groupIds = r.inputs().get("groupIds") instanceof List<?> l ? (List<Object>) l : List.of();
                    List<Object> userIds = r.inputs().get("userIds") instanceof List<?> l ? (List<Object>) l : List.of();
                    List<Object> branchIds = r.inputs().get("protectedBranchIds") instanceof List<?> l ? (List<Object>) l : List.of();
                    p.approvalRules.put(r.input("name"), new ApprovalRule(userIds.stream().map(this::userName).toList(),
                            groupIds.stream().map(this::groupPath).toList(), ((Number) r.input("approvalsRequired")).intValue(),
                            branchIds.stream().map(i -> ((Number) i).intValue()).toList()));
                }
                case PROJECT -> {
                    FakeProject p = byId(r.importId());
                    p.mergeSettings(r.input("mergeMethod"), r.input("onlyAllowMergeIfPipelineSucceeds"),
                            r.input("onlyAllowMergeIfAllDiscussionsAreResolved"), r.input("allowMergeOnSkippedPipeline"));
                    p.squash(r.input("squashOption"));
                }
                default -> { }
            }
        }
    }

    /**
     * The Pulumi engine's refusals when {@code next} follows {@code previous} in the same stack, as pulumi/pulumi
     * decides them (v3.259 and later; the messages are the engine's up to the URN):
     * <ul>
     *   <li>a resource the previous run registered with {@code protect} cannot be deleted (it is missing from the next
     *       run): pkg/resource/deploy/step.go, {@code DeleteStep.Apply}, "if !s.replacing && s.old.Protect" returns
     *       {@code deleteProtectedError} ("resource %q cannot be deleted\nbecause it is protected"), before it looks at
     *       {@code RetainOnDelete}, so {@code retainOnDelete} does not lift it;</li>
     *   <li>a resource protected in both runs cannot be replaced (here: an input listed in {@code replaceOnChanges},
     *       or one the provider replaces for, {@code io.fluxfleet.plan.ReplacementRules}, changed): pkg/resource/deploy/step_generator.go, "if new.Protect && old.Protect" -> "unable to replace
     *       resource %q\nas it is currently marked for protection". Unprotecting and replacing in the same run is
     *       allowed ("we do allow unprotecting and replacing to happen in a single update cycle").</li>
     * </ul>
     */
    static List<String> engineRefusals(GitLabMocks previous, GitLabMocks next) {
        return engineRefusals(previous.registered(), next.registered());
    }

    static List<String> engineRefusals(List<GitLabMocks.Registered> previous, List<GitLabMocks.Registered> next) {
        Map<String, GitLabMocks.Registered> after = new HashMap<>();
        next.forEach(r -> after.put(r.type() + "::" + r.name(), r));
        List<String> refusals = new ArrayList<>();
        for (GitLabMocks.Registered was : previous) {
            if (was.options() == null || !was.options().isProtect()) {
                continue;
            }
            GitLabMocks.Registered now = after.get(was.type() + "::" + was.name());
            if (now == null) {
                refusals.add(was.type() + "::" + was.name() + " cannot be deleted because it is protected");
                continue;
            }
            if (now.options() == null || !now.options().isProtect()) {
                continue;
            }
            List<String> replaceOn = new ArrayList<>(
                    was.options() instanceof CustomResourceOptions c ? c.getReplaceOnChanges() : List.of());
            // the provider's own replace rules, the table fluxfleet plan uses (io.fluxfleet.plan.ReplacementRules, each
            // row cited there): a CONFIGURED_AND_CHANGED path counts only when the next run sets it
            for (io.fluxfleet.plan.ReplacementRules.Rule rule : io.fluxfleet.plan.ReplacementRules.forType(was.type())) {
                for (String path : rule.paths()) {
                    if (rule.when() == io.fluxfleet.plan.ReplacementRules.When.CHANGED || now.inputs().get(path) != null) {
                        replaceOn.add(path);
                    }
                }
            }
            for (String input : replaceOn) {
                if (!Objects.equals(was.inputs().get(input), now.inputs().get(input))) {
                    refusals.add("unable to replace resource " + was.type() + "::" + was.name()
                            + " as it is currently marked for protection (" + input + " changed)");
                    break;
                }
            }
        }
        return refusals;
    }
}
