package io.fluxfleet.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.fluxfleet.render.RenderWriter;
import io.fluxfleet.render.Renderer;
import io.fluxfleet.testing.Stacks;

import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a reviewer sees: the merge-request section (refusals first, the graph, capped) and the command's exit. */
class PlanReportTest {

    @Test
    void aRefusedPlanSaysSoFirstAndMarksTheRefusedResourcesInTheGraph() {
        ObjectNode one = Scenario.committed("prod");
        List<PlannedResource> after = Scenario.up("prod", one);
        Plan plan = Plan.up(Scenario.up("prod", Scenario.withTenant(one, "tenant2")), after);
        String md = PlanReport.markdown(plan, after, 60);
        assertTrue(md.startsWith("> [!caution]\n> **`pulumi up` will fail:**"), md);
        assertTrue(md.contains("retire: true"), md);
        assertTrue(md.contains("```mermaid\nflowchart LR\n"), md);
        assertTrue(md.contains("⛔ refused: ✖ delete"), md);
        String first = PlanReport.markdown(Plan.up(List.of(), after), after, 60);
        long nodes = first.lines().filter(l -> l.matches("  n\\d+\\[.*")).count();
        assertEquals(PlanReport.GRAPH_CAP, nodes, "a first up of " + after.size() + " resources is capped");
        assertTrue(first.contains("  more[\"… " + (after.size() - PlanReport.GRAPH_CAP) + " more"), "the cap says what it left out");
    }

    @Test
    void theCommandExitsThreeWhenTheEngineWouldRefuse(@TempDir Path dir) throws IOException {
        Path render = dir.resolve("prod");
        Files.createDirectories(render);
        var result = Renderer.render(Stacks.committed("prod"));
        Files.writeString(render.resolve("resources.json"), RenderWriter.files(result).get("resources.json"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = PlanCommand.run(new String[] {render.toString(), "--destroy"}, new PrintStream(out), new PrintStream(err));
        assertEquals(3, status, out.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("REFUSED"));
        assertEquals(0, PlanCommand.run(new String[] {render.toString(), render.toString()}, new PrintStream(out),
                new PrintStream(err)), "a render against itself is all no-ops");
        assertEquals(2, PlanCommand.run(new String[] {render.toString()}, new PrintStream(out), new PrintStream(err)));
    }

    @Test
    void theMergeRequestNoteSaysAtTheTopThatUpWillFail(@TempDir Path dir) throws IOException {
        ObjectNode one = Scenario.committed("prod");
        write(dir.resolve("prod/old"), Scenario.withTenant(one, "tenant2"));
        write(dir.resolve("prod/new"), one);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = io.fluxfleet.diff.DiffCommand.run(new String[] {"--stacks", dir.toString()}, new PrintStream(out),
                new PrintStream(new ByteArrayOutputStream()));
        assertEquals(0, status, "the note is still printed, to be posted");
        String note = out.toString(StandardCharsets.UTF_8);
        int caution = note.indexOf("> [!caution]\n> **`pulumi up` will fail** for `prod`");
        assertTrue(caution > 0, note);
        assertTrue(caution < note.indexOf("| Stack |"), "before the summary table");
        assertTrue(note.contains("**refused** · "), "the summary table says it too");
        assertTrue(note.contains("##### Engine plan") && note.contains("```mermaid"), note);
    }

    /** A render directory of {@code config} as {@code fluxfleet render} writes it. */
    private static void write(Path dir, ObjectNode config) throws IOException {
        Files.createDirectories(dir);
        Path file = Stacks.writeStackFile(Files.createTempDirectory("stack"), "prod", config);
        var result = Renderer.render(io.fluxfleet.config.ConfigLoader.load("prod", io.fluxfleet.config.RawConfig.fromStackFile(file)));
        for (var f : RenderWriter.files(result).entrySet()) {
            Path target = dir.resolve(f.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, f.getValue());
        }
    }
}
