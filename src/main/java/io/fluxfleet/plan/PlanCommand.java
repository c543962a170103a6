package io.fluxfleet.plan;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code fluxfleet plan <old-render> <new-render>} and {@code fluxfleet plan <render> --destroy}: the engine's
 * steps, offline. Exit codes: 0 the engine would run the plan, 3 it would refuse (or the destroy order is broken),
 * 1 a render could not be read, 2 usage.
 */
public final class PlanCommand {
    static final String USAGE = """
            usage: fluxfleet plan <old-render-dir> <new-render-dir> [--markdown]
                   fluxfleet plan <render-dir> --destroy [--markdown]

            The steps Pulumi's engine takes for `pulumi up` from a state matching the old render to the new one
            (or for `pulumi destroy` of a render), in its order, and the steps it refuses: replacing or deleting
            a protected resource, replacing an imported one. Renders come from `fluxfleet render`.

            Exit status: 0 the engine would run it, 3 the engine would refuse it (or the destroy order is broken),
            1 a render could not be read, 2 usage error.
            """;

    private PlanCommand() {}

    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> dirs = new ArrayList<>();
        boolean destroy = false;
        boolean markdown = false;
        for (String arg : args) {
            switch (arg) {
                case "-h", "--help" -> {
                    out.print(USAGE);
                    return 0;
                }
                case "--destroy" -> destroy = true;
                case "--markdown" -> markdown = true;
                default -> {
                    if (arg.startsWith("-")) {
                        return usage(err, "unknown option " + arg);
                    }
                    dirs.add(arg);
                }
            }
        }
        if (dirs.size() != (destroy ? 1 : 2)) {
            return usage(err, destroy ? "--destroy takes one render directory" : "expected <old-render-dir> and <new-render-dir>");
        }
        for (String d : dirs) {
            if (!Files.isDirectory(Path.of(d))) {
                return usage(err, d + " is not a directory");
            }
        }
        Plan plan;
        List<PlannedResource> after;
        try {
            List<PlannedResource> first = PlannedResource.read(Path.of(dirs.get(0)));
            if (destroy) {
                plan = Plan.destroy(first);
                after = List.of();
            } else {
                after = PlannedResource.read(Path.of(dirs.get(1)));
                plan = Plan.up(first, after);
            }
        } catch (IOException e) {
            err.println("fluxfleet plan: " + e.getMessage());
            return 1;
        }
        out.print(markdown ? PlanReport.markdown(plan, after, 500) : PlanReport.text(plan));
        out.flush();
        return plan.ok() ? 0 : 3;
    }

    private static int usage(PrintStream err, String problem) {
        err.println("fluxfleet plan: " + problem);
        err.print(USAGE);
        return 2;
    }
}
