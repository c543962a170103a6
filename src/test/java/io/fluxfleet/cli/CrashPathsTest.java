package io.fluxfleet.cli;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The offline commands' crash paths: each ends in a message and an exit code, never a trace or a leak. */
class CrashPathsTest {
    private static CliTest.Run run(String... args) {
        return CliTest.run(args);
    }

    private static void assertNoTrace(CliTest.Run run) {
        assertFalse(run.err().contains("\tat ") || run.err().contains("Exception:"), run.err());
    }

    @Test
    void renderWithAnEmptyOut() {
        CliTest.Run run = run("render", "--stack", "dev", "--out", "");
        assertEquals(2, run.code());
        assertNoTrace(run);
    }

    @Test
    void diffStacksWithFilesThatAreNotUtf8(@TempDir Path dir) throws IOException {
        Path stack = Files.createDirectories(dir.resolve("dev"));
        Files.createDirectories(stack.resolve("old"));
        Files.createDirectories(stack.resolve("new"));
        Files.write(stack.resolve("preview.txt"), new byte[] {'o', 'k', (byte) 0xff, (byte) 0xfe, '\n'});
        Files.write(stack.resolve("old.missing"), new byte[] {(byte) 0xc3, (byte) 0x28});
        CliTest.Run run = run("diff", "--stacks", dir.toString());
        assertNoTrace(run);
        assertTrue(run.code() == 0 || run.code() == 1, run.err());
    }

    @Test
    void diffStacksWithAResourcesJsonThatIsNotUtf8(@TempDir Path dir) throws IOException {
        Path stack = Files.createDirectories(dir.resolve("dev"));
        Files.write(Files.createDirectories(stack.resolve("old")).resolve("resources.json"), new byte[] {'[', (byte) 0xff, ']'});
        Files.createDirectories(stack.resolve("new"));
        CliTest.Run run = run("diff", "--stacks", dir.toString());
        assertNoTrace(run);
        assertFalse(run.err().contains("Input length"), run.err());
    }

    @Test
    void changedStacksNeverPassesBaseToGitAsAnOption(@TempDir Path dir) throws IOException {
        Path victim = dir.resolve("written-by-git");
        CliTest.Run run = run("changed-stacks", "--base", "--output=" + victim, "--repo", dir.toString());
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("not a git revision"), run.err());
        assertFalse(Files.exists(victim));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void changedStacksWithAPathListThatIsNotUtf8(@TempDir Path dir) throws IOException {
        Path list = Files.write(dir.resolve("paths"), new byte[] {'P', (byte) 0xff, '\n'});
        CliTest.Run run = run("changed-stacks", "--paths", list.toString(), "--repo", dir.toString());
        assertEquals(1, run.code(), run.err());
        assertTrue(run.err().contains("not valid UTF-8"), run.err());
        assertNoTrace(run);
    }

    @Test
    void anUnknownCommandIsEscaped() {
        CliTest.Run run = run("\u001b]0;pwned\u0007");
        assertEquals(2, run.code());
        assertFalse(run.err().contains("\u001b"), run.err());
    }
}
