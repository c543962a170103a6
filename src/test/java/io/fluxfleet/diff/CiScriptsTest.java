package io.fluxfleet.diff;

import com.sun.net.httpserver.HttpServer;
import io.fluxfleet.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CI glue in {@code ci/}: the helpers of {@code lib.sh} one by one, then {@code mr-render.sh} and
 * {@code mr-note.sh} end to end in a throwaway Git repository, with the fluxfleet subcommands run from the
 * test classpath, a fake {@code pulumi} on the PATH and a fake GitLab.
 */
class CiScriptsTest {
    private static final Path CI = Path.of("ci").toAbsolutePath();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    /** Short-lived JVMs: C1 only and the serial collector start faster, which is all these runs need. */
    private static final String FLUXFLEET = JAVA + " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp " + System.getProperty("java.class.path") + " " + CiMain.class.getName();

    record Run(int status, String out, String err) {}

    static Run bash(Path cwd, Map<String, String> env, String script, String... args) throws IOException, InterruptedException {
        io.fluxfleet.testing.Shell.Run run = io.fluxfleet.testing.Shell.bash(cwd, env, script, args);
        return new Run(run.status(), run.out(), run.err());
    }

    private static Run lib(Path cwd, Map<String, String> env, String snippet) throws IOException, InterruptedException {
        return bash(cwd, env, ". " + CI.resolve("lib.sh") + "; " + snippet);
    }

    @ParameterizedTest
    @CsvSource({"dev, DEV", "preprod, PREPROD", "dev-eu, DEV_EU", "pre.prod, PRE_PROD", "qa2, QA2"})
    void stackSuffix(String stack, String suffix, @TempDir Path dir) throws Exception {
        assertEquals(suffix, lib(dir, Map.of(), "stack_suffix " + stack).out());
    }

    @Test
    void stackVarPrefersTheStacksOwnValue(@TempDir Path dir) throws Exception {
        Map<String, String> env = Map.of("PULUMI_BACKEND_URL", "s3://shared", "PULUMI_BACKEND_URL_PROD", "s3://prod");

        assertEquals("s3://prod", lib(dir, env, "stack_var PULUMI_BACKEND_URL prod").out());
        assertEquals("s3://shared", lib(dir, env, "stack_var PULUMI_BACKEND_URL dev").out());
        assertEquals("", lib(dir, Map.of(), "stack_var PULUMI_BACKEND_URL dev").out());
    }

    @Test
    void previewMissingNamesWhatAStackLacks(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("Pulumi.dev.yaml"), "encryptionsalt: v1:abc\nconfig:\n  fluxfleet:cluster:\n    context: rancher-dev\n");
        Files.writeString(dir.resolve("Pulumi.prod.yaml"), "config:\n  fluxfleet:cluster:\n    kubeconfig:\n      secure: v1:xyz\n");

        assertEquals("PULUMI_BACKEND_URL\nKUBECONFIG_DEV\nPULUMI_CONFIG_PASSPHRASE\n", lib(dir, Map.of(), "preview_missing dev").out());
        assertEquals("PULUMI_BACKEND_URL\n", lib(dir, Map.of(), "preview_missing prod").out(),
                "the kubeconfig is in the stack file, no passphrase provider");
        assertEquals("", lib(dir, Map.of("PULUMI_BACKEND_URL", "file:///state", "KUBECONFIG_DEV", "/k",
                "PULUMI_CONFIG_PASSPHRASE_DEV", "p"), "preview_missing dev").out());
        assertEquals("KUBECONFIG_DEV\n", lib(dir, Map.of("PULUMI_BACKEND_URL", "file:///state", "KUBECONFIG", "/k",
                "PULUMI_CONFIG_PASSPHRASE", "p"), "preview_missing dev").out(), "a shared KUBECONFIG never counts");
    }

    @Test
    void useStackExportsOnlyThatStacksSettings(@TempDir Path dir) throws Exception {
        Map<String, String> env = Map.of("PULUMI_BACKEND_URL", "s3://state", "PULUMI_CONFIG_PASSPHRASE", "shared",
                "PULUMI_CONFIG_PASSPHRASE_PROD", "prod-pass", "KUBECONFIG_PROD", "/tmp/prod-kubeconfig",
                "KUBECONFIG", "/tmp/someone-elses");

        String shown = "echo \"$PULUMI_BACKEND_URL|$PULUMI_CONFIG_PASSPHRASE|${KUBECONFIG-unset}\"";
        assertEquals("s3://state|prod-pass|/tmp/prod-kubeconfig\n", lib(dir, env, "use_stack prod; " + shown).out());
        assertEquals("s3://state|shared|unset\n", lib(dir, env, "use_stack dev; " + shown).out());
    }

    @Test
    void renderSideSaysWhyASideHasNoRender(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("Pulumi.dev.yaml"), "config: {}\n");
        Map<String, String> env = Map.of("CI_JOB_URL", "https://gitlab.example.com/job/9");

        lib(dir, env, "render_side 'true' . qa out-qa; render_side '' . dev out-nobuild; render_side 'false' . dev out-fails");

        assertEquals("there is no Pulumi.qa.yaml\n", Files.readString(dir.resolve("out-qa.missing")));
        assertFalse(Files.exists(dir.resolve("out-qa.failed")), "a stack file that is not there is no failure");
        assertEquals("its build failed, see the job log (https://gitlab.example.com/job/9)\n", Files.readString(dir.resolve("out-nobuild.missing")));
        assertTrue(Files.exists(dir.resolve("out-nobuild.failed")));
        assertEquals("rendering failed, see the job log (https://gitlab.example.com/job/9)\n", Files.readString(dir.resolve("out-fails.missing")));
        assertTrue(Files.exists(dir.resolve("out-fails.failed")));
    }

    @Test
    void theMergeRequestJobsRenderPreviewAndNoteEndToEnd(@TempDir Path dir) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        copyScripts(repo);
        Stacks.writeStackFile(repo, "dev", Stacks.minimal("dev", 1));
        Stacks.writeStackFile(repo, "prod", Stacks.minimal("prod", 1));
        Files.writeString(repo.resolve("README.md"), "# fluxfleet\n");
        git(repo, "init", "-q");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "base");
        String base = git(repo, "rev-parse", "HEAD").strip();
        Stacks.writeStackFile(repo, "dev", Stacks.minimal("dev", 2));
        Files.writeString(repo.resolve("README.md"), "# fluxfleet, with tenant2\n");
        git(repo, "commit", "-q", "-am", "add tenant2 to dev");

        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path pulumiLog = dir.resolve("pulumi.log");
        Path pulumi = bin.resolve("pulumi");
        Files.writeString(pulumi, "#!/usr/bin/env bash\necho \"pulumi $* KUBECONFIG=$KUBECONFIG\" >> " + pulumiLog + "\n"
                + "echo 'Previewing update (dev)'\necho 'Resources:'\necho '    + 17 to create'\n");
        assertTrue(pulumi.toFile().setExecutable(true));

        GitLabNotesTest.FakeGitLab gitlab = new GitLabNotesTest.FakeGitLab();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", gitlab::handle);
        server.start();
        try {
            Map<String, String> env = new HashMap<>(Map.of(
                    "PATH", bin + ":" + System.getenv("PATH"),
                    "FLUXFLEET", FLUXFLEET,
                    "FLUXFLEET_BASE", FLUXFLEET,
                    "CI_MERGE_REQUEST_DIFF_BASE_SHA", base,
                    "CI_COMMIT_SHA", git(repo, "rev-parse", "HEAD").strip(),
                    "CI_API_V4_URL", "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v4",
                    "CI_PROJECT_ID", "42",
                    "CI_MERGE_REQUEST_IID", "5",
                    "GITLAB_API_TOKEN", "glpat-test-token-do-not-print"));

            Run render = bash(repo, env, "ci/mr-render.sh");
            assertEquals(0, render.status(), render.out() + render.err());
            assertEquals("dev\n", Files.readString(repo.resolve("out/mr-diff/stacks.txt")), "README and dev only");
            assertTrue(Files.exists(repo.resolve("out/mr-diff/dev/old/resources.json")));
            assertTrue(Files.exists(repo.resolve("out/mr-diff/dev/new/resources.json")));
            String main = "worktree " + repo.toRealPath();
            assertEquals("", git(repo, "worktree", "list", "--porcelain").lines()
                    .filter(l -> l.startsWith("worktree ") && !l.equals(main)).findFirst().orElse(""),
                    "the target branch's worktree is removed");

            // No preview variables: the note says which are missing, and nothing calls pulumi.
            Run first = bash(repo, env, "ci/mr-note.sh");
            assertEquals(0, first.status(), first.out() + first.err());
            assertEquals(1, gitlab.notes.size());
            String note = gitlab.notes.get(0).path("body").asText();
            assertTrue(note.startsWith(MergeRequestNote.MARKER), note);
            assertTrue(note.contains("| `dev` | "), note);
            assertTrue(note.contains("this pipeline lacks the CI/CD variables PULUMI_BACKEND_URL, KUBECONFIG_DEV"), note);
            assertTrue(note.contains("`flux-system/gitlab-auth-tenant2`"), note);
            assertFalse(note.contains(Stacks.GIT_PASSWORD) || note.contains(Stacks.HARBOR_PASSWORD), "no secret in the note");
            assertFalse(Files.exists(pulumiLog));

            // With the variables: pulumi preview runs with the stack's kubeconfig, the same note is updated.
            env.put("PULUMI_BACKEND_URL", "file://" + dir.resolve("state"));
            env.put("KUBECONFIG_DEV", "/tmp/dev-kubeconfig");
            Run second = bash(repo, env, "ci/mr-note.sh");
            assertEquals(0, second.status(), second.out() + second.err());
            assertEquals(1, gitlab.notes.size(), "updated in place");
            note = gitlab.notes.get(0).path("body").asText();
            assertTrue(note.contains("| ran |"), note);
            assertTrue(note.contains("+ 17 to create"), note);
            assertEquals("pulumi preview --diff --non-interactive --color never --stack dev KUBECONFIG=/tmp/dev-kubeconfig\n",
                    Files.readString(pulumiLog));

            // A merge request that does not render fails the job after saying so in the note.
            Path dev = repo.resolve("out/mr-diff/dev");
            deleteTree(dev.resolve("new"));
            Files.delete(dev.resolve("preview.txt"));
            Files.writeString(dev.resolve("new.missing"), "rendering failed, see the job log\n");
            Files.writeString(dev.resolve("new.failed"), "");
            Run broken = bash(repo, env, "ci/mr-note.sh");
            assertEquals(1, broken.status(), broken.out() + broken.err());
            assertTrue(broken.err().contains("This merge request does not render for: dev"), broken.err());
            assertTrue(gitlab.notes.get(0).path("body").asText()
                    .contains("This merge request has no render of this stack (rendering failed, see the job log)"));
        } finally {
            server.stop(0);
        }
    }

    /**
     * Issue 20: a merge request from an ordinary branch gets no GITLAB_API_TOKEN (protected): the note is the job's
     * artifact and log, the job still succeeds; and a pipeline variable that swaps the jar or the base build for
     * another command is refused in a GitLab job.
     */
    @Test
    void withoutTheProtectedTokenTheNoteIsAnArtifactAndTestHooksAreRefusedInCi(@TempDir Path dir) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        copyScripts(repo);
        Stacks.writeStackFile(repo, "dev", Stacks.minimal("dev", 1));
        git(repo, "init", "-q");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "base");
        String base = git(repo, "rev-parse", "HEAD").strip();
        Stacks.writeStackFile(repo, "dev", Stacks.minimal("dev", 2));
        git(repo, "commit", "-q", "-am", "add tenant2 to dev");
        Map<String, String> env = new HashMap<>(Map.of(
                "PATH", System.getenv("PATH"),
                "FLUXFLEET", FLUXFLEET,
                "FLUXFLEET_BASE", FLUXFLEET,
                "CI_MERGE_REQUEST_DIFF_BASE_SHA", base,
                "CI_PROJECT_ID", "42",
                "CI_MERGE_REQUEST_IID", "5"));
        assertEquals(0, bash(repo, env, "ci/mr-render.sh").status());
        Run note = bash(repo, env, "ci/mr-note.sh");
        assertEquals(0, note.status(), note.out() + note.err());
        assertTrue(note.out().contains("The note is not posted: this pipeline has no GITLAB_API_TOKEN"), note.out());
        assertTrue(note.out().contains(MergeRequestNote.MARKER), "the note is in the log");
        assertTrue(Files.readString(repo.resolve("out/mr-diff/note.md")).contains("| `dev` | "));

        env.put("GITLAB_CI", "true");
        for (String script : List.of("ci/mr-render.sh", "ci/mr-note.sh", "ci/deploy.sh dev")) {
            Run hooked = bash(repo, env, script);
            assertEquals(1, hooked.status(), script);
            assertTrue(hooked.err().contains("FLUXFLEET is set, but it is a test hook that CI never uses"), hooked.err());
        }
    }

    /**
     * A change the engine would refuse (a prod tenant removed while its resources are protected) is in the note, at
     * the top, and fails the job: {@code fluxfleet plan} exits 3 for it.
     */
    @Test
    void theNoteJobFailsWhenTheEngineWouldRefuse(@TempDir Path dir) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        copyScripts(repo);
        Path prod = repo.resolve("out/mr-diff/prod");
        writeRender(prod.resolve("old"), Stacks.minimal("prod", 2));
        writeRender(prod.resolve("new"), Stacks.minimal("prod", 1));
        Files.writeString(repo.resolve("out/mr-diff/stacks.txt"), "prod\n");

        GitLabNotesTest.FakeGitLab gitlab = new GitLabNotesTest.FakeGitLab();
        Run run = noteJob(repo, gitlab);
        assertEquals(1, run.status(), run.out() + run.err());
        assertTrue(run.err().contains("pulumi up would fail for: prod"), run.err());
        assertTrue(Files.readString(prod.resolve("plan.txt")).contains("REFUSED"));
        String note = gitlab.notes.get(0).path("body").asText();
        assertTrue(note.contains("**`pulumi up` will fail** for `prod`"), "posted before failing: " + note);
    }

    /**
     * A change whose outcome the plan cannot see offline (a state from before cluster.id, and a new context: is it the
     * same cluster?) does not look green: {@code fluxfleet plan} exits 4, the note says so, and the job fails naming
     * what to check.
     */
    @Test
    void theNoteJobFailsWhenThePlanCannotTell(@TempDir Path dir) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        copyScripts(repo);
        Path prod = repo.resolve("out/mr-diff/prod");
        writeRender(prod.resolve("old"), Stacks.minimal("prod", 1));
        Path oldResources = prod.resolve("old/resources.json");
        var rows = (com.fasterxml.jackson.databind.node.ArrayNode) new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(oldResources.toFile());
        rows.forEach(r -> {
            if (r.path("type").asText().equals("pulumi:providers:kubernetes")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) r.get("inputs")).remove("clusterIdentifier");
            }
        });
        Files.writeString(oldResources, rows.toString());
        var moved = Stacks.minimal("prod", 1);
        ((com.fasterxml.jackson.databind.node.ObjectNode) moved.get("cluster")).put("context", "rancher-prod-2");
        writeRender(prod.resolve("new"), moved);
        Files.writeString(repo.resolve("out/mr-diff/stacks.txt"), "prod\n");

        GitLabNotesTest.FakeGitLab gitlab = new GitLabNotesTest.FakeGitLab();
        Run run = noteJob(repo, gitlab);
        assertEquals(1, run.status(), run.out() + run.err());
        assertTrue(run.err().contains("cannot tell the outcome offline for: prod"), run.err());
        assertTrue(run.err().contains("kube-system"), "names what to check: " + run.err());
        String note = gitlab.notes.get(0).path("body").asText();
        assertTrue(note.contains("cannot tell the outcome offline"), note);
    }

    private static void writeRender(Path dir, com.fasterxml.jackson.databind.node.ObjectNode config) throws IOException {
        var result = io.fluxfleet.render.Renderer.render(Stacks.load("prod", config));
        for (var file : io.fluxfleet.render.RenderWriter.files(result).entrySet()) {
            Path target = dir.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
        }
    }

    private static void copyScripts(Path repo) throws IOException {
        Path target = Files.createDirectories(repo.resolve("ci"));
        try (Stream<Path> files = Files.list(CI)) {
            for (Path f : files.toList()) {
                Files.copy(f, target.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    private static String git(Path repo, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", repo.toString(), "-c", "user.name=fluxfleet test",
                "-c", "user.email=test@fluxfleet.invalid", "-c", "init.defaultBranch=main"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
        return out;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Runs {@code ci/mr-note.sh} in {@code repo} against {@code gitlab}, served on loopback for the run. */
    private static Run noteJob(Path repo, GitLabNotesTest.FakeGitLab gitlab) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", gitlab::handle);
        server.start();
        try {
            Map<String, String> env = Map.of(
                    "FLUXFLEET", FLUXFLEET,
                    "CI_API_V4_URL", "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v4",
                    "CI_PROJECT_ID", "42",
                    "CI_MERGE_REQUEST_IID", "5",
                    "GITLAB_API_TOKEN", "glpat-test-token-do-not-print");
            return bash(repo, env, "ci/mr-note.sh");
        } finally {
            server.stop(0);
        }
    }
}
