package io.fluxfleet.diff;

import io.fluxfleet.App;

/**
 * The subcommands the CI scripts call, for {@link CiScriptsTest} to run them as {@code FLUXFLEET}: what
 * {@code App} dispatches to in the jar ({@code render}, {@code diff}, {@code plan}, {@code changed-stacks}, {@code mr-note}).
 */
public final class CiMain {
    private CiMain() {}

    public static void main(String[] args) {
        System.exit(App.run(args));
    }
}
