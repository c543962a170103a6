package io.fluxfleet.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The committed trim of the GitLab provider schema is exactly what {@link TrimGitLabSchema} makes from the full
 * schema and the current bindings, and its provenance agrees with {@code SOURCES-gitlab.md}. The comparison needs
 * the full schema ({@code -Dgitlab.schema=<path>}, or {@code ../shared/fixtures/pulumi-gitlab-schema.json}); on a
 * clone without it only the provenance checks run. {@code -Dgitlab.schema.regenerate=true} rewrites the trim.
 */
class GitLabSchemaTrimTest {
    static final Path TRIMMED = Path.of("src/test/resources/pulumi-gitlab-schema.trimmed.json");
    static final Path SOURCES = Path.of("src/test/resources/SOURCES-gitlab.md");

    private static Path fullSchema() {
        return Path.of(System.getProperty("gitlab.schema", "../shared/fixtures/pulumi-gitlab-schema.json"));
    }

    @Test
    void trimIsReproducibleFromTheFullSchema() throws IOException {
        Path full = fullSchema();
        assumeTrue(Files.isRegularFile(full), "full schema not available at " + full + "; the committed trim is used as is");
        String regenerated = TrimGitLabSchema.trim(full);
        if (Boolean.getBoolean("gitlab.schema.regenerate")) {
            Files.writeString(TRIMMED, regenerated, StandardCharsets.UTF_8);
        }
        assertEquals(regenerated, Files.readString(TRIMMED, StandardCharsets.UTF_8),
                "the trim is stale: rerun with -Dgitlab.schema.regenerate=true and review the diff");
    }

    @Test
    void provenanceMatchesSources() throws IOException {
        JsonNode trimmed = TrimGitLabSchema.JSON.readTree(TRIMMED.toFile());
        JsonNode meta = trimmed.get("x-fluxfleet-trim");
        String sources = Files.readString(SOURCES, StandardCharsets.UTF_8);
        assertTrue(sources.contains(meta.get("sha256").asText()), "SOURCES-gitlab.md must name the sha256 of the full schema");
        assertTrue(sources.contains("v" + meta.get("version").asText()), "SOURCES-gitlab.md must name the provider version");
        assertEquals(TrimGitLabSchema.UPSTREAM, meta.get("upstream").asText());
    }
}
