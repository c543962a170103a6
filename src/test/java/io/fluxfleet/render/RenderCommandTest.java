package io.fluxfleet.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fluxfleet.testing.Stacks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RenderCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    record Run(int code, String out, String err) {}

    /** Runs {@code render} as the CLI does, capturing its output. */
    static Run render(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = RenderCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Map<String, String> readAll(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), Files.readString(p));
            }
        }
        return files;
    }

    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void rendersTheCommittedStackFiles(String stack, @TempDir Path out) throws IOException {
        Run run = render("--stack", stack, "--config", Stacks.stackFile(stack).toString(), "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("rendered stack '" + stack + "'"), run.out());
        assertTrue(run.out().contains("GitRepository"), "prints counts per kind: " + run.out());
        assertEquals(List.of("helm-values/flux.yaml", "kubernetes.yaml", "resources.json"), List.copyOf(readAll(out).keySet()));

        JsonNode resources = JSON.readTree(out.resolve("resources.json").toFile());
        assertTrue(resources.isArray() && resources.size() > 25);
        for (JsonNode r : resources) {
            assertTrue(r.has("type") && r.has("name") && r.has("inputs"), r.toString());
        }
        List<Map<String, Object>> docs = kubernetesDocs(out);
        // every Kubernetes object but the Helm release (components, providers, random and GitLab resources are not)
        assertEquals(countTypes(resources, "kubernetes:") - countTypes(resources, RenderResult.HELM_RELEASE_TYPE), docs.size());
        // apply order: a namespace comes before anything in it
        List<String> seenNamespaces = new ArrayList<>();
        for (Map<String, Object> doc : docs) {
            @SuppressWarnings("unchecked")
            Map<String, Object> meta = (Map<String, Object>) doc.get("metadata");
            if (doc.get("kind").equals("Namespace")) {
                seenNamespaces.add((String) meta.get("name"));
            } else if (meta.containsKey("namespace")) {
                assertTrue(seenNamespaces.contains(meta.get("namespace")), meta + " before its namespace");
            }
        }
        Map<?, ?> helm = YAML.readValue(out.resolve("helm-values/flux.yaml").toFile(), Map.class);
        assertEquals("flux2", helm.get("chart"));
        assertEquals("2.18.3", helm.get("version"));
        assertEquals("https://fluxcd-community.github.io/helm-charts", helm.get("repository"));
        assertTrue(((Map<?, ?>) helm.get("values")).containsKey("cli"));
    }

    private static int countTypes(JsonNode resources, String prefix) {
        int n = 0;
        for (JsonNode r : resources) {
            n += r.get("type").asText().startsWith(prefix) ? 1 : 0;
        }
        return n;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> kubernetesDocs(Path out) throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(out.resolve("kubernetes.yaml").toFile())) {
            var it = YAML.readValues(parser, Map.class);
            while (it.hasNext()) {
                docs.add((Map<String, Object>) it.next());
            }
        }
        return docs;
    }

    @Test
    void secretsAreRedactedButSecretsKeepTheirShape(@TempDir Path dir) throws IOException {
        ObjectNode config = Stacks.minimal("dev", 2);
        Path stackFile = Stacks.writeStackFile(dir, "dev", config);
        Path out = dir.resolve("out");
        assertEquals(0, render("--stack", "dev", "--config", stackFile.toString(), "--out", out.toString()).code());
        Map<String, String> files = readAll(out);
        files.forEach((name, content) -> {
            assertFalse(content.contains(Stacks.GIT_PASSWORD), name + " leaks the git password");
            assertFalse(content.contains(Stacks.HARBOR_PASSWORD), name + " leaks the harbor password");
        });
        String yaml = files.get("kubernetes.yaml");
        assertTrue(yaml.contains("type: kubernetes.io/dockerconfigjson"));
        assertTrue(yaml.matches("(?s).*\"\\.dockerconfigjson\": \"\\[secret:[0-9a-f]{12}\\.[0-9a-f]{6}]\".*"), "keys kept, values redacted");
        assertTrue(yaml.matches("(?s).*password: \"\\[secret:[0-9a-f]{12}\\.[0-9a-f]{6}]\".*"));
    }

    @Test
    void encryptedStackValuesNeverReachTheOutput(@TempDir Path out) throws IOException {
        assertEquals(0, render("--stack", "dev", "--config", Stacks.stackFile("dev").toString(), "--out", out.toString()).code());
        readAll(out).forEach((name, content) ->
                assertFalse(content.contains("PLACEHOLDER") || content.contains("secure"), name + " shows a stored ciphertext"));
        // the committed file once its secrets are set: each `pulumi config set --secret` wrote a ciphertext
        String ciphertext = "v1:AAECAwQFBgcICQoL:Y2lwaGVydGV4dC1uZXZlci1zaG93bg==";
        Path more = Files.createDirectories(out.resolve("secrets-set"));
        Path file = Files.writeString(more.resolve("Pulumi.dev.yaml"), Files.readString(Stacks.stackFile("dev"))
                .replaceAll("(?m)^(\\s+)(\\w+): +# secret: .*$", "$1$2:\n$1  secure: " + ciphertext));
        Path set = more.resolve("out");
        assertEquals(0, render("--stack", "dev", "--config", file.toString(), "--out", set.toString()).code());
        readAll(set).forEach((name, content) -> assertFalse(content.contains(ciphertext.substring(3, 20))
                || content.contains("secure"), name + " shows a stored ciphertext"));
    }

    @Test
    void aChangedSecretRendersDifferentlyWithoutShowingIt(@TempDir Path dir) throws IOException {
        ObjectNode config = Stacks.minimal("dev", 1);
        Path first = dir.resolve("a");
        Path second = dir.resolve("b");
        render("--stack", "dev", "--config", Stacks.writeStackFile(dir, "dev", config).toString(), "--out", first.toString());
        ((ObjectNode) config.get("harbor")).put("password", "another-password");
        render("--stack", "dev", "--config", Stacks.writeStackFile(dir, "dev", config).toString(), "--out", second.toString());
        assertFalse(Files.readString(first.resolve("kubernetes.yaml")).equals(Files.readString(second.resolve("kubernetes.yaml"))));
        assertFalse(Files.readString(second.resolve("kubernetes.yaml")).contains("another-password"));
    }

    @Test
    void outputIsByteIdenticalAcrossRuns(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        String stack = Stacks.stackFile("prod").toString();
        assertEquals(0, render("--stack", "prod", "--config", stack, "--out", a.toString()).code());
        assertEquals(0, render("--stack", "prod", "--config", stack, "--out", b.toString()).code());
        assertEquals(readAll(a), readAll(b));
    }

    @Test
    void badConfigExitsWithTwoListsEveryProblemAndWritesNothing(@TempDir Path dir) throws IOException {
        ObjectNode config = Stacks.minimal("dev", 1);
        config.putObject("platformWorkers").put("taintKey", "node-role..com/platform-worker");
        config.put("environment", "staging");
        Path out = dir.resolve("out");
        Run run = render("--stack", "dev", "--config", Stacks.writeStackFile(dir, "dev", config).toString(), "--out", out.toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("fluxfleet:platformWorkers.taintKey"), run.err());
        assertTrue(run.err().contains("fluxfleet:environment"), run.err());
        assertFalse(Files.exists(out), "nothing is written");
        assertEquals("", run.out());
    }

    @Test
    void usageErrorsExitWithTwo(@TempDir Path dir) {
        assertEquals(2, render("--stack", "dev").code());
        assertEquals(2, render("--stack", "dev", "--out", dir.toString(), "--config", dir.resolve("missing.yaml").toString()).code());
        assertEquals(2, render("--bogus", "x").code());
    }
}
