package io.fluxfleet.gitlab;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.util.List;
import java.util.Map;
import io.fluxfleet.config.GitLabGovernanceSettings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whatever a value holds, the serialized pipeline reads back with that value in its place and nothing added. */
class BlockYamlTest {
    private static final List<String> HOSTILE = List.of("a\n  script: [evil]", "x: y", "#comment", "- item", "yes", "null",
            "1e3", "'quoted'", "\"dq\"", " lead", "trail ", "tab\there", "esc\u001b[31m", "bidi\u202e", "[a, b]", "{a: b}",
            "*alias", "&anchor", "!tag", "|", ">", "%", "@x", "`x`", "", "a #b", "a:b", "0o17", "~", "\\back");

    @Test
    void hostileValuesReadBackUnchanged() {
        for (String value : HOSTILE) {
            String doc = BlockYaml.write(List.of("# header"), BlockYaml.map(
                    "job", BlockYaml.map("image", BlockYaml.map("name", BlockYaml.plain(value),
                            "entrypoint", BlockYaml.flow(BlockYaml.plain(value))),
                            "script", BlockYaml.seq(BlockYaml.plain(value), BlockYaml.literal(value + "\nnext\n")))));
            Map<?, ?> job = (Map<?, ?>) ((Map<?, ?>) new Yaml().load(doc)).get("job");
            Map<?, ?> image = (Map<?, ?>) job.get("image");
            assertEquals(Map.of("image", 0, "script", 0).keySet(), job.keySet(), doc);
            assertEquals(value, image.get("name"), doc);
            assertEquals(List.of(value), image.get("entrypoint"), doc);
            assertEquals(List.of(value, value + "\nnext\n"), job.get("script"), doc);
        }
    }

    @Test
    void theSeededPipelineStaysAsReviewed() {
        String pipeline = SeedFiles.pipeline(new GitLabGovernanceSettings.Ci("alpine/k8s:1.34.5",
                "ghcr.io/yannh/kubeconform:v0.7.0-alpine", "aquasec/trivy:0.74.0", "2.8.5"));
        assertTrue(pipeline.contains("\n  image:\n    name: alpine/k8s:1.34.5\n    entrypoint: [\"\"]\n"), pipeline);
        assertTrue(pipeline.contains("\n  FLUX_VERSION: \"2.8.5\"\n"), pipeline);
        assertTrue(pipeline.contains("    - |\n      set -eu\n"), pipeline);
    }

    @Test
    void codeownersRefusesALineBreakOrAStrayOwner() {
        assertThrows(IllegalArgumentException.class, () -> new SeedFiles.CodeOwners().rule("/a\n* @evil", List.of("@team")));
        assertThrows(IllegalArgumentException.class, () -> new SeedFiles.CodeOwners().rule("/a/", List.of("@team\n*")));
        assertEquals("/my\\ dir/ @team\n", new SeedFiles.CodeOwners().rule("/my dir/", List.of("@team")).toString());
    }
}
