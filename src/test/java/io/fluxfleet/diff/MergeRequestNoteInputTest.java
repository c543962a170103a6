package io.fluxfleet.diff;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** mr-note refuses what it cannot send, before any request, and never shows the token. */
class MergeRequestNoteInputTest {
    private static final String TOKEN = "glpat-SECRETTOKEN-0001";

    private record Run(int code, String err, boolean clientCalled) {}

    private static Run run(Path note, String api, String token) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        boolean[] called = {false};
        int code = MergeRequestNoteCommand.run(new String[] {"--file", note.toString(), "--api-url", api, "--project", "7", "--mr", "3"},
                Map.of("GITLAB_API_TOKEN", token), (a, p, m, t) -> {
                    called[0] = true;
                    throw new IllegalArgumentException("invalid header value for token " + t);
                }, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, err.toString(StandardCharsets.UTF_8), called[0]);
    }

    private static Path note(Path dir) throws IOException {
        return Files.writeString(dir.resolve("note.md"), MergeRequestNote.MARKER + "\nbody\n");
    }

    @Test
    void aTokenEndingInANewlineIsRefusedWithoutBeingShown(@TempDir Path dir) throws IOException {
        Run run = run(note(dir), "https://gitlab.example.com/api/v4", TOKEN + "\n");
        assertEquals(2, run.code());
        assertFalse(run.clientCalled());
        assertFalse(run.err().contains("SECRETTOKEN"), run.err());
        assertTrue(run.err().contains("newline"), run.err());
    }

    @Test
    void aNonHttpApiUrlIsAUsageError(@TempDir Path dir) throws IOException {
        for (String api : new String[] {"file:///etc/passwd", "gitlab.example.com", "ftp://x/api", "https://u:p@x/api", "https://x/a b"}) {
            Run run = run(note(dir), api, TOKEN);
            assertEquals(2, run.code(), api + ": " + run.err());
            assertFalse(run.clientCalled(), api);
            assertFalse(run.err().contains("\tat "), run.err());
        }
    }

    @Test
    void anErrorFromTheClientNeverCarriesTheToken(@TempDir Path dir) throws IOException {
        Run run = run(note(dir), "https://gitlab.example.com/api/v4", TOKEN);
        assertEquals(1, run.code());
        assertFalse(run.err().contains(TOKEN), run.err());
    }
}
