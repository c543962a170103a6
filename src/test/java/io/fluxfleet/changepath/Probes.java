package io.fluxfleet.changepath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxfleet.config.ConfigException;
import io.fluxfleet.config.ConfigLoader;
import io.fluxfleet.config.Environment;
import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.config.Problem;
import io.fluxfleet.config.RawConfig;
import io.fluxfleet.diff.ChangedStacksCommand;
import io.fluxfleet.gitlab.ChangePathGitLab;
import io.fluxfleet.gitlab.CodeOwnersLocations;
import io.fluxfleet.gitlab.SeedFiles;
import io.fluxfleet.render.Fingerprint;
import io.fluxfleet.render.RenderWriter;
import io.fluxfleet.testing.GitLabCiModel;
import io.fluxfleet.testing.GovernanceConfigs;
import io.fluxfleet.testing.Shell;
import io.fluxfleet.testing.Stacks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;

/**
 * The mechanisms the change-path scenarios drive, by the name a scenario's case gives as {@code probe}. Each runs the
 * real thing (the fake GitLab with its cited rules, GitLab's CODEOWNERS rules, the {@code .gitlab-ci.yml} model, the
 * CI scripts, {@code changed-stacks} over a real git repository, the config loader, the renderer) with the case's
 * input and answers with one word of its vocabulary; the words in {@link Probe#stopped} mean the attack is refused or
 * has no effect.
 */
final class Probes {
    private Probes() {}

    /** One mechanism: what it answers, and which answers stop an attack. */
    interface Probe {
        Set<String> outcomes();

        Set<String> stopped();

        String run(JsonNode input, Path tmp) throws Exception;
    }

    private record Simple(Set<String> outcomes, Set<String> stopped, Body body) implements Probe {
        @Override
        public String run(JsonNode input, Path tmp) throws Exception {
            return body.run(input, tmp);
        }
    }

    @FunctionalInterface
    private interface Body {
        String run(JsonNode input, Path tmp) throws Exception;
    }

    private static Probe probe(Set<String> outcomes, Set<String> stopped, Body body) {
        return new Simple(outcomes, stopped, body);
    }

    static final Map<String, Probe> ALL = registry();

    private static Map<String, Probe> registry() {
        Map<String, Probe> all = new LinkedHashMap<>();
        all.put("codeowners-merge", probe(Set.of("merges", "blocked"), Set.of("blocked"), Probes::codeownersMerge));
        all.put("codeowners-up", probe(Set.of("accepted", "warned", "refused"), Set.of("refused"), Probes::codeownersUp));
        all.put("config", probe(Set.of("loaded", "refused"), Set.of("refused"), Probes::config));
        all.put("gitlab-merge", probe(Set.of("merges", "blocked"), Set.of("blocked"), Probes::gitlabMerge));
        all.put("gitlab-unprotect", probe(Set.of("can-unprotect", "cannot-unprotect"), Set.of("cannot-unprotect"),
                Probes::gitlabUnprotect));
        all.put("ci-variable", probe(Set.of("received", "not-received"), Set.of("not-received"), Probes::ciVariable));
        all.put("ci-job", probe(Set.of("runs", "not-run"), Set.of("not-run"), Probes::ciJob));
        all.put("ci-cache", probe(Set.of("shared", "separate"), Set.of("separate"), Probes::ciCache));
        all.put("ci-image", probe(Set.of("by-digest", "by-tag"), Set.of("by-digest"), Probes::ciImage));
        all.put("ci-script", probe(Set.of("ran", "refused"), Set.of("refused"), Probes::ciScript));
        all.put("changed-stacks", probe(Set.of("every stack", "none", "dev", "prod", "prod prod-tenants-a"),
                Set.of("every stack"), Probes::changedStacks));
        all.put("fingerprint", probe(Set.of("recognisable", "not-recognisable", "same", "changed"),
                Set.of("not-recognisable"), Probes::fingerprint));
        all.put("cluster-layer-source", probe(Set.of("tenant-project", "platform-project"), Set.of("platform-project"),
                Probes::clusterLayerSource));
        return java.util.Collections.unmodifiableMap(all);
    }

    // --- CODEOWNERS (GitLab's rules: CodeOwnersLocations) ---------------------------------------------------------

    private static final FluxFleetConfig PROD = Stacks.committed("prod");
    private static final FluxFleetConfig.Tenant TENANT = PROD.tenants().get(0);

    /** The CODEOWNERS a case names: fluxfleet's seed for a tenant, the earlier seed, or this repository's own. */
    private static String codeowners(String which) throws IOException {
        return switch (which) {
            case "tenant-seed" -> SeedFiles.codeowners(TENANT, PROD.gitlab().governance().teams());
            case "tenant-seed-earlier" -> ChangePathGitLab.earlierSeed();
            case "fluxfleet-repo" -> Files.readString(Path.of("CODEOWNERS"));
            default -> which; // the content itself (an attacker's file)
        };
    }

    /**
     * A merge request changing {@code path} merges when each section's matching entry has an approval from one of its
     * owners ({@link CodeOwnersLocations#requiredOwners}).
     */
    private static String codeownersMerge(JsonNode in, Path tmp) throws IOException {
        Set<String> approvedBy = strings(in.path("approvedBy"));
        List<Set<String>> required = CodeOwnersLocations.requiredOwners(codeowners(in.path("file").asText()),
                in.path("path").asText());
        return required.stream().allMatch(owners -> owners.stream().anyMatch(approvedBy::contains)) ? "merges" : "blocked";
    }

    /** What {@code pulumi up} makes of the CODEOWNERS files on a tenant branch ({@link CodeOwnersLocations#judge}). */
    private static String codeownersUp(JsonNode in, Path tmp) throws IOException {
        Map<String, String> files = new TreeMap<>();
        for (var e : in.path("branchFiles").properties()) {
            files.put(e.getKey(), codeowners(e.getValue().asText()));
        }
        CodeOwnersLocations.Verdict verdict = CodeOwnersLocations.judge("tenant1 prod", files,
                SeedFiles.platformPaths(TENANT), List.of(PROD.gitlab().governance().teams().platform().get(0)),
                codeowners("tenant-seed"));
        return verdict.refusal().isPresent() ? "refused" : verdict.warning().isPresent() ? "warned" : "accepted";
    }

    // --- the config loader ----------------------------------------------------------------------------------------

    /**
     * Loads a stack of {@code environment} (the test's minimal stack, {@code gitlab} replaced when given) with the
     * secrets encrypted or in plain text; a refusal must name {@code key} when the case gives one.
     */
    private static String config(JsonNode in, Path tmp) {
        String env = in.path("environment").asText();
        ObjectNode stack = Stacks.minimal(env, 2);
        if (in.has("gitlab")) {
            stack.set("gitlab", GovernanceConfigs.yaml(in.get("gitlab").asText()));
        }
        Map<String, JsonNode> values = new TreeMap<>();
        stack.properties().forEach(e -> values.put(e.getKey(), e.getValue()));
        Set<String> encrypted = in.path("plaintextSecrets").asBoolean(false) ? Set.of()
                : new TreeSet<>(Set.of("harbor", "tenants", "gitlab", "cluster"));
        try {
            ConfigLoader.load(env, new RawConfig("change-path", values, encrypted), w -> { });
            return "loaded";
        } catch (ConfigException e) {
            String key = in.path("key").asText("");
            if (!key.isEmpty() && e.problems().stream().map(Problem::key).noneMatch(key::equals)) {
                throw new AssertionError("refused, but not for " + key + ": " + e.getMessage());
            }
            return "refused";
        }
    }

    // --- the fake GitLab ------------------------------------------------------------------------------------------

    private static String gitlabMerge(JsonNode in, Path tmp) {
        JsonNode s = in.path("state");
        Map<String, String> shares = new TreeMap<>();
        s.path("shares").properties().forEach(e -> shares.put(e.getKey(), e.getValue().asText()));
        Map<String, Map<String, String>> groups = new TreeMap<>();
        s.path("groupMembers").properties().forEach(g -> {
            Map<String, String> users = new TreeMap<>();
            g.getValue().properties().forEach(u -> users.put(u.getKey(), u.getValue().asText()));
            groups.put(g.getKey(), users);
        });
        ChangePathGitLab.State state = new ChangePathGitLab.State(List.copyOf(strings(s.path("members"))),
                List.copyOf(strings(s.path("nonMembers"))), s.path("groupsShared").asBoolean(true), shares, groups);
        return ChangePathGitLab.merges(environment(in), gitlabYaml(in), state, in.path("author").asText(),
                strings(in.path("approvals"))) ? "merges" : "blocked";
    }

    private static String gitlabUnprotect(JsonNode in, Path tmp) {
        return ChangePathGitLab.canUnprotect(environment(in), gitlabYaml(in), List.copyOf(strings(in.path("tokenGroups"))),
                in.path("user").asText(), in.path("role").asText(), strings(in.path("memberOf")))
                ? "can-unprotect" : "cannot-unprotect";
    }

    private static Environment environment(JsonNode in) {
        return Environment.parse(in.path("environment").asText()).orElseThrow();
    }

    private static String gitlabYaml(JsonNode in) {
        return in.has("gitlab") ? in.get("gitlab").asText() : null;
    }

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
    private static String ciVariable(JsonNode in, Path tmp) {
        Map<String, String> vars = pipeline(in, "pipeline");
        String job = in.path("job").asText();
        JsonNode v = in.path("variable");
        GitLabCiModel.Variable variable = new GitLabCiModel.Variable(v.path("name").asText(),
                v.path("protected").asBoolean(), v.path("scope").asText());
        boolean runs = CI.jobsIn(vars).containsKey(job);
        return runs && variable.deliveredTo(CI.job(job), "true".equals(vars.get("CI_COMMIT_REF_PROTECTED")))
                ? "received" : "not-received";
    }

    private static String ciJob(JsonNode in, Path tmp) {
        return CI.jobsIn(pipeline(in, "pipeline")).containsKey(in.path("job").asText()) ? "runs" : "not-run";
    }

    /** Whether a job of one pipeline and a job of another read the same cache (equal keys). */
    private static String ciCache(JsonNode in, Path tmp) {
        String a = CI.cacheKey(in.path("job").asText(), pipeline(in, "pipeline"));
        String b = CI.cacheKey(in.path("otherJob").asText(), pipeline(in, "otherPipeline"));
        return a.equals(b) ? "shared" : "separate";
    }

    private static String ciImage(JsonNode in, Path tmp) {
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
    private static String ciScript(JsonNode in, Path tmp) throws Exception {
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
        List<String> args = new ArrayList<>(strings(in.path("args")));
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
    private static String platform() {
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
    private static String changedStacks(JsonNode in, Path tmp) throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("git"));
        git(repo, "init", "-q", "-b", "main");
        git(repo, "config", "user.email", "t@example.com");
        git(repo, "config", "user.name", "t");
        List<String> stacks = List.copyOf(strings(in.path("stacks")));
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

    // --- fingerprints in a render ---------------------------------------------------------------------------------

    /**
     * Renders the dev stack with {@code secret} as the Harbor password. {@code guess}: whether the attacker's unkeyed
     * SHA-256 of the guess, cut to 48 bits (the old fingerprint), or the secret itself appears in the render; else,
     * with {@code then}, whether the secret's fingerprint is the same in a second render with {@code then}.
     */
    private static String fingerprint(JsonNode in, Path tmp) throws Exception {
        String secret = in.path("secret").asText();
        Map<String, String> first = render(secret);
        if (in.has("guess")) {
            String guess = in.get("guess").asText();
            String unkeyed = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(guess.getBytes(StandardCharsets.UTF_8))).substring(0, 12);
            String all = String.join("\n", first.values());
            if (!Fingerprint.PLACEHOLDER.matcher(all).find()) {
                throw new AssertionError("the render has no secret placeholder to attack");
            }
            // the secret is in the render if it differs, placeholders aside, from a render with another secret
            String other = String.join("\n", render(secret + "-other").values());
            boolean plain = !Fingerprint.PLACEHOLDER.matcher(all).replaceAll("[secret]")
                    .equals(Fingerprint.PLACEHOLDER.matcher(other).replaceAll("[secret]"));
            return all.contains("[secret:" + unkeyed) || plain ? "recognisable" : "not-recognisable";
        }
        Map<String, String> second = render(in.path("then").asText());
        return placeholders(first).equals(placeholders(second)) ? "same" : "changed";
    }

    private static Map<String, String> render(String harborPassword) {
        ObjectNode config = Stacks.minimal("dev", 1);
        ((ObjectNode) config.get("harbor")).put("password", harborPassword);
        return RenderWriter.files(Stacks.render(Stacks.load("dev", config)));
    }

    private static Set<String> placeholders(Map<String, String> files) {
        Set<String> out = new TreeSet<>();
        Matcher m = Fingerprint.PLACEHOLDER.matcher(String.join("\n", files.values()));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    // --- which project the cluster-admin layers read --------------------------------------------------------------

    /**
     * Renders the committed {@code stack} and compares the Git source of a tenant's {@code cluster} Kustomization
     * (applied as flux-platform-reconciler) with its {@code apps} Kustomization's: the same repository means the
     * tenant's project drives cluster-admin.
     */
    private static String clusterLayerSource(JsonNode in, Path tmp) throws Exception {
        FluxFleetConfig config = Stacks.committed(in.path("stack").asText());
        JsonNode resources = new ObjectMapper().readTree(RenderWriter.files(Stacks.render(config)).get("resources.json"));
        String tenant = config.tenants().get(0).name();
        Map<String, JsonNode> byName = new TreeMap<>();
        List<JsonNode> objects = new ArrayList<>();
        resources.findParents("kind").forEach(objects::add);
        for (JsonNode o : objects) {
            byName.put(o.path("kind").asText() + "/" + o.path("metadata").path("name").asText(), o);
        }
        String cluster = sourceUrl(byName, tenant + "-" + config.environment().id() + "-cluster");
        String apps = sourceUrl(byName, tenant + "-" + config.environment().id() + "-apps");
        return cluster.equals(apps) ? "tenant-project" : "platform-project";
    }

    private static String sourceUrl(Map<String, JsonNode> byName, String kustomization) {
        JsonNode k = byName.get("Kustomization/" + kustomization);
        if (k == null) {
            throw new AssertionError("no Kustomization " + kustomization + " in the render: " + byName.keySet());
        }
        JsonNode ref = k.path("spec").path("sourceRef");
        JsonNode source = byName.get(ref.path("kind").asText() + "/" + ref.path("name").asText());
        if (source == null) {
            throw new AssertionError("no source " + ref + " in the render");
        }
        return source.path("spec").path("url").asText();
    }

    static Set<String> strings(JsonNode node) {
        Set<String> out = new TreeSet<>();
        if (node.isTextual()) {
            out.add(node.asText());
        } else {
            node.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
