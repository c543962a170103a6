package io.fluxfleet.cli;

import io.fluxfleet.App;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The offline commands as one command line: help per subcommand, usage errors with exit 2 and the subcommand's help
 * on standard error, and the exit codes each subcommand documents. Each subcommand's own behaviour is tested beside it
 * (RenderCommandTest, DiffCommandTest, PlanReportTest, ChangedStacksTest, GitLabNotesTest); this runs them through
 * {@link App#run}, as {@code java -jar fluxfleet.jar} does.
 */
class CliTest {
    static final String[] COMMANDS = {"render", "diff", "plan", "changed-stacks", "mr-note"};

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = App.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"render", "diff", "plan", "changed-stacks", "mr-note"})
    void everySubcommandHasItsOwnHelp(String command) {
        for (String[] args : new String[][] {{command, "--help"}, {command, "-h"}, {"help", command}}) {
            Run run = run(args);
            assertEquals(0, run.code(), String.join(" ", args) + ": " + run.err());
            assertTrue(run.out().startsWith("usage: fluxfleet " + command + " "), run.out());
            assertTrue(run.out().contains("Exit status: 0 "), "the help documents the exit codes: " + run.out());
            assertTrue(run.out().contains("-h, --help"), run.out());
            assertEquals("", run.err());
        }
    }

    @Test
    void theTopLevelHelpListsEverySubcommand() {
        for (String help : new String[] {"--help", "-h", "help"}) {
            Run run = run(help);
            assertEquals(0, run.code(), run.err());
            assertTrue(run.out().startsWith("usage: java -jar fluxfleet.jar"), run.out());
            for (String command : COMMANDS) {
                assertTrue(run.out().contains("\n  " + command + " "), command + " listed: " + run.out());
            }
        }
    }

    /** An unknown option, a missing value, or a missing argument: the problem and the help on stderr, exit 2. */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "render --bogus x; Unknown options: '--bogus', 'x'",
        "render --stack dev --out; Missing required parameter for option '--out'",
        "render --stack dev; --stack and --out are required",
        "diff --stacks; Missing required parameter for option '--stacks'",
        "diff a; expected <old-dir> and <new-dir>",
        "plan; expected <old-render-dir> and <new-render-dir>",
        "plan --bogus; Unknown option: '--bogus'",
        "changed-stacks; give exactly one of --base and --paths",
        "changed-stacks --base x --paths y; give exactly one of --base and --paths",
        "mr-note --update-only; --file is required",
        "bogus; Unmatched argument at index 0: 'bogus'",
    })
    void usageErrorsExitTwoWithTheProblemAndTheHelp(String line, String problem) {
        String[] args = line.split(" ");
        Run run = run(args);
        String command = args[0].equals("bogus") ? "fluxfleet" : "fluxfleet " + args[0];
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().startsWith(command + ": " + problem), run.err());
        assertTrue(run.err().contains("usage: "), "the help follows the problem: " + run.err());
        assertEquals("", run.out());
    }

    @Test
    void aSubcommandAloneIsAUsageError() {
        Run run = run(new String[0]);
        assertEquals(2, run.code());
        assertTrue(run.err().startsWith("fluxfleet: give a command"), run.err());
    }

    /** The hand-written loops took the last of a repeated option; so does picocli here. */
    @Test
    void aRepeatedOptionTakesTheLastValue(@TempDir Path dir) {
        Run run = run("render", "--stack", "dev", "--config", dir.resolve("a.yaml").toString(),
                "--config", dir.resolve("b.yaml").toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("b.yaml' not found"), run.err());
    }

    /** A value that looks like an option is still a value: changed-stacks' own check refuses it, git never sees it. */
    @Test
    void anOptionLikeValueReachesTheSubcommandsCheck(@TempDir Path dir) {
        Run run = run("changed-stacks", "--base", "-p", "--repo", dir.toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("--base '-p' is not a git revision"), run.err());
    }

    /** {@code @file} is an argument, not a file of arguments: here a directory name that does not exist. */
    @Test
    void anAtArgumentIsNeverReadAsAFileOfArguments(@TempDir Path dir) throws java.io.IOException {
        Path file = java.nio.file.Files.writeString(dir.resolve("args"), "--help\n");
        Run run = run("plan", "@" + file, "--destroy");
        assertEquals(2, run.code(), run.out());
        assertTrue(run.err().startsWith("fluxfleet plan: '@" + file + "' is not a directory"), run.err());
    }

    /** Control characters and bidi overrides from the command line are escaped in every usage error. */
    @Test
    void theCommandLineIsEscapedInMessages() {
        for (String[] args : new String[][] {
                {"diff", "--bogus\u001b[31m"}, {"plan", "--x\u202e"}, {"\u001b]0;pwned\u0007"}, {"render", "--\n--forged"}}) {
            Run run = run(args);
            assertEquals(2, run.code(), run.err());
            assertFalse(run.err().contains("\u001b") || run.err().contains("\u202e") || run.err().contains("\n--forged"),
                    run.err());
            assertTrue(run.err().contains("\\u") || run.err().contains("\\n"), run.err());
        }
    }

    @Test
    void safeCutsAndEscapes() {
        assertEquals("a\\u001Bb\\n", Cli.safe("a\u001bb\n"));
        assertEquals(401, Cli.safe("x".repeat(1000)).length());
    }
}
