package io.fluxfleet.bindings;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
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

/**
 * The generator as the build runs it (the JDK's source launcher, Jackson on the class path): it reproduces the
 * build's output exactly from the committed manifests, and it refuses bad input with every problem named at once.
 */
class GenerateBindingsTest {
    static final Path GENERATOR = Path.of("src/build/GenerateBindings.java");
    static final Path BUILD_OUTPUT = Path.of("target/generated-sources/bindings");

    record Result(int exit, String output) {}

    static Result generate(Path out, Path... manifests) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), GENERATOR.toString(), out.toString()));
        for (Path m : manifests) {
            command.add(m.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }

    @Test
    void regeneratingFromTheCommittedManifestsReproducesTheBuildOutput(@TempDir Path out) throws Exception {
        Result result = generate(out, TrimProviderSchema.SCHEMAS.resolve("gitlab.bindings.json"),
                TrimProviderSchema.SCHEMAS.resolve("random.bindings.json"));
        assertEquals(0, result.exit(), result.output());
        Map<String, String> expected = files(BUILD_OUTPUT);
        assertFalse(expected.isEmpty(), "the generate-sources step did not run");
        assertEquals(expected, files(out), "same inputs, same bytes");
    }

    @Test
    void badInputFailsTheBuildNamingEveryProblem(@TempDir Path dir) throws Exception {
        Path schemas = Files.createDirectories(dir.resolve("schemas"));
        Path descriptor = Files.createDirectories(dir.resolve("resources/com/pulumi/random")).resolve("plugin.json");
        Files.writeString(descriptor, "{\"resource\": true, \"name\": \"random\", \"version\": \"4.17.0\"}");
        ObjectNode trim = (ObjectNode) TrimProviderSchema.JSON.readTree(TrimProviderSchema.trimmed("random").toFile());
        ObjectNode lower = (ObjectNode) trim.at("/resources/random:index~1randomPassword:RandomPassword/inputProperties/lower");
        lower.removeAll().put("$ref", "#/types/random:index/Case:Case");
        trim.putObject("types").putObject("random:index/Case:Case").put("type", "string").putArray("enum").add("upper");
        Files.writeString(schemas.resolve("pulumi-random-schema.trimmed.json"), TrimProviderSchema.JSON.writeValueAsString(trim));
        ObjectNode manifest = (ObjectNode) TrimProviderSchema.manifest("random");
        ((ArrayNode) manifest.get("resources")).add("random:index/randomString:RandomString");
        Path manifestFile = schemas.resolve("random.bindings.json");
        Files.writeString(manifestFile, TrimProviderSchema.JSON.writeValueAsString(manifest));

        Result result = generate(dir.resolve("out"), manifestFile);

        assertEquals(1, result.exit(), result.output());
        String output = result.output();
        assertTrue(output.contains("version 4.16.8") && output.contains("pins 4.17.0"), output);
        assertTrue(output.contains("random:index/randomString:RandomString") && output.contains("regenerate the trim"), output);
        assertTrue(output.contains("random:index/Case:Case is an enum"), output);
        assertFalse(Files.exists(dir.resolve("out/io/fluxfleet/random/RandomPassword.java")), "nothing is written");
    }

    private static Map<String, String> files(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return files;
    }
}
