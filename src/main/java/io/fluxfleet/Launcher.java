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
     * 1 GiB cap ({@link #heapMib}: more for stacks past 3,000 tenants): collections use both cores, and the heap stays a few hundred MiB instead of growing to a
     * quarter of the machine's memory (a 500-tenant stack keeps about 160 MiB live). Larger stacks can
     * raise the cap through {@code FLUXFLEET_JAVA_OPTS} (e.g. {@code -Xmx4g}), which comes last and wins.
     */
    static final List<String> JVM_OPTIONS = List.of(
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseParallelGC",
            "-Djava.util.concurrent.ForkJoinPool.common.parallelism=3");
    /** The heap cap of a stack of up to {@link #TENANTS_IN_BASE_HEAP} tenants. */
    static final int BASE_HEAP_MIB = 1024;
    static final int TENANTS_IN_BASE_HEAP = 3000;
    /**
     * Heap per tenant beyond that. The SDK keeps every registered resource, its outputs and their futures until the
     * run ends (each resource's parent holds it in {@code Resource.childResources}), about 200 KiB live per tenant of
     * the full stack (measured: 770 MiB live at 5,000 tenants). Under a fixed 1 GiB cap a 5,000-tenant render spent
     * most of its time in full collections (53 full GCs of 4-12 s, README "Large fleets"); the parallel collector
     * needs about 1.7x the live set to stay linear.
     */
    static final int KIB_PER_TENANT = 350;
    static final int MAX_HEAP_MIB = 3072;
    private static final java.util.regex.Pattern TENANT_ENTRY = java.util.regex.Pattern.compile("^\\s*-\\s+name:\\s");

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
        command.add("-Xmx" + heapMib(stackFile(args).map(Launcher::tenantEntries).orElse(0)) + "m");
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

    /** The heap cap for a stack of {@code tenants} tenants: 1 GiB, and more past 3,000 tenants, up to 3 GiB. */
    static int heapMib(int tenants) {
        long extra = (long) Math.max(0, tenants - TENANTS_IN_BASE_HEAP) * KIB_PER_TENANT / 1024;
        return (int) Math.min(MAX_HEAP_MIB, BASE_HEAP_MIB + extra);
    }

    /** The stack file a subcommand reads: {@code --config <file>}, else {@code Pulumi.<--stack>.yaml}. */
    static Optional<Path> stackFile(String[] args) {
        String config = null;
        String stack = null;
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--config")) {
                config = args[i + 1];
            } else if (args[i].equals("--stack")) {
                stack = args[i + 1];
            }
        }
        try {
            Path file = config != null ? Path.of(config) : stack != null ? Path.of("Pulumi." + stack + ".yaml") : null;
            return file != null && Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }

    /**
     * How many list entries with a {@code name} the file has: the tenants, for sizing the heap. A line count, not a
     * parse (the tuned JVM parses and validates the file); an estimate only moves the cap.
     */
    static int tenantEntries(Path file) {
        try (var lines = Files.lines(file)) {
            return (int) lines.filter(line -> TENANT_ENTRY.matcher(line).find()).count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
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
