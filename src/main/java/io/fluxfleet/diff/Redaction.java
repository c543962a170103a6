package io.fluxfleet.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The guard that keeps secret values out of a merge-request note.
 *
 * <p>{@code fluxfleet render} already replaces every secret by a placeholder {@code [secret:<12 hex>.<key id>]}
 * whose fingerprint changes with the value. The diff trusts that, but does not depend on it: wherever a
 * value must be secret (the {@code data} and {@code stringData} of a Kubernetes Secret, and any Pulumi
 * secret envelope) and is not a placeholder, it is replaced by {@link #REDACTED} before any text is made,
 * and a warning names the path. Invariant: the text of a redacted tree contains no secret value, only
 * placeholders.
 *
 * <p>Besides the redacted tree, each item keeps a <em>secret view</em>: path to a SHA-256 of every secret
 * leaf. It only tells whether a secret changed (so an item can be reported "changed (secret)" even when
 * both values were redacted to the same text); it is never printed.
 */
final class Redaction {
    /** A placeholder as {@code fluxfleet render} writes it, keyed or from a fluxfleet before keyed fingerprints. */
    static final Pattern PLACEHOLDER = io.fluxfleet.render.Fingerprint.PLACEHOLDER;
    static final String REDACTED = "[redacted: not a secret placeholder]";

    /** The key and value that mark a secret in Pulumi's wire format (the Pulumi SDKs' "special sig"). */
    private static final String SIG_KEY = "4dabf18193072939515e22adb298388d";
    private static final String SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
    private static final Set<String> SECRET_DATA_FIELDS = Set.of("data", "stringData");

    /** The redacted tree, the secret view, and one warning per value that had to be redacted. */
    record Result(JsonNode tree, Map<String, String> secretView, List<String> warnings) {}

    private final Map<String, String> secretView = new TreeMap<>();
    private final List<String> warnings = new ArrayList<>();
    private final String where;

    private Redaction(String where) {
        this.where = where;
    }

    /**
     * Redacts one item.
     *
     * @param where          names the item in warnings (file, type and name)
     * @param secretDataRoot the object whose {@code data} and {@code stringData} are a Kubernetes Secret's
     *                       values (the object itself, or a resource's {@code inputs}); null when the item is
     *                       not a Secret
     */
    static Result of(String where, JsonNode tree, JsonNode secretDataRoot) {
        Redaction r = new Redaction(where);
        JsonNode redacted = r.walk(tree, "", false, secretDataRoot);
        return new Result(redacted, Map.copyOf(r.secretView), List.copyOf(r.warnings));
    }

    static boolean containsPlaceholder(String text) {
        return PLACEHOLDER.matcher(text).find();
    }

    private JsonNode walk(JsonNode node, String path, boolean mustBeSecret, JsonNode secretDataRoot) {
        if (mustBeSecret || (node.isObject() && SECRET_SIG.equals(node.path(SIG_KEY).asText(null)))) {
            return redact(node, path);
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(field -> {
                String childPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                JsonNode value = field.getValue();
                if (node == secretDataRoot && SECRET_DATA_FIELDS.contains(field.getKey()) && value.isObject()) {
                    // The keys of a Secret stay visible; each value must be a placeholder.
                    ObjectNode values = JsonNodeFactory.instance.objectNode();
                    value.properties().forEach(entry -> values.set(entry.getKey(),
                            walk(entry.getValue(), childPath + "." + entry.getKey(), true, secretDataRoot)));
                    copy.set(field.getKey(), values);
                } else {
                    copy.set(field.getKey(), walk(value, childPath, false, secretDataRoot));
                }
            });
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            for (int k = 0; k < node.size(); k++) {
                copy.add(walk(node.get(k), path + "[" + k + "]", false, secretDataRoot));
            }
            return copy;
        }
        if (node.isTextual() && containsPlaceholder(node.asText())) {
            secretView.put(path, fingerprint(node));
        }
        return node;
    }

    private JsonNode redact(JsonNode node, String path) {
        if (node.isTextual() && PLACEHOLDER.matcher(node.asText()).matches()) {
            secretView.put(path, fingerprint(node));
            return node;
        }
        if (node.isNull()) {
            return node;
        }
        secretView.put(path, fingerprint(node));
        warnings.add(where + ": the value at `" + path + "` is not a `[secret:…]` placeholder; it is shown as "
                + REDACTED);
        return TextNode.valueOf(REDACTED);
    }

    private static String fingerprint(JsonNode node) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(node.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
