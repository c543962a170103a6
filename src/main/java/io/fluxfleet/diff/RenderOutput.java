package io.fluxfleet.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code fluxfleet render} wrote for one stack, read back as items to compare, already redacted
 * (see {@link Redaction}).
 *
 * @param resources one item per entry of {@code resources.json}, in file order
 * @param objects   one item per document of {@code kubernetes.yaml}, in file (apply) order
 * @param warnings  values that had to be redacted
 */
record RenderOutput(List<Item> resources, List<Item> objects, List<String> warnings) {
    static final String RESOURCES = "resources.json";
    static final String OBJECTS = "kubernetes.yaml";
    static final RenderOutput EMPTY = new RenderOutput(List.of(), List.of(), List.of());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    RenderOutput {
        resources = List.copyOf(resources);
        objects = List.copyOf(objects);
        warnings = List.copyOf(warnings);
    }

    /**
     * One thing to compare.
     *
     * @param key        what identifies it across two renders: Pulumi type and name for a resource; API group,
     *                   kind, namespace and name for a Kubernetes object (not the version, so moving an object
     *                   to a newer API version shows as a change, not a removal and an addition)
     * @param type       the type shown to the reader
     * @param name       the name shown to the reader
     * @param content    the redacted content that is diffed
     * @param secretView fingerprints of the secret leaves, to tell a secret change (never shown)
     */
    record Item(String key, String type, String name, JsonNode content, Map<String, String> secretView) {}

    /** True when {@code dir} holds a render: {@code resources.json} at least. */
    static boolean isRender(Path dir) {
        return Files.isRegularFile(dir.resolve(RESOURCES));
    }

    /**
     * Reads a render directory. {@code kubernetes.yaml} may be absent (a stack with no Kubernetes object);
     * {@code resources.json} may not.
     *
     * @throws RenderFormatException when a file is not what {@code fluxfleet render} writes
     */
    static RenderOutput read(Path dir) throws IOException {
        if (!isRender(dir)) {
            throw new RenderFormatException(dir + " is not a render directory: it has no " + RESOURCES);
        }
        List<String> warnings = new ArrayList<>();
        List<Item> resources = resources(dir.resolve(RESOURCES), warnings);
        Path objectsFile = dir.resolve(OBJECTS);
        List<Item> objects = Files.isRegularFile(objectsFile) ? objects(objectsFile, warnings) : List.of();
        return new RenderOutput(resources, objects, warnings);
    }

    private static List<Item> resources(Path file, List<String> warnings) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new RenderFormatException(file + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isArray()) {
            throw new RenderFormatException(file + " must hold a JSON array of resources");
        }
        List<Item> items = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int k = 0; k < root.size(); k++) {
            JsonNode resource = root.get(k);
            String type = resource.path("type").asText("");
            String name = resource.path("name").asText("");
            if (!resource.isObject() || type.isEmpty() || name.isEmpty()) {
                throw new RenderFormatException(file + ": entry " + k + " has no \"type\" and \"name\"");
            }
            ObjectNode content = ((ObjectNode) resource).deepCopy();
            content.remove("type");
            content.remove("name");
            boolean secret = type.equals("kubernetes:core/v1:Secret");
            Redaction.Result r = Redaction.of(RESOURCES + " `" + type + " " + name + "`",
                    content, secret ? content.path("inputs") : null);
            warnings.addAll(r.warnings());
            items.add(new Item(unique(type + " " + name, seen), type, name, r.tree(), r.secretView()));
        }
        return items;
    }

    private static List<Item> objects(Path file, List<String> warnings) throws IOException {
        List<Item> items = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            int index = 0;
            while (docs.hasNextValue()) {
                JsonNode doc = docs.nextValue();
                index++;
                if (doc == null || doc.isNull() || doc.isMissingNode() || (doc.isObject() && doc.isEmpty())) {
                    continue;
                }
                if (!doc.isObject()) {
                    throw new RenderFormatException(file + ": document " + index + " is not a Kubernetes object");
                }
                String apiVersion = doc.path("apiVersion").asText("");
                String kind = doc.path("kind").asText("");
                String name = doc.path("metadata").path("name").asText("");
                String namespace = doc.path("metadata").path("namespace").asText("");
                if (kind.isEmpty() || name.isEmpty()) {
                    throw new RenderFormatException(file + ": document " + index + " has no kind or metadata.name");
                }
                String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
                String shownName = namespace.isEmpty() ? name : namespace + "/" + name;
                boolean secret = apiVersion.equals("v1") && kind.equals("Secret");
                Redaction.Result r = Redaction.of(OBJECTS + " `" + kind + " " + shownName + "`", doc, secret ? doc : null);
                warnings.addAll(r.warnings());
                String key = (group.isEmpty() ? "" : group + "/") + kind + " " + shownName;
                items.add(new Item(unique(key, seen), kind, shownName, r.tree(), r.secretView()));
            }
        } catch (RenderFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new RenderFormatException(file + " is not valid YAML: " + e.getMessage());
        }
        return items;
    }

    /**
     * Keys are unique in a well-formed render; should one repeat (Pulumi allows the same type and name under
     * different parents), later ones are numbered in file order so nothing is silently dropped.
     */
    private static String unique(String key, Map<String, Integer> seen) {
        int n = seen.merge(key, 1, Integer::sum);
        return n == 1 ? key : key + " #" + n;
    }

    /** A render directory that is not in the format {@code fluxfleet render} writes. */
    static final class RenderFormatException extends IOException {
        RenderFormatException(String message) {
            super(message);
        }
    }
}
