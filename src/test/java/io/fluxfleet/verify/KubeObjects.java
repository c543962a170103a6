package io.fluxfleet.verify;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Small helpers over Kubernetes objects held as plain trees: how to name an object and a field in a
 * message, how to read a nested value, and how to copy a tree so a test can break it.
 */
public final class KubeObjects {
    private static final Pattern SIMPLE_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    /** Where each workload kind keeps its pod spec. */
    private static final Map<String, String> POD_SPEC_PATHS = Map.of(
            "Deployment", "spec.template.spec",
            "StatefulSet", "spec.template.spec",
            "DaemonSet", "spec.template.spec",
            "ReplicaSet", "spec.template.spec",
            "Job", "spec.template.spec",
            "CronJob", "spec.jobTemplate.spec.template.spec",
            "Pod", "spec");

    private KubeObjects() {}

    /**
     * The dotted path of the pod spec in an object of this kind ({@code spec.template.spec} for a
     * Deployment), or null when the kind runs no pods.
     */
    public static String podSpecPath(Object kind) {
        return kind instanceof String k ? POD_SPEC_PATHS.get(k) : null;
    }

    /**
     * The object as messages name it: {@code Kind namespace/name}, or {@code Kind name} without a
     * namespace. Missing parts are spelled out rather than left blank.
     */
    public static String describe(Map<String, ?> object) {
        Object kind = object.get("kind");
        Object name = null;
        Object namespace = null;
        if (object.get("metadata") instanceof Map<?, ?> metadata) {
            name = metadata.get("name");
            namespace = metadata.get("namespace");
        }
        String kindText = kind instanceof String k && !k.isEmpty() ? k : "<no kind>";
        String nameText = name instanceof String n && !n.isEmpty() ? n : "<no name>";
        return namespace instanceof String ns && !ns.isEmpty()
                ? kindText + " " + ns + "/" + nameText
                : kindText + " " + nameText;
    }

    /** The API group of an apiVersion: {@code ""} for the core group ({@code v1}). */
    public static String group(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** The version part of an apiVersion. */
    public static String version(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    }

    /** {@code path} extended by a map key, in the form messages use: {@code spec.sourceRef}, {@code labels["a/b"]}. */
    public static String child(String path, String key) {
        if (SIMPLE_KEY.matcher(key).matches()) {
            return path.isEmpty() ? key : path + "." + key;
        }
        return path + "[\"" + key + "\"]";
    }

    /** {@code path} extended by a list index: {@code spec.eventSources[0]}. */
    public static String index(String path, int i) {
        return path + "[" + i + "]";
    }

    /**
     * The value at a dotted path of map keys ({@code spec.template.spec}), or {@code null} where any step
     * is missing or not a map.
     */
    public static Object at(Map<String, ?> object, String dottedPath) {
        Object current = object;
        for (String key : dottedPath.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    /** A deep, mutable copy of a tree, for tests that break a valid object. */
    @SuppressWarnings("unchecked")
    public static <T> T deepCopy(T tree) {
        if (tree instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, deepCopy(v)));
            return (T) copy;
        }
        if (tree instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(deepCopy(v)));
            return (T) copy;
        }
        return tree;
    }

    /** A deep, read-only view of a tree: shared trees (a cached chart render) cannot be broken by accident. */
    @SuppressWarnings("unchecked")
    static <T> T deepUnmodifiable(T tree) {
        if (tree instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, deepUnmodifiable(v)));
            return (T) Collections.unmodifiableMap(copy);
        }
        if (tree instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(deepUnmodifiable(v)));
            return (T) Collections.unmodifiableList(copy);
        }
        return tree;
    }

    /**
     * The JSON type of a tree value: {@code string}, {@code integer}, {@code number}, {@code boolean},
     * {@code object}, {@code array} or {@code null}. A number with an integral value is an integer, as in
     * JSON (Pulumi carries every number as a double). Anything else is not a wire value and gets
     * {@code unsupported Java type X}.
     */
    static String jsonType(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof Map) {
            return "object";
        }
        if (value instanceof List) {
            return "array";
        }
        if (value instanceof Number number) {
            BigDecimal decimal = decimal(number);
            if (decimal == null) {
                return "number";
            }
            return decimal.stripTrailingZeros().scale() <= 0 ? "integer" : "number";
        }
        return "unsupported Java type " + value.getClass().getName();
    }

    /** A number as a BigDecimal, or null for NaN and infinities. */
    static BigDecimal decimal(Number number) {
        if (number instanceof BigDecimal d) {
            return d;
        }
        if (number instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
        return BigDecimal.valueOf(number.longValue());
    }

    /** A value as it appears in a message: strings quoted, large trees shortened. */
    static String show(Object value) {
        String text = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
        return text.length() > 120 ? text.substring(0, 117) + "..." : text;
    }
}
