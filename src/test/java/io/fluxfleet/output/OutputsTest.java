package io.fluxfleet.output;

import com.pulumi.core.Output;
import com.pulumi.core.internal.Internal;
import com.pulumi.core.internal.OutputData;

import io.fluxfleet.random.RandomPassword;
import io.fluxfleet.random.RandomPasswordArgs;
import io.fluxfleet.render.MockEngine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Outputs#all} is {@code Output.all} without its quadratic fold: the same value, known-ness,
 * secret-ness and resource dependencies, for every list length up to past a power of two.
 */
class OutputsTest {
    @Test
    void sameAsOutputAllForEveryShape() {
        AtomicReference<List<String>> problems = new AtomicReference<>(new ArrayList<>());
        new MockEngine().run("test", Logger.getLogger("outputs-test"), ctx -> {
            List<Output<String>> outputs = new ArrayList<>();
            for (int i = 0; i < 19; i++) {
                RandomPassword password = new RandomPassword("p" + i, RandomPasswordArgs.builder().length(8).build());
                Output<String> value = i % 4 == 1 ? password.result() : password.result().applyValue(v -> "v" + v.length());
                outputs.add(i % 7 == 2 ? Output.of("plain" + i) : value);
            }
            for (int n = 0; n <= outputs.size(); n++) {
                OutputData<List<String>> expected = data(Output.all(outputs.subList(0, n)));
                OutputData<List<String>> actual = data(Outputs.all(outputs.subList(0, n)));
                if (!expected.getValueNullable().equals(actual.getValueNullable())
                        || expected.isSecret() != actual.isSecret() || expected.isKnown() != actual.isKnown()
                        || !expected.getResources().equals(actual.getResources())) {
                    problems.get().add(n + ": " + expected + " != " + actual);
                }
            }
        }).throwOnError();
        assertTrue(problems.get().isEmpty(), problems.get().toString());
    }

    @Test
    void anEmptyListIsAKnownEmptyValue() {
        new MockEngine().run("test", Logger.getLogger("outputs-test"), ctx ->
                assertEquals(List.of(), data(Outputs.<String>all(List.of())).getValueNullable())).throwOnError();
    }

    private static <T> OutputData<T> data(Output<T> output) {
        return Internal.of(output).getDataAsync().join();
    }
}
