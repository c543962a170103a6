package io.fluxfleet.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Which input paths changed between two registrations of a resource, as the engine's diff sees them. */
final class InputDiff {
    private InputDiff() {}

    /** The input paths whose values differ, with {@code ignoreChanges} paths left out (as the engine does). */
    static Set<String> changedPaths(JsonNode before, JsonNode after, List<String> ignore) {
        JsonNode a = strip(before, ignore);
        JsonNode b = strip(after, ignore);
        Set<String> out = new TreeSet<>();
        diff("", a, b, out);
        return out;
    }

    static JsonNode strip(JsonNode node, List<String> ignore) {
        if (!(node instanceof ObjectNode object) || ignore.isEmpty()) {
            return node;
        }
        ObjectNode copy = object.deepCopy();
        for (String path : ignore) {
            String[] parts = path.split("\\.");
            JsonNode at = copy;
            for (int i = 0; i < parts.length - 1 && at != null; i++) {
                at = at.get(parts[i]);
            }
            if (at instanceof ObjectNode parent) {
                parent.remove(parts[parts.length - 1]);
            }
        }
        return copy;
    }

    static void diff(String path, JsonNode a, JsonNode b, Set<String> out) {
        if (a != null && b != null && a.isObject() && b.isObject()) {
            Set<String> keys = new TreeSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                diff(path.isEmpty() ? k : path + "." + k, a.get(k), b.get(k), out);
            }
            return;
        }
        JsonNode x = a == null || a.isNull() ? MissingNode.getInstance() : a;
        JsonNode y = b == null || b.isNull() ? MissingNode.getInstance() : b;
        // Secrets fingerprinted under different keys (an earlier fluxfleet's render, another machine's) cannot be
        // compared; the engine compares the real values, which an offline plan never has: not counted as a change.
        if (x.isTextual() && y.isTextual() && io.fluxfleet.render.Fingerprint.incomparable(x.asText(), y.asText())) {
            return;
        }
        if (!x.equals(y)) {
            out.add(path);
        }
    }

    static JsonNode at(JsonNode node, String path) {
        JsonNode at = node;
        for (String part : path.split("\\.")) {
            at = at == null ? null : at.get(part);
        }
        return at == null || at.isNull() ? MissingNode.getInstance() : at;
    }
}
