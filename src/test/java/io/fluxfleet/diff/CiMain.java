package io.fluxfleet.diff;

import io.fluxfleet.render.RenderCommand;

import java.util.Arrays;

/**
 * The subcommands the CI scripts call, for {@link CiScriptsTest} to run them as {@code FLUXFLEET}: what
 * {@code App} dispatches to in the jar ({@code render}, {@code diff}, {@code changed-stacks}, {@code mr-note}).
 */
public final class CiMain {
    private CiMain() {}

    public static void main(String[] args) {
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        int code = switch (args[0]) {
            case "render" -> RenderCommand.run(rest, System.out, System.err);
            case "diff" -> DiffCommand.run(rest, System.out, System.err);
            case "changed-stacks" -> ChangedStacksCommand.run(rest, System.out, System.err);
            case "mr-note" -> MergeRequestNoteCommand.run(rest, System.out, System.err);
            default -> 2;
        };
        System.exit(code);
    }
}
