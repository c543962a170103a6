package io.fluxfleet.diff;

import io.fluxfleet.gitlab.CodeOwnersLocations;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20: fluxfleet's own repository has a CODEOWNERS that GitLab applies (the first location it reads), under which
 * every path a change to the stacks' credentials, pipeline or program touches needs the platform team.
 */
class RepositoryCodeOwnersTest {
    private static final String PLATFORM = "@your-org/platform-team";

    @ParameterizedTest
    @ValueSource(strings = {"/CODEOWNERS", "/docs/CODEOWNERS", "/.gitlab/CODEOWNERS", "/.gitlab-ci.yml",
            "/ci/deploy.sh", "/ci/plugin-checksums.txt", "/src/main/java/io/fluxfleet/App.java", "/pom.xml",
            "/Pulumi.prod.yaml", "/Pulumi.yaml", "/README.md", "/src/main/schemas/gitlab.bindings.json"})
    void everyPathNeedsThePlatformTeam(String path) throws IOException {
        Map<String, String> files = new TreeMap<>();
        for (String location : CodeOwnersLocations.FILE_PATHS) {
            if (Files.isRegularFile(Path.of(location))) {
                files.put(location, Files.readString(Path.of(location)));
            }
        }
        assertEquals("CODEOWNERS", CodeOwnersLocations.active(files).orElseThrow(), "the file GitLab applies");
        String content = files.get("CODEOWNERS");
        assertTrue(CodeOwnersLocations.requiresPlatform(content, path, PLATFORM), path + ": "
                + CodeOwnersLocations.requiredOwners(content, path));
    }
}
