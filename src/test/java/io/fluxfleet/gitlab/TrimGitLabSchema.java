package io.fluxfleet.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxfleet.gitlab.bindings.GitLabPlugin;

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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Regenerates {@code src/test/resources/pulumi-gitlab-schema.trimmed.json} from the full provider schema: the
 * provider, every resource and function a binding in {@code io.fluxfleet.gitlab.bindings} names, and every type
 * they reach through {@code $ref}. Entries are copied unmodified except for the top-level {@code description} of
 * each resource, function and the provider (long examples and import notes no test reads); property descriptions
 * stay. Keys are sorted, so the output depends only on the schema and the bindings.
 *
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.fluxfleet.gitlab.TrimGitLabSchema \
 *     ../shared/fixtures/pulumi-gitlab-schema.json src/test/resources/pulumi-gitlab-schema.trimmed.json
 * </pre>
 * or {@code mvn -q -o test -Dtest=GitLabSchemaTrimTest -Dgitlab.schema.regenerate=true}.
 */
public final class TrimGitLabSchema {
    static final String UPSTREAM = "pulumi/pulumi-gitlab v" + GitLabPlugin.VERSION
            + ", provider/cmd/pulumi-resource-gitlab/schema.json";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TrimGitLabSchema() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: TrimGitLabSchema <full schema.json> <trimmed output.json>");
            System.exit(2);
        }
        Path out = Path.of(args[1]);
        Files.writeString(out, trim(Path.of(args[0])), StandardCharsets.UTF_8);
        System.out.println("wrote " + out);
    }

    /** The trimmed schema as text, from the full schema file. */
    static String trim(Path fullSchema) throws IOException {
        byte[] bytes = Files.readAllBytes(fullSchema);
        return JSON.writeValueAsString(sorted(trim(JSON.readTree(bytes), sha256(bytes)))) + "\n";
    }

    static JsonNode trim(JsonNode full, String sha256) {
        ObjectNode out = JSON.createObjectNode();
        out.put("name", full.path("name").asText());
        ObjectNode meta = out.putObject("x-fluxfleet-trim");
        meta.put("upstream", UPSTREAM);
        meta.put("version", GitLabPlugin.VERSION);
        meta.put("sha256", sha256);
        meta.put("generator", TrimGitLabSchema.class.getName());

        out.set("provider", withoutDescription(full.get("provider")));
        ObjectNode resources = out.putObject("resources");
        for (GitLabBindings.ResourceBinding r : GitLabBindings.resources()) {
            if (!r.isProvider()) {
                resources.set(r.token(), withoutDescription(require(full.get("resources"), r.token())));
            }
        }
        ObjectNode functions = out.putObject("functions");
        for (GitLabBindings.FunctionBinding f : GitLabBindings.functions()) {
            functions.set(f.token(), withoutDescription(require(full.get("functions"), f.token())));
        }
        Set<String> types = new TreeSet<>();
        Deque<JsonNode> pending = new ArrayDeque<>(List.of(out.get("provider"), resources, functions));
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
        JsonNode node = section.get(token);
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
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
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

    private static Object sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new TreeMap<>();
            node.fields().forEachRemaining(e -> map.put(e.getKey(), sorted(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(sorted(item)));
            return list;
        }
        return node;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
