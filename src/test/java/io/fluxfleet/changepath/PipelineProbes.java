package io.fluxfleet.changepath;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxfleet.diff.ChangedStacksCommand;
import io.fluxfleet.testing.GitLabCiModel;
import io.fluxfleet.testing.Shell;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The probes of this repository's pipeline: the .gitlab-ci.yml model, the ci/ scripts, changed-stacks over real git. */
final class PipelineProbes {
    private PipelineProbes() {}

    // --- this repository's pipeline (.gitlab-ci.yml) --------------------------------------------------------------

    private static final GitLabCiModel CI = GitLabCiModel.read(Path.of("."));

    /** The predefined variables of each kind of pipeline, and whether its ref is protected. */
    private static final Map<String, Map<String, String>> PIPELINES = Map.of(
            "merge-request", Map.of("CI_PIPELINE_SOURCE", "merge_request_event", "CI_MERGE_REQUEST_IID", "5",
                    "CI_DEFAULT_BRANCH", "main", "CI_COMMIT_REF_PROTECTED", "false"),
            "default-branch", Map.of("CI_PIPELINE_SOURCE", "push", "CI_COMMIT_BRANCH", "main", "CI_DEFAULT_BRANCH", "main",
                    "CI_COMMIT_REF_PROTECTED", "true"),
            "merge-request-protected-source", Map.of("CI_PIPELINE_SOURCE", "merge_request_event",
                    "CI_MERGE_REQUEST_IID", "6", "CI_DEFAULT_BRANCH", "main", "CI_COMMIT_REF_PROTECTED", "true"),
            "branch", Map.of("CI_PIPELINE_SOURCE", "push", "CI_COMMIT_BRANCH", "feature", "CI_DEFAULT_BRANCH", "main",
                    "CI_COMMIT_REF_PROTECTED", "false"));

    private static Map<String, String> pipeline(JsonNode in, String field) {
        return java.util.Objects.requireNonNull(PIPELINES.get(in.path(field).asText()), "pipeline " + in.path(field));
    }

    /** Whether a job of a pipeline receives a variable set as the case says (GitLab's protection and scope rules). */
    static String ciVariable(JsonNode in, Path tmp) {
        Map<String, String> vars = pipeline(in, "pipeline");
        String job = in.path("job").asText();
        JsonNode v = in.path("variable");
        GitLabCiModel.Variable variable = new GitLabCiModel.Variable(v.path("name").asText(),
                v.path("protected").asBoolean(), v.path("scope").asText());
        boolean runs = CI.jobsIn(vars).containsKey(job);
        return runs && variable.deliveredTo(CI.job(job), "true".equals(vars.get("CI_COMMIT_REF_PROTECTED")))
                ? "received" : "not-received";
    }

    static String ciJob(JsonNode in, Path tmp) {
        return CI.jobsIn(pipeline(in, "pipeline")).containsKey(in.path("job").asText()) ? "runs" : "not-run";
    }

    /** Whether a job of one pipeline and a job of another read the same cache (equal keys). */
    static String ciCache(JsonNode in, Path tmp) {
        String a = CI.cacheKey(in.path("job").asText(), pipeline(in, "pipeline"));
        String b = CI.cacheKey(in.path("otherJob").asText(), pipeline(in, "otherPipeline"));
        return a.equals(b) ? "shared" : "separate";
    }

    static String ciImage(JsonNode in, Path tmp) {
        JsonNode image = CI.job(in.path("job").asText()).path("image");
        String reference = image.isObject() ? image.path("name").asText() : image.asText();
        return reference.matches(".*@sha256:[0-9a-f]{64}") ? "by-digest" : "by-tag";
    }

    // --- the CI scripts -------------------------------------------------------------------------------------------

    /**
     * Runs a script of {@code ci/} (a copy, in a throwaway repository with the case's {@code files}) as a GitLab job
     * would ({@code gitlabJob: true} sets {@code GITLAB_CI} and {@code CI_JOB_ID}), with a fake {@code pulumi} on the
     * PATH ({@code $PLATFORM} in a file stands for the runner's platform). "ran" when anything the attacker chose ran (the marker file appeared: the case's variables point at it
     * through {@code $MARKER}) or, with {@code ranWhen: exit0}, when the script succeeded; "refused" when the script
     * stopped with the case's {@code message}.
     */
    static String ciScript(JsonNode in, Path tmp) throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Path ci = Files.createDirectories(repo.resolve("ci"));
        try (var scripts = Files.list(Path.of("ci"))) {
            for (Path script : scripts.toList()) {
                Files.copy(script, ci.resolve(script.getFileName()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        for (var f : in.path("files").properties()) {
            Path file = repo.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.getValue().asText().replace("$PLATFORM", platform()));
        }
        Path marker = tmp.resolve("marker");
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Files.writeString(bin.resolve("pulumi"), "#!/usr/bin/env bash\ntouch " + marker + "\n");
        bin.resolve("pulumi").toFile().setExecutable(true);
        Map<String, String> env = new TreeMap<>();
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        in.path("env").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText().replace("$MARKER",
                marker.toString())));
        if (in.path("gitlabJob").asBoolean()) {
            env.put("GITLAB_CI", "true");
            env.put("CI_JOB_ID", "42");
        }
        List<String> args = new ArrayList<>();
        in.path("args").forEach(a -> args.add(a.asText()));
        Shell.Run run = Shell.bash(repo, env, in.path("script").asText(), args.toArray(String[]::new));
        if (Files.exists(marker) || in.path("ranWhen").asText().equals("exit0") && run.status() == 0) {
            return "ran";
        }
        String message = in.path("message").asText();
        if (run.status() != 0 && run.err().contains(message)) {
            return "refused";
        }
        throw new AssertionError("neither ran nor refused with '" + message + "': exit " + run.status() + "\n"
                + run.out() + run.err());
    }

    /** The platform ci/install-plugins.sh computes from uname ({@code linux-amd64} on the CI runners). */
    static String platform() {
        return System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT) + "-"
                + System.getProperty("os.arch").replace("x86_64", "amd64").replace("aarch64", "arm64");
    }

    // --- changed-stacks over a real git repository ----------------------------------------------------------------

    /**
     * A repository with the stack files {@code stacks} (and {@code files}, {@code baseSymlinks}) committed on
     * {@code main}, then a branch whose one commit changes {@code change} (path to content; {@code symlinks}: path to
     * target): what
     * {@code fluxfleet changed-stacks --base main} prints. "every stack" when it names them all.
     */
    static String changedStacks(JsonNode in, Path tmp) throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("git"));
        git(repo, "init", "-q", "-b", "main");
        git(repo, "config", "user.email", "t@example.com");
        git(repo, "config", "user.name", "t");
        List<String> stacks = List.copyOf(Probes.strings(in.path("stacks")));
        for (String stack : stacks) {
            Files.writeString(repo.resolve("Pulumi." + stack + ".yaml"), "config: {}\n");
        }
        write(repo, in.path("files"));
        link(repo, in.path("baseSymlinks"));
        Files.writeString(repo.resolve("README.md"), "# fleet\n");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "base");
        git(repo, "checkout", "-q", "-b", "change");
        write(repo, in.path("change"));
        link(repo, in.path("symlinks"));
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "change");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ChangedStacksCommand.run(new String[] {"--base", "main", "--repo", repo.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        if (status != 0) {
            throw new AssertionError("changed-stacks failed: " + err);
        }
        List<String> printed = out.toString(StandardCharsets.UTF_8).lines().toList();
        return printed.isEmpty() ? "none" : printed.equals(stacks.stream().sorted().toList()) ? "every stack"
                : String.join(" ", printed);
    }

    /** Symbolic links, path to target (relative to the link's directory, as git stores it). */
    private static void link(Path repo, JsonNode links) throws IOException {
        for (var link : links.properties()) {
            Path path = repo.resolve(link.getKey());
            Files.createDirectories(path.getParent());
            Files.deleteIfExists(path);
            Files.createSymbolicLink(path, Path.of(link.getValue().asText()));
        }
    }

    private static void write(Path repo, JsonNode files) throws IOException {
        for (var f : files.properties()) {
            Path file = repo.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.getValue().asText());
        }
    }

    private static void git(Path repo, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        Shell.Run run = Shell.run(repo, Map.of("HOME", repo.getParent().toString(), "GIT_CONFIG_NOSYSTEM", "1"), command);
        if (run.status() != 0) {
            throw new AssertionError(command + ": " + run.err());
        }
    }
}
