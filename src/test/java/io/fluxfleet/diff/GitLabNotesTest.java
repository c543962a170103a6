package io.fluxfleet.diff;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link GitLabNotes} and {@code fluxfleet mr-note} against a small fake of GitLab's notes API. */
class GitLabNotesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "glpat-test-token-do-not-print";
    private static final long BOT = 77;
    private static final String NOTE = MergeRequestNote.MARKER + "\n### fluxfleet\n";

    private HttpServer server;
    private FakeGitLab gitlab;

    /** Notes of merge request 5 of project 42, two per page; records every request. */
    static final class FakeGitLab {
        final List<ObjectNode> notes = new CopyOnWriteArrayList<>();
        final List<String> requests = new CopyOnWriteArrayList<>();
        final AtomicLong nextId = new AtomicLong(100);
        final AtomicInteger failuresLeft = new AtomicInteger();
        int failureStatus = 503;

        void add(long author, String body, boolean system) {
            ObjectNode note = JSON.createObjectNode();
            note.put("id", nextId.getAndIncrement());
            note.put("body", body);
            note.put("system", system);
            note.putObject("author").put("id", author);
            notes.add(note);
        }

        void handle(HttpExchange ex) throws IOException {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getRawPath();
            String query = ex.getRequestURI().getRawQuery();
            requests.add(method + " " + path + (query == null ? "" : "?" + query));
            if (!TOKEN.equals(ex.getRequestHeaders().getFirst("PRIVATE-TOKEN"))) {
                reply(ex, 401, "{\"message\":\"401 Unauthorized\"}", null);
                return;
            }
            if (failuresLeft.getAndDecrement() > 0) {
                reply(ex, failureStatus, "{\"message\":\"try later\"}", null);
                return;
            }
            String notesPath = "/api/v4/projects/42/merge_requests/5/notes";
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (method.equals("GET") && path.equals("/api/v4/user")) {
                reply(ex, 200, "{\"id\":" + BOT + ",\"username\":\"project_42_bot\"}", null);
            } else if (method.equals("GET") && path.equals(notesPath)) {
                int page = Integer.parseInt(param(query, "page"));
                ArrayNode out = JSON.createArrayNode();
                notes.stream().skip((page - 1) * 2L).limit(2).forEach(out::add);
                String next = notes.size() > page * 2 ? Integer.toString(page + 1) : "";
                reply(ex, 200, out.toString(), next);
            } else if (method.equals("POST") && path.equals(notesPath)) {
                add(BOT, JSON.readTree(body).path("body").asText(), false);
                reply(ex, 201, notes.get(notes.size() - 1).toString(), null);
            } else if (method.equals("PUT") && path.startsWith(notesPath + "/")) {
                ObjectNode note = find(path);
                if (note.path("author").path("id").asLong() != BOT) {
                    reply(ex, 403, "{\"message\":\"403 Forbidden\"}", null);
                    return;
                }
                note.put("body", JSON.readTree(body).path("body").asText());
                reply(ex, 200, note.toString(), null);
            } else if (method.equals("DELETE") && path.startsWith(notesPath + "/")) {
                notes.remove(find(path));
                reply(ex, 204, "", null);
            } else {
                reply(ex, 404, "{\"message\":\"404 Not Found\"}", null);
            }
        }

        private ObjectNode find(String path) {
            long id = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
            return notes.stream().filter(n -> n.path("id").asLong() == id).findFirst().orElseThrow();
        }

        private static String param(String query, String name) {
            for (String pair : query.split("&")) {
                if (pair.startsWith(name + "=")) {
                    return pair.substring(name.length() + 1);
                }
            }
            throw new IllegalArgumentException("no " + name + " in " + query);
        }

        private static void reply(HttpExchange ex, int status, String body, String nextPage) throws IOException {
            if (nextPage != null) {
                ex.getResponseHeaders().add("X-Next-Page", nextPage);
            }
            ex.getResponseHeaders().add("Content-Type", "application/json");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                ex.getResponseBody().write(bytes);
            }
            ex.close();
        }
    }

    @BeforeEach
    void start() throws IOException {
        gitlab = new FakeGitLab();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            try {
                gitlab.handle(ex);
            } catch (RuntimeException e) {
                FakeGitLab.reply(ex, 500, "{\"message\":\"" + e + "\"}", null);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String api() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v4";
    }

    private GitLabNotes client(String token) {
        return new GitLabNotes(api(), "42", "5", token, HttpClient.newHttpClient(), Duration.ofMillis(1));
    }

    @Test
    void createsTheNoteWhenThereIsNone() throws IOException {
        gitlab.add(3, "looks good", false);

        assertEquals(GitLabNotes.Outcome.CREATED, client(TOKEN).publish(NOTE, false));

        assertEquals(2, gitlab.notes.size());
        assertEquals(NOTE, gitlab.notes.get(1).path("body").asText());
    }

    @Test
    void updatesItsOwnNoteInPlaceFoundOnALaterPage() throws IOException {
        gitlab.add(3, "first", false);
        gitlab.add(4, "second", false);
        gitlab.add(BOT, "unrelated bot note", false);
        gitlab.add(BOT, MergeRequestNote.MARKER + "\nold diff", false);
        gitlab.add(5, "later", false);

        assertEquals(GitLabNotes.Outcome.UPDATED, client(TOKEN).publish(NOTE, false));

        assertEquals(5, gitlab.notes.size(), "nothing added");
        assertEquals(NOTE, gitlab.notes.get(3).path("body").asText());
        assertEquals("unrelated bot note", gitlab.notes.get(2).path("body").asText());
        assertTrue(gitlab.requests.contains("PUT /api/v4/projects/42/merge_requests/5/notes/103"), gitlab.requests::toString);
        assertTrue(gitlab.requests.stream().anyMatch(r -> r.contains("page=3")), "read every page: " + gitlab.requests);
    }

    @Test
    void neverTouchesSomeoneElsesNoteThatQuotesTheMarker() throws IOException {
        gitlab.add(3, "why does " + MergeRequestNote.MARKER + " say that?", false);

        assertEquals(GitLabNotes.Outcome.CREATED, client(TOKEN).publish(NOTE, false));

        assertTrue(gitlab.notes.get(0).path("body").asText().startsWith("why does"));
        assertEquals(2, gitlab.notes.size());
    }

    @Test
    void keepsTheOldestOfRacedDuplicatesAndDeletesTheRest() throws IOException {
        gitlab.add(BOT, MergeRequestNote.MARKER + "\nfrom pipeline 1", false);
        gitlab.add(BOT, MergeRequestNote.MARKER + "\nfrom pipeline 2", false);

        assertEquals(GitLabNotes.Outcome.UPDATED, client(TOKEN).publish(NOTE, false));

        assertEquals(1, gitlab.notes.size());
        assertEquals(100, gitlab.notes.get(0).path("id").asLong());
        assertEquals(NOTE, gitlab.notes.get(0).path("body").asText());
    }

    @Test
    void updateOnlyCreatesNothing() throws IOException {
        assertEquals(GitLabNotes.Outcome.SKIPPED, client(TOKEN).publish(NOTE, true));
        assertTrue(gitlab.notes.isEmpty());

        gitlab.add(BOT, MergeRequestNote.MARKER + "\nold", false);
        assertEquals(GitLabNotes.Outcome.UPDATED, client(TOKEN).publish(NOTE, true));
    }

    @Test
    void retriesABusyGitLab() throws IOException {
        gitlab.failuresLeft.set(2);

        assertEquals(GitLabNotes.Outcome.CREATED, client(TOKEN).publish(NOTE, false));
    }

    @Test
    void aRefusedTokenIsExplainedWithoutPrintingIt() {
        IOException e = assertThrows(IOException.class, () -> client("wrong-token-value").publish(NOTE, false));

        assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
        assertTrue(e.getMessage().contains("GITLAB_API_TOKEN is missing, expired or revoked"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-token-value"), e.getMessage());
    }

    @Test
    void aNoteWithoutTheMarkerIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> client(TOKEN).publish("just text", false));
    }

    // --- the command ---

    private record Result(int status, String out, String err) {}

    private Result command(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = MergeRequestNoteCommand.run(args, env,
                (api, project, mr, token) -> new GitLabNotes(api, project, mr, token, HttpClient.newHttpClient(), Duration.ofMillis(1)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Map<String, String> ciEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("CI_API_V4_URL", api());
        env.put("CI_PROJECT_ID", "42");
        env.put("CI_MERGE_REQUEST_IID", "5");
        env.put("GITLAB_API_TOKEN", TOKEN);
        return env;
    }

    @Test
    void theCommandPostsThenUpdatesFromTheCiVariables(@TempDir Path dir) throws IOException {
        Path note = Files.writeString(dir.resolve("note.md"), NOTE);

        Result first = command(ciEnv(), "--file", note.toString());
        Files.writeString(note, NOTE + "changed\n");
        Result second = command(ciEnv(), "--file", note.toString());

        assertEquals(0, first.status(), first.err());
        assertEquals("created the fluxfleet note on merge request !5\n", first.out());
        assertEquals(0, second.status(), second.err());
        assertEquals("updated the fluxfleet note on merge request !5\n", second.out());
        assertEquals(1, gitlab.notes.size());
        assertTrue(gitlab.notes.get(0).path("body").asText().endsWith("changed\n"));
    }

    @Test
    void theCommandNamesWhatIsMissing(@TempDir Path dir) throws IOException {
        Path note = Files.writeString(dir.resolve("note.md"), NOTE);
        Map<String, String> noToken = ciEnv();
        noToken.remove("GITLAB_API_TOKEN");
        Map<String, String> noMr = ciEnv();
        noMr.remove("CI_MERGE_REQUEST_IID");
        Path unmarked = Files.writeString(dir.resolve("plain.md"), "hello");

        List<Result> results = new ArrayList<>(List.of(
                command(noToken, "--file", note.toString()),
                command(noMr, "--file", note.toString()),
                command(ciEnv()),
                command(ciEnv(), "--file", unmarked.toString()),
                command(ciEnv(), "--file", note.toString(), "--bogus")));

        assertTrue(results.get(0).err().contains("GITLAB_API_TOKEN is not set"), results.get(0).err());
        assertTrue(results.get(1).err().contains("CI_MERGE_REQUEST_IID"), results.get(1).err());
        assertTrue(results.get(2).err().contains("--file is required"), results.get(2).err());
        assertTrue(results.get(3).err().contains("has no <!-- fluxfleet-render-diff --> marker"), results.get(3).err());
        results.forEach(r -> assertEquals(2, r.status(), r.err()));
        assertTrue(gitlab.requests.isEmpty(), "no request without what it needs");
    }

    @Test
    void theCommandReportsAnApiFailureWithExitOne(@TempDir Path dir) throws IOException {
        Path note = Files.writeString(dir.resolve("note.md"), NOTE);
        Map<String, String> env = ciEnv();
        env.put("CI_MERGE_REQUEST_IID", "6");

        Result r = command(env, "--file", note.toString());

        assertEquals(1, r.status());
        assertTrue(r.err().contains("HTTP 404"), r.err());
        assertFalse(r.err().contains(TOKEN));
    }
}
