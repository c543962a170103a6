package io.fluxfleet.config;

import java.util.Objects;

/**
 * A value read from a key that carries a secret. It is turned into a Pulumi secret
 * ({@code Output.ofSecret}) at the one place it reaches a resource, and its {@link #toString()} never
 * shows the value, so it cannot leak through logs or exception messages.
 */
public final class Secret {
    private final String value;

    public Secret(String value) {
        this.value = Objects.requireNonNull(value);
    }

    /** The plain value; only for building a Pulumi secret. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "[secret]";
    }
}
