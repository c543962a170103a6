package io.fluxfleet.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link Shown} is the one place a value goes into a message (issue 15: a value quoted by hand reaches terminals and
 * CI logs with its control and bidi characters raw). The generative suite finds such a place only when its random
 * mutations happen to hit the key; this finds it by reading the code, so a newly added validator cannot slip by.
 */
class ShownIsTheOnlyQuoterTest {
    /** Files that build quoted text that is not a message: Shown itself, and a CEL expression for Flux. */
    private static final Set<String> NOT_MESSAGES = Set.of("config/Shown.java", "notifications/CommitStatus.java");

    @Test
    void noMainClassQuotesAValueByHand() throws IOException {
        Path root = Path.of("src/main/java/io/fluxfleet");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                if (NOT_MESSAGES.contains(relative)) {
                    continue;
                }
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).contains("\"'\" +")) {
                        found.add(relative + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertEquals(List.of(), found, "quote values with Shown.quoted, which escapes control and bidi characters");
    }
}
