package io.fluxfleet.render;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The run ends only when the program and all it started have finished, however fast its first task is. */
class CountingRunnerTest {

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
