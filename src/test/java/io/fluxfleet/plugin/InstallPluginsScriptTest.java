package io.fluxfleet.plugin;

import io.fluxfleet.PluginDiscoveryTest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ci/install-plugins.sh}, which the {@code pulumi} jobs run first: it installs, with
 * {@code pulumi plugin install resource <name> <version>}, exactly what the program's own plugin listing names (the
 * real listing here, run on the test classpath instead of the jar; a fake {@code pulumi} records the calls).
 */
class InstallPluginsScriptTest {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String LISTING = JAVA + " -cp " + System.getProperty("java.class.path")
            + " com.pulumi.bootstrap.internal.Main packages";

    @Test
    void installsEveryListedPluginAtItsVersion(@TempDir Path dir) throws Exception {
        Result run = run(dir, LISTING);
        assertEquals(0, run.status(), run.err());
        Map<String, String> installed = new TreeMap<>();
        for (String line : run.calls()) {
            String[] words = line.split(" ");
            assertEquals(5, words.length, line);
            assertEquals(List.of("plugin", "install", "resource"), List.of(words[0], words[1], words[2]), line);
            installed.put(words[3], words[4]);
        }
        assertEquals(PluginDiscoveryTest.EXPECTED, installed);
        assertEquals(3, run.calls().size(), "one install per plugin");
    }

    @Test
    void keyOrderAndSpacingDoNotMatter(@TempDir Path dir) throws Exception {
        Result run = run(dir, "echo [ {\"version\": \"4.32.0\", \"resource\": true, \"name\": \"kubernetes\"} ]");
        assertEquals(0, run.status(), run.err());
        assertEquals(List.of("plugin install resource kubernetes 4.32.0"), run.calls());
    }

    @Test
    void anEmptyOrUnreadableListingFailsTheJob(@TempDir Path dir) throws Exception {
        Result empty = run(dir, "echo []");
        assertEquals(1, empty.status());
        assertTrue(empty.err().contains("names no provider plugin"), empty.err());
        Result broken = run(dir.resolve("b"), "echo [{\"name\":\"kubernetes\"}]");
        assertEquals(1, broken.status());
        assertTrue(broken.err().contains("cannot read the plugin listing entry"), broken.err());
        assertEquals(List.of(), broken.calls());
    }

    record Result(int status, String err, List<String> calls) {}

    private static Result run(Path dir, String listing) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo/ci"));
        Files.copy(Path.of("ci/install-plugins.sh"), repo.resolve("install-plugins.sh"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path log = dir.resolve("pulumi.log");
        Files.writeString(bin.resolve("pulumi"), "#!/usr/bin/env bash\necho \"$*\" >> " + log + "\n");
        assertTrue(bin.resolve("pulumi").toFile().setExecutable(true));
        ProcessBuilder pb = new ProcessBuilder("bash", "ci/install-plugins.sh").directory(repo.getParent().toFile());
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("FLUXFLEET_PLUGINS", listing);
        Path err = dir.resolve("err.txt");
        Process p = pb.redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "timed out");
        List<String> calls = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return new Result(p.exitValue(), Files.readString(err), calls);
    }
}
