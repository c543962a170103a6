package io.fluxfleet.diff;

import io.fluxfleet.diff.MergeRequestNote.Preview;
import io.fluxfleet.diff.MergeRequestNote.Section;
import io.fluxfleet.diff.RenderDiff.Change;
import io.fluxfleet.diff.RenderDiff.StackDiff;
import io.fluxfleet.diff.RenderDiff.Status;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MergeRequestNoteTest {

    private static StackDiff stack(String name, List<Change> resources) {
        return new StackDiff(name, Optional.empty(), Optional.empty(), resources, List.of(), List.of());
    }

    private static String note(Section... sections) {
        return MergeRequestNote.render(List.of(sections), Optional.empty(), Optional.empty());
    }

    @Test
    void aNewStackSaysEverythingIsAdded() {
        StackDiff diff = new StackDiff("qa", Optional.of("no Pulumi.qa.yaml there"), Optional.empty(),
                List.of(new Change(Status.ADDED, false, "t:m:R", "r", List.of("--- /dev/null", "+++ b/t:m:R r"))),
                List.of(), List.of());

        String md = note(new Section(diff, Optional.empty()));

        assertTrue(md.contains("The target branch has no render of this stack (no Pulumi.qa.yaml there), so everything shows as added."), md);
        assertTrue(md.contains("| `qa` | 1 | 0 | 0 |"), md);
    }

    @Test
    void backticksInsideADiffGetALongerFence() {
        Change c = new Change(Status.CHANGED, false, "t:m:R", "r", List.of("+  script: echo ```x``` ````y"));

        String md = note(new Section(stack("dev", List.of(c)), Optional.empty()));

        assertTrue(md.contains("`````diff\n+  script: echo ```x``` ````y\n`````\n"), md);
    }

    @Test
    void namesCannotBreakTheTableOrInjectHtml() {
        Change c = new Change(Status.ADDED, false, "t:m:R", "a|b`c", List.of());

        String md = note(new Section(stack("<b>x</b>", List.of(c)), Optional.of(Preview.skipped("<script>"))));

        assertTrue(md.contains("| added | `t:m:R` | `` a\\|b`c `` |"), md);
        assertTrue(md.contains("<summary>Diff of <code>&lt;b&gt;x&lt;/b&gt;</code>"), md);
        assertTrue(md.contains("was not run: &lt;script&gt;."), md);
        assertFalse(md.contains("<script>"), md);
    }

    @Test
    void aHugeDiffIsCutBelowGitLabsNoteLimitAndSaysSo() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            lines.add("+  line " + i + " " + "x".repeat(40));
        }
        Change c = new Change(Status.ADDED, false, "t:m:R", "r", lines);

        String md = note(new Section(stack("dev", List.of(c)), Optional.of(Preview.ran("y\n".repeat(600_000), false))));

        assertTrue(md.length() < 1_000_000, "length " + md.length());
        assertTrue(md.contains("more lines not shown: the note would be too long"), "cut is announced");
    }

    @Test
    void aFailedPreviewIsShownOpenAndMarkedInTheSummary() {
        String md = note(new Section(stack("dev", List.of()), Optional.of(Preview.ran("error: boom\n", true))));

        assertTrue(md.contains("| `dev` | 0 | 0 | 0 | **failed** |"), md);
        assertTrue(md.contains("**`pulumi preview --diff` failed.**\n\n<details open>"), md);
        assertTrue(md.contains("No change to its resources or Kubernetes objects."), md);
    }

    @Test
    void theMarkerIsTheFirstLineAndAppearsOnce() {
        String md = note(new Section(stack("dev", List.of()), Optional.empty()),
                new Section(stack("prod", List.of()), Optional.empty()));

        assertTrue(md.startsWith(MergeRequestNote.MARKER + "\n"));
        assertEquals(md.indexOf(MergeRequestNote.MARKER), md.lastIndexOf(MergeRequestNote.MARKER));
    }
}
