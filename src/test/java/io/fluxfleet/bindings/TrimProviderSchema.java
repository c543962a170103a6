package io.fluxfleet.bindings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxfleet.plugin.PluginDescriptor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Makes a provider's trimmed schema ({@code src/main/schemas/pulumi-<name>-schema.trimmed.json}, the input of the
 * binding generator) from its full upstream schema and its manifest ({@code src/main/schemas/<name>.bindings.json}):
 * the provider when the manifest binds it, every resource and function the manifest names, and every type they reach
 * through {@code $ref}. Entries are copied unmodified except for the top-level {@code description} of each resource,
 * function and the provider (long examples and import notes); property descriptions stay. Keys are sorted, so the
 * output depends only on the full schema, the manifest and the plugin version in {@code com/pulumi/<name>/plugin.json}.
 *
 * <pre>
 * mvn -q -o test -Dtest=ProviderSchemaTrimTest -Dbindings.regenerate=true \
 *     -Dgitlab.schema=&lt;full gitlab schema.json&gt; -Drandom.schema=&lt;full random schema.json&gt;
 * </pre>
 */
public final class TrimProviderSchema {
    public static final Path SCHEMAS = Path.of("src/main/schemas");
    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TrimProviderSchema() {}

    /** The manifest of provider {@code name}. */
    public static JsonNode manifest(String name) throws IOException {
        return JSON.readTree(SCHEMAS.resolve(name + ".bindings.json").toFile());
    }

    /** Where the trimmed schema of provider {@code name} is committed. */
    public static Path trimmed(String name) throws IOException {
        return SCHEMAS.resolve(manifest(name).get("schema").asText());
    }

    /** {@code pulumi/pulumi-gitlab v10.1.1, provider/cmd/pulumi-resource-gitlab/schema.json}. */
    public static String upstream(String name) throws IOException {
        JsonNode manifest = manifest(name);
        return manifest.get("upstream").asText() + " v" + PluginDescriptor.read(name).version() + ", "
                + manifest.get("upstreamPath").asText();
    }

    /** The trimmed schema as text, from the full schema file. */
    public static String trim(String name, Path fullSchema) throws IOException {
        byte[] bytes = Files.readAllBytes(fullSchema);
        return JSON.writeValueAsString(sorted(trim(name, JSON.readTree(bytes), sha256(bytes)))) + "\n";
    }

    static JsonNode trim(String name, JsonNode full, String sha256) throws IOException {
        JsonNode manifest = manifest(name);
        ObjectNode out = JSON.createObjectNode();
        out.put("name", full.path("name").asText());
        ObjectNode meta = out.putObject("x-fluxfleet-trim");
        meta.put("upstream", upstream(name));
        meta.put("version", PluginDescriptor.read(name).version());
        meta.put("sha256", sha256);
        meta.put("generator", TrimProviderSchema.class.getName());

        List<JsonNode> roots = new ArrayList<>();
        if (manifest.path("provider").asBoolean(false)) {
            out.set("provider", withoutDescription(full.get("provider")));
            roots.add(out.get("provider"));
        }
        ObjectNode resources = out.putObject("resources");
        for (JsonNode token : manifest.get("resources")) {
            resources.set(token.asText(), withoutDescription(require(full.get("resources"), token.asText())));
        }
        ObjectNode functions = out.putObject("functions");
        for (JsonNode token : manifest.path("functions")) {
            functions.set(token.asText(), withoutDescription(require(full.get("functions"), token.asText())));
        }
        roots.add(resources);
        roots.add(functions);
        Set<String> types = new TreeSet<>();
        Deque<JsonNode> pending = new ArrayDeque<>(roots);
        while (!pending.isEmpty()) {
            for (String ref : refs(pending.pop())) {
                if (types.add(ref)) {
                    pending.push(require(full.get("types"), ref));
                }
            }
        }
        ObjectNode typeNode = out.putObject("types");
        types.forEach(t -> typeNode.set(t, full.get("types").get(t)));
        return out;
    }

    private static JsonNode require(JsonNode section, String token) {
        JsonNode node = section == null ? null : section.get(token);
        if (node == null) {
            throw new IllegalArgumentException(token + " is not in the full schema");
        }
        return node;
    }

    private static JsonNode withoutDescription(JsonNode node) {
        ObjectNode copy = node.deepCopy();
        copy.remove("description");
        return copy;
    }

    private static List<String> refs(JsonNode node) {
        List<String> refs = new ArrayList<>();
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (e.getKey().equals("$ref") && e.getValue().asText().startsWith("#/types/")) {
                    refs.add(e.getValue().asText().substring("#/types/".length()));
                } else {
                    refs.addAll(refs(e.getValue()));
                }
            }
        } else if (node.isArray()) {
            node.forEach(item -> refs.addAll(refs(item)));
        }
        return refs;
    }

    /** Sorted copy of a JSON tree, so output depends only on content. */
    public static Object sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new TreeMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), sorted(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(sorted(item)));
            return list;
        }
        return node;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
