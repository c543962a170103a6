package io.fluxfleet;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.deployment.Deployment;

import io.fluxfleet.cli.Cli;
import io.fluxfleet.config.ConfigLoader;
import io.fluxfleet.config.RawConfig;
import io.fluxfleet.config.Shown;
import io.fluxfleet.diff.ChangedStacksCommand;
import io.fluxfleet.diff.DiffCommand;
import io.fluxfleet.diff.MergeRequestNoteCommand;
import io.fluxfleet.plan.PlanCommand;
import io.fluxfleet.plugin.CliFloor;
import io.fluxfleet.render.RenderCommand;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * Dispatches: with no arguments this is the Pulumi program ({@code Pulumi.yaml} runs the jar this way);
 * with a subcommand it is an offline tool that needs no Pulumi CLI, cluster or credentials.
 */
public final class App {
    private App() {}

    /**
     * On a 2-core machine the JDK's common pool has parallelism 1, and {@code CompletableFuture} then starts a
     * new thread for every async task; the Pulumi SDK runs everything through it. Measured on the CI machine,
     * that alone doubled render time. This must run before anything touches the common pool.
     */
    static void sizeCommonPool() {
        String key = "java.util.concurrent.ForkJoinPool.common.parallelism";
        if (System.getProperty(key) == null) {
            System.setProperty(key, String.valueOf(Math.max(4, Runtime.getRuntime().availableProcessors())));
        }
    }

    public static void main(String[] args) {
        sizeCommonPool();
        if (args.length == 0) {
            Pulumi.run(App::stack);
            return;
        }
        var tuned = Launcher.relaunch(args);
        System.exit(tuned.orElseGet(() -> run(args)));
    }

    /**
     * Runs one offline subcommand in this JVM and returns its exit code. A failure nobody anticipated is reported in
     * one line and exit code 1, never as a stack trace (set FLUXFLEET_TRACE=1 for one).
     */
    public static int run(String[] args) {
        try {
            return Cli.run(args, System.out, System.err, commands());
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            System.err.println("fluxfleet " + (args.length > 0 ? Shown.escaped(args[0]) + ": " : "") + "internal error: "
                    + e.getClass().getSimpleName() + (e instanceof OutOfMemoryError
                    ? " (give the JVM more memory, e.g. JAVA_TOOL_OPTIONS=-Xmx4g)" : "")
                    + "; set FLUXFLEET_TRACE=1 for details");
            if (System.getenv("FLUXFLEET_TRACE") != null) {
                e.printStackTrace();
            }
            return 1;
        }
    }

    /** The offline subcommands, in the order {@code --help} lists them. */
    private static List<Callable<Integer>> commands() {
        return List.of(
                new RenderCommand(System.out, System.err),
                new DiffCommand(System.out, System.err),
                new PlanCommand(System.out, System.err),
                new ChangedStacksCommand(System.in, System.out, System.err),
                new MergeRequestNoteCommand(System.out, System.err),
                new io.fluxfleet.health.VerifyCommand(System.out, System.err));
    }

    /**
     * The Pulumi program: the CLI is checked against fluxfleet's floor first, then config is read and validated once,
     * before any resource is registered.
     */
    static void stack(Context ctx) {
        CliFloor.require(range -> Deployment.getInstance().requirePulumiVersion(range));
        program(ctx, System.getenv(), FluxFleetStack.Runtime.live());
    }

    /**
     * The program with its inputs explicit: the language host's environment (the config, and in a GitLab pipeline
     * fluxfleet's own project, {@code CI_PROJECT_PATH}) and how GitLab is read.
     */
    static void program(Context ctx, java.util.Map<String, String> environment, FluxFleetStack.Runtime given) {
        FluxFleetStack.Runtime runtime = given.in(environment);
        RawConfig raw = RawConfig.fromPulumiEnvironment(ctx.stackName(), environment);
        if (io.fluxfleet.shard.ShardProgram.isShard(raw)) {
            io.fluxfleet.shard.ShardProgram.run(ctx, raw, runtime, warning -> ctx.log().warn(warning));
            return;
        }
        var config = ConfigLoader.load(ctx.stackName(), raw, warning -> ctx.log().warn(warning));
        FluxFleetStack.build(ctx, config, runtime);
    }
}
