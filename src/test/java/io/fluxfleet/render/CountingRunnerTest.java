package io.fluxfleet.render;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The runner ends a run only when the program and every task are done. A task that completes before the program is
 * counted must not end it: in a cold JVM that race made render exit 0 with 0 resources (seen by HostileInputTest
 * and once in a CLI render of the committed preprod stack).
 */
class CountingRunnerTest {
    @Test
    void aTaskThatCompletesBeforeTheProgramIsCountedDoesNotEndTheRun() {
        CountingRunner runner = new CountingRunner();
        CompletableFuture<Void> early = new CompletableFuture<>();
        runner.registerTask("early", early);
        early.complete(null);
        CompletableFuture<Void> gate = new CompletableFuture<>();
        var run = runner.runAsync(() -> {
            gate.join();
            return 42;
        });
        assertFalse(run.isDone(), "the run ended while the program was still running");
        gate.complete(null);
        assertEquals(42, run.join().result().orElseThrow());
    }

    @Test
    void theRunWaitsForTasksTheProgramStarted() {
        CountingRunner runner = new CountingRunner();
        CompletableFuture<Void> task = new CompletableFuture<>();
        var run = runner.runAsync(() -> {
            runner.registerTask("registration", task);
            return "done";
        });
        run.getNow(null);
        assertFalse(run.isDone(), "the run ended before the program's task");
        task.complete(null);
        assertEquals("done", run.join().result().orElseThrow());
    }

    @Test
    void aProgramWhoseFirstTaskCompletesAtOnceIsStillAwaited() throws Exception {
        for (int i = 0; i < 300; i++) {
            CountingRunner runner = new CountingRunner();
            var result = runner.runAsync(() -> {
                runner.registerTask("done at once", CompletableFuture.completedFuture(null));
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "registered";
            }).get(10, TimeUnit.SECONDS);
            assertEquals("registered", result.result().orElse(null), "run " + i);
        }
    }
}
