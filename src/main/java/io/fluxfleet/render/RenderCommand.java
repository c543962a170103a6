package io.fluxfleet.render;

import io.fluxfleet.cli.Cli;
import io.fluxfleet.config.ConfigException;
import io.fluxfleet.config.ConfigLoader;
import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.config.RawConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code render --stack <name> [--config <stack file>] --out <dir>}: the stack's full desired state as
 * review files, offline. Exit codes: 0 rendered, 2 bad usage or bad config (nothing written), 1 the
 * program itself failed.
 */
@Command(name = "render",
        customSynopsis = "fluxfleet render --stack <name> [--config <stack file>] --out <dir>",
        descriptionHeading = "%n",
        description = {
            "Renders the stack's full desired state offline, with no Pulumi CLI, cluster or credentials:",
            "<dir>/resources.json (every resource the program registers, with its inputs and options),",
            "<dir>/kubernetes.yaml (the Kubernetes objects in apply order) and <dir>/helm-values/.",
            "Secret values appear only as [secret:<fingerprint>]. The output is replaced as a whole,",
            "and only when the render succeeds.",
            ""},
        footer = {"", "Exit status: 0 rendered, 1 the program itself failed, 2 usage error or bad config (nothing written)."})
public final class RenderCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Cli.Help help;

    @Option(names = "--stack", paramLabel = "<name>", completionCandidates = Environments.class,
            description = "The stack (one per environment: ${COMPLETION-CANDIDATES}): its name in messages, and"
                    + " Pulumi.<name>.yaml when --config is not given.")
    String stack;

    @Option(names = "--config", paramLabel = "<stack file>",
            description = "The stack file to read (default: Pulumi.<name>.yaml in the current directory).")
    String config;

    @Option(names = "--out", paramLabel = "<dir>",
            description = "The directory to write; its previous content is replaced.")
    String dir;

    private final PrintStream out;
    private final PrintStream err;

    /** The environments' ids, for the help of {@code --stack}. */
    static final class Environments implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(io.fluxfleet.config.Environment.values())
                    .map(io.fluxfleet.config.Environment::id).iterator();
        }
    }

    public RenderCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs {@code fluxfleet render} with the arguments after the subcommand name. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.runOne(new RenderCommand(out, err), args, out, err);
    }

    @Override
    public Integer call() {
        if (stack == null || dir == null) {
            throw Cli.usage(spec, "--stack and --out are required");
        }
        if (dir.isBlank() || io.fluxfleet.config.Shown.hasUnsafe(dir) || dir.indexOf('\0') >= 0) {
            err.println("render: --out " + io.fluxfleet.config.Shown.quoted(dir)
                    + " is not a directory name (empty, or with control characters)");
            return 2;
        }
        if (stack.isBlank() || io.fluxfleet.config.Shown.hasUnsafe(stack)) {
            err.println("render: --stack " + io.fluxfleet.config.Shown.quoted(stack) + " is not a stack name");
            return 2;
        }
        Path outDir;
        try {
            outDir = Path.of(dir);
        } catch (java.nio.file.InvalidPathException e) {
            err.println("render: --out " + io.fluxfleet.config.Shown.quoted(dir) + " is not a path");
            return 2;
        }
        Path stackFile;
        try {
            stackFile = Path.of(config != null ? config : "Pulumi." + stack + ".yaml");
        } catch (java.nio.file.InvalidPathException e) {
            err.println("render: --config " + io.fluxfleet.config.Shown.quoted(config) + " is not a path");
            return 2;
        }
        if (!Files.isRegularFile(stackFile)) {
            err.println("render: stack file " + io.fluxfleet.config.Shown.quoted(stackFile.toString())
                    + " not found (give it with --config)");
            return 2;
        }
        FluxFleetConfig parsed;
        java.util.List<String> warnings = new java.util.ArrayList<>();
        RenderResult shardResult = null;
        try {
            RawConfig raw = RawConfig.fromStackFile(stackFile);
            if (io.fluxfleet.shard.ShardProgram.isShard(raw)) {
                // a tenant shard: its platform stack's file is read and rendered too (README "Large fleets")
                var rendered = io.fluxfleet.shard.ShardRender.render(stack, stackFile, raw, warnings::add);
                parsed = rendered.config();
                shardResult = rendered.result();
            } else {
                parsed = ConfigLoader.load(stack, raw, warnings::add);
            }
        } catch (ConfigException | io.fluxfleet.config.StackYaml.StackFileException e) {
            err.println(e.getMessage());
            return 2;
        } catch (IllegalStateException e) {
            err.println("render: " + e.getMessage());
            return 1;
        } catch (UncheckedIOException e) {
            err.println("render: " + io.fluxfleet.config.Shown.escaped(e.getMessage()
                    + (e.getCause() != null ? ": " + e.getCause().getMessage() : "")));
            return 2;
        }
        RenderResult result;
        try {
            result = shardResult != null ? shardResult : Renderer.render(parsed);
        } catch (IllegalStateException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            err.println("render: " + e.getMessage() + (root != e ? " (" + root + ")" : ""));
            if (System.getenv("FLUXFLEET_TRACE") != null) {
                e.printStackTrace(err);
            }
            return 1;
        }
        if (result.resources().isEmpty()) {
            // every stack registers at least its providers: an empty result is a failed run, never a render
            err.println("render: internal error: the program registered no resources; nothing was written");
            return 1;
        }
        try {
            RenderWriter.write(result, outDir);
        } catch (RenderWriter.UnusableOutputException e) {
            err.println("render: --out " + e.getMessage());
            return 2;
        } catch (IOException | java.io.UncheckedIOException e) {
            err.println("render: cannot write " + io.fluxfleet.config.Shown.quoted(dir) + " (the previous output, if"
                    + " any, is unchanged): " + io.fluxfleet.config.Shown.escaped(String.valueOf(e.getMessage())));
            return 1;
        }
        if (System.getenv("FLUXFLEET_TRACE") != null) {
            // read by bench/run.sh: absolute times, so a launcher can measure from its own start
            var t = result.timing();
            err.printf("fluxfleet-trace jvm-start=%d program-start=%d first-resource=%d registered=%d program-end=%d%n",
                    java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime(), t.started(),
                    t.firstRegistration(), result.resources().size(), t.finished());
        }
        warnings.forEach(w -> err.println("warning: " + w));
        result.warnings().forEach(w -> err.println("warning: " + w));
        out.println("rendered stack '" + stack + "' (" + parsed.environment() + ", " + parsed.tenants().size()
                + " tenant" + (parsed.tenants().size() == 1 ? "" : "s") + ") to " + dir + ": "
                + result.resources().size() + " resources");
        for (Map.Entry<String, Integer> count : RenderWriter.countsByKind(result).entrySet()) {
            out.printf("  %4d  %s%n", count.getValue(), count.getKey());
        }
        return 0;
    }
}
