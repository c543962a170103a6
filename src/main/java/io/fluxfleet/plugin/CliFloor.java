package io.fluxfleet.plugin;

import java.util.function.Consumer;

/**
 * The oldest Pulumi CLI fluxfleet runs under. pulumi-java 1.36.1, the SDK in pom.xml, is built against the engine of
 * pulumi 3.257; an older CLI may lack the RPCs and semantics that SDK and the pinned provider plugins rely on, and
 * fails later and less clearly. The program asks the engine itself, first thing, through the engine's
 * {@code RequirePulumiVersion} RPC (pulumi-java {@code Deployment.requirePulumiVersion}): the engine compares its own
 * version with the range and refuses with "Pulumi CLI version X does not satisfy the version range …"; a CLI too old to
 * have the RPC answers UNIMPLEMENTED, which the SDK reports as "The installed version of the CLI does not support the
 * `RequirePulumiVersion` RPC". Either way the run stops before any resource is registered, with this class's message.
 * The offline commands (render, diff, …) do not need a CLI and do not check.
 */
public final class CliFloor {
    /** Keep in step with com.pulumi:pulumi in pom.xml and the Pulumi image in .gitlab-ci.yml (GitLabCiTest checks it). */
    public static final String MINIMUM = "3.257.0";
    /** The range in the engine's syntax (blang/semver ranges). */
    public static final String RANGE = ">=" + MINIMUM;

    private CliFloor() {}

    /** Thrown when the CLI running the program is older than {@link #MINIMUM}. */
    public static final class UnsupportedCliException extends RuntimeException {
        UnsupportedCliException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Asks the engine whether it satisfies {@link #RANGE}; {@code engine} is {@code Deployment.getInstance()::requirePulumiVersion}
     * in a real run.
     *
     * @throws UnsupportedCliException naming the floor, the engine's answer and how to fix it
     */
    public static void require(Consumer<String> engine) {
        try {
            engine.accept(RANGE);
        } catch (RuntimeException e) {
            throw new UnsupportedCliException("fluxfleet needs the Pulumi CLI " + MINIMUM + " or newer (its Java SDK,"
                    + " pulumi-java 1.36.1, is built against that engine), and this pulumi refused: " + reason(e)
                    + ". Run `pulumi version` to see yours and upgrade the CLI; CI uses the image .gitlab-ci.yml names.", e);
        }
    }

    private static String reason(Throwable e) {
        Throwable cause = e;
        while (cause.getMessage() == null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }
}
