package io.fluxfleet;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs after {@code package}: asks the built jar for its plugins exactly as the Java language host does for
 * {@code runtime.options.binary: target/fluxfleet.jar} ({@code java -cp <jar> com.pulumi.bootstrap.internal.Main
 * packages}, pulumi/pulumi-java executor_jar.go), so what {@code pulumi} installs is checked on the artifact it runs.
 */
class PluginDiscoveryIT {
    static final Path JAR = Path.of("target/fluxfleet.jar");

    @Test
    void theJarReportsThePinnedPlugins() throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR + " is built in the package phase, before this test");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-cp", JAR.toString(),
                "com.pulumi.bootstrap.internal.Main", "packages")).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the plugin listing did not finish");
        assertEquals(0, process.exitValue(), out);
        assertEquals(PluginDiscoveryTest.EXPECTED, PluginDiscoveryTest.plugins(out));
    }

    /** The shade filter keeps the SDK's 4.0.0 descriptor out, so exactly one kubernetes descriptor is in the jar. */
    @Test
    void theJarHoldsOneKubernetesDescriptor() throws IOException {
        try (ZipFile zip = new ZipFile(JAR.toFile())) {
            long descriptors = zip.stream().filter(e -> e.getName().equals("com/pulumi/kubernetes/plugin.json")).count();
            assertEquals(1, descriptors);
            String text = new String(zip.getInputStream(zip.getEntry("com/pulumi/kubernetes/plugin.json")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertTrue(text.contains("\"4.32.0\""), text);
        }
    }
}
