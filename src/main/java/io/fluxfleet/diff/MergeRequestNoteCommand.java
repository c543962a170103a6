package io.fluxfleet.diff;

import io.fluxfleet.cli.Cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.fluxfleet.config.Shown;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fluxfleet mr-note}: posts a note made by {@code fluxfleet diff} to the merge request, or updates the
 * one an earlier pipeline posted. The GitLab side is {@link GitLabNotes}.
 */
@Command(name = "mr-note",
        customSynopsis = {
            "fluxfleet mr-note --file <note.md> [--update-only]",
            "                         [--api-url <url>] [--project <id>] [--mr <iid>]"},
        descriptionHeading = "%n",
        description = {
            "Creates the merge request's fluxfleet note, or updates it in place: the note is found by the",
            "marker <!-- fluxfleet-render-diff --> and by being written by the token's own user.",
            ""},
        footer = {
            "",
            "The token is read from $GITLAB_API_TOKEN only: a project access token with the api scope",
            "(role Reporter or higher), kept in a masked CI/CD variable. CI_JOB_TOKEN cannot write notes.",
            "",
            "Exit status: 0 done, 1 the GitLab API refused or failed, 2 usage error."})
public final class MergeRequestNoteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Cli.Help help;

    @Option(names = "--file", paramLabel = "<note.md>", description = "The note, as `fluxfleet diff` prints it.")
    String file;

    @Option(names = "--update-only", description = "Update an existing note but create none (nothing to report).")
    boolean updateOnly;

    @Option(names = "--api-url", paramLabel = "<url>", description = "GitLab API root (default: $CI_API_V4_URL).")
    String apiOption;

    @Option(names = "--project", paramLabel = "<id>", description = "Project id or path (default: $CI_PROJECT_ID).")
    String projectOption;

    @Option(names = "--mr", paramLabel = "<iid>", description = "Merge request iid (default: $CI_MERGE_REQUEST_IID).")
    String mrOption;

    private final Map<String, String> env;
    private final Client client;
    private final PrintStream out;
    private final PrintStream err;

    MergeRequestNoteCommand(Map<String, String> env, Client client, PrintStream out, PrintStream err) {
        this.env = env;
        this.client = client;
        this.out = out;
        this.err = err;
    }

    /** The command as {@code fluxfleet} runs it: the CI variables of this process, the real GitLab client. */
    public MergeRequestNoteCommand(PrintStream out, PrintStream err) {
        this(System.getenv(), GitLabNotes::new, out, err);
    }

    /** Runs {@code fluxfleet mr-note} with the arguments after the subcommand name. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.getenv(), GitLabNotes::new, out, err);
    }

    /** Builds the client from API root, project, merge request iid and token. */
    interface Client {
        GitLabNotes create(String api, String project, String mr, String token);
    }

    static int run(String[] args, Map<String, String> env, Client client, PrintStream out, PrintStream err) {
        return Cli.runOne(new MergeRequestNoteCommand(env, client, out, err), args, out, err);
    }

    @Override
    public Integer call() {
        Cli.requireValue(spec, "--file", file);
        Cli.requireValue(spec, "--api-url", apiOption);
        Cli.requireValue(spec, "--project", projectOption);
        Cli.requireValue(spec, "--mr", mrOption);
        String api = apiOption != null ? apiOption : env.get("CI_API_V4_URL");
        String project = projectOption != null ? projectOption : env.get("CI_PROJECT_ID");
        String mr = mrOption != null ? mrOption : env.get("CI_MERGE_REQUEST_IID");
        if (file == null) {
            return usage("--file is required");
        }
        if (blank(api) || blank(project) || blank(mr)) {
            return usage("the GitLab API URL, project and merge request are needed: run in a merge request"
                    + " pipeline (CI_API_V4_URL, CI_PROJECT_ID, CI_MERGE_REQUEST_IID) or give --api-url, --project, --mr");
        }
        Optional<String> apiProblem = apiUrl(api);
        if (apiProblem.isPresent()) {
            return usage("the GitLab API URL " + Shown.quoted(api) + " " + apiProblem.get());
        }
        if (!mr.matches("[1-9][0-9]{0,9}")) {
            return usage("the merge request " + Shown.quoted(mr) + " is not a merge request iid (a positive number)");
        }
        if (Shown.hasUnsafe(project) || project.contains(" ")) {
            return usage("the project " + Shown.quoted(project) + " is not a project id or path");
        }
        String token = env.get("GITLAB_API_TOKEN");
        if (blank(token)) {
            return usage("GITLAB_API_TOKEN is not set: add a project access token with the api scope as a"
                    + " masked CI/CD variable (see docs/merge-requests.md)");
        }
        if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            // never shown: it is the token
            return usage("GITLAB_API_TOKEN contains " + (token.strip().length() != token.length()
                    ? "leading or trailing white space or a newline" : "a space, control or non-ASCII character")
                    + ", which an HTTP header cannot carry: set the variable to the token alone");
        }
        String body;
        try {
            body = new String(Files.readAllBytes(Path.of(file)), StandardCharsets.UTF_8);
            if (!StandardCharsets.UTF_8.newEncoder().canEncode(body) || body.contains("\uFFFD")) {
                return usage("cannot read " + Shown.quoted(file) + ": it is not valid UTF-8");
            }
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return usage("cannot read " + Shown.quoted(file) + ": " + Shown.escaped(String.valueOf(e.getMessage())));
        }
        if (!body.contains(MergeRequestNote.MARKER)) {
            return usage(Shown.quoted(file) + " has no " + MergeRequestNote.MARKER + " marker: make it with `fluxfleet diff`");
        }
        try {
            GitLabNotes.Outcome outcome = client.create(api, project, mr, token).publish(body, updateOnly);
            out.println(switch (outcome) {
                case CREATED -> "created the fluxfleet note on merge request !" + mr;
                case UPDATED -> "updated the fluxfleet note on merge request !" + mr;
                case SKIPPED -> "no fluxfleet note on merge request !" + mr + " and nothing to report: none created";
            });
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            err.println("fluxfleet mr-note: " + Shown.escaped(String.valueOf(e.getMessage()).replace(token, "[secret]")));
            return 1;
        }
    }

    /** Why {@code api} is not an http(s) URL with a host, or empty. */
    static Optional<String> apiUrl(String api) {
        if (Shown.hasUnsafe(api) || api.contains(" ")) {
            return Optional.of("contains a space or control character");
        }
        try {
            java.net.URI uri = new java.net.URI(api);
            if (!("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    || uri.getHost() == null) {
                return Optional.of("is not an http(s) URL with a host, e.g. https://gitlab.example.com/api/v4");
            }
            if (uri.getUserInfo() != null) {
                return Optional.of("must not carry credentials (the token comes from GITLAB_API_TOKEN)");
            }
        } catch (java.net.URISyntaxException e) {
            return Optional.of("is not a URL");
        }
        return Optional.empty();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private int usage(String problem) {
        throw Cli.usage(spec, problem);
    }
}
