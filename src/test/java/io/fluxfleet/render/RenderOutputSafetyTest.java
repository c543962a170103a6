package io.fluxfleet.render;

import io.fluxfleet.testing.Stacks;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** render writes only inside --out, never through a link, and replaces a previous output atomically. */
class RenderOutputSafetyTest {
    private static RenderResult result;

    @BeforeAll
    static void renderOnce() {
        result = Stacks.render(Stacks.committed("dev"));
    }

    private static RenderCommandTest.Run render(String... args) {
        return RenderCommandTest.render(args);
    }

    private static Map<String, String> tree(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                String rel = dir.relativize(p).toString();
                files.put(rel, Files.isSymbolicLink(p) ? "link" : Files.isRegularFile(p) ? Files.readString(p) : "dir");
            }
        }
        return files;
    }

    @Test
    void aLinkInsideAPreviousOutputIsRemovedNotFollowed(@TempDir Path tmp) throws IOException {
        Path victim = Files.createDirectories(tmp.resolve("victim"));
        Files.writeString(victim.resolve("precious.txt"), "keep me");
        Path out = tmp.resolve("out");
        RenderWriter.write(result, out);
        RenderWriter.deleteTree(out.resolve("helm-values"));
        Files.createSymbolicLink(out.resolve("helm-values"), victim);

        RenderWriter.write(result, out);

        assertEquals("keep me", Files.readString(victim.resolve("precious.txt")));
        assertEquals(List.of("precious.txt"), Files.list(victim).map(p -> p.getFileName().toString()).toList());
        assertFalse(Files.isSymbolicLink(out.resolve("helm-values")));
        assertTrue(Files.isRegularFile(out.resolve("helm-values/flux.yaml")));
    }

    @Test
    void outItselfMustNotBeALink(@TempDir Path tmp) throws IOException {
        Path victim = Files.createDirectories(tmp.resolve("victim"));
        Files.writeString(victim.resolve("resources.json"), "theirs");
        Path out = Files.createSymbolicLink(tmp.resolve("out"), victim);
        assertThrows(RenderWriter.UnusableOutputException.class, () -> RenderWriter.write(result, out));
        assertEquals("theirs", Files.readString(victim.resolve("resources.json")));
    }

    @Test
    void aDirectoryWithForeignFilesIsRefusedNotEmptied(@TempDir Path tmp) throws IOException {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve("notes.md"), "mine");
        RenderWriter.UnusableOutputException e = assertThrows(RenderWriter.UnusableOutputException.class,
                () -> RenderWriter.write(result, out));
        assertTrue(e.getMessage().contains("'notes.md'"), e.getMessage());
        assertEquals("mine", Files.readString(out.resolve("notes.md")));
    }

    @Test
    void aFailedRenderLeavesThePreviousOutputAndNoDebris(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        RenderWriter.write(result, out);
        Map<String, String> before = tree(out);
        // a stack that fails to load: nothing is written
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "config:\n  fluxfleet:environment: dev\n  fluxfleet:environment: prod\n");
        assertEquals(2, render("--stack", "dev", "--config", bad.toString(), "--out", out.toString()).code());
        assertEquals(before, tree(out));
        // a write that fails midway (the parent is read-only, so no staging directory can be made)
        tmp.toFile().setWritable(false);
        try {
            RenderCommandTest.Run run = render("--stack", "dev", "--config", Stacks.stackFile("dev").toString(), "--out", out.toString());
            if (!"root".equals(System.getProperty("user.name"))) {
                assertEquals(1, run.code(), run.err());
                assertTrue(run.err().contains("previous output, if any, is unchanged"), run.err());
            }
        } finally {
            tmp.toFile().setWritable(true);
        }
        assertEquals(before, tree(out));
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of("bad.yaml", "out"), left.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no staging or previous directory is left beside --out");
        }
    }

    @Test
    void aWriteThatFailsMidwayLeavesThePreviousOutput(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        RenderWriter.write(result, out);
        Map<String, String> before = tree(out);
        List<Recorded> rows = new java.util.ArrayList<>(result.resources());
        // a value Jackson cannot write, after hundreds of rows have been streamed
        rows.add(new Recorded("urn:x", "kubernetes:core/v1:ConfigMap", "late", true, "", "", false, false,
                null, List.of(), List.of(), List.of(), "", List.of(), Map.of("data", new Object())));
        RenderResult broken = new RenderResult("dev", rows, List.of(), Map.of(), result.timing());
        assertThrows(IOException.class, () -> RenderWriter.write(broken, out));
        assertEquals(before, tree(out));
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of("out"), left.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void streamedFilesAreTheSameBytesAsTheInMemoryOnes(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        RenderWriter.write(result, out);
        Map<String, String> files = RenderWriter.files(result);
        for (var e : files.entrySet()) {
            assertEquals(e.getValue(), Files.readString(out.resolve(e.getKey())), e.getKey());
        }
    }

    @Test
    void unusableOutArgumentsExitTwoWithoutATrace(@TempDir Path tmp) throws IOException {
        String config = Stacks.stackFile("dev").toString();
        for (String out : List.of("", " ", "a\u0000b", "x\u001b[2J")) {
            RenderCommandTest.Run run = render("--stack", "dev", "--config", config, "--out", out);
            assertEquals(2, run.code(), run.err());
            assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err());
            assertFalse(run.err().contains("\u001b"), run.err());
        }
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertEquals(2, render("--stack", "dev", "--config", config, "--out", file.toString()).code());
        assertEquals("x", Files.readString(file));
    }
}
