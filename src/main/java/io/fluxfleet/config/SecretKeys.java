package io.fluxfleet.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which config keys can hold a secret, so that no message ever echoes their value. A key can hold one when it
 * is a secret key (read with {@link Fields#secret}), when its name says it is one (token, password, kubeconfig,
 * credential ...: keys other engineers add are covered before anyone lists them), or when it is an ancestor of
 * one: a kubeconfig pasted as a string under {@code cluster:} is the value of {@code cluster}.
 *
 * <p>{@link #scrub} is the second line of defence: every text found under such a key in the raw config is cut
 * out of a message before it is shown, whatever code built the message.
 */
public final class SecretKeys {
    /** Secret keys, as paths under {@code fluxfleet:} with list indexes written {@code []}. */
    public static final Set<String> KNOWN = Set.of(
            "cluster.kubeconfig", "harbor.password", "gitlab.token", "gitlab.statusToken",
            "tenants[].gitPassword", "tenants[].statusToken", "layers.gitPassword");
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(token|password|passwd|secret|kubeconfig|credential|apikey|privatekey).*");
    /** Keys whose name looks secret but that hold settings: the deploy token's enabled/rotation/expiry. */
    private static final Set<String> NOT_SECRET = Set.of("gitlab.deployToken");
    private static final Pattern INDEX = Pattern.compile("\\[[0-9]*]");
    /** Shorter fragments are not scrubbed on their own: they would cut ordinary words out of messages. */
    private static final int MIN_SCRUBBED = 6;

    private SecretKeys() {}

    /** Whether {@code key} (e.g. {@code fluxfleet:tenants[2].gitPassword}) is a secret key. */
    public static boolean isSecret(String key) {
        String local = local(key);
        if (KNOWN.contains(local)) {
            return true;
        }
        if (NOT_SECRET.contains(local)) {
            return false;
        }
        String last = local.substring(Math.max(local.lastIndexOf('.'), local.lastIndexOf(']')) + 1);
        return SECRET_NAME.matcher(last).matches();
    }

    /** Whether the value of {@code key} can contain a secret: a secret key or an ancestor of one. */
    public static boolean canHoldSecret(String key) {
        String local = local(key);
        if (local.isEmpty() || isSecret(key)) {
            return true;
        }
        for (String known : KNOWN) {
            if (known.startsWith(local + ".") || known.startsWith(local + "[")) {
                return true;
            }
        }
        return false;
    }

    /** Every text in {@code values} that sits at or under a key that can hold a secret. */
    public static Set<String> secretTexts(Map<String, JsonNode> values) {
        Set<String> texts = new LinkedHashSet<>();
        values.forEach((k, v) -> collect(RawConfig.NAMESPACE + ":" + k, v, false, texts));
        return texts;
    }

    private static void collect(String key, JsonNode node, boolean underSecret, Set<String> texts) {
        boolean secret = underSecret || isSecret(key);
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                collect(key + "." + e.getKey(), e.getValue(), secret, texts);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(key + "[" + i + "]", node.get(i), secret, texts);
            }
        } else if (node.isValueNode() && (secret || canHoldSecret(key))) {
            String text = node.asText();
            if (!text.startsWith(RawConfig.ENCRYPTED_PREFIX)) {
                add(text, texts);
            }
        }
    }

    private static void add(String text, Set<String> texts) {
        if (text.length() >= MIN_SCRUBBED) {
            texts.add(text);
        }
        for (String line : text.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.length() >= MIN_SCRUBBED) {
                texts.add(trimmed);
            }
        }
    }

    /** {@code message} with every one of {@code texts} (and its escaped form) replaced by {@code [secret]}. */
    public static String scrub(String message, Set<String> texts) {
        List<String> longestFirst = new ArrayList<>(texts);
        longestFirst.sort((a, b) -> b.length() - a.length());
        String result = message;
        for (String text : longestFirst) {
            result = result.replace(text, "[secret]");
            String escaped = Shown.escaped(text);
            if (!escaped.equals(text) && escaped.length() >= MIN_SCRUBBED) {
                result = result.replace(escaped, "[secret]");
            }
        }
        return result;
    }

    private static String local(String key) {
        String local = key.startsWith(RawConfig.NAMESPACE + ":") ? key.substring(RawConfig.NAMESPACE.length() + 1) : key;
        return INDEX.matcher(local).replaceAll("[]");
    }
}
