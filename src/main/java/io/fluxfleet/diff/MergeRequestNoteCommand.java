package io.fluxfleet.diff;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import io.fluxfleet.config.Shown;

/**
 * {@code fluxfleet mr-note}: posts a note made by {@code fluxfleet diff} to the merge request, or updates the
 * one an earlier pipeline posted. The GitLab side is {@link GitLabNotes}.
 */
public final class MergeRequestNoteCommand {
    static final String USAGE = """
            usage: fluxfleet mr-note --file <note.md> [--update-only]
                                     [--api-url <url>] [--project <id>] [--mr <iid>]

            Creates the merge request's fluxfleet note, or updates it in place: the note is found by the
            marker <!-- fluxfleet-render-diff --> and by being written by the token's own user.

              --file <note.md>  the note, as `fluxfleet diff` prints it
              --update-only     update an existing note but create none (nothing to report)
              --api-url <url>   GitLab API root            (default: $CI_API_V4_URL)
              --project <id>    project id or path          (default: $CI_PROJECT_ID)
              --mr <iid>        merge request iid           (default: $CI_MERGE_REQUEST_IID)

            The token is read from $GITLAB_API_TOKEN only: a project access token with the api scope
            (role Reporter or higher), kept in a masked CI/CD variable. CI_JOB_TOKEN cannot write notes.

            Exit status: 0 done, 1 the GitLab API refused or failed, 2 usage error.
            """;

    private MergeRequestNoteCommand() {}

    /** Runs {@code fluxfleet mr-note} with the arguments after the subcommand name. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.getenv(), GitLabNotes::new, out, err);
    }

    /** Builds the client from API root, project, merge request iid and token. */
    interface Client {
        GitLabNotes create(String api, String project, String mr, String token);
    }

    static int run(String[] args, Map<String, String> env, Client client, PrintStream out, PrintStream err) {
        String file = null;
        boolean updateOnly = false;
        String api = env.get("CI_API_V4_URL");
        String project = env.get("CI_PROJECT_ID");
        String mr = env.get("CI_MERGE_REQUEST_IID");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-h", "--help" -> {
                    out.print(USAGE);
                    return 0;
                }
                case "--update-only" -> updateOnly = true;
                case "--file", "--api-url", "--project", "--mr" -> {
                    if (i + 1 >= args.length || args[i + 1].isBlank()) {
                        return usage(err, arg + " needs a value");
                    }
                    String value = args[++i];
                    switch (arg) {
                        case "--file" -> file = value;
                        case "--api-url" -> api = value;
                        case "--project" -> project = value;
                        default -> mr = value;
                    }
                }
                default -> {
                    return usage(err, "unknown argument " + Shown.quoted(arg));
                }
            }
        }
        if (file == null) {
            return usage(err, "--file is required");
        }
        if (blank(api) || blank(project) || blank(mr)) {
            return usage(err, "the GitLab API URL, project and merge request are needed: run in a merge request"
                    + " pipeline (CI_API_V4_URL, CI_PROJECT_ID, CI_MERGE_REQUEST_IID) or give --api-url, --project, --mr");
        }
        Optional<String> apiProblem = apiUrl(api);
        if (apiProblem.isPresent()) {
            return usage(err, "the GitLab API URL " + Shown.quoted(api) + " " + apiProblem.get());
        }
        if (!mr.matches("[1-9][0-9]{0,9}")) {
            return usage(err, "the merge request " + Shown.quoted(mr) + " is not a merge request iid (a positive number)");
        }
        if (Shown.hasUnsafe(project) || project.contains(" ")) {
            return usage(err, "the project " + Shown.quoted(project) + " is not a project id or path");
        }
        String token = env.get("GITLAB_API_TOKEN");
        if (blank(token)) {
            return usage(err, "GITLAB_API_TOKEN is not set: add a project access token with the api scope as a"
                    + " masked CI/CD variable (see docs/merge-requests.md)");
        }
        if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            // never shown: it is the token
            return usage(err, "GITLAB_API_TOKEN contains " + (token.strip().length() != token.length()
                    ? "leading or trailing white space or a newline" : "a space, control or non-ASCII character")
                    + ", which an HTTP header cannot carry: set the variable to the token alone");
        }
        String body;
        try {
            body = new String(Files.readAllBytes(Path.of(file)), StandardCharsets.UTF_8);
            if (!StandardCharsets.UTF_8.newEncoder().canEncode(body) || body.contains("\uFFFD")) {
                return usage(err, "cannot read " + Shown.quoted(file) + ": it is not valid UTF-8");
            }
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return usage(err, "cannot read " + Shown.quoted(file) + ": " + Shown.escaped(String.valueOf(e.getMessage())));
        }
        if (!body.contains(MergeRequestNote.MARKER)) {
            return usage(err, Shown.quoted(file) + " has no " + MergeRequestNote.MARKER + " marker: make it with `fluxfleet diff`");
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

    private static int usage(PrintStream err, String problem) {
        err.println("fluxfleet mr-note: " + problem);
        err.print(USAGE);
        return 2;
    }
}
