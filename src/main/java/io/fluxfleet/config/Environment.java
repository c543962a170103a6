package io.fluxfleet.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * The three environments fluxfleet knows. Each stack converges exactly one of them; the environment
 * decides the Git branch Flux follows and the defaults of its profile.
 */
public enum Environment {
    DEV("dev"),
    PREPROD("preprod"),
    PROD("prod");

    private final String id;

    Environment(String id) {
        this.id = id;
    }

    /** The lower-case name used in config, branch names and Kubernetes names. */
    public String id() {
        return id;
    }

    /** The Git branch the environment's cluster follows: the environment's own name. */
    public String branch() {
        return id;
    }

    public static Optional<Environment> parse(String value) {
        return Arrays.stream(values()).filter(e -> e.id.equals(value)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
