package io.fluxfleet.plan;

import io.fluxfleet.plan.Plan.Op;
import io.fluxfleet.plan.Plan.Refusal;
import io.fluxfleet.plan.Plan.Step;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A {@link Plan} for people: plain text for the terminal, Markdown (with a Mermaid graph) for a merge request. */
public final class PlanReport {
    /** Beyond this many nodes a Mermaid graph stops being readable in a merge request note. */
    public static final int GRAPH_CAP = 40;

    private PlanReport() {}

    /** One line: what the engine would do, by step kind. */
    public static String summary(Plan plan) {
        if (plan.steps().isEmpty()) {
            return "nothing to do";
        }
        if (!plan.stoppedAt().isEmpty()) {
            List<String> parts = new ArrayList<>();
            plan.counts().forEach((op, n) -> parts.add(n + " " + op.label()));
            return "the engine stops after " + plan.steps().size() + " step(s) (" + String.join(", ", parts) + ")";
        }
        if (plan.noChanges()) {
            return "no changes: " + plan.steps().size() + " resources, all no-ops";
        }
        List<String> parts = new ArrayList<>();
        plan.counts().forEach((op, n) -> parts.add(n + " " + op.label()));
        return String.join(", ", parts);
    }

    public static String text(Plan plan) {
        StringBuilder out = new StringBuilder();
        out.append(plan.destroy() ? "destroy plan: " : "plan: ").append(summary(plan)).append('\n');
        if (!plan.refusals().isEmpty()) {
            out.append("\nREFUSED: ").append(refusalHeading(plan)).append('\n');
            for (Refusal r : plan.refusals()) {
                out.append("  error: ").append(r.message().replace("\n", "\n         ")).append('\n');
                out.append("  way out: ").append(r.advice()).append("\n\n");
            }
        }
        if (!plan.stoppedAt().isEmpty()) {
            out.append("STOPPED: ").append(plan.stoppedAt()).append('\n');
        }
        for (Plan.Uncertainty u : plan.uncertainties()) {
            out.append("CANNOT TELL OFFLINE: ").append(u.what()).append("\n  check: ").append(u.check()).append('\n');
        }
        for (String w : plan.warnings()) {
            out.append("warning: ").append(w).append('\n');
        }
        for (String p : plan.problems()) {
            out.append(plan.destroy() ? "ORDER: " : "CANNOT PLAN: ").append(p).append('\n');
        }
        for (String n : plan.notes()) {
            out.append("note: ").append(n).append('\n');
        }
        out.append("\nsteps in engine order:\n");
        for (Step s : plan.steps()) {
            if (s.op() == Op.SAME && !plan.destroy() && s.note().isEmpty()) {
                continue;
            }
            out.append("  ").append(String.format("%-34s ", s.op().label() + (s.wave() >= 0 ? " [wave " + s.wave() + "]" : "")))
                    .append(s.resource().type()).append(' ').append(s.resource().name());
            if (!s.keys().isEmpty()) {
                out.append("  (").append(String.join(", ", s.keys())).append(')');
            }
            if (!s.note().isEmpty()) {
                out.append("  -- ").append(s.note());
            }
            out.append('\n');
        }
        long same = plan.steps().stream().filter(s -> s.op() == Op.SAME && s.note().isEmpty()).count();
        if (same > 0 && !plan.destroy()) {
            out.append("  (").append(same).append(" no-ops not listed)\n");
        }
        return out.toString();
    }

    /**
     * What the engine does with the refused steps, in its terms: {@code pulumi preview} (which {@code pulumi up} runs
     * first) reports every refusal it reaches and fails, so nothing is applied; {@code --skip-preview} would apply
     * steps up to the first refused replacement, and go on past refused deletes (README "Day 2", rules
     * {@code preview-first}, {@code protect-replace}, {@code continue-past-delete}).
     */
    static String refusalHeading(Plan plan) {
        java.util.Set<String> refused = new java.util.HashSet<>();
        plan.refusals().forEach(r -> refused.add(r.resource().urn()));
        long engine = plan.refusals().stream().filter(r -> r.by() == Plan.By.ENGINE).count();
        long provider = plan.refusals().stream().filter(r -> r.by() == Plan.By.PROVIDER).count();
        long guard = plan.refusals().stream().filter(r -> r.by() == Plan.By.FLUXFLEET).count();
        long deletes = plan.steps().stream().filter(s -> s.op().isDelete() && !refused.contains(s.resource().urn())).count();
        long skipped = plan.steps().stream().filter(s -> s.op() == Op.DELETE_SKIPPED).count();
        boolean replaceRefused = plan.refusals().stream().anyMatch(r -> r.by() == Plan.By.ENGINE
                && r.message().startsWith("unable to replace"));
        String cmd = plan.destroy() ? "destroy" : "up";
        List<String> parts = new ArrayList<>();
        if (engine > 0) {
            parts.add("the engine refuses " + engine + " step(s): `pulumi preview` reports them and fails, so `pulumi "
                    + cmd + "` (which previews first) changes nothing. With --skip-preview the engine "
                    + (replaceRefused || !plan.stoppedAt().isEmpty()
                            ? "would stop at the first refused replacement, after applying the steps before it"
                            : "would run every other step (" + deletes + " delete(s) that are not refused"
                            + (skipped == 0 ? "" : ", skipping the " + skipped + " a refused one depends on") + ")"));
        }
        if (provider > 0) {
            parts.add("the provider fails " + provider + " step(s) when they run: preview passes, so the steps before"
                    + " them are applied");
        }
        if (guard > 0) {
            parts.add("fluxfleet refuses " + guard + " step(s) the engine would run, deleting live objects it has just"
                    + " adopted (trap 2, README \"Day 2\")");
        }
        return String.join("; ", parts) + ":";
    }

    /** The plan section of a merge request note; refusals come first, in a caution block. */
    public static String markdown(Plan plan, List<PlannedResource> after, int maxSteps) {
        StringBuilder md = new StringBuilder();
        if (!plan.refusals().isEmpty() || !plan.problems().isEmpty()) {
            md.append("> [!caution]\n> **`pulumi ").append(plan.destroy() ? "destroy" : "up")
                    .append(plan.refusals().stream().allMatch(r -> r.by() == Plan.By.FLUXFLEET) && plan.problems().isEmpty()
                            ? "` would delete live objects:** " : "` will fail:** ")
                    .append(plan.refusals().isEmpty() ? "" : refusalHeading(plan).replaceAll(":$", ""));
            if (!plan.problems().isEmpty()) {
                md.append(", and ").append(plan.problems().size()).append(plan.destroy()
                        ? " destroy-order promise(s) are broken" : " resource(s) of the old render cannot be named");
            }
            md.append(".\n");
            Map<String, List<Refusal>> groups = new LinkedHashMap<>();
            for (Refusal r : plan.refusals()) {
                groups.computeIfAbsent(kind(r) + "\u0000" + r.advice(), k -> new ArrayList<>()).add(r);
            }
            for (List<Refusal> group : groups.values()) {
                Refusal first = group.get(0);
                md.append("> - **").append(kind(first)).append("** (").append(group.size()).append("): ");
                md.append(String.join(", ", group.stream().limit(8).map(r -> "`" + r.resource().label() + "`").toList()));
                if (group.size() > 8) {
                    md.append(" and ").append(group.size() - 8).append(" more");
                }
                md.append(". The engine: \"").append(engineWords(first)).append("\". **Way out:** ")
                        .append(first.advice()).append('\n');
            }
            plan.problems().stream().limit(10).forEach(p -> md.append("> - ").append(p).append('\n'));
            md.append('\n');
        }
        if (!plan.uncertainties().isEmpty() || !plan.stoppedAt().isEmpty()) {
            md.append("> [!warning]\n> **The plan cannot tell the outcome offline** (`fluxfleet plan` exit 4): check"
                    + " before merging.\n");
            if (!plan.stoppedAt().isEmpty()) {
                md.append("> - ").append(plan.stoppedAt()).append('\n');
            }
            for (Plan.Uncertainty u : plan.uncertainties()) {
                md.append("> - ").append(u.what().replace("\n", " ")).append(" **Check:** ").append(u.check()).append('\n');
            }
            md.append('\n');
        }
        plan.warnings().forEach(w -> md.append("> [!important]\n> ").append(w).append("\n\n"));
        md.append("**Engine plan:** ").append(summary(plan)).append('\n');
        plan.notes().forEach(n -> md.append("\n> [!note]\n> ").append(n.replace("\n", "\n> ")).append('\n'));
        if (plan.noChanges()) {
            return md.toString();
        }
        md.append('\n').append(mermaid(plan, after)).append('\n');
        List<Step> shown = plan.steps().stream().filter(s -> s.op() != Op.SAME || !s.note().isEmpty()).toList();
        md.append("<details><summary>Steps in the engine's order (").append(shown.size()).append(")</summary>\n\n");
        md.append("| # | step | resource | why |\n|---|---|---|---|\n");
        int i = 0;
        for (Step s : shown) {
            if (i == maxSteps) {
                md.append("| … | ").append(shown.size() - maxSteps).append(" more | | |\n");
                break;
            }
            md.append("| ").append(++i).append(" | ").append(s.op().label())
                    .append(s.wave() >= 0 ? " (wave " + s.wave() + ")" : "").append(" | `")
                    .append(s.resource().type()).append(' ').append(s.resource().name()).append("` | ")
                    .append(String.join(", ", s.keys()).replace("|", "\\|"))
                    .append(s.note().isEmpty() ? "" : (s.keys().isEmpty() ? "" : "; ") + s.note().replace("|", "\\|"))
                    .append(" |\n");
        }
        md.append("\n</details>\n");
        return md.toString();
    }

    /** The Mermaid graph of the changes ({@link PlanGraph}). */
    public static String mermaid(Plan plan, List<PlannedResource> after) {
        return PlanGraph.mermaid(plan, after);
    }


    /** What was refused, in a few words. */
    private static String kind(Refusal r) {
        if (r.message().contains("cannot be deleted\nbecause it is protected")) {
            return "delete of a protected resource";
        }
        if (r.message().contains("as part of replacing")) {
            return "replacement of a protected dependent of a delete-first replacement";
        }
        if (r.message().startsWith("unable to replace")) {
            return "replacement of a protected resource";
        }
        if (r.message().contains("upsertExistingObjects")) {
            return "a new URN over a live object";
        }
        if (r.message().startsWith("protected branch")) {
            return "re-creation of a branch protection GitLab still has";
        }
        return "replacement of an imported resource";
    }

    /** The engine's message without the resource's URN, which the list already names. */
    private static String engineWords(Refusal r) {
        return r.message().replace(r.resource().urn(), "…").replace("\n", " ").replace("`", "'").replace("\"", "");
    }
}
