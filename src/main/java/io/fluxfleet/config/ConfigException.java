package io.fluxfleet.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Every problem found in a stack's config, thrown once, before any resource is registered.
 * The message names the config source and how to fix a key.
 */
public final class ConfigException extends RuntimeException {
    private final List<Problem> problems;

    public ConfigException(String source, List<Problem> problems) {
        super(format(source, problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String format(String source, List<Problem> problems) {
        return "fluxfleet found " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                + " in the config of " + source + ":\n"
                + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n"))
                + "\nFix each key in the stack file, or with `pulumi config set [--secret] [--path] <key> <value>`"
                + " (nested keys need --path, e.g. `pulumi config set --path 'tenants[0].name' tenant1`).";
    }
}
