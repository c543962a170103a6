package io.fluxfleet.verify;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The third-party fixtures are unmodified copies (src/test/resources/SOURCES.md): every file matches its
 * sha256 in {@code fixtures.sha256}, and no file was added or removed without updating that list.
 */
class FixtureIntegrityTest {

    @Test
    void everyFixtureMatchesItsRecordedHash() throws IOException, NoSuchAlgorithmException {
        Path root = Fixtures.path("fixtures.sha256").getParent();
        List<String> mismatches = new ArrayList<>();
        Set<String> listed = new TreeSet<>();
        for (String line : Files.readAllLines(root.resolve("fixtures.sha256"))) {
            if (line.isBlank()) {
                continue;
            }
            String expected = line.substring(0, 64);
            String file = line.substring(66);
            listed.add(file);
            String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(root.resolve(file))));
            if (!actual.equals(expected)) {
                mismatches.add(file + ": sha256 " + actual + ", recorded " + expected);
            }
        }
        assertEquals(List.of(), mismatches);
        Set<String> present;
        try (Stream<Path> files = Stream.of("flux-crds", "k8s-schemas", "charts", "rancher-charts", "prometheus-operator-crds",
                "rancher-release-index").flatMap(d -> walk(root.resolve(d)))) {
            present = files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(listed, present, "files under the fixture folders must be exactly those in fixtures.sha256");
    }

    private static Stream<Path> walk(Path directory) {
        try {
            return Files.walk(directory);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
