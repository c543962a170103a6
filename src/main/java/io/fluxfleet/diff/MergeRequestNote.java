package io.fluxfleet.diff;

import io.fluxfleet.diff.RenderDiff.Change;
import io.fluxfleet.diff.RenderDiff.StackDiff;
import io.fluxfleet.diff.RenderDiff.Status;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Markdown of the one merge-request note that shows what a merge request changes in each stack it
 * touches.
 *
 * <p>The note starts with {@link #MARKER}, an HTML comment GitLab does not display, by which the pipeline
 * finds its own note again and updates it instead of adding one per push. Per stack it shows the counts
 * and a table of added, changed and removed resources, then the diffs in a {@code <details>} block (open
 * when short), then what {@code pulumi preview --diff} said, or why it did not run.
 *
 * <p>Invariants: the same input gives the same text (no time, no hash order); every value shown went through
 * {@link Redaction}, and the note stays under GitLab's 1,000,000-character limit for a note by cutting the
 * longest parts with a line saying so.
 */
public final class MergeRequestNote {
    public static final String MARKER = "<!-- fluxfleet-render-diff -->";
    /** Room left below GitLab's limit for a note (1,000,000 characters) for the text around the diffs. */
    static final int MAX_CHARS = 900_000;
    /** A stack's diff up to this many lines is shown open; a longer one starts collapsed. */
    static final int OPEN_LINES = 40;
    static final int MAX_LINE = 2_000;
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");
    private static final Pattern BACKTICKS = Pattern.compile("`+");

    private MergeRequestNote() {}

    /**
     * What {@code pulumi preview --diff} said for a stack, or why it did not run.
     *
     * @param output  the preview's output (stdout and stderr), when it ran
     * @param failed  true when the preview exited non-zero
     * @param skipped why it did not run (for instance: which CI variables are missing)
     */
    public record Preview(Optional<String> output, boolean failed, Optional<String> skipped) {
        public static Preview ran(String output, boolean failed) {
            return new Preview(Optional.of(output), failed, Optional.empty());
        }

        public static Preview skipped(String reason) {
            return new Preview(Optional.empty(), false, Optional.of(reason));
        }
    }

    /** One stack's part of the note; {@code plan} is the engine's plan between the two renders, when both exist. */
    public record Section(StackDiff diff, Optional<Preview> preview, Optional<StackPlan> plan) {
        public Section(StackDiff diff, Optional<Preview> preview) {
            this(diff, preview, Optional.empty());
        }
    }

    /**
     * The engine's plan for one stack ({@link io.fluxfleet.plan.Plan}), or why there is none.
     *
     * @param after the new render's resources, for the graph of what depends on a change
     */
    public record StackPlan(Optional<io.fluxfleet.plan.Plan> plan, List<io.fluxfleet.plan.PlannedResource> after,
                            Optional<String> unavailable) {
        public boolean refused() {
            return plan.map(p -> !p.ok()).orElse(false);
        }

        /** Whether the plan depends on something it cannot see offline (plan exit 4): not green on a guess. */
        public boolean uncertain() {
            return plan.map(p -> p.ok() && io.fluxfleet.plan.PlanCommand.exitStatus(p) == io.fluxfleet.plan.PlanCommand.UNCERTAIN)
                    .orElse(false);
        }
    }

    /** Steps listed per stack in the note; the rest are counted. */
    static final int PLAN_STEPS = 60;

    /**
     * The whole note.
     *
     * @param base the target branch's commit the old renders were made from, if known
     * @param head the merge request's commit the new renders were made from, if known
     */
    public static String render(List<Section> sections, Optional<String> base, Optional<String> head) {
        int budget = MAX_CHARS / Math.max(1, sections.size()) / 2;
        StringBuilder md = new StringBuilder();
        md.append(MARKER).append("\n");
        md.append("### fluxfleet: what this merge request changes\n\n");
        md.append("Offline render (`fluxfleet render`) of the target branch");
        base.ifPresent(sha -> md.append(" at ").append(code(shortSha(sha))));
        md.append(" compared with this merge request");
        head.ifPresent(sha -> md.append(" at ").append(code(shortSha(sha))));
        md.append(". Secret values show only as fingerprints `[secret:…]`. This note is updated on every pipeline.\n\n");
        if (sections.isEmpty()) {
            md.append("This merge request touches no stack: it changes no file that decides what a stack deploys.\n");
            return md.toString();
        }
        List<String> refused = sections.stream().filter(sec -> sec.plan().map(StackPlan::refused).orElse(false))
                .map(sec -> code(sec.diff().stack())).toList();
        if (!refused.isEmpty()) {
            md.append("> [!caution]\n> **`pulumi up` will fail** for ").append(String.join(", ", refused))
                    .append(": the engine refuses steps of this change (protected resources replaced or deleted), or"
                            + " fluxfleet refuses one that would delete a live object a renamed resource just adopted."
                            + " See each stack's engine plan below for the resources and the way out.\n\n");
        }
        List<String> uncertain = sections.stream().filter(sec -> sec.plan().map(StackPlan::uncertain).orElse(false))
                .map(sec -> code(sec.diff().stack())).toList();
        if (!uncertain.isEmpty()) {
            md.append("> [!warning]\n> **The engine plan cannot tell the outcome offline** for ")
                    .append(String.join(", ", uncertain)).append(": see what to check in each stack's engine plan below"
                            + " (the mr-note job fails until it is settled).\n\n");
        }
        summary(md, sections);
        for (Section section : sections) {
            stack(md, section, budget);
        }
        return md.toString();
    }

    private static void summary(StringBuilder md, List<Section> sections) {
        boolean previews = sections.stream().anyMatch(s -> s.preview().isPresent());
        boolean plans = sections.stream().anyMatch(s -> s.plan().isPresent());
        md.append("| Stack | Added | Changed | Removed |").append(plans ? " Engine plan |" : "")
                .append(previews ? " `pulumi preview` |" : "").append("\n");
        md.append("| --- | ---: | ---: | ---: |").append(plans ? " --- |" : "").append(previews ? " --- |" : "").append("\n");
        for (Section s : sections) {
            StackDiff d = s.diff();
            md.append("| ").append(cell(code(d.stack()))).append(" | ");
            if (d.compared()) {
                md.append(d.count(Status.ADDED)).append(" | ").append(d.count(Status.CHANGED)).append(" | ")
                        .append(d.count(Status.REMOVED));
            } else {
                md.append("– | – | –");
            }
            md.append(" |");
            if (plans) {
                md.append(" ").append(s.plan().map(MergeRequestNote::planState).orElse("–")).append(" |");
            }
            if (previews) {
                md.append(" ").append(s.preview().map(MergeRequestNote::previewState).orElse("–")).append(" |");
            }
            md.append("\n");
        }
        md.append("\n");
    }

    private static String planState(StackPlan p) {
        if (p.plan().isEmpty()) {
            return "–";
        }
        io.fluxfleet.plan.Plan plan = p.plan().get();
        return (plan.ok() ? p.uncertain() ? "**cannot tell offline** · " : "" : "**refused** · ")
                + cell(io.fluxfleet.plan.PlanReport.summary(plan));
    }

    private static String previewState(Preview p) {
        if (p.skipped().isPresent()) {
            return "not run";
        }
        return p.failed() ? "**failed**" : "ran";
    }

    private static void stack(StringBuilder md, Section section, int budget) {
        StackDiff d = section.diff();
        md.append("#### Stack ").append(code(d.stack())).append("\n\n");
        d.newMissing().ifPresent(reason -> md.append("This merge request has no render of this stack (")
                .append(text(reason)).append("), so there is nothing to compare.\n\n"));
        d.oldMissing().ifPresent(reason -> {
            if (d.compared()) {
                md.append("The target branch has no render of this stack (").append(text(reason))
                        .append("), so everything shows as added.\n\n");
            }
        });
        for (String warning : d.warnings()) {
            md.append("> **Warning:** ").append(text(warning)).append("\n\n");
        }
        section.plan().ifPresent(p -> {
            md.append("##### Engine plan (`pulumi up` from a state matching the target branch)\n\n");
            if (p.plan().isPresent()) {
                md.append(io.fluxfleet.plan.PlanReport.markdown(p.plan().get(), p.after(), PLAN_STEPS)).append('\n')
                        .append(io.fluxfleet.plan.AwaitedResources.markdown(p.after()));
            } else {
                md.append("No plan: ").append(text(p.unavailable().orElse("a render is missing"))).append(".\n\n");
            }
        });
        if (d.compared() && !d.hasChanges()) {
            md.append("No change to its resources or Kubernetes objects.\n\n");
        } else if (d.compared()) {
            md.append("Pulumi resources: **").append(d.count(Status.ADDED)).append(" added, ")
                    .append(d.count(Status.CHANGED)).append(" changed, ")
                    .append(d.count(Status.REMOVED)).append(" removed**.\n\n");
            if (!d.resources().isEmpty()) {
                md.append("| Change | Type | Name |\n| --- | --- | --- |\n");
                for (Change c : d.resources()) {
                    md.append("| ").append(cell(c.label())).append(" | ").append(cell(code(c.type())))
                            .append(" | ").append(cell(code(c.name()))).append(" |\n");
                }
                md.append("\n");
            }
            diffs(md, d, budget);
        }
        section.preview().ifPresent(p -> preview(md, d.stack(), p, budget));
    }

    private static void diffs(StringBuilder md, StackDiff d, int budget) {
        List<String> resources = new ArrayList<>();
        d.resources().forEach(c -> resources.addAll(c.diff()));
        List<String> objects = new ArrayList<>();
        d.objects().forEach(c -> objects.addAll(c.diff()));
        int lines = resources.size() + objects.size();
        md.append(lines <= OPEN_LINES ? "<details open>" : "<details>")
                .append("<summary>Diff of <code>").append(html(d.stack())).append("</code>: ")
                .append(plural(d.resources().size(), "resource")).append(", ")
                .append(plural(d.objects().size(), "Kubernetes object")).append(" (")
                .append(plural(lines, "line")).append(")</summary>\n\n");
        int half = budget / 2;
        if (!resources.isEmpty()) {
            md.append("Pulumi resources (`resources.json`):\n\n");
            fenced(md, "diff", resources, objects.isEmpty() ? budget : half);
        }
        if (!objects.isEmpty()) {
            md.append("Kubernetes objects (`kubernetes.yaml`):\n\n");
            fenced(md, "diff", objects, resources.isEmpty() ? budget : half);
        }
        md.append("</details>\n\n");
    }

    private static void preview(StringBuilder md, String stack, Preview p, int budget) {
        if (p.skipped().isPresent()) {
            md.append("`pulumi preview --diff` was not run: ").append(text(p.skipped().get())).append(".\n\n");
            return;
        }
        List<String> lines = new ArrayList<>(List.of(ANSI.matcher(p.output().orElse("")).replaceAll("").split("\n", -1)));
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        if (p.failed()) {
            md.append("**`pulumi preview --diff` failed.**\n\n");
        }
        md.append(p.failed() ? "<details open>" : "<details>").append("<summary><code>pulumi preview --diff --stack ")
                .append(html(stack)).append("</code> (").append(plural(lines.size(), "line")).append(")</summary>\n\n");
        fenced(md, "text", lines, budget);
        md.append("</details>\n\n");
    }

    /** A fenced block, longer than any run of backticks inside it, cut at {@code budget} characters. */
    private static void fenced(StringBuilder md, String language, List<String> lines, int budget) {
        int longestRun = 2;
        Matcher m = BACKTICKS.matcher(String.join("\n", lines));
        while (m.find()) {
            longestRun = Math.max(longestRun, m.end() - m.start());
        }
        String fence = "`".repeat(longestRun + 1);
        md.append(fence).append(language).append("\n");
        int used = 0;
        for (int k = 0; k < lines.size(); k++) {
            String line = lines.get(k);
            if (line.length() > MAX_LINE) {
                line = line.substring(0, MAX_LINE) + " … (line cut)";
            }
            if (used + line.length() + 1 > budget) {
                md.append("# … ").append(plural(lines.size() - k, "more line"))
                        .append(" not shown: the note would be too long. Run `fluxfleet render` and `fluxfleet diff` locally to see all.\n");
                break;
            }
            md.append(line).append("\n");
            used += line.length() + 1;
        }
        md.append(fence).append("\n\n");
    }

    private static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String shortSha(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) : sha;
    }

    /** An inline code span that survives backticks in the text. */
    static String code(String s) {
        String flat = s.replace('\n', ' ');
        if (!flat.contains("`")) {
            return "`" + flat + "`";
        }
        int longestRun = 0;
        Matcher m = BACKTICKS.matcher(flat);
        while (m.find()) {
            longestRun = Math.max(longestRun, m.end() - m.start());
        }
        String ticks = "`".repeat(longestRun + 1);
        return ticks + " " + flat + " " + ticks;
    }

    /** A table cell: a pipe would end the cell, even inside a code span. */
    private static String cell(String s) {
        return s.replace("|", "\\|");
    }

    /** Plain text in Markdown: no HTML gets through, and it stays on one line. */
    private static String text(String s) {
        return html(s.replace('\n', ' ').strip());
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
