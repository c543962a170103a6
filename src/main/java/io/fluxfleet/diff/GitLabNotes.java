package io.fluxfleet.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps one note per merge request up to date through the GitLab REST API (v4).
 *
 * <p>The note is found by {@link MergeRequestNote#MARKER} <em>and</em> by its author being the token's own
 * user, so a person quoting the marker in a comment never has their comment overwritten. It is updated in
 * place (PUT) when found and created (POST) otherwise. Should two pipelines have raced and each created one,
 * the oldest is kept and updated and the others are deleted.
 *
 * <p>The token is a project (or group) access token with the {@code api} scope, role Reporter or higher:
 * a CI job token cannot write notes. It is sent only in the {@code PRIVATE-TOKEN} header and appears in no
 * message.
 */
public final class GitLabNotes {
    /** What {@link #publish} did. */
    public enum Outcome { CREATED, UPDATED, SKIPPED }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PER_PAGE = 100;
    private static final int MAX_PAGES = 100;
    private static final int ATTEMPTS = 3;

    private final HttpClient http;
    private final String api;
    private final String notesPath;
    private final String token;
    private final Duration retryDelay;

    /**
     * @param apiV4   the API root, e.g. {@code https://gitlab.example.com/api/v4} ({@code $CI_API_V4_URL})
     * @param project the project's numeric id or its path ({@code $CI_PROJECT_ID})
     * @param mrIid   the merge request's project-level id ({@code $CI_MERGE_REQUEST_IID})
     */
    public GitLabNotes(String apiV4, String project, String mrIid, String token) {
        this(apiV4, project, mrIid, token, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(),
                Duration.ofSeconds(2));
    }

    GitLabNotes(String apiV4, String project, String mrIid, String token, HttpClient http, Duration retryDelay) {
        this.api = apiV4.endsWith("/") ? apiV4.substring(0, apiV4.length() - 1) : apiV4;
        this.notesPath = "/projects/" + URLEncoder.encode(project, StandardCharsets.UTF_8)
                + "/merge_requests/" + URLEncoder.encode(mrIid, StandardCharsets.UTF_8) + "/notes";
        this.token = token;
        this.http = http;
        this.retryDelay = retryDelay;
    }

    /**
     * Creates the note or updates the existing one.
     *
     * @param body       the note; must contain {@link MergeRequestNote#MARKER}, or it could not be found again
     * @param updateOnly when no note exists yet, create none (for a merge request that touches no stack)
     */
    public Outcome publish(String body, boolean updateOnly) throws IOException {
        if (!body.contains(MergeRequestNote.MARKER)) {
            throw new IllegalArgumentException("the note has no marker " + MergeRequestNote.MARKER);
        }
        long me = send("GET", "/user", null).body.path("id").asLong(-1);
        if (me < 0) {
            throw new IOException("GET /user returned no user id");
        }
        List<Long> ours = ownNotes(me);
        String payload = JSON.writeValueAsString(JsonNodeFactory.instance.objectNode().put("body", body));
        if (ours.isEmpty()) {
            if (updateOnly) {
                return Outcome.SKIPPED;
            }
            send("POST", notesPath, payload);
            return Outcome.CREATED;
        }
        send("PUT", notesPath + "/" + ours.get(0), payload);
        for (Long duplicate : ours.subList(1, ours.size())) {
            send("DELETE", notesPath + "/" + duplicate, null);
        }
        return Outcome.UPDATED;
    }

    /** Ids of the notes by {@code me} that carry the marker, oldest first. */
    private List<Long> ownNotes(long me) throws IOException {
        List<Long> ids = new ArrayList<>();
        String page = "1";
        for (int n = 0; n < MAX_PAGES && page != null; n++) {
            Response r = send("GET", notesPath + "?sort=asc&order_by=created_at&per_page=" + PER_PAGE + "&page=" + page, null);
            for (JsonNode note : r.body) {
                if (note.path("author").path("id").asLong(-2) == me && !note.path("system").asBoolean(false)
                        && note.path("body").asText("").contains(MergeRequestNote.MARKER)) {
                    ids.add(note.path("id").asLong());
                }
            }
            page = r.nextPage.filter(p -> !p.isBlank()).orElse(null);
        }
        return ids;
    }

    private record Response(JsonNode body, Optional<String> nextPage) {}

    private Response send(String method, String path, String json) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path))
                .timeout(Duration.ofSeconds(30))
                .header("PRIVATE-TOKEN", token)
                .header("Accept", "application/json");
        if (json != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted: " + method + " " + path, e);
            }
            int status = response.statusCode();
            boolean transient_ = status == 429 || status == 502 || status == 503 || status == 504;
            if (!transient_ || attempt == ATTEMPTS) {
                break;
            }
            try {
                Thread.sleep(retryDelay.toMillis() * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted: " + method + " " + path, e);
            }
        }
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            throw new IOException(method + " " + path.replaceFirst("\\?.*", "") + " failed: HTTP " + status + explain(status)
                    + message(response.body()));
        }
        String text = response.body();
        JsonNode body = text == null || text.isBlank() ? JsonNodeFactory.instance.objectNode() : JSON.readTree(text);
        return new Response(body, response.headers().firstValue("X-Next-Page"));
    }

    private static String explain(int status) {
        return switch (status) {
            case 401 -> " (GITLAB_API_TOKEN is missing, expired or revoked)";
            case 403 -> " (the token needs the api scope and at least the Reporter role in this project)";
            case 404 -> " (wrong project or merge request, or the token cannot see the project)";
            default -> "";
        };
    }

    private static String message(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String flat = body.replaceAll("\\s+", " ").strip();
        return ": " + (flat.length() > 300 ? flat.substring(0, 300) + "…" : flat);
    }
}
