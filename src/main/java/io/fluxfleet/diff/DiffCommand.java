package io.fluxfleet.diff;

import io.fluxfleet.cli.Cli;
import io.fluxfleet.diff.MergeRequestNote.Preview;
import io.fluxfleet.diff.MergeRequestNote.Section;
import io.fluxfleet.diff.RenderDiff.StackDiff;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fluxfleet diff}: compares renders and prints the merge-request note as Markdown.
 *
 * <p>With two directories it compares one stack. With {@code --stacks DIR} it makes one note for every
 * stack under DIR, laid out as the CI script {@code ci/mr-render.sh} and {@code ci/mr-note.sh} write it:
 * <pre>
 * DIR/&lt;stack&gt;/old/             render of the target branch
 * DIR/&lt;stack&gt;/new/             render of the merge request
 * DIR/&lt;stack&gt;/old.missing      why there is no old render (one line), when there is none
 * DIR/&lt;stack&gt;/new.missing      why there is no new render (one line), when there is none
 * DIR/&lt;stack&gt;/preview.txt      output of pulumi preview --diff, when it ran
 * DIR/&lt;stack&gt;/preview.failed   present when that preview failed
 * DIR/&lt;stack&gt;/preview.skipped  why the preview did not run (one line)
 * </pre>
 */
@Command(name = "diff",
        customSynopsis = {
            "fluxfleet diff <old-dir> <new-dir> [--stack <name>] [--base <sha>] [--head <sha>]",
            "       fluxfleet diff --stacks <dir> [--base <sha>] [--head <sha>]"},
        descriptionHeading = "%n",
        description = {
            "Compares renders made by `fluxfleet render` and prints one merge-request note (Markdown):",
            "per stack the resources added, changed and removed, the engine's plan (steps, refusals, a graph of",
            "what changes and what depends on it; see `fluxfleet plan`), and a diff of the rendered objects.",
            "Secret values appear only as the render's [secret:<fingerprint>] placeholders.",
            ""},
        footer = {"", "Exit status: 0 the note was printed, 1 a render could not be read, 2 usage error."})
public final class DiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Cli.Help help;

    @Parameters(paramLabel = "<dir>", arity = "0..*",
            description = "<old-dir> <new-dir>: the target branch's and the merge request's render of one stack.")
    List<String> positional = new ArrayList<>();

    @Option(names = "--stack", paramLabel = "<name>",
            description = "The stack's name in the note (default: the name of <new-dir>).")
    String stack;

    @Option(names = "--stacks", paramLabel = "<dir>",
            description = "One note for every stack under <dir>: <dir>/<stack>/old and <dir>/<stack>/new,"
                    + " optionally <stack>/old.missing, new.missing, preview.txt, preview.failed, preview.skipped.")
    String stacksDir;

    @Option(names = "--base", paramLabel = "<sha>", description = "The target branch's commit, shown in the note.")
    String base;

    @Option(names = "--head", paramLabel = "<sha>", description = "The merge request's commit, shown in the note.")
    String head;

    private final PrintStream out;
    private final PrintStream err;

    public DiffCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs {@code fluxfleet diff} with the arguments after the subcommand name. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.runOne(new DiffCommand(out, err), args, out, err);
    }

    @Override
    public Integer call() {
        Cli.requireValue(spec, "--stack", stack);
        Cli.requireValue(spec, "--stacks", stacksDir);
        Cli.requireValue(spec, "--base", base);
        Cli.requireValue(spec, "--head", head);
        List<Section> sections;
        try {
            if (stacksDir != null) {
                if (!positional.isEmpty() || stack != null) {
                    return usage("--stacks takes no directories and no --stack");
                }
                Path dir = Path.of(stacksDir);
                if (!Files.isDirectory(dir)) {
                    return usage(io.fluxfleet.config.Shown.quoted(stacksDir) + " is not a directory");
                }
                sections = stacks(dir);
            } else {
                if (positional.size() != 2) {
                    return usage("expected <old-dir> and <new-dir>");
                }
                Path oldDir = Path.of(positional.get(0));
                Path newDir = Path.of(positional.get(1));
                for (Path dir : List.of(oldDir, newDir)) {
                    if (!Files.isDirectory(dir)) {
                        return usage(io.fluxfleet.config.Shown.quoted(dir.toString()) + " is not a directory");
                    }
                }
                String name = stack != null ? stack : newDir.toAbsolutePath().normalize().getFileName().toString();
                sections = List.of(new Section(RenderDiff.compare(name, oldDir, newDir), Optional.empty(),
                        Optional.of(plan(oldDir, newDir, List.of()))));
            }
        } catch (IOException | java.io.UncheckedIOException | java.nio.file.InvalidPathException e) {
            err.println("fluxfleet diff: " + io.fluxfleet.config.Shown.escaped(String.valueOf(e.getMessage())));
            return 1;
        }
        out.print(MergeRequestNote.render(sections, Optional.ofNullable(base), Optional.ofNullable(head)));
        out.flush();
        return 0;
    }

    /** One section per subdirectory of {@code dir}, by stack name. */
    static List<Section> stacks(Path dir) throws IOException {
        List<Path> stackDirs;
        try (Stream<Path> children = Files.list(dir)) {
            stackDirs = children.filter(Files::isDirectory).sorted().toList();
        }
        List<Section> sections = new ArrayList<>();
        for (Path stackDir : stackDirs) {
            String stack = stackDir.getFileName().toString();
            StackDiff diff = RenderDiff.compare(stack,
                    stackDir.resolve("old"), line(stackDir.resolve("old.missing")).orElse("no render"),
                    stackDir.resolve("new"), line(stackDir.resolve("new.missing")).orElse("no render"));
            Path oldDir = stackDir.resolve("old");
            Path newDir = stackDir.resolve("new");
            List<Path> otherNewRenders = stackDirs.stream().filter(d -> !d.equals(stackDir)).map(d -> d.resolve("new"))
                    .filter(d -> Files.isRegularFile(d.resolve("resources.json"))).toList();
            Optional<MergeRequestNote.StackPlan> plan = Files.isRegularFile(newDir.resolve("resources.json"))
                    ? Optional.of(plan(oldDir, newDir, otherNewRenders)) : Optional.empty();
            sections.add(new Section(diff, preview(stackDir), plan));
        }
        return sections;
    }

    /**
     * The engine's plan from the old render to the new one; a stack without an old render is planned from an empty
     * state (its first {@code up}). An old render of an earlier fluxfleet, which recorded no resource identity, is
     * planned as {@code fluxfleet plan --infer-from} plans it, with the other stacks' new renders ({@code others})
     * to infer from (README "Upgrading from an earlier fluxfleet"); what cannot be planned gives no plan, and says why.
     */
    static MergeRequestNote.StackPlan plan(Path oldDir, Path newDir, List<Path> others) {
        try {
            List<io.fluxfleet.plan.PlannedResource> after = io.fluxfleet.plan.PlannedResource.read(newDir);
            io.fluxfleet.plan.Plan plan;
            if (!Files.isRegularFile(oldDir.resolve("resources.json"))) {
                plan = io.fluxfleet.plan.Plan.up(List.of(), after);
            } else if (io.fluxfleet.plan.LegacyRender.isLegacy(oldDir)) {
                List<io.fluxfleet.plan.PlannedResource> inferFrom = new ArrayList<>();
                for (Path other : others) {
                    inferFrom.addAll(io.fluxfleet.plan.PlannedResource.read(other));
                }
                plan = io.fluxfleet.plan.Plan.up(io.fluxfleet.plan.LegacyRender.read(oldDir, after, inferFrom), after);
            } else {
                plan = io.fluxfleet.plan.Plan.up(io.fluxfleet.plan.PlannedResource.read(oldDir), after);
            }
            return new MergeRequestNote.StackPlan(Optional.of(plan), after, Optional.empty());
        } catch (IOException | IllegalStateException e) {
            return new MergeRequestNote.StackPlan(Optional.empty(), List.of(), Optional.of(e.getMessage()));
        }
    }

    private static Optional<Preview> preview(Path stackDir) throws IOException {
        Path output = stackDir.resolve("preview.txt");
        if (Files.isRegularFile(output)) {
            // CI output, shown as text: bytes that are not UTF-8 become U+FFFD rather than failing the note
            return Optional.of(Preview.ran(new String(Files.readAllBytes(output), StandardCharsets.UTF_8),
                    Files.exists(stackDir.resolve("preview.failed"))));
        }
        return line(stackDir.resolve("preview.skipped")).map(Preview::skipped);
    }

    /** The first line of a small text file, when it exists and says something. */
    private static Optional<String> line(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst()
                .map(l -> l.length() > 500 ? l.substring(0, 500) + "…" : l);
    }

    private int usage(String problem) {
        throw Cli.usage(spec, problem);
    }
}
