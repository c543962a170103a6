package io.fluxfleet.render;

import com.pulumi.Context;
import com.pulumi.test.TestResult;

import io.fluxfleet.FluxFleetStack;
import io.fluxfleet.config.FluxFleetConfig;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs a stack's program under Pulumi's own mock engine, with no CLI, plugins, cluster or credentials, and
 * returns what the engine received. Used by {@code render} and by the tests, so both see the same thing.
 */
public final class Renderer {
    private Renderer() {}

    public static RenderResult render(FluxFleetConfig config) {
        return render(config, (ctx, c) -> FluxFleetStack.build(ctx, c, FluxFleetStack.Runtime.offline()));
    }

    /** Runs any stack function; tests use this to render a single component. */
    public static synchronized RenderResult render(FluxFleetConfig config, BiConsumer<Context, FluxFleetConfig> program) {
        List<String> warnings = new CopyOnWriteArrayList<>();
        Logger logger = logger(warnings);
        return render(config.stack(), new MockEngine(), ctx -> program.accept(ctx, config), warnings, logger);
    }

    /**
     * Renders a tenant shard: {@code program} reads its platform stack {@code platformStack} through a stack
     * reference, which is answered with the outputs of {@code platform}, that stack's render.
     */
    public static synchronized RenderResult renderShard(String stack, String platformStack, RenderResult platform,
                                                        java.util.function.Consumer<Context> program) {
        java.util.Map<String, Object> outputs = new java.util.TreeMap<>();
        java.util.Set<String> secret = new java.util.TreeSet<>();
        platform.outputs().forEach((name, output) -> {
            PulumiSdk.Resolved resolved = PulumiSdk.resolve(output);
            if (resolved.value() != null) {
                outputs.put(name, resolved.value());
            }
            if (resolved.secret()) {
                secret.add(name);
            }
        });
        List<String> warnings = new CopyOnWriteArrayList<>();
        return render(stack, new MockEngine().stackReference(platformStack, outputs, secret), program, warnings,
                logger(warnings));
    }

    private static Logger logger(List<String> warnings) {
        Logger logger = Logger.getLogger("fluxfleet.render." + System.nanoTime());
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.INFO);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record.getMessage());
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
        return logger;
    }

    private static RenderResult render(String stack, MockEngine engine, java.util.function.Consumer<Context> program,
                                       List<String> warnings, Logger logger) {
        long started = System.currentTimeMillis();
        TestResult result = engine.run(stack, logger, program);
        if (!result.exceptions().isEmpty()) {
            RuntimeException failure = new IllegalStateException("the stack program failed: "
                    + result.exceptions().get(0).getMessage(), result.exceptions().get(0));
            result.exceptions().stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
        var timing = new RenderResult.Timing(started, engine.firstRegistrationMillis(), System.currentTimeMillis());
        return new RenderResult(stack, engine.recorded(), List.copyOf(warnings), result.outputs(), timing);
    }
}
