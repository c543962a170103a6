package io.fluxfleet.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What GitLab does with a {@code .gitlab-ci.yml}, as far as fluxfleet's own pipeline uses it: jobs with their
 * {@code extends} merged in, which jobs run in which kind of pipeline (a small evaluator of the {@code rules: if:}
 * expressions the file uses, and {@code rules: exists}), which job receives which CI/CD variable, and which cache a
 * job reads. {@code GitLabCiTest} checks the file with it; the change-path corpus drives attacks through it.
 */
public final class GitLabCiModel {
    private static final Set<String> GLOBAL_KEYWORDS = Set.of("workflow", "stages", "variables", "default", "include",
            "image", "services", "cache", "before_script", "after_script");
    private static final Pattern COMPARISON = Pattern.compile("\\s*(\\S+)\\s*(==|!=)\\s*(\\S+)\\s*");

    private final JsonNode root;
    private final Path repository;
    private final Map<String, JsonNode> jobs = new TreeMap<>();

    private GitLabCiModel(JsonNode root, Path repository) {
        this.root = root;
        this.repository = repository;
        root.fieldNames().forEachRemaining(name -> {
            if (!GLOBAL_KEYWORDS.contains(name) && !name.startsWith(".")) {
                jobs.put(name, resolved(name));
            }
        });
    }

    /** The {@code .gitlab-ci.yml} of the repository at {@code repository}. */
    public static GitLabCiModel read(Path repository) {
        try {
            return new GitLabCiModel(new ObjectMapper(new YAMLFactory()).readTree(repository.resolve(".gitlab-ci.yml")
                    .toFile()), repository);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode root() {
        return root;
    }

    /** Every job (hidden {@code .templates} excluded), by name, with its {@code extends} chain merged in. */
    public Map<String, JsonNode> jobs() {
        return jobs;
    }

    public JsonNode job(String name) {
        return Objects.requireNonNull(jobs.get(name), name);
    }

    /**
     * The jobs a pipeline with these predefined variables runs, each with its {@code when}: none when the workflow
     * rules leave the pipeline out.
     */
    public Map<String, String> jobsIn(Map<String, String> variables) {
        Map<String, String> actual = new TreeMap<>();
        if (!"never".equals(firstMatch(root.path("workflow").path("rules"), variables))) {
            jobs.forEach((name, job) -> {
                String when = job.has("rules") ? firstMatch(job.get("rules"), variables)
                        : job.path("when").asText("on_success");
                if (when != null && !when.equals("never")) {
                    actual.put(name, when);
                }
            });
        }
        return actual;
    }

    /**
     * The cache key a job reads and writes in a pipeline: {@code key:prefix} with its variables expanded, then the
     * files' hash (GitLab docs, ci/yaml "cache:key:prefix": "combine a prefix with the SHA computed for
     * cache:key:files"). Two jobs share a cache exactly when their keys are equal.
     */
    public String cacheKey(String name, Map<String, String> variables) {
        JsonNode key = job(name).path("cache").path("key");
        String prefix = key.isObject() ? key.path("prefix").asText("") : key.asText("default");
        Matcher m = Pattern.compile("\\$([A-Z_][A-Z0-9_]*)").matcher(prefix);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(variables.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        return out + "-" + strings(key.path("files"));
    }

    /** A job with its {@code extends} chain merged in, as GitLab does (deep merge of mappings). */
    private JsonNode resolved(String name) {
        JsonNode job = root.get(name);
        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        JsonNode parents = job.path("extends");
        List<String> names = new ArrayList<>();
        if (parents.isTextual()) {
            names.add(parents.asText());
        } else {
            parents.forEach(p -> names.add(p.asText()));
        }
        for (String parent : names) {
            deepMerge(merged, resolved(parent));
        }
        deepMerge(merged, job);
        merged.remove("extends");
        return merged;
    }

    private static void deepMerge(ObjectNode into, JsonNode from) {
        from.properties().forEach(e -> {
            JsonNode existing = into.get(e.getKey());
            if (existing instanceof ObjectNode target && e.getValue().isObject()) {
                deepMerge(target, e.getValue());
            } else {
                into.set(e.getKey(), e.getValue().deepCopy());
            }
        });
    }

    /** The {@code when} of the first rule whose {@code if} holds; null when none does (the job is left out). */
    public String firstMatch(JsonNode rules, Map<String, String> variables) {
        if (rules.isMissingNode()) {
            return "on_success";
        }
        for (JsonNode rule : rules) {
            if ((!rule.has("if") || holds(rule.get("if").asText(), variables)) && exists(rule.path("exists"))) {
                return rule.path("when").asText("on_success");
            }
        }
        return null;
    }

    /**
     * A rule's {@code exists} holds when any of its globs matches a file of the repository (GitLab docs, ci/yaml
     * "rules:exists": "Use exists to run a job when certain files exist in the repository"); no {@code exists}: holds.
     */
    private boolean exists(JsonNode globs) {
        if (globs.isMissingNode()) {
            return true;
        }
        for (JsonNode glob : globs) {
            var matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob.asText());
            try (Stream<Path> files = Files.list(repository)) {
                if (files.anyMatch(f -> matcher.matches(f.getFileName()))) {
                    return true;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return false;
    }

    /** The subset of GitLab's expression syntax the file uses: ||, &&, ==, != and a bare variable. */
    public static boolean holds(String expression, Map<String, String> variables) {
        if (expression.contains("(") || expression.contains("=~")) {
            throw new AssertionError("the evaluator does not know: " + expression);
        }
        for (String alternative : expression.split("\\|\\|")) {
            boolean all = true;
            for (String term : alternative.split("&&")) {
                Matcher m = COMPARISON.matcher(term);
                if (m.matches()) {
                    boolean equal = Objects.equals(value(m.group(1), variables), value(m.group(3), variables));
                    all &= m.group(2).equals("==") == equal;
                } else {
                    String v = value(term.strip(), variables);
                    all &= v != null && !v.isEmpty();
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static String value(String token, Map<String, String> variables) {
        if (token.startsWith("$")) {
            return variables.get(token.substring(1));
        }
        if (token.startsWith("\"") && token.endsWith("\"")) {
            return token.substring(1, token.length() - 1);
        }
        throw new AssertionError("the evaluator does not know the token " + token);
    }

    /**
     * A CI/CD variable as docs/merge-requests.md tells to set it. GitLab's delivery rules (gitlab-org/gitlab):
     * doc/ci/variables/_index.md, "Protect a CI/CD variable": "exported only to pipelines that run on protected
     * branches or protected tags"; doc/ci/environments/_index.md, "Limit the environment scope of a CI/CD variable": a
     * scoped variable is available only to jobs whose {@code environment:name} matches the scope ({@code *}: all jobs).
     */
    public record Variable(String name, boolean protectedOnly, String scope) {
        public boolean deliveredTo(JsonNode job, boolean protectedRef) {
            String environment = job.path("environment").path("name").asText("");
            return (!protectedOnly || protectedRef) && (scope.equals("*") || scope.equals(environment));
        }
    }

    /** The lines a job runs: before_script, script, after_script. */
    public static List<String> scripts(JsonNode job) {
        List<String> lines = new ArrayList<>();
        for (String key : List.of("before_script", "script", "after_script")) {
            lines.addAll(strings(job.path(key)));
        }
        return lines;
    }

    public static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isTextual() || node.isNumber()) {
            out.add(node.asText());
        } else {
            node.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
