package io.fluxfleet.gitlab;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A GitLab instance for the mock engine: projects with branches, protections, files and merge settings, groups and
 * users. {@link #mocks()} answers the provider's data sources from it and gives created resources the IDs the
 * provider would; {@link #apply} plays a run's resources back into it, as a real {@code pulumi up} would leave
 * GitLab, so the next run can be checked against the first.
 */
final class FakeGitLab {
    static final String BRANCH = "gitlab:index/branch:Branch";
    static final String PROTECTION = "gitlab:index/branchProtection:BranchProtection";
    static final String FILE = "gitlab:index/repositoryFile:RepositoryFile";
    static final String RULE = "gitlab:index/projectApprovalRule:ProjectApprovalRule";
    static final String PROJECT = "gitlab:index/project:Project";
    static final String MR_APPROVALS = "gitlab:index/projectLevelMrApprovals:ProjectLevelMrApprovals";
    static final String DEPLOY_TOKEN = "gitlab:index/projectDeployToken:ProjectDeployToken";

    static final class FakeProject {
        final String id;
        final String path;
        String defaultBranch = "main";
        boolean empty;
        String mergeMethod = "merge";
        boolean pipelineMustSucceed;
        boolean discussionsMustBeResolved;
        boolean mergeOnSkippedPipeline;
        /** Branch name to protected. */
        final Map<String, Boolean> branches = new LinkedHashMap<>();
        /** Protected branch name to its protection: push, merge (role levels), force push, code owner approval. */
        final Map<String, Map<String, Object>> protections = new HashMap<>();
        /** Branch name to path to content. */
        final Map<String, Map<String, String>> files = new HashMap<>();

        FakeProject(String id, String path) {
            this.id = id;
            this.path = path;
            branches.put("main", true);
            file("main", "README.md", "# GitOps\n");
        }

        FakeProject file(String branch, String path, String content) {
            files.computeIfAbsent(branch, b -> new TreeMap<>()).put(path, content);
            return this;
        }

        FakeProject branch(String name, boolean isProtected) {
            branches.put(name, isProtected);
            if (isProtected) {
                protect(name, "maintainer", "maintainer", false, false);
            }
            files.computeIfAbsent(name, b -> new TreeMap<>(files.getOrDefault(defaultBranch, Map.of())));
            return this;
        }

        /** GitLab's defaults when a branch is protected by hand: maintainers push and merge. */
        FakeProject protect(String branch, String push, String merge, boolean force, boolean codeOwners) {
            branches.put(branch, true);
            protections.put(branch, Map.of("push", push, "merge", merge, "force", force, "codeOwners", codeOwners));
            return this;
        }

        FakeProject mergeSettings(String method, boolean pipeline, boolean discussions, boolean skipped) {
            mergeMethod = method;
            pipelineMustSucceed = pipeline;
            discussionsMustBeResolved = discussions;
            mergeOnSkippedPipeline = skipped;
            return this;
        }
    }

    private final Map<String, FakeProject> byPath = new LinkedHashMap<>();
    private final Map<String, Integer> groups = new HashMap<>();
    private final Map<String, Integer> users = new HashMap<>();
    /** Protection IDs by {@code <project>:<branch>}: GitLab keeps one per protected branch. */
    private final Map<String, Integer> protectionIds = new HashMap<>();

    FakeProject project(String id, String path) {
        return byPath.computeIfAbsent(path, p -> new FakeProject(id, path));
    }

    FakeGitLab group(String fullPath, int id) {
        groups.put(fullPath, id);
        return this;
    }

    FakeGitLab user(String username, int id) {
        users.put(username, id);
        return this;
    }

    private FakeProject byId(Object id) {
        return byPath.values().stream().filter(p -> p.id.equals(String.valueOf(id))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no project " + id));
    }

    GitLabMocks mocks() {
        return new GitLabMocks()
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
                    return r;
                })
                .invoke("gitlab:index/getProjectBranches:getProjectBranches", a -> {
                    FakeProject p = byId(a.get("project"));
                    String regex = String.valueOf(a.getOrDefault("regex", ".*"));
                    List<Map<String, Object>> list = new ArrayList<>();
                    p.branches.forEach((name, prot) -> {
                        if (name.matches(regex)) {
                            list.add(Map.of("name", name, "protected", prot, "default", name.equals(p.defaultBranch)));
                        }
                    });
                    return Map.of("id", p.id, "project", p.id, "branches", list);
                })
                .invoke("gitlab:index/getProjectProtectedBranch:getProjectProtectedBranch", a -> {
                    FakeProject p = byId(a.get("projectId"));
                    Map<String, Object> protection = p.protections.get(String.valueOf(a.get("name")));
                    if (protection == null) {
                        throw new IllegalArgumentException("404 Not found");
                    }
                    return Map.of("name", a.get("name"), "projectId", p.id,
                            "pushAccessLevels", List.of(Map.of("accessLevel", protection.get("push"))),
                            "mergeAccessLevels", List.of(Map.of("accessLevel", protection.get("merge")),
                                    Map.of("accessLevel", "maintainer", "groupId", 11)),
                            "allowForcePush", protection.get("force"),
                            "codeOwnerApprovalRequired", protection.get("codeOwners"));
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
                .invoke("gitlab:index/getGroup:getGroup", a -> Map.of("groupId",
                        groups.getOrDefault(String.valueOf(a.get("fullPath")), 0), "fullPath", a.get("fullPath")))
                .invoke("gitlab:index/getUser:getUser", a -> Map.of("userId",
                        users.getOrDefault(String.valueOf(a.get("username")), 0), "username", a.get("username")))
                .ids(BRANCH, i -> i.get("project") + ":" + i.get("name"))
                .ids(PROTECTION, i -> i.get("project") + ":" + i.get("branch"))
                .ids(FILE, i -> i.get("project") + ":" + i.get("branch") + ":" + i.get("filePath"))
                .ids(RULE, i -> i.get("project") + ":77")
                .ids(MR_APPROVALS, i -> String.valueOf(i.get("project")))
                .ids(DEPLOY_TOKEN, i -> i.get("project") + ":9")
                .outputs(PROTECTION, i -> Map.of("branchProtectionId", protectionIds.computeIfAbsent(
                        i.get("project") + ":" + i.get("branch"), k -> 501 + protectionIds.size())))
                .outputs(DEPLOY_TOKEN, i -> Map.of("username", "gitlab+deploy-token-9", "token", "gldt-" + i.get("name")));
    }

    /** What GitLab looks like after a run registered {@code run}'s resources (creates and updates applied). */
    void apply(GitLabMocks run) {
        for (GitLabMocks.Registered r : run.registered()) {
            switch (r.type()) {
                case BRANCH -> {
                    FakeProject p = byId(r.input("project"));
                    String name = r.input("name");
                    if (!p.branches.containsKey(name)) {
                        p.branch(name, false);
                    }
                }
                case FILE -> {
                    FakeProject p = byId(r.input("project"));
                    Map<String, String> files = p.files.computeIfAbsent(r.input("branch"), b -> new TreeMap<>());
                    if (r.importId() == null) {
                        if (files.containsKey(r.<String>input("filePath"))) {
                            throw new AssertionError("create would fail: " + r.input("filePath") + " exists");
                        }
                        if (p.branches.getOrDefault(r.<String>input("branch"), false)) {
                            throw new AssertionError("a commit to protected " + r.input("branch") + ": " + r.input("filePath"));
                        }
                        files.put(r.input("filePath"), r.input("content"));
                    }
                }
                case PROTECTION -> byId(r.input("project")).protect(r.input("branch"), r.input("pushAccessLevel"),
                        r.input("mergeAccessLevel"), r.input("allowForcePush"),
                        Boolean.TRUE.equals(r.input("codeOwnerApprovalRequired")));
                case PROJECT -> {
                    FakeProject p = byId(r.importId());
                    p.mergeSettings(r.input("mergeMethod"), r.input("onlyAllowMergeIfPipelineSucceeds"),
                            r.input("onlyAllowMergeIfAllDiscussionsAreResolved"), r.input("allowMergeOnSkippedPipeline"));
                }
                default -> { }
            }
        }
    }
}
