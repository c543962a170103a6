package io.fluxfleet.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stack's {@code fluxfleet:*} config as a JSON tree, before any interpretation, plus where it came
 * from. Two sources give the same shape: the config the Pulumi engine hands a running program, and a
 * stack file read directly by the offline {@code render}.
 *
 * <p>In a stack file, an encrypted value ({@code {secure: ...}}) cannot be decrypted without the
 * stack's secrets provider, and render must never need it. Such a value becomes a placeholder that names
 * a short fingerprint of the ciphertext: a changed secret renders differently, an unchanged one the same,
 * and the plaintext is never involved.
 *
 * <p>A stack file is read offline: a secret key it names without a value ({@code token:} with nothing after it,
 * how the committed stack files say "set this secret") or a required secret it lacks is stood in for, so that
 * render works before anyone has set the secrets; the engine's config has no such leniency ({@link #offline}).
 *
 * @param offline whether the config was read from a stack file without Pulumi (render), rather than handed to a
 *                running program by the engine
 */
public record RawConfig(String source, Map<String, JsonNode> values, java.util.Set<String> encryptedKeys,
                        boolean offline) {
    public static final String NAMESPACE = "fluxfleet";
    public static final String ENCRYPTED_PREFIX = "[encrypted ";

    private static final ObjectMapper JSON = new ObjectMapper();

    public RawConfig {
        values = Map.copyOf(values);
        encryptedKeys = java.util.Set.copyOf(encryptedKeys);
    }

    /** Config as the engine hands it to a running program. */
    public RawConfig(String source, Map<String, JsonNode> values, java.util.Set<String> encryptedKeys) {
        this(source, values, encryptedKeys, false);
    }

    /** Engine config with nothing stored encrypted (tests). */
    public RawConfig(String source, Map<String, JsonNode> values) {
        this(source, values, java.util.Set.of());
    }

    /** The same config from the same source, with other values (tests edit a committed stack file this way). */
    public RawConfig withValues(Map<String, JsonNode> newValues) {
        return new RawConfig(source, newValues, encryptedKeys, offline);
    }

    /**
     * Whether a value was stored encrypted: a placeholder in a stack file, or a top-level key the engine
     * lists in {@code PULUMI_CONFIG_SECRET_KEYS}.
     */
    public boolean storedEncrypted(String topLevelKey, String value) {
        return value.startsWith(ENCRYPTED_PREFIX) || encryptedKeys.contains(topLevelKey);
    }

    /**
     * Reads the config the Pulumi language host passes to a running program: {@code PULUMI_CONFIG} is a
     * JSON object of {@code "namespace:key"} to string, where structured values are JSON text.
     */
    public static RawConfig fromPulumiEnvironment(String stackName, Map<String, String> env) {
        String json = env.getOrDefault("PULUMI_CONFIG", "{}");
        Map<String, JsonNode> values = new TreeMap<>();
        try {
            JsonNode all = JSON.readTree(json.isBlank() ? "{}" : json);
            for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
                var entry = it.next();
                String key = entry.getKey();
                if (!key.startsWith(NAMESPACE + ":")) {
                    continue;
                }
                values.put(key.substring(NAMESPACE.length() + 1), parseScalarOrJson(entry.getValue().asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("PULUMI_CONFIG is not valid JSON", e);
        }
        java.util.Set<String> encrypted = new java.util.TreeSet<>();
        try {
            for (JsonNode key : JSON.readTree(env.getOrDefault("PULUMI_CONFIG_SECRET_KEYS", "[]"))) {
                if (key.asText().startsWith(NAMESPACE + ":")) {
                    encrypted.add(key.asText().substring(NAMESPACE.length() + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("PULUMI_CONFIG_SECRET_KEYS is not valid JSON", e);
        }
        return new RawConfig("stack '" + stackName + "'", values, encrypted);
    }

    /**
     * Reads a {@code Pulumi.<stack>.yaml} file without the Pulumi CLI, as Pulumi reads it ({@link StackYaml});
     * encrypted values become placeholders. A key without a namespace is the project's, as Pulumi rewrites it
     * ({@code loaders.go stackConfigNamespacedWithProject}): {@code tenants} is {@code fluxfleet:tenants}.
     *
     * @throws StackYaml.StackFileException the file is not YAML Pulumi would read, or names a key twice
     * @throws UncheckedIOException         the file cannot be read
     */
    public static RawConfig fromStackFile(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stack file " + Shown.escaped(file.toString()), e);
        }
        String source = "stack file " + Shown.escaped(String.valueOf(file.getFileName()));
        JsonNode root = StackYaml.read(bytes, source);
        Map<String, JsonNode> values = new TreeMap<>();
        java.util.List<Problem> problems = new java.util.ArrayList<>();
        if (root != null && !root.isObject()) {
            problems.add(new Problem("(document)", "a stack file is a mapping with a 'config' key"));
        }
        JsonNode config = root == null || !root.isObject() ? null : root.get("config");
        if (config != null && !config.isNull() && !config.isObject()) {
            problems.add(new Problem("config", "expected a mapping of config keys"));
        }
        if (config != null && config.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
                var entry = it.next();
                String key = entry.getKey();
                String local = key.startsWith(NAMESPACE + ":") ? key.substring(NAMESPACE.length() + 1)
                        : key.contains(":") ? null : key;
                if (local == null) {
                    continue;
                }
                if (values.put(local, replaceEncrypted(entry.getValue())) != null) {
                    problems.add(new Problem(NAMESPACE + ":" + local, "given twice, as '" + NAMESPACE + ":" + local
                            + "' and as '" + local + "' (Pulumi reads a key without namespace as the project's): keep one"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new StackYaml.StackFileException(source, problems);
        }
        return new RawConfig(source, values, java.util.Set.of(), true);
    }

    private static JsonNode parseScalarOrJson(String text) {
        String trimmed = text.trim();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                return JSON.readTree(trimmed);
            } catch (IOException e) {
                return TextNode.valueOf(text);
            }
        }
        return TextNode.valueOf(text);
    }

    private static JsonNode replaceEncrypted(JsonNode node) {
        if (node.isObject()) {
            if (node.size() == 1 && node.has("secure") && node.get("secure").isTextual()) {
                return TextNode.valueOf(ENCRYPTED_PREFIX + fingerprint(node.get("secure").asText()) + "]");
            }
            ObjectNode copy = JSON.createObjectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), replaceEncrypted(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(item -> copy.add(replaceEncrypted(item)));
            return copy;
        }
        return node;
    }

    /**
     * First 12 hex digits of the SHA-256 of a value: enough to see that it changed, nothing more. Used for
     * stored ciphertexts here and for every secret render writes.
     */
    public static String fingerprint(String ciphertext) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(ciphertext.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
