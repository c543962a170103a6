package io.fluxfleet.plan;

import io.fluxfleet.cli.Cli;
import io.fluxfleet.config.Shown;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fluxfleet plan <old-render> <new-render>} and {@code fluxfleet plan <render> --destroy}: the engine's
 * steps, offline. Exit codes: 0 the engine would run the plan, 3 it would refuse (or the destroy order is broken),
 * 4 the outcome depends on what an offline plan cannot see (the plan names what to check), 1 a render could not be
 * read, 2 usage. A refusal outranks an uncertainty: 3 is certain to fail whatever the unseen answer.
 */
@Command(name = "plan",
        customSynopsis = {
            "fluxfleet plan <old-render-dir> <new-render-dir> [--infer-from <render-dir>]... [--markdown]",
            "       fluxfleet plan <render-dir> --destroy [--markdown]"},
        descriptionHeading = "%n",
        description = {
            "The steps Pulumi's engine takes for `pulumi up` from a state matching the old render to the new one",
            "(or for `pulumi destroy` of a render), in its order, and the steps it refuses: replacing or deleting",
            "a protected resource, replacing an imported one. Renders come from `fluxfleet render`. The old render",
            "may be one of an earlier fluxfleet (rows without URNs): identity and options other than protect are",
            "then inferred from the new render (and the --infer-from renders), and the plan says so.",
            ""},
        footer = {"", "Exit status: 0 the engine would run it, 3 the engine would refuse it (or the destroy order is"
                + " broken), 4 the outcome depends on something an offline plan cannot see (it says what to check),"
                + " 1 a render could not be read, 2 usage error."})
public final class PlanCommand implements Callable<Integer> {
    /** The exit code of a plan the engine would refuse. */
    public static final int REFUSED = 3;
    /** The exit code of a plan whose outcome depends on what it cannot see offline. */
    public static final int UNCERTAIN = 4;

    @Spec
    CommandSpec spec;

    @Mixin
    Cli.Help help;

    @Parameters(paramLabel = "<render-dir>", arity = "0..*", description = "The old and the new render (one with --destroy).")
    List<String> dirs = new ArrayList<>();

    @Option(names = "--destroy", description = "Plan `pulumi destroy` of the one render given.")
    boolean destroy;

    @Option(names = "--infer-from", paramLabel = "<render-dir>", description = "With an old render of an earlier"
            + " fluxfleet (no URNs): a new render of another stack, consulted for the parent and options of a resource"
            + " type the new render has none of (e.g. the first environment's render, for old seed files). Repeatable.")
    List<String> inferFrom = new ArrayList<>();

    @Option(names = "--markdown", description = "Print the merge-request section (Markdown) instead of text.")
    boolean markdown;

    private final PrintStream out;
    private final PrintStream err;

    public PlanCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs {@code fluxfleet plan} with the arguments after the subcommand name. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.runOne(new PlanCommand(out, err), args, out, err);
    }

    @Override
    public Integer call() {
        if (dirs.size() != (destroy ? 1 : 2)) {
            return usage(destroy ? "--destroy takes one render directory" : "expected <old-render-dir> and <new-render-dir>");
        }
        if (destroy && !inferFrom.isEmpty()) {
            return usage("--infer-from is for planning an up from an old render of an earlier fluxfleet, not --destroy");
        }
        for (String d : concat(dirs, inferFrom)) {
            if (!Files.isDirectory(Path.of(d))) {
                return usage(Shown.quoted(d) + " is not a directory");
            }
        }
        Plan plan;
        List<PlannedResource> after;
        try {
            Path oldDir = Path.of(dirs.get(0));
            boolean legacy = LegacyRender.isLegacy(oldDir);
            if (destroy) {
                if (legacy) {
                    throw new IOException(dirs.get(0) + " is a render of an earlier fluxfleet (no \"urn\" in its"
                            + " resources.json): it records no dependencies, so it has no destroy order to check; render"
                            + " the stack with the current fluxfleet and plan --destroy that");
                }
                plan = Plan.destroy(PlannedResource.read(oldDir));
                after = List.of();
            } else {
                after = PlannedResource.read(Path.of(dirs.get(1)));
                if (legacy) {
                    List<PlannedResource> others = new ArrayList<>();
                    for (String d : inferFrom) {
                        others.addAll(PlannedResource.read(Path.of(d)));
                    }
                    plan = Plan.up(LegacyRender.read(oldDir, after, others), after);
                } else {
                    plan = Plan.up(PlannedResource.read(oldDir), after);
                }
            }
        } catch (IOException e) {
            err.println("fluxfleet plan: " + e.getMessage());
            return 1;
        }
        out.print(markdown ? PlanReport.markdown(plan, after, 500) + AwaitedResources.markdown(after)
                : PlanReport.text(plan) + AwaitedResources.text(after));
        out.flush();
        return exitStatus(plan);
    }

    /** 3 when the engine refuses, else 4 when the plan cannot tell, else 0. */
    public static int exitStatus(Plan plan) {
        if (!plan.ok()) {
            return REFUSED;
        }
        return plan.certain() && plan.stoppedAt().isEmpty() ? 0 : UNCERTAIN;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private int usage(String problem) {
        throw Cli.usage(spec, problem);
    }
}
