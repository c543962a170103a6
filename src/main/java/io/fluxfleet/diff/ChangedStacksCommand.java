package io.fluxfleet.diff;

import io.fluxfleet.cli.Cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fluxfleet changed-stacks}: prints the stacks a change touches, one per line, sorted. The rules are
 * {@link ChangedStacks}'; this class only finds the changed paths and the stacks that exist.
 */
@Command(name = "changed-stacks",
        customSynopsis = {
            "fluxfleet changed-stacks --base <rev> [--repo <dir>]",
            "       fluxfleet changed-stacks --paths <file|-> [--repo <dir>]"},
        descriptionHeading = "%n",
        description = {
            "Prints the stacks a change touches, one per line: Pulumi.<stack>.yaml touches that stack;",
            "src/**, pom.xml, Pulumi.yaml, the pipeline (.gitlab-ci.yml, ci/, .gitlab/) and any CODEOWNERS",
            "touch every stack (every Pulumi.<stack>.yaml in <dir>); documentation touches none; any other",
            "path touches every stack.",
            ""},
        footer = {"", "Exit status: 0 the stacks were printed (maybe none), 1 git failed, 2 usage error."})
public final class ChangedStacksCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Cli.Help help;

    @Option(names = "--base", paramLabel = "<rev>", description = {
        "The changed paths are those of `git diff <rev>...HEAD` (in CI: $CI_MERGE_REQUEST_DIFF_BASE_SHA)."})
    String base;

    @Option(names = "--paths", paramLabel = "<file>",
            description = "Read the changed paths from a file, one per line (- for standard input).")
    String paths;

    @Option(names = "--repo", paramLabel = "<dir>", description = "The repository (default: the current directory).")
    String repoDir;

    private final InputStream stdin;
    private final PrintStream out;
    private final PrintStream err;

    public ChangedStacksCommand(InputStream stdin, PrintStream out, PrintStream err) {
        this.stdin = stdin;
        this.out = out;
        this.err = err;
    }

    /** Runs {@code fluxfleet changed-stacks} with the arguments after the subcommand name. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.in, out, err);
    }

    static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        return Cli.runOne(new ChangedStacksCommand(stdin, out, err), args, out, err);
    }

    @Override
    public Integer call() {
        Cli.requireValue(spec, "--base", base);
        Cli.requireValue(spec, "--paths", paths);
        Cli.requireValue(spec, "--repo", repoDir);
        Path repo;
        try {
            repo = Path.of(repoDir != null ? repoDir : ".");
        } catch (java.nio.file.InvalidPathException e) {
            return usage("--repo " + io.fluxfleet.config.Shown.quoted(repoDir) + " is not a path");
        }
        if ((base == null) == (paths == null)) {
            return usage("give exactly one of --base and --paths");
        }
        if (base != null && !revision(base)) {
            // git would read a value starting with '-' as an option (--output=FILE writes a file)
            return usage("--base " + io.fluxfleet.config.Shown.quoted(base) + " is not a git revision: a commit,"
                    + " branch or tag name, not starting with '-'");
        }
        if (!Files.isDirectory(repo)) {
            return usage(io.fluxfleet.config.Shown.quoted(repo.toString()) + " is not a directory");
        }
        try {
            List<String> changed = base != null ? gitDiff(repo, base) : lines(paths, stdin);
            ChangedStacks.of(changed, stacks(repo), links(repo)).forEach(out::println);
            out.flush();
            return 0;
        } catch (IOException e) {
            err.println("fluxfleet changed-stacks: " + io.fluxfleet.config.Shown.escaped(String.valueOf(e.getMessage())));
            return 1;
        }
    }

    /**
     * A revision git reads as one: no leading '-', no white space or control characters, none of the characters
     * git refuses in a ref name (git {@code refs.c check_refname_component}: space, ~ ^ : ? * [ \ and "..") except
     * where a revision uses them ({@code ~}, {@code ^} suffixes are fine and allowed).
     */
    static boolean revision(String value) {
        return !value.isEmpty() && !value.startsWith("-") && value.length() <= 256
                && value.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '\\' && c != ':' && c != '?' && c != '*'
                && c != '[');
    }

    /** The stacks with a stack file at the top of the repository. */
    static List<String> stacks(Path repo) throws IOException {
        try (Stream<Path> files = Files.list(repo)) {
            return files.filter(Files::isRegularFile)
                    .map(f -> ChangedStacks.stackOf(f.getFileName().toString()))
                    .flatMap(Optional::stream).sorted().toList();
        }
    }

    /**
     * The symbolic links of the checked-out repository (not under {@code .git}), each to its target inside the
     * repository, normalised ({@code ""} for the root); a link whose target leaves the repository is left out. Links
     * to directories are not followed.
     */
    static java.util.Map<String, String> links(Path repo) throws IOException {
        Path root = repo.toAbsolutePath().normalize();
        java.util.Map<String, String> links = new java.util.TreeMap<>();
        Files.walkFileTree(root, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult preVisitDirectory(Path dir, java.nio.file.attribute.BasicFileAttributes a) {
                return dir.getFileName() != null && dir.getFileName().toString().equals(".git") && !dir.equals(root)
                        ? java.nio.file.FileVisitResult.SKIP_SUBTREE : java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes a)
                    throws IOException {
                if (a.isSymbolicLink()) {
                    Path target = file.getParent().resolve(Files.readSymbolicLink(file)).normalize();
                    if (target.startsWith(root)) {
                        links.put(slashes(root.relativize(file)), slashes(root.relativize(target)));
                    }
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
        return links;
    }

    private static String slashes(Path relative) {
        return relative.toString().replace('\\', '/');
    }

    /**
     * The paths changed between the merge base of {@code base} and HEAD, without rename detection so that a
     * renamed file counts under its old and its new name.
     */
    private static List<String> gitDiff(Path repo, String base) throws IOException {
        List<String> command = List.of("git", "-C", repo.toString(), "diff", "--name-only", "--no-renames",
                "--end-of-options", base + "...HEAD");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (InputStream in = process.getInputStream()) {
            in.transferTo(output);
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("git diff did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for git diff", e);
        }
        String text = output.toString(StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): " + text.strip()
                    + (text.contains("unknown revision") || text.contains("bad revision")
                    ? " (in a shallow CI clone, set GIT_DEPTH: 0 or fetch the base commit)" : ""));
        }
        return nonBlank(text);
    }

    private static List<String> lines(String source, InputStream stdin) throws IOException {
        byte[] bytes = source.equals("-") ? stdin.readAllBytes() : Files.readAllBytes(Path.of(source));
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IOException("the path list " + (source.equals("-") ? "on standard input" : io.fluxfleet.config.Shown.quoted(source))
                    + " is not valid UTF-8");
        }
        return nonBlank(text);
    }

    private static List<String> nonBlank(String text) {
        return new ArrayList<>(Arrays.stream(text.split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList());
    }

    private int usage(String problem) {
        throw Cli.usage(spec, problem);
    }
}
