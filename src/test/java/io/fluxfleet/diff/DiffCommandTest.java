package io.fluxfleet.diff;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiffCommandTest {
    static final Path FIXTURES = RenderDiffTest.FIXTURES;
    /** Reviewed by hand; when the note's layout changes on purpose, update it and review the diff. */
    static final Path GOLDEN = FIXTURES.resolve("expected-note.md");

    record Result(int status, String out, String err) {}

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = DiffCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void twoDirectoriesGiveANoteForOneStack() {
        Result r = run(FIXTURES + "/approvals/old", FIXTURES + "/approvals/new", "--stack", "prod");

        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith(MergeRequestNote.MARKER + "\n"), r.out());
        assertTrue(r.out().contains("| `prod` | 0 | 1 | 0 |"), r.out());
        assertTrue(r.out().contains("| changed | `gitlab:index/projectApprovalRule:ProjectApprovalRule` | `tenant1-prod` |"), r.out());
        assertTrue(r.out().contains("```diff\n"), r.out());
    }

    @Test
    void theSameInputGivesTheSameBytes() {
        String[] args = {FIXTURES + "/add-tenant/old", FIXTURES + "/add-tenant/new", "--stack", "dev"};
        assertEquals(run(args).out(), run(args).out());
    }

    @Test
    void aLongDiffStartsCollapsedAndAShortOneOpen() {
        String added = run(FIXTURES + "/add-tenant/old", FIXTURES + "/add-tenant/new", "--stack", "dev").out();
        String approvals = run(FIXTURES + "/approvals/old", FIXTURES + "/approvals/new", "--stack", "prod").out();

        assertTrue(added.contains("<details><summary>Diff of <code>dev</code>: 9 resources, 6 Kubernetes objects"), added);
        assertTrue(approvals.contains("<details open><summary>Diff of <code>prod</code>"), approvals);
    }

    @Test
    void severalStacksMakeOneNoteThatMatchesTheReviewedGoldenFile(@TempDir Path dir) throws IOException {
        Path stacks = stacksLayout(dir);

        Result r = run("--stacks", stacks.toString(), "--base", "1111111111111111111111111111111111111111",
                "--head", "2222222222222222222222222222222222222222");

        assertEquals(0, r.status(), r.err());
        if (Boolean.getBoolean("fluxfleet.note.update")) {
            Files.writeString(GOLDEN, r.out(), StandardCharsets.UTF_8);
        }
        String expected = Files.readString(GOLDEN, StandardCharsets.UTF_8);
        assertEquals(expected, r.out(), "the note differs from " + GOLDEN + "; review the change, then update the file");
        assertEquals(1, r.out().split(MergeRequestNote.MARKER, -1).length - 1, "exactly one marker");
    }

    @Test
    void noStackTouchedIsSaidPlainly(@TempDir Path dir) {
        Result r = run("--stacks", dir.toString());

        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("This merge request touches no stack"), r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "--bogus", "only-one-dir", "--stack", "a b c", "--stacks x a b"})
    void usageErrorsExitTwo(String line) {
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");
        Result r = run(args);

        assertEquals(2, r.status(), r.out());
        assertTrue(r.err().contains("usage: fluxfleet diff"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void anUnreadableRenderExitsOne(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("empty"));
        Result r = run(FIXTURES + "/approvals/old", dir.resolve("empty").toString());

        assertEquals(1, r.status());
        assertTrue(r.err().contains("has no resources.json"), r.err());
    }

    @Test
    void helpExitsZero() {
        Result r = run("--help");
        assertEquals(0, r.status());
        assertTrue(r.out().startsWith("usage: fluxfleet diff"));
    }

    /**
     * The layout {@code ci/mr-render.sh} and {@code ci/mr-note.sh} write: dev changes a secret and its preview
     * ran; preprod could not be rendered on the merge request; prod changes approvals and has no preview
     * credentials.
     */
    static Path stacksLayout(Path dir) throws IOException {
        Path stacks = dir.resolve("mr-diff");
        copy(FIXTURES.resolve("secret/old"), stacks.resolve("dev/old"));
        copy(FIXTURES.resolve("secret/new"), stacks.resolve("dev/new"));
        Files.writeString(stacks.resolve("dev/preview.txt"), "\u001B[1mPreviewing update (dev)\u001B[0m\n"
                + "    ~ kubernetes:core/v1:Secret: (update)\n        ~ stringData: [secret]\nResources:\n    ~ 1 to update\n");
        copy(FIXTURES.resolve("approvals/old"), stacks.resolve("preprod/old"));
        Files.writeString(stacks.resolve("preprod/new.missing"), "rendering failed, see the job log\n");
        Files.writeString(stacks.resolve("preprod/preview.skipped"), "the merge request could not be rendered");
        copy(FIXTURES.resolve("approvals/old"), stacks.resolve("prod/old"));
        copy(FIXTURES.resolve("approvals/new"), stacks.resolve("prod/new"));
        Files.writeString(stacks.resolve("prod/preview.skipped"), "KUBECONFIG_PROD is not set for merge request pipelines");
        return stacks;
    }

    static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    @Test
    void theGoldenNoteShowsNoSecretButPlaceholders() throws IOException {
        String golden = Files.readString(GOLDEN, StandardCharsets.UTF_8);
        for (String line : golden.split("\n")) {
            if (line.toLowerCase().contains("password")) {
                assertTrue(line.matches(".*password: \"\\[secret:[0-9a-f]{12}(\\.[0-9a-f]{6})?]\"$"), line);
            }
        }
        assertTrue(List.of(golden.split("\n")).contains("| changed (secret) | `kubernetes:core/v1:Secret` | `flux-system/gitlab-auth-tenant1` |"));
    }
}
