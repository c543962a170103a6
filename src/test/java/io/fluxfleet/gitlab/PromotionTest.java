package io.fluxfleet.gitlab;

import com.pulumi.test.PulumiTest;
import io.fluxfleet.config.Environment;
import io.fluxfleet.gitlab.GitLabGovernanceTest.Run;
import io.fluxfleet.testing.GovernanceConfigs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.fluxfleet.gitlab.FakeGitLab.BRANCH;
import static io.fluxfleet.gitlab.FakeGitLab.FILE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Promotion {@code dev -> preprod -> prod} with real git, on the history fluxfleet's stacks build: the branches and
 * seed commits are replayed from what the stacks register against a {@link FakeGitLab}, in promotion order. GitLab's
 * rule for the merge methods that need an up-to-date branch ({@code ff} and {@code rebase_merge}): the merge request
 * "should be rebased" unless its target is an ancestor of its source (gitlabhq app/models/merge_request.rb:
 * {@code should_be_rebased? = project.ff_merge_must_be_possible? && !ff_merge_possible?}, {@code ff_merge_possible? =
 * repository.ancestor?(target_branch_sha, diff_head_sha)}; app/models/project.rb: {@code ff_merge_must_be_possible?
 * = merge_requests_ff_only_enabled || merge_requests_rebase_enabled}). GitLab rebases only the source branch, and an
 * environment branch is protected against force pushes, so a promotion whose source would need a rebase is stuck.
 */
class PromotionTest {
    @TempDir
    Path repo;

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    @Test
    void withFastForwardEveryPromotionMergesWithoutRebasingAProtectedBranch() throws Exception {
        history();
        for (int round = 1; round <= 2; round++) {
            change("dev", "tenants/tenant1/app-" + round + ".yaml", "round " + round);
            promote("dev", "preprod", false);
            promote("preprod", "prod", false);
            assertEquals(sha("dev"), sha("prod"), "round " + round + ": prod runs exactly what dev tested");
        }
    }

    @Test
    void withRebaseMergeTheSecondPromotionNeedsARebaseOfTheProtectedSource() throws Exception {
        history();
        change("dev", "tenants/tenant1/app-1.yaml", "round 1");
        promote("dev", "preprod", true);
        change("dev", "tenants/tenant1/app-2.yaml", "round 2");
        assertFalse(ancestor("preprod", "dev"),
                "rebase_merge left a merge commit on preprod that dev lacks: the merge request needs dev rebased");
    }

    /**
     * A squashed merge request under {@code ff}: GitLab squashes the source's commits into one new commit on top of the
     * target and fast-forwards the target to it (gitlabhq doc/user/project/merge_requests/squash_and_merge.md: "up to
     * two commits are added: the single commit created by squashing ... A merge commit, unless you have enabled
     * fast-forward merges"). The target then has a commit the source lacks, so the next promotion needs the protected
     * source rebased. The owner stack therefore sets the project's squash option to {@code never}, which overrides the
     * merge request's own flag (app/models/merge_request.rb, {@code squash_on_merge?}: "return false if
     * target_project.squash_never?").
     */
    @Test
    void aSquashedPromotionWouldBlockTheNextSoTheOwnerStackTurnsSquashingOff() throws Exception {
        history();
        change("dev", "tenants/tenant1/app-1.yaml", "round 1");
        assertTrue(ancestor("preprod", "dev"));
        git("checkout", "-q", "preprod");
        git("merge", "-q", "--squash", "dev");
        git("commit", "-q", "-m", "Promote dev (squashed)");
        change("dev", "tenants/tenant1/app-2.yaml", "round 2");
        assertFalse(ancestor("preprod", "dev"), "the squash commit is on preprod only: dev would need a rebase");

        FakeGitLab gitlab = GitLabGovernanceTest.greenfield();
        GitLabGovernanceTest.promotedUpTo(gitlab, Environment.PROD);
        Run prod = GitLabGovernanceTest.run(gitlab, GovernanceConfigs.premium("prod"));
        for (String tenant : List.of("tenant1", "tenant2")) {
            assertEquals("never", prod.mocks().find(FakeGitLab.PROJECT, tenant + "-project-settings").input("squashOption"));
        }
    }

    @Test
    void seedsCommittedOnEachBranchWouldMakeTheFirstPromotionNeedARebase() throws Exception {
        git("init", "-q", "-b", "main");
        commit("main", "README.md", "# GitOps\n", "initial");
        for (Environment env : Environment.values()) {
            git("branch", env.branch(), "main");
            commit(env.branch(), ".gitlab/CODEOWNERS", "* @platform\n", "seed on " + env.branch());
        }
        assertFalse(ancestor("preprod", "dev"), "the old history: preprod's own seed commit blocks the promotion");
    }

    /**
     * A hotfix merged straight into {@code prod} (a branch cut from prod, fast-forwarded into it): prod now holds a
     * commit preprod lacks, so the next promotion preprod -> prod cannot fast-forward. Cherry-picking the fix into dev
     * and promoting it does not help: the cherry-pick is a different commit, and prod's hotfix commit is still not an
     * ancestor of preprod.
     */
    @Test
    void aHotfixStraightIntoProdBlocksPromotionAndACherryPickDoesNotUnblockIt() throws Exception {
        history();
        change("dev", "tenants/tenant1/app-1.yaml", "round 1");
        promote("dev", "preprod", false);
        hotfixIntoProd("tenants/tenant1/fix.yaml");
        assertFalse(ancestor("prod", "preprod"), "prod has the hotfix commit, preprod does not");
        git("checkout", "-q", "dev");
        git("cherry-pick", "hotfix");
        promote("dev", "preprod", false);
        assertFalse(ancestor("prod", "preprod"), "the cherry-pick is another commit: still no fast-forward into prod");
    }

    /**
     * README's hotfix path. 1. A branch cut from {@code prod} with the fix, merged into prod (fast-forward: prod is its
     * ancestor). 2. A sync branch cut from {@code preprod} that merges {@code prod} (a merge commit on an unprotected
     * branch, made with git), merged into preprod (fast-forward). 3. The same from {@code dev} merging
     * {@code preprod}. Each environment branch then contains the one after it, so the next regular promotions
     * fast-forward, with work that was pending on dev and preprod during the hotfix, and twice in a row.
     */
    @Test
    void theHotfixPathKeepsEveryLaterPromotionAFastForward() throws Exception {
        history();
        change("dev", "tenants/tenant1/app-1.yaml", "round 1");
        promote("dev", "preprod", false);
        change("dev", "tenants/tenant1/app-2.yaml", "round 2, not promoted yet");
        hotfixIntoProd("tenants/tenant1/fix.yaml");

        sync("preprod", "prod");
        sync("dev", "preprod");
        assertTrue(ancestor("prod", "preprod") && ancestor("preprod", "dev"));
        for (int round = 3; round <= 4; round++) {
            if (round == 4) {
                change("dev", "tenants/tenant1/app-" + round + ".yaml", "round " + round);
            }
            promote("dev", "preprod", false);
            promote("preprod", "prod", false);
            assertEquals(sha("dev"), sha("prod"), "round " + round + ": prod runs exactly what dev tested");
        }
        git("checkout", "-q", "prod");
        assertEquals("hotfix\n", Files.readString(repo.resolve("tenants/tenant1/fix.yaml")));
        assertEquals("round 2, not promoted yet\n", Files.readString(repo.resolve("tenants/tenant1/app-2.yaml")));
    }

    /** Step 1 of the hotfix path: a branch cut from prod with the fix, fast-forwarded into prod by a merge request. */
    private void hotfixIntoProd(String path) throws Exception {
        git("branch", "hotfix", "prod");
        commit("hotfix", path, "hotfix\n", "hotfix " + path);
        promote("hotfix", "prod", false);
    }

    /**
     * Brings {@code from} into {@code target} with a merge request that fast-forwards: a sync branch cut from
     * {@code target} merges {@code from} (git's merge commit, made locally and pushed, since the project's merge
     * method never makes one), and the merge request from the sync branch into {@code target} fast-forwards.
     */
    private void sync(String target, String from) throws Exception {
        String branch = "sync-" + target;
        git("branch", branch, target);
        git("checkout", "-q", branch);
        git("merge", "-q", "--no-ff", "-m", "Merge " + from + " into " + target + " (hotfix sync)", from);
        promote(branch, target, false);
    }

    /** Replays the branches and seed commits the dev, preprod and prod stacks register, in that order. */
    private void history() throws Exception {
        git("init", "-q", "-b", "main");
        commit("main", "README.md", "# GitOps\n", "initial");
        FakeGitLab gitlab = GitLabGovernanceTest.greenfield();
        for (Environment env : Environment.values()) {
            Run run = GitLabGovernanceTest.run(gitlab, GovernanceConfigs.premium(env.id()));
            GitLabMocks.Registered branch = run.mocks().find(BRANCH, "tenant1-" + env.id() + "-branch");
            git("branch", branch.input("name"), branch.input("ref"));
            List<GitLabMocks.Registered> seeds = new ArrayList<>(run.mocks().all(FILE).stream()
                    .filter(f -> f.name().startsWith("tenant1-") && f.importId() == null).toList());
            for (GitLabMocks.Registered seed : seeds) {
                commit(seed.input("branch"), seed.input("filePath"), seed.input("content"), seed.input("commitMessage"));
            }
            assertEquals(env == Environment.DEV, !seeds.isEmpty(), env + ": only dev gets seed commits");
            gitlab.apply(run.mocks());
            PulumiTest.cleanup();
        }
        assertTrue(ancestor("dev", "dev") && ancestor("preprod", "dev") && ancestor("prod", "preprod"));
    }

    /** A feature merge request into {@code branch}: a feature branch (unprotected, so it may be rebased) fast-forwards it. */
    private void change(String branch, String path, String content) throws Exception {
        String feature = "feature-" + path.hashCode();
        git("branch", feature, branch);
        commit(feature, path, content + "\n", "change " + path);
        assertTrue(ancestor(branch, feature));
        git("checkout", "-q", branch);
        git("merge", "-q", "--ff-only", feature);
    }

    /**
     * A promotion merge request from {@code source} into {@code target}. GitLab's rule decides whether it can merge
     * without a rebase of {@code source}; then it merges as the method does: {@code ff} moves the target,
     * {@code rebase_merge} adds a merge commit to it.
     */
    private void promote(String source, String target, boolean rebaseMerge) throws Exception {
        assertTrue(ancestor(target, source), source + " -> " + target + ": should_be_rebased? is false, no rebase of the"
                + " protected " + source + " is needed");
        git("checkout", "-q", target);
        if (rebaseMerge) {
            git("merge", "-q", "--no-ff", "-m", "Merge " + source + " into " + target, source);
        } else {
            git("merge", "-q", "--ff-only", source);
        }
    }

    private void commit(String branch, String path, String content, String message) throws Exception {
        if (exec("rev-parse", "--verify", "-q", branch).exit == 0) {
            git("checkout", "-q", branch);
        }
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent() == null ? repo : file.getParent());
        Files.writeString(file, content);
        git("add", path);
        git("commit", "-q", "-m", message);
    }

    private boolean ancestor(String ancestor, String of) throws Exception {
        return exec("merge-base", "--is-ancestor", ancestor, of).exit == 0;
    }

    private String sha(String ref) throws Exception {
        return git("rev-parse", ref).trim();
    }

    private String git(String... args) throws Exception {
        Result r = exec(args);
        if (r.exit != 0) {
            throw new AssertionError("git " + String.join(" ", args) + " failed: " + r.output);
        }
        return r.output;
    }

    private record Result(int exit, String output) {}

    private Result exec(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=fluxfleet", "-c",
                "user.email=fluxfleet@example.com", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }
}
