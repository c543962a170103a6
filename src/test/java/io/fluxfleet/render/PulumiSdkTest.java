package io.fluxfleet.render;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PulumiSdk} is the only production class that reaches pulumi-java's internals, and it is checked against the
 * SDK version it was written for: a bump of {@code pulumi.version} fails here until the adapter has been reviewed.
 */
class PulumiSdkTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final Pattern INTERNAL = Pattern.compile("\\bcom\\.pulumi\\.(?:[A-Za-z0-9_]+\\.)*internal\\.([A-Z][A-Za-z0-9_]*|\\*)");
    /**
     * The provider bindings generated from the schemas at build time (pom.xml {@code bindings.dir}) may use
     * {@code Codegen}, as every pulumi-java generated SDK does (pulumi/pulumi-java
     * sdk/java/pulumi/src/main/java/com/pulumi/core/internal/Codegen.java: "Helper functions that may be referenced by
     * generated code"); nothing else.
     */
    private static final Path GENERATED_BINDINGS = Path.of("target/generated-sources/bindings");

    @Test
    void theSdkOnTheClasspathAndInThePomIsTheOneTheAdapterWasWrittenFor() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher property = Pattern.compile("<pulumi\\.version>([^<]+)</pulumi\\.version>").matcher(pom);
        assertTrue(property.find(), "pom.xml sets pulumi.version");
        assertEquals(PulumiSdk.WRITTEN_FOR, property.group(1), bumped("pom.xml", property.group(1)));

        // the SDK jar carries no version of its own (no pom.properties, an empty manifest): its file name does
        String jar = Path.of(com.pulumi.Pulumi.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .getFileName().toString();
        Matcher version = Pattern.compile("pulumi-(.+)\\.jar").matcher(jar);
        assertTrue(version.matches(), "the SDK is loaded from a Maven jar, not " + jar);
        assertEquals(PulumiSdk.WRITTEN_FOR, version.group(1), bumped("the test class path", version.group(1)));
    }

    private static String bumped(String where, String found) {
        return "pulumi-java is " + found + " in " + where + ", but io.fluxfleet.render.PulumiSdk was written for "
                + PulumiSdk.WRITTEN_FOR + ". Review every internal it uses (listed in its Javadoc) against the new"
                + " SDK's sources, render the committed stacks and compare them byte for byte, then set"
                + " PulumiSdk.WRITTEN_FOR to " + found + ".";
    }

    @Test
    void noOtherProductionClassReachesTheSdkInternals() throws IOException {
        List<String> offenders = new ArrayList<>(offenders(MAIN, false));
        if (Files.isDirectory(GENERATED_BINDINGS)) {
            offenders.addAll(offenders(GENERATED_BINDINGS, true));
        }
        assertEquals(List.of(), offenders, "only io.fluxfleet.render.PulumiSdk may use com.pulumi.*.internal");
    }

    private static List<String> offenders(Path root, boolean generatedBindings) throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                if (!generatedBindings && relative.equals("io/fluxfleet/render/PulumiSdk.java")) {
                    continue;
                }
                Matcher m = INTERNAL.matcher(Files.readString(file));
                while (m.find()) {
                    if (!(generatedBindings && m.group(1).equals("Codegen"))) {
                        offenders.add(root.resolve(relative) + ": " + m.group());
                    }
                }
            }
        }
        return offenders;
    }

    @Test
    void theScanSeesTheAdapterItself() throws IOException {
        // guards the pattern: if it stopped matching, the test above would pass for nothing
        Matcher m = INTERNAL.matcher(Files.readString(MAIN.resolve("io/fluxfleet/render/PulumiSdk.java")));
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        assertTrue(found.containsAll(List.of("PulumiTestInternal", "MockMonitor", "DeploymentImpl", "Runner", "Urn",
                "Constants", "ContextAwareCompletableFuture")), found.toString());
    }
}
