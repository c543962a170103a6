package io.fluxfleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the offline subcommands in a JVM tuned for a short, allocation-heavy batch job. Measured on the
 * 2-core CI machine (README, Performance): the default JVM spends about half of a 100-tenant render
 * compiling with C2 and grows its heap far beyond what is live; C1 only, a capped parallel collector and
 * a class-data-sharing archive of fluxfleet's own classes make a 500-tenant render about 1.5x faster at
 * a quarter of the memory. A jar cannot carry JVM options, so {@code java -jar fluxfleet.jar render ...}
 * starts the tuned JVM once (about 0.1 s) and passes its exit code on.
 *
 * <p>Not used for the Pulumi program itself (no arguments): the engine owns that process. Set
 * {@code FLUXFLEET_NO_RELAUNCH=1} to run in the current JVM, e.g. to profile it.
 */
final class Launcher {
    static final String TUNED_PROPERTY = "fluxfleet.tuned";
    /** The AppCDS archive `mvn package` writes next to the jar (see pom.xml). */
    static final String ARCHIVE = "fluxfleet.jsa";
    /**
     * C1 only: on two cores C2 compiles steal a core for most of a render. The parallel collector with a
     * 1 GiB cap: collections use both cores, and the heap stays a few hundred MiB instead of growing to a
     * quarter of the machine's memory (a 500-tenant stack keeps about 160 MiB live). Larger stacks can
     * raise the cap through {@code FLUXFLEET_JAVA_OPTS} (e.g. {@code -Xmx4g}), which comes last and wins.
     */
    static final List<String> JVM_OPTIONS = List.of(
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseParallelGC",
            "-Xmx1g",
            "-Djava.util.concurrent.ForkJoinPool.common.parallelism=3");

    private Launcher() {}

    /** The exit code of the tuned JVM, or empty to run here (already tuned, opted out, or not from a jar). */
    static Optional<Integer> relaunch(String[] args) {
        if (Boolean.getBoolean(TUNED_PROPERTY) || System.getenv("FLUXFLEET_NO_RELAUNCH") != null) {
            return Optional.empty();
        }
        Optional<String> java = ProcessHandle.current().info().command();
        Optional<Path> jar = jar();
        if (java.isEmpty() || jar.isEmpty()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(java.get());
        command.addAll(JVM_OPTIONS);
        Path archive = jar.get().resolveSibling(ARCHIVE);
        if (Files.isRegularFile(archive)) {
            // -Xshare:auto ignores an archive that does not match this jar; keep its notice off stdout.
            command.addAll(List.of("-Xshare:auto", "-XX:SharedArchiveFile=" + archive, "-Xlog:disable",
                    "-Xlog:all=error:stderr"));
        }
        String extra = System.getenv("FLUXFLEET_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.add("-D" + TUNED_PROPERTY + "=true");
        command.addAll(List.of("-cp", jar.get().toString(), App.class.getName()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).inheritIO().start();
            return Optional.of(process.waitFor());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(130);
        }
    }

    private static Optional<Path> jar() {
        try {
            var source = App.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path path = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(path) && path.toString().endsWith(".jar") ? Optional.of(path) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
