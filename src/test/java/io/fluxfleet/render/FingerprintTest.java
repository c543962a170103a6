package io.fluxfleet.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxfleet.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20, "secrets in review output are guessable": a {@code [secret:…]} fingerprint was an unsalted SHA-256 cut
 * to 48 bits, so {@code sha256("admin")} recognised a weak password in any merge-request note. The attack: hash a
 * dictionary of likely secrets and look for the fingerprints in the note.
 */
class FingerprintTest {
    /** The attacker's dictionary: weak secrets an attacker would try first. */
    private static final List<String> WEAK = List.of("admin", "password", "changeme", "123456", "secret", "gitlab",
            "harbor12345", "Harbor12345", "root", "flux");
    private static final byte[] KEY_A = "a-test-master-key-that-is-long-enough-0001".getBytes(StandardCharsets.UTF_8);
    private static final byte[] KEY_B = "a-test-master-key-that-is-long-enough-0002".getBytes(StandardCharsets.UTF_8);

    @Test
    void aDictionaryOfUnkeyedHashesRecognisesNoWeakSecretInARender() throws Exception {
        ObjectNode config = Stacks.minimal("dev", 1);
        ((ObjectNode) config.get("harbor")).put("password", "admin");
        ((ObjectNode) config.get("tenants").get(0)).put("gitPassword", "changeme");
        RenderResult result = Stacks.render(Stacks.load("dev", config));
        String output = String.join("\n", RenderWriter.files(result).values());

        assertTrue(output.contains("[secret:"), "the render still fingerprints its secrets");
        for (String guess : WEAK) {
            String unkeyed = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(guess.getBytes(StandardCharsets.UTF_8))).substring(0, 12);
            assertFalse(output.contains(unkeyed), "the unkeyed fingerprint of '" + guess + "' is in the render");
        }
    }

    @Test
    void stableForOneStackAndKeyAndUnrelatedOtherwise() {
        Fingerprint dev = Fingerprint.of(KEY_A, "dev");
        assertEquals(dev.of("admin"), Fingerprint.of(KEY_A, "dev").of("admin"), "two renders of one stack compare");
        assertNotEquals(dev.of("admin"), dev.of("admin2"), "a changed secret shows as changed");
        assertNotEquals(dev.of("admin"), Fingerprint.of(KEY_B, "dev").of("admin"), "without the key, no guess");
        assertNotEquals(dev.of("admin"), Fingerprint.of(KEY_A, "prod").of("admin"), "one stack says nothing of another");
        assertTrue(dev.of("admin").matches("[0-9a-f]{12}"));
    }

    @Test
    void twoRendersOfTheSameStackGiveTheSameBytes() {
        var config = Stacks.committed("dev");
        assertEquals(RenderWriter.files(Stacks.render(config)), RenderWriter.files(Stacks.render(config)));
    }

    @Test
    void theKeyComesFromTheEnvironmentOrAnOwnerOnlyFileAndIsNeverInARender(@TempDir Path home) throws Exception {
        String given = "0123456789abcdef0123456789abcdef";
        assertEquals(given, new String(Fingerprint.masterKey(Map.of(Fingerprint.KEY_ENV, given), home),
                StandardCharsets.UTF_8));
        IllegalStateException tooShort = assertThrows(IllegalStateException.class,
                () -> Fingerprint.masterKey(Map.of(Fingerprint.KEY_ENV, "admin"), home));
        assertTrue(tooShort.getMessage().contains(Fingerprint.KEY_ENV) && !tooShort.getMessage().contains("admin"),
                tooShort.getMessage());

        byte[] first = Fingerprint.masterKey(Map.of(), home);
        Path file = home.resolve(".config/fluxfleet/fingerprint.key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(new String(first, StandardCharsets.UTF_8), new String(Fingerprint.masterKey(Map.of(), home),
                StandardCharsets.UTF_8), "the second render on the machine uses the same key");
        Path other = home.resolve("elsewhere.key");
        assertNotEquals(new String(first, StandardCharsets.UTF_8), new String(Fingerprint.masterKey(
                Map.of(Fingerprint.KEY_FILE_ENV, other.toString()), home), StandardCharsets.UTF_8));
        assertEquals(1, Files.list(home.resolve(".config/fluxfleet")).count(), "no temporary file left behind");

        // the key the tests' renders use (pom.xml points FLUXFLEET_FINGERPRINT_KEY_FILE into target/)
        RenderResult result = Stacks.render(Stacks.committed("dev"));
        String output = String.join("\n", RenderWriter.files(result).values());
        String key = Files.readString(Path.of(System.getenv(Fingerprint.KEY_FILE_ENV))).strip();
        assertFalse(output.contains(key) || output.contains(key.substring(0, 16)), "the key is never written");
    }
}
