package io.fluxfleet.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command the way a CI job would, in a clean environment: only PATH, a HOME of its own beside the working
 * directory, a UTF-8 locale and the variables given. The CI script tests and the change-path corpus run
 * {@code ci/*.sh} with it.
 */
public final class Shell {
    private Shell() {}

    public record Run(int status, String out, String err) {}

    /** {@code bash -c script bash args...} in {@code cwd}. */
    public static Run bash(Path cwd, Map<String, String> env, String script, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "-c", script, "bash"));
        command.addAll(List.of(args));
        return run(cwd, env, command);
    }

    /** Any command in {@code cwd}, with the clean environment above; at most five minutes. */
    public static Run run(Path cwd, Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv("PATH"));
        pb.environment().put("HOME", Files.createDirectories(cwd.resolveSibling(cwd.getFileName() + ".home")).toString());
        pb.environment().put("LANG", "C.UTF-8");
        pb.environment().putAll(env);
        Path out = Files.createTempFile("ci-out", ".txt");
        Path err = Files.createTempFile("ci-err", ".txt");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }
}
