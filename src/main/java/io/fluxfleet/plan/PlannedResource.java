package io.fluxfleet.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One resource of a render, as {@code resources.json} records it: the URN identity the engine keys its state by
 * and the options that decide its steps. Inputs are the render's redacted inputs, so a secret compares by its
 * fingerprint and is never seen.
 *
 * @param dependencies what the engine's dependency graph has this resource depend on: its dependencies (dependsOn
 *                     and data flow), its parent and its provider, as pulumi/pulumi {@code pkg/resource/graph}
 *                     builds it; sorted, so that every report iterates them in the same order
 */
public record PlannedResource(
        String urn,
        String type,
        String name,
        boolean component,
        String parent,
        String provider,
        boolean protect,
        boolean retainOnDelete,
        Boolean deleteBeforeReplace,
        List<String> replaceOnChanges,
        List<String> ignoreChanges,
        List<String> aliases,
        String importId,
        Set<String> dependencies,
        JsonNode inputs) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads {@code <dir>/resources.json}. */
    public static List<PlannedResource> read(Path dir) throws IOException {
        Path file = dir.resolve("resources.json");
        if (!Files.isRegularFile(file)) {
            throw new IOException(dir + " is not a render directory: it has no resources.json");
        }
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return parse(Files.readString(file), (name == null ? "" : name + "/") + "resources.json");
    }

    /** The rows of a {@code resources.json}, of this fluxfleet or an earlier one; {@code where} names it in errors. */
    static JsonNode readArray(String json, String where) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(where + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isArray()) {
            throw new IOException(where + " must hold a JSON array of resources");
        }
        return root;
    }

    /** Parses the content of a {@code resources.json}; {@code where} names it in errors. */
    public static List<PlannedResource> parse(String json, String where) throws IOException {
        JsonNode root = readArray(json, where);
        List<PlannedResource> resources = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode r = root.get(i);
            String urn = r.path("urn").asText("");
            if (urn.isEmpty()) {
                throw new IOException(where + ": entry " + i + " has no \"urn\": the render was made by a fluxfleet that"
                        + " did not record resource identity; render this side again with the current fluxfleet");
            }
            if (!seen.add(urn)) {
                throw new IOException(where + ": URN " + urn + " appears twice; the engine would refuse the program");
            }
            JsonNode options = r.path("options");
            Set<String> deps = new LinkedHashSet<>(strings(r.path("dependencies")));
            String parent = r.path("parent").asText("");
            String provider = r.path("provider").asText("");
            if (!parent.isEmpty()) {
                deps.add(parent);
            }
            if (!provider.isEmpty()) {
                deps.add(provider);
            }
            resources.add(new PlannedResource(urn, r.path("type").asText(""), r.path("name").asText(""),
                    r.path("component").asBoolean(false), parent, provider,
                    options.path("protect").asBoolean(false), options.path("retainOnDelete").asBoolean(false),
                    options.has("deleteBeforeReplace") ? options.get("deleteBeforeReplace").asBoolean() : null,
                    strings(options.path("replaceOnChanges")), strings(options.path("ignoreChanges")),
                    strings(options.path("aliases")), options.path("import").asText(""),
                    java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(deps)),
                    r.has("inputs") ? r.get("inputs") : NullNode.getInstance()));
        }
        return List.copyOf(resources);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }

    /** The short form used in reports: type's last segment and name. */
    public String label() {
        return type.substring(type.lastIndexOf(':') + 1) + " " + name;
    }
}
