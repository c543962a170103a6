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

    /** A checksum table for the test's fake installs (the shape of ci/plugin-checksums.txt). */
    private static final String SHA = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    /** The platform the script computes from uname: {@code linux-amd64} on the CI runners. */
    private static String platform() {
        return System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT) + "-"
                + System.getProperty("os.arch").replace("x86_64", "amd64").replace("aarch64", "arm64");
    }

    private static String table() {
        String platform = platform();
        StringBuilder rows = new StringBuilder("# test table\n");
        PluginDiscoveryTest.EXPECTED.forEach((name, version) -> rows.append(name).append(' ').append(version)
                .append(' ').append(platform).append(' ').append(SHA).append('\n'));
        return rows.toString();
    }

    @Test
    void installsEveryListedPluginAtItsVersionVerifiedByItsChecksum(@TempDir Path dir) throws Exception {
        Result run = run(dir, LISTING, table());
        assertEquals(0, run.status(), run.err());
        Map<String, String> installed = new TreeMap<>();
        for (String line : run.calls()) {
            String[] words = line.split(" ");
            assertEquals(7, words.length, line);
            assertEquals(List.of("--checksum", SHA), List.of(words[5], words[6]), line);
            assertEquals(List.of("plugin", "install", "resource"), List.of(words[0], words[1], words[2]), line);
            installed.put(words[3], words[4]);
        }
        assertEquals(PluginDiscoveryTest.EXPECTED, installed);
        assertEquals(3, run.calls().size(), "one install per plugin");
    }

    @Test
    void keyOrderAndSpacingDoNotMatter(@TempDir Path dir) throws Exception {
        Result run = run(dir, "echo [ {\"version\": \"4.32.0\", \"resource\": true, \"name\": \"kubernetes\"} ]", table());
        assertEquals(0, run.status(), run.err());
        assertEquals(List.of("plugin install resource kubernetes 4.32.0 --checksum " + SHA), run.calls());
    }

    /** Issue 20: a plugin archive nobody recorded a checksum for is never installed. */
    @Test
    void aPluginWithoutARecordedChecksumIsRefused(@TempDir Path dir) throws Exception {
        Result run = run(dir, LISTING, "# nothing recorded\n");
        assertEquals(1, run.status());
        assertTrue(run.err().contains("refusing to install an unverified plugin"), run.err());
        // the message is the first-run step itself: where the archive is, how to hash it, where the line goes
        Result kubernetes = run(dir.resolve("k"), "echo [ {\"version\": \"4.32.0\", \"resource\": true,"
                + " \"name\": \"kubernetes\"} ]", "# nothing recorded\n");
        assertEquals(1, kubernetes.status());
        String archive = "pulumi-resource-kubernetes-v4.32.0-" + platform() + ".tar.gz";
        assertTrue(kubernetes.err().contains("curl -fsSLO https://github.com/pulumi/pulumi-kubernetes/releases/download/v4.32.0/"
                + archive), kubernetes.err());
        assertTrue(kubernetes.err().contains("echo \"kubernetes 4.32.0 " + platform() + " $(sha256sum " + archive
                + " | cut -d' ' -f1)\" >> ci/plugin-checksums.txt"), kubernetes.err());
        assertEquals(List.of(), run.calls());
        Result tampered = run(dir.resolve("t"), LISTING, table().replace(SHA, "not-a-sha256"));
        assertEquals(1, tampered.status());
        assertEquals(List.of(), tampered.calls());
    }

    /** Issue 20: in a GitLab job the listing hook would choose what runs before a deploy: refused. */
    @Test
    void theListingHookIsRefusedInCi(@TempDir Path dir) throws Exception {
        Result run = run(dir, "echo [] ; touch /tmp/never", table(), Map.of("GITLAB_CI", "true"));
        assertEquals(1, run.status());
        assertTrue(run.err().contains("FLUXFLEET_PLUGINS is set"), run.err());
    }

    @Test
    void anEmptyOrUnreadableListingFailsTheJob(@TempDir Path dir) throws Exception {
        Result empty = run(dir, "echo []", table());
        assertEquals(1, empty.status());
        assertTrue(empty.err().contains("names no provider plugin"), empty.err());
        Result broken = run(dir.resolve("b"), "echo [{\"name\":\"kubernetes\"}]", table());
        assertEquals(1, broken.status());
        assertTrue(broken.err().contains("cannot read the plugin listing entry"), broken.err());
        assertEquals(List.of(), broken.calls());
    }

    record Result(int status, String err, List<String> calls) {}

    private static Result run(Path dir, String listing, String checksums) throws Exception {
        return run(dir, listing, checksums, Map.of());
    }

    private static Result run(Path dir, String listing, String checksums, Map<String, String> env) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo/ci"));
        Files.copy(Path.of("ci/install-plugins.sh"), repo.resolve("install-plugins.sh"));
        Files.writeString(repo.resolve("plugin-checksums.txt"), checksums);
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path log = dir.resolve("pulumi.log");
        Files.writeString(bin.resolve("pulumi"), "#!/usr/bin/env bash\necho \"$*\" >> " + log + "\n");
        assertTrue(bin.resolve("pulumi").toFile().setExecutable(true));
        ProcessBuilder pb = new ProcessBuilder("bash", "ci/install-plugins.sh").directory(repo.getParent().toFile());
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("FLUXFLEET_PLUGINS", listing);
        pb.environment().remove("GITLAB_CI");
        pb.environment().remove("CI_JOB_ID");
        pb.environment().putAll(env);
        Path err = dir.resolve("err.txt");
        Process p = pb.redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "timed out");
        List<String> calls = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return new Result(p.exitValue(), Files.readString(err), calls);
    }
}
