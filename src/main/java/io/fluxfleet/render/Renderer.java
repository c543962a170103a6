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
        MockEngine engine = new MockEngine();
        long started = System.currentTimeMillis();
        TestResult result = engine.run(config.stack(), logger, ctx -> program.accept(ctx, config));
        if (!result.exceptions().isEmpty()) {
            RuntimeException failure = new IllegalStateException("the stack program failed: "
                    + result.exceptions().get(0).getMessage(), result.exceptions().get(0));
            result.exceptions().stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
        var timing = new RenderResult.Timing(started, engine.firstRegistrationMillis(), System.currentTimeMillis());
        return new RenderResult(config.stack(), engine.recorded(), List.copyOf(warnings), result.outputs(), timing);
    }
}
