package io.fluxfleet.diff;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxfleet.diff.RenderDiff.StackDiff;
import io.fluxfleet.diff.RenderDiff.Status;
import io.fluxfleet.render.RenderWriter;
import io.fluxfleet.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keyed fingerprints (issue 20) must not turn every secret of the upgrade merge request, or of two renders from two
 * machines, into a "changed (secret)", and must still show a real secret change between renders under one key.
 */
class FingerprintKeysTest {

    private static Path write(Path dir, Map<String, String> files) throws IOException {
        for (var f : files.entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        return dir;
    }

    private static Map<String, String> render(String harborPassword) {
        ObjectNode config = Stacks.minimal("dev", 1);
        ((ObjectNode) config.get("harbor")).put("password", harborPassword);
        return RenderWriter.files(Stacks.render(Stacks.load("dev", config)));
    }

    @Test
    void aSecretChangeUnderOneKeyShowsAndNothingElseDoes(@TempDir Path dir) throws IOException {
        Path old = write(dir.resolve("old"), render("harbor-password-one"));
        Path current = write(dir.resolve("new"), render("harbor-password-two"));
        StackDiff diff = RenderDiff.compare("dev", old, current);
        assertTrue(diff.resources().stream().anyMatch(c -> c.secret() && c.status() == Status.CHANGED), diff.toString());
        assertFalse(diff.warnings().contains(FingerprintKeys.WARNING));
    }

    @Test
    void rendersUnderDifferentKeysShowSecretsAsNotComparableNotAsChanged(@TempDir Path dir) throws IOException {
        Map<String, String> files = render("harbor-password-one");
        Path current = write(dir.resolve("new"), files);
        // the same render as an earlier fluxfleet wrote it: unkeyed placeholders, other fingerprints
        Map<String, String> unkeyed = new java.util.TreeMap<>();
        files.forEach((name, text) -> unkeyed.put(name,
                text.replaceAll("\\[secret:[0-9a-f]{12}\\.[0-9a-f]{6}]", "[secret:0123456789ab]")));
        Path old = write(dir.resolve("old"), unkeyed);

        StackDiff diff = RenderDiff.compare("dev", old, current);

        assertEquals(0, diff.count(Status.CHANGED), "nothing but fingerprints differ: " + diff.resources());
        assertTrue(diff.warnings().contains(FingerprintKeys.WARNING), diff.warnings().toString());
    }
}
