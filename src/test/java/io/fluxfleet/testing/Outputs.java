package io.fluxfleet.testing;

import com.pulumi.core.Output;
import com.pulumi.core.internal.Internal;

/** Reads a stack output of a finished render. */
public final class Outputs {
    private Outputs() {}

    public static Object value(Output<?> output) {
        return Internal.of(output).getValueNullable().join();
    }
}
