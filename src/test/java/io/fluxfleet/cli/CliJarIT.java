package io.fluxfleet.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs after {@code package}: the command line works in the shaded jar, both through {@code Launcher}'s relaunch
 * into the tuned JVM (the exit code passed on) and in the first JVM ({@code FLUXFLEET_NO_RELAUNCH=1}).
 */
class CliJarIT {
    static final Path JAR = Path.of("target/fluxfleet.jar");

    record Run(int code, String out, String err) {}

    static Run jar(boolean relaunch, String... args) throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR + " is built in the package phase, before this test");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("FLUXFLEET_NO_RELAUNCH");
        if (!relaunch) {
            builder.environment().put("FLUXFLEET_NO_RELAUNCH", "1");
        }
        Process process = builder.start();
        process.getOutputStream().close();
        var err = process.getErrorStream();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errText = new String(err.readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the jar did not finish");
        return new Run(process.exitValue(), out, errText);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void helpAndUsageErrorsFromTheJar(boolean relaunch) throws Exception {
        Run help = jar(relaunch, "render", "--help");
        assertEquals(0, help.code(), help.err());
        assertTrue(help.out().startsWith("usage: fluxfleet render "), help.out());

        Run top = jar(relaunch, "help");
        assertEquals(0, top.code(), top.err());
        assertTrue(top.out().contains("\n  changed-stacks "), top.out());

        Run usage = jar(relaunch, "plan", "--bogus");
        assertEquals(2, usage.code(), usage.err());
        assertTrue(usage.err().startsWith("fluxfleet plan: Unknown option: '--bogus'"), usage.err());
        assertEquals("", usage.out());
    }
}
