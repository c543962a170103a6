package io.fluxfleet.render;

import com.pulumi.core.Output;

/** Test access to a finished stack output's secret-ness (through {@link PulumiSdk}, the one user of SDK internals). */
public final class RenderResultAccess {
    private RenderResultAccess() {}

    public static boolean secret(Output<?> output) {
        return PulumiSdk.resolve(output).secret();
    }

    public static Object value(Output<?> output) {
        return PulumiSdk.resolve(output).value();
    }
}
