package io.fluxfleet.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Waits until a stack program and every task it started have finished, by counting tasks rather than polling them.
 * {@link PulumiSdk} runs the program with it in place of the SDK's runner.
 *
 * <p>Why not the SDK's own runner: pulumi-java 1.36's {@code DefaultRunner} waits by re-scheduling a loop
 * that, on every turn, formats the whole set of in-flight tasks into a log message (even when that log
 * level is off). With thousands of resources in flight that turns quadratic: measured here, a 100-tenant
 * render took 20-50 s and 1.5 GB. This keeps the same contract (the program's value, the exceptions its tasks
 * raised) at constant cost per task.
 */
final class TaskCounter {
    /** What a run left: the program's value (empty when it failed) and every exception a task raised. */
    record Outcome<T>(Optional<T> value, List<Exception> exceptions) {}

    /**
     * Tasks in flight, plus one for the program until it has been counted itself. Without that extra count, a task
     * the program registered and that completed before {@link #run} counted the program brought the count to
     * zero and ended the run early: a cold JVM then rendered fewer resources, or none, and exited 0.
     */
    private final AtomicInteger pending = new AtomicInteger(1);
    private final ConcurrentLinkedQueue<Exception> exceptions = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();

    /** Counts {@code task} until it completes, and keeps the exception it fails with. */
    <T> void register(CompletableFuture<T> task) {
        pending.incrementAndGet();
        task.whenComplete((value, error) -> {
            if (error != null) {
                exceptions.add(unwrap(error));
            }
            release();
        });
    }

    private void release() {
        if (pending.decrementAndGet() == 0) {
            drained.complete(null);
        }
    }

    /**
     * Starts the program through {@code start} (which runs it asynchronously) and completes once it and every task
     * registered meanwhile have finished.
     */
    <T> CompletableFuture<Outcome<T>> run(Supplier<CompletableFuture<T>> start) {
        CompletableFuture<T> program = start.get();
        // While the program runs it is itself pending, so the count reaches zero only once all work is done.
        register(program);
        release();
        return drained.handle((ignored, error) -> new Outcome<>(
                program.isCompletedExceptionally() ? Optional.empty() : Optional.ofNullable(program.getNow(null)),
                List.copyOf(new ArrayList<>(exceptions))));
    }

    private static Exception unwrap(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof Exception e ? e : new RuntimeException(cause);
    }
}
