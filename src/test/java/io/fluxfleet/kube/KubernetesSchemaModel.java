package io.fluxfleet.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a Java SDK type is written in a Pulumi package schema, for the Kubernetes provider: the mapping pulumi-java's
 * codegen applies from schema to Java (string/boolean/integer/number, array {@code items}, map
 * {@code additionalProperties}, {@code $ref} to an object type, {@code pulumi.json#/Any}, {@code oneOf} for
 * {@code Either}), applied backwards. One place, so the trim of the 4.32.0 SDK sources and the check of the 4.0.0 SDK
 * classes describe types the same way and can be compared as JSON.
 *
 * <p>Object types are named by their schema token, {@code kubernetes:<module>:<Name>}, derived from the Java class:
 * {@code com.pulumi.kubernetes.<pkg>.inputs.<Name>Args} is {@code <Name>} in the module of package {@code <pkg>}. A
 * package's module is the one its resources' {@code @ResourceType} tokens name (rbac.v1 is
 * rbac.authorization.k8s.io/v1), else {@code <group>/<version>} (core/v1, meta/v1); the provider's own types
 * ({@code com.pulumi.kubernetes.inputs}) are in module {@code index}.
 */
final class KubernetesSchemaModel {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SDK_PACKAGE = "com.pulumi.kubernetes.";

    private KubernetesSchemaModel() {}

    /** A parsed Java type: a raw simple or qualified name with type arguments. */
    record JavaType(String raw, List<JavaType> args) {
        static JavaType parse(String text) {
            int[] pos = {0};
            JavaType type = parse(text.replace(" ", ""), pos);
            if (pos[0] != text.replace(" ", "").length()) {
                throw new IllegalArgumentException("cannot parse type " + text);
            }
            return type;
        }

        private static JavaType parse(String s, int[] pos) {
            int start = pos[0];
            while (pos[0] < s.length() && "<>,".indexOf(s.charAt(pos[0])) < 0) {
                pos[0]++;
            }
            String raw = s.substring(start, pos[0]);
            List<JavaType> args = new ArrayList<>();
            if (pos[0] < s.length() && s.charAt(pos[0]) == '<') {
                do {
                    pos[0]++;
                    args.add(parse(s, pos));
                } while (s.charAt(pos[0]) == ',');
                if (s.charAt(pos[0]) != '>') {
                    throw new IllegalArgumentException("cannot parse type " + s);
                }
                pos[0]++;
            }
            return new JavaType(raw, List.copyOf(args));
        }

        String simpleName() {
            return raw.substring(raw.lastIndexOf('.') + 1);
        }
    }

    /** Resolves a simple class name to a fully qualified one (from a source file's imports, or reflection). */
    interface Names {
        String qualify(String simpleOrQualified);
    }

    /** Resolves the module of an SDK package, e.g. {@code rbac.v1} to {@code rbac.authorization.k8s.io/v1}. */
    interface Modules {
        String module(String sdkPackage);
    }

    /** The schema form of a property's value type; {@code refs} collects the object types it names (class names). */
    static JsonNode schemaType(JavaType type, Names names, Modules modules, List<String> refs) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        String simple = type.simpleName();
        switch (simple) {
            case "String" -> node.put("type", "string");
            case "Boolean" -> node.put("type", "boolean");
            case "Integer" -> node.put("type", "integer");
            case "Double" -> node.put("type", "number");
            case "Object" -> node.put("$ref", "pulumi.json#/Any");
            case "JsonElement" -> node.put("$ref", "pulumi.json#/Json");
            case "AssetOrArchive" -> node.put("$ref", "pulumi.json#/Asset");
            case "Archive" -> node.put("$ref", "pulumi.json#/Archive");
            case "List" -> {
                node.put("type", "array");
                node.set("items", schemaType(type.args().get(0), names, modules, refs));
            }
            case "Map" -> {
                if (!type.args().get(0).simpleName().equals("String")) {
                    throw new IllegalArgumentException("map keys must be strings: " + type);
                }
                node.put("type", "object");
                node.set("additionalProperties", schemaType(type.args().get(1), names, modules, refs));
            }
            case "Either" -> {
                var oneOf = node.putArray("oneOf");
                type.args().forEach(a -> oneOf.add(schemaType(a, names, modules, refs)));
            }
            default -> {
                String qualified = names.qualify(type.raw());
                if (!qualified.startsWith(SDK_PACKAGE)) {
                    throw new IllegalArgumentException("unexpected type " + qualified);
                }
                refs.add(qualified);
                node.put("$ref", "#/types/" + token(qualified, modules));
            }
        }
        return node;
    }

    /** The schema token of an SDK input type or resource class. */
    static String token(String qualifiedClass, Modules modules) {
        String rest = qualifiedClass.substring(SDK_PACKAGE.length());
        String simple = rest.substring(rest.lastIndexOf('.') + 1);
        String pkg = rest.substring(0, rest.lastIndexOf('.'));
        if (pkg.equals("inputs") || pkg.endsWith(".inputs")) {
            pkg = pkg.equals("inputs") ? "" : pkg.substring(0, pkg.length() - ".inputs".length());
            simple = simple.endsWith("Args") ? simple.substring(0, simple.length() - 4) : simple;
        }
        return "kubernetes:" + (pkg.isEmpty() ? "index" : modules.module(pkg)) + ":" + simple;
    }

    /** The default module of an SDK package: its last segment is the version, the rest the group. */
    static String defaultModule(String sdkPackage) {
        int dot = sdkPackage.lastIndexOf('.');
        return sdkPackage.substring(0, dot) + "/" + sdkPackage.substring(dot + 1);
    }

    /** Sorted copy of a JSON tree, so output depends only on content. */
    static Object sorted(JsonNode node) {
        return io.fluxfleet.bindings.TrimProviderSchema.sorted(node);
    }
}
