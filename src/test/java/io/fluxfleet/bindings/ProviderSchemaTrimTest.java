package io.fluxfleet.bindings;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Each committed trimmed schema is exactly what {@link TrimProviderSchema} makes from the full upstream schema and
 * the manifest, and its provenance agrees with {@code src/main/schemas/SOURCES.md}. The comparison needs the full
 * schema ({@code -D<name>.schema=<path>}, default {@code ../shared/fixtures/pulumi-<name>-schema.json}); on a clone
 * without it only the provenance checks run, except with {@code -Dschemas.required=true}, which CI sets after fetching
 * them ({@code ci/provider-schemas.sh}). {@code -Dbindings.regenerate=true} rewrites the trim.
 */
class ProviderSchemaTrimTest {
    static final Path SOURCES = TrimProviderSchema.SCHEMAS.resolve("SOURCES.md");

    @ParameterizedTest
    @ValueSource(strings = {"gitlab", "random"})
    void trimIsReproducibleFromTheFullSchema(String name) throws IOException {
        Path full = Path.of(System.getProperty(name + ".schema", "../shared/fixtures/pulumi-" + name + "-schema.json"));
        if (Boolean.getBoolean("schemas.required")) {
            // CI (ci/provider-schemas.sh) fetches the full schemas: there the check must run, never skip
            assertTrue(Files.isRegularFile(full), "-Dschemas.required: the full " + name + " schema is not at " + full);
        }
        assumeTrue(Files.isRegularFile(full), "full schema not available at " + full + "; the committed trim is used as is");
        String regenerated = TrimProviderSchema.trim(name, full);
        Path trimmed = TrimProviderSchema.trimmed(name);
        if (Boolean.getBoolean("bindings.regenerate")) {
            Files.writeString(trimmed, regenerated, StandardCharsets.UTF_8);
        }
        assertEquals(regenerated, Files.readString(trimmed, StandardCharsets.UTF_8),
                "the trim is stale: rerun with -Dbindings.regenerate=true and review the diff");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gitlab", "random"})
    void provenanceMatchesSources(String name) throws IOException {
        JsonNode meta = TrimProviderSchema.JSON.readTree(TrimProviderSchema.trimmed(name).toFile()).get("x-fluxfleet-trim");
        String sources = Files.readString(SOURCES, StandardCharsets.UTF_8);
        assertTrue(sources.contains(meta.get("sha256").asText()), "SOURCES.md must name the sha256 of the full " + name + " schema");
        assertTrue(sources.contains(TrimProviderSchema.manifest(name).get("upstream").asText() + " v" + meta.get("version").asText()),
                "SOURCES.md must name the " + name + " provider's repository and version");
        assertEquals(TrimProviderSchema.upstream(name), meta.get("upstream").asText());
    }
}
