package io.fluxfleet.kube;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The committed trim of the pulumi-kubernetes 4.32.0 schema: exactly what {@link TrimKubernetesSchema} makes from the
 * SDK sources at that tag (when they are at hand, {@code -Dkubernetes.sdk=<dir>}), closed under {@code $ref}, covering
 * every resource kind the program uses and nothing else, and with the provenance {@code SOURCES-kubernetes.md} states.
 */
class KubernetesSchemaTrimTest {
    static final Path TRIMMED = Path.of("src/test/resources/pulumi-kubernetes-schema.trimmed.json");
    static final Path SOURCES = Path.of("src/test/resources/SOURCES-kubernetes.md");

    static JsonNode trimmed() throws IOException {
        return TrimKubernetesSchema.JSON.readTree(TRIMMED.toFile());
    }

    @Test
    void trimIsReproducibleFromTheSdkSources() throws IOException {
        Path sdk = Path.of(System.getProperty("kubernetes.sdk", "../shared/fixtures/pulumi-kubernetes-4.32.0-sdk-java"));
        assumeTrue(Files.isDirectory(sdk), "SDK sources not available at " + sdk + "; the committed trim is checked below");
        String regenerated = TrimKubernetesSchema.trim(sdk);
        if (Boolean.getBoolean("kubernetes.schema.regenerate")) {
            Files.writeString(TRIMMED, regenerated, StandardCharsets.UTF_8);
        }
        assertEquals(regenerated, Files.readString(TRIMMED, StandardCharsets.UTF_8),
                "the trim is stale: rerun with -Dkubernetes.schema.regenerate=true and review the diff");
    }

    @Test
    void trimCoversExactlyTheKindsTheProgramUses() throws IOException {
        JsonNode schema = trimmed();
        Set<String> tokens = new TreeSet<>();
        schema.get("resources").fieldNames().forEachRemaining(tokens::add);
        Set<String> used = new TreeSet<>();
        for (Class<?> c : KubernetesUsage.resourceClasses()) {
            used.add(c.getAnnotation(com.pulumi.core.annotations.ResourceType.class).type());
        }
        assertEquals(used, tokens);
        assertTrue(tokens.containsAll(List.of("kubernetes:helm.sh/v3:Release", "kubernetes:core/v1:Secret",
                "kubernetes:core/v1:Namespace", "kubernetes:networking.k8s.io/v1:NetworkPolicy")), tokens.toString());
    }

    @Test
    void everyReferenceResolvesAndEveryTypeIsReferenced() throws IOException {
        JsonNode schema = trimmed();
        Set<String> referenced = new TreeSet<>();
        collectRefs(schema.get("provider"), referenced);
        collectRefs(schema.get("resources"), referenced);
        collectRefs(schema.get("types"), referenced);
        Set<String> defined = new TreeSet<>();
        schema.get("types").fieldNames().forEachRemaining(defined::add);
        Set<String> dangling = new TreeSet<>(referenced);
        dangling.removeAll(defined);
        assertEquals(Set.of(), dangling, "references to types the trim lacks");
        Set<String> unused = new TreeSet<>(defined);
        unused.removeAll(referenced);
        assertEquals(Set.of(), unused, "types nothing refers to");
        assertTrue(defined.contains("kubernetes:meta/v1:ObjectMeta"));
        assertTrue(defined.contains("kubernetes:helm.sh/v3:RepositoryOpts"));
    }

    @Test
    void provenanceMatchesSources() throws IOException {
        JsonNode meta = trimmed().get("x-fluxfleet-trim");
        String sources = Files.readString(SOURCES, StandardCharsets.UTF_8);
        assertEquals(TrimKubernetesSchema.UPSTREAM, meta.get("upstream").asText());
        assertEquals(KubernetesPlugin.VERSION, meta.get("version").asText(), "the trim is of the plugin the engine runs");
        assertTrue(sources.contains("v" + meta.get("version").asText()), "SOURCES-kubernetes.md names the version");
        assertTrue(sources.contains(meta.get("commit").asText()), "SOURCES-kubernetes.md names the commit");
        List<String> unlisted = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = meta.get("sha256").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> file = it.next();
            if (!sources.contains(file.getKey() + " " + file.getValue().asText())) {
                unlisted.add(file.getKey());
            }
        }
        assertEquals(List.of(), unlisted, "SOURCES-kubernetes.md lists every source file with its sha256");
    }

    private static void collectRefs(JsonNode node, Set<String> refs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("$ref") && e.getValue().asText().startsWith("#/types/")) {
                    refs.add(e.getValue().asText().substring("#/types/".length()));
                } else {
                    collectRefs(e.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(item -> collectRefs(item, refs));
        }
    }
}
