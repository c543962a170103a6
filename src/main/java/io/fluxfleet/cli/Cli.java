package io.fluxfleet.cli;

import io.fluxfleet.config.Shown;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The offline subcommands' command line, on picocli: one place that sets how every subcommand parses, reports a
 * usage error and prints its help.
 *
 * <p>Exit codes every subcommand shares: 0 done, {@value #USAGE} usage error (the problem, then the subcommand's help,
 * on standard error), and whatever the subcommand returns otherwise (1 its input could not be read or a remote call
 * failed, 2 bad config, 3 a refused plan; each subcommand's help lists its own). {@code -h}/{@code --help} on any
 * subcommand, and {@code help <subcommand>}, print its help on standard output and exit 0.
 *
 * <p>Parsing keeps what the hand-written loops did: an option given twice takes the last value; a value starting
 * with {@code -} that is not one of the subcommand's options is taken as a value (so {@code --base --output=x}
 * reaches {@code changed-stacks}' own check of a git revision rather than git); an argument starting with {@code @} is
 * itself, never the name of a file of more arguments (picocli's default), since {@code @} starts git revisions such as
 * {@code @~1} and no argument may make fluxfleet read a file it was not asked to; a failure nobody anticipated is not
 * caught here, so {@code App.run} reports it in one line.
 */
public final class Cli {
    /** The exit code of a usage error. */
    public static final int USAGE = 2;
    private static final int WIDTH = 100;
    private static final int MAX_MESSAGE = 400;

    private Cli() {}

    /** {@code -h}/{@code --help}, mixed into every subcommand. */
    public static final class Help {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;
    }

    /** The root: names the subcommands; alone it is a usage error. */
    @Command(name = "fluxfleet",
            customSynopsis = {
                "java -jar fluxfleet.jar                      the Pulumi program (pulumi up/preview run it)",
                "       java -jar fluxfleet.jar <command> [<args>]  an offline command (no Pulumi CLI, cluster or credentials)",
            },
            commandListHeading = "%nCommands (`java -jar fluxfleet.jar help <command>` for each one's options):%n",
            description = "",
            footer = {"", "Exit status: 0 done, 2 usage error; each command's help lists its own."})
    static final class Root implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @CommandLine.Mixin
        Help help;

        @Override
        public Integer call() {
            throw new ParameterException(spec.commandLine(), "give a command");
        }
    }

    /**
     * Runs one subcommand: {@code args} are the words after the subcommand's name. Tests and the subcommands' own
     * {@code run} methods use this, so a subcommand parses alone exactly as it does under {@code fluxfleet}.
     */
    public static int runOne(Callable<Integer> command, String[] args, PrintStream out, PrintStream err) {
        String name = command.getClass().getAnnotation(Command.class).name();
        List<String> all = new ArrayList<>(List.of(name));
        all.addAll(Arrays.asList(args));
        return run(all.toArray(String[]::new), out, err, List.of(command));
    }

    /** Runs {@code fluxfleet <args>} with these subcommands. */
    public static int run(String[] args, PrintStream out, PrintStream err, List<Callable<Integer>> commands) {
        CommandLine root = new CommandLine(new Root());
        commands.forEach(root::addSubcommand);
        root.addSubcommand(new CommandLine.HelpCommand());
        PrintWriter outWriter = writer(out);
        PrintWriter errWriter = writer(err);
        root.setOut(outWriter)
                .setErr(errWriter)
                .setColorScheme(CommandLine.Help.defaultColorScheme(Ansi.OFF))
                .setUsageHelpWidth(WIDTH)
                .setOverwrittenOptionsAllowed(true)
                .setExpandAtFiles(false);
        root.getCommandSpec().usageMessage().synopsisHeading("usage: ");
        root.getSubcommands().values().forEach(c -> c.getCommandSpec().usageMessage().synopsisHeading("usage: "));
        try {
            ParseResult parsed;
            try {
                parsed = root.parseArgs(args);
            } catch (ParameterException e) {
                return usageError(e);
            }
            if (CommandLine.printHelpIfRequested(parsed)) {
                return 0;
            }
            List<CommandLine> chain = parsed.asCommandLineList();
            Object command = chain.get(chain.size() - 1).getCommand();
            try {
                return ((Callable<?>) command).call() instanceof Integer code ? code : 0;
            } catch (ParameterException e) {
                return usageError(e);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        } finally {
            outWriter.flush();
            errWriter.flush();
        }
    }

    /**
     * A usage error raised by a subcommand's own checks (a value that parses but says nothing, two options that
     * exclude each other): reported like picocli's own, with the subcommand's help.
     */
    public static ParameterException usage(CommandSpec spec, String problem) {
        return new ParameterException(spec.commandLine(), problem);
    }

    /** Refuses a value that is given but blank: "--x needs a value". */
    public static void requireValue(CommandSpec spec, String option, String value) {
        if (value != null && value.isBlank()) {
            throw usage(spec, option + " needs a value");
        }
    }

    /** {@code <command>: <problem>}, then the command's help, on standard error: exit {@value #USAGE}. */
    private static int usageError(ParameterException e) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(command.getCommandSpec().qualifiedName() + ": " + safe(e.getMessage()));
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            CommandLine.UnmatchedArgumentException.printSuggestions(unmatched, err);
        }
        command.usage(err);
        return USAGE;
    }

    /**
     * picocli's message with any control or invisible formatting character of the command line escaped, as
     * {@link Shown} escapes values, and cut: the arguments it quotes come from whoever typed them.
     */
    static String safe(String message) {
        String text = String.valueOf(message);
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(MAX_MESSAGE).forEach(cp -> {
            String c = new String(Character.toChars(cp));
            out.append(Shown.hasUnsafe(c) ? Shown.escaped(c) : c);
        });
        return text.codePointCount(0, text.length()) > MAX_MESSAGE ? out + "…" : out.toString();
    }

    /** A writer that goes through the stream's own encoding, so help and messages share the stream's bytes. */
    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) {
                stream.print(new String(buffer, offset, length));
            }

            @Override
            public void flush() {
                stream.flush();
            }

            @Override
            public void close() {
                stream.flush();
            }
        }, true);
    }
}
