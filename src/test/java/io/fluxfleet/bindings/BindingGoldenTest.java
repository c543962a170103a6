package io.fluxfleet.bindings;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A golden sample of what {@code src/build/GenerateBindings.java} writes, compared as text: one resource
 * ({@code RandomPassword}: secret outputs, required and optional outputs, a map), its args (a required input, a
 * deprecated one), one nested output type (Java keywords as property names, a list of a nested type) and one
 * function's pair of invokes. A change to the generator or to the schema shows here as a
 * reviewable diff; {@code -Dbindings.golden.update=true} rewrites the samples from the current build.
 */
class BindingGoldenTest {
    static final Path GENERATED = Path.of("target/generated-sources/bindings/io/fluxfleet");
    static final Path GOLDEN = Path.of("src/test/resources/bindings-golden");
    static final String FUNCTION = "getProjectBranches";

    @ParameterizedTest
    @ValueSource(strings = {"random/RandomPassword.java", "random/RandomPasswordArgs.java",
            "gitlab/bindings/outputs/GetProjectBranchesBranch.java", "gitlab/bindings/GitlabFunctions.java#" + FUNCTION})
    void generatedCodeMatchesTheGoldenSample(String sample) throws IOException {
        String[] parts = sample.split("#");
        Path file = GENERATED.resolve(parts[0]);
        assertTrue(Files.isRegularFile(file), file + " is missing: the generate-sources step did not run");
        String generated = Files.readString(file, StandardCharsets.UTF_8);
        if (parts.length == 2) {
            generated = functionPair(generated, parts[1]);
        }
        Path golden = GOLDEN.resolve(sample.replace('/', '.').replace('#', '.') + ".txt");
        if (Boolean.getBoolean("bindings.golden.update")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, generated, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), generated,
                "the generated " + sample + " differs from " + golden + "; review the generator change, then rerun"
                        + " with -Dbindings.golden.update=true");
    }

    /** The Javadoc and body of {@code name} and {@code namePlain}, cut from the functions class. */
    static String functionPair(String functionsClass, String name) {
        String start = "    /**\n     * Invokes {@code gitlab:index/" + name + ":" + name + "}.";
        int from = functionsClass.indexOf(start);
        assertTrue(from >= 0, "no function " + name + " in the functions class");
        int plain = functionsClass.indexOf("public static ", functionsClass.indexOf(name + "Plain(", from) - 80);
        int to = functionsClass.indexOf("\n    }\n", plain) + "\n    }\n".length();
        return functionsClass.substring(from, to);
    }
}
