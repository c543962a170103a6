package io.fluxfleet.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.ResourceArgs;

import io.fluxfleet.kube.KubernetesSchemaModel.JavaType;
import io.fluxfleet.render.Recorded;
import io.fluxfleet.render.RenderResult;
import io.fluxfleet.testing.Stacks;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * fluxfleet compiles against the 4.0.0 Java SDK but the engine runs plugin 4.32.0. This holds what the program sends
 * to the schema of the plugin that receives it (the committed trim, see {@code SOURCES-kubernetes.md}):
 * <ul>
 *   <li>every input property of every 4.0.0 SDK class the program uses (resource args and, recursively, the input
 *       types they reach) exists in 4.32.0 under the same type token with the same schema type;</li>
 *   <li>what the committed stacks actually register, walked value by value, is made only of inputs the 4.32.0 schema
 *       has, with values of the declared types; Flux custom resources carry only apiVersion, kind, a schema-valid
 *       ObjectMeta and spec (their specs are checked against the Flux CRDs elsewhere);</li>
 *   <li>the provider binding's inputs, the new ones included, are provider inputs of 4.32.0 of the same type, JSON
 *       encoded where the schema type is not a string, as the provider's config protocol wants.</li>
 * </ul>
 */
class KubernetesSchemaTest {
    private static JsonNode schema;

    @BeforeAll
    static void load() throws IOException {
        schema = KubernetesSchemaTrimTest.trimmed();
    }

    @Test
    void theSchemaIsOfThePluginTheEngineRuns() {
        assertEquals("4.32.0", KubernetesPlugin.VERSION);
        assertEquals(KubernetesPlugin.VERSION, schema.at("/x-fluxfleet-trim/version").asText());
    }

    // ---- the 4.0.0 SDK classes, statically ------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> everyInputOfTheSdkClassesUsedExistsIn432() {
        return KubernetesUsage.resourceClasses().stream().map(resource -> DynamicTest.dynamicTest(resource.getSimpleName(), () -> {
            String token = resource.getAnnotation(ResourceType.class).type();
            JsonNode node = schema.at("/resources/" + token.replace("/", "~1"));
            assertFalse(node.isMissingNode(), token + " is not a resource of the 4.32.0 schema");
            List<String> problems = new ArrayList<>();
            Deque<Class<?>> types = new ArrayDeque<>();
            check(token, KubernetesUsage.argsClass(resource), node.get("inputProperties"), types, problems);
            Set<Class<?>> seen = new HashSet<>();
            while (!types.isEmpty()) {
                Class<?> type = types.pop();
                if (seen.add(type)) {
                    String typeToken = KubernetesSchemaModel.token(type.getName(), KubernetesSchemaTest::module);
                    JsonNode typeNode = schema.at("/types/" + typeToken.replace("/", "~1"));
                    if (typeNode.isMissingNode()) {
                        problems.add(typeToken + " (" + type.getName() + ") is not a type of the 4.32.0 schema");
                    } else {
                        check(typeToken, type, typeNode.get("properties"), types, problems);
                    }
                }
            }
            assertEquals(List.of(), problems);
        }));
    }

    /** Every {@code @Import} of an SDK args class against the schema's properties of the same token. */
    private static void check(String owner, Class<?> args, JsonNode properties, Deque<Class<?>> nested, List<String> problems) {
        int count = 0;
        for (Field field : args.getDeclaredFields()) {
            Import imp = field.getAnnotation(Import.class);
            if (imp == null) {
                continue;
            }
            count++;
            String where = owner + " input " + imp.name();
            JsonNode property = properties.get(imp.name());
            if (property == null) {
                problems.add(where + ": not an input of the 4.32.0 schema");
                continue;
            }
            List<String> refs = new ArrayList<>();
            JsonNode expected = KubernetesSchemaModel.schemaType(javaType(((ParameterizedType) field.getGenericType())
                    .getActualTypeArguments()[0]), name -> name, KubernetesSchemaTest::module, refs);
            if (!expected.equals(property)) {
                problems.add(where + ": 4.0.0 sends " + expected + ", 4.32.0 declares " + property);
            }
            refs.forEach(r -> nested.add(KubernetesUsage.load(r)));
        }
        if (count == 0) {
            problems.add(owner + ": " + args.getName() + " has no inputs");
        }
    }

    private static JavaType javaType(Type type) {
        if (type instanceof ParameterizedType p) {
            List<JavaType> args = new ArrayList<>();
            for (Type a : p.getActualTypeArguments()) {
                args.add(javaType(a));
            }
            return new JavaType(((Class<?>) p.getRawType()).getName(), List.copyOf(args));
        }
        return new JavaType(((Class<?>) type).getName(), List.of());
    }

    /** The module of a 4.0.0 SDK package: from the resource classes the program uses there, else group/version. */
    private static String module(String sdkPackage) {
        for (Class<?> resource : KubernetesUsage.resourceClasses()) {
            if (resource.getPackageName().equals(KubernetesSchemaModel.SDK_PACKAGE + sdkPackage)) {
                String token = resource.getAnnotation(ResourceType.class).type();
                return token.substring(token.indexOf(':') + 1, token.lastIndexOf(':'));
            }
        }
        return KubernetesSchemaModel.defaultModule(sdkPackage);
    }

    // ---- what the committed stacks send --------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void whatTheCommittedStacksSendIsValidFor432(String env) {
        RenderResult result = Stacks.render(Stacks.committed(env));
        List<String> problems = new ArrayList<>();
        Map<String, Integer> checked = new HashMap<>();
        for (Recorded r : result.resources()) {
            if (!r.custom() || !(r.type().startsWith("kubernetes:") || r.type().equals("pulumi:providers:kubernetes"))) {
                continue;
            }
            String where = r.type() + " " + r.name();
            if (r.type().equals("pulumi:providers:kubernetes")) {
                Map<String, Object> inputs = new HashMap<>(r.inputs());
                assertEquals(KubernetesPlugin.VERSION, inputs.remove("version"), "the engine's version input");
                checkProviderInputs(where, inputs, problems);
            } else {
                JsonNode resource = schema.at("/resources/" + r.type().replace("/", "~1"));
                if (resource.isMissingNode()) {
                    checkCustomResource(where, r, problems);
                } else {
                    checkObject(where, r.inputs(), resource.get("inputProperties"), problems);
                    resource.path("requiredInputs").forEach(req -> {
                        if (!r.inputs().containsKey(req.asText())) {
                            problems.add(where + ": required input " + req.asText() + " is missing");
                        }
                    });
                }
            }
            checked.merge(r.type(), 1, Integer::sum);
        }
        assertEquals(List.of(), problems);
        assertTrue(checked.containsKey("kubernetes:helm.sh/v3:Release") && checked.containsKey("kubernetes:core/v1:Secret")
                && checked.containsKey("pulumi:providers:kubernetes"), checked.toString());
        assertTrue(checked.values().stream().mapToInt(Integer::intValue).sum() > 20, checked.toString());
    }

    /**
     * A Flux object, or a ValidatingAdmissionPolicy(Binding) (which the 4.0.0 SDK predates; the 4.32.0 plugin manages
     * them under {@code kubernetes:admissionregistration.k8s.io/v1:<Kind>}, and their specs are checked against the
     * typed Kubernetes model in {@code StackVerificationTest}): {@code kubernetes:<group>/<version>:<Kind>} with
     * apiVersion, kind, metadata and spec.
     */
    private static void checkCustomResource(String where, Recorded r, List<String> problems) {
        String[] token = r.type().split(":");
        boolean admission = token.length == 3 && token[1].equals("admissionregistration.k8s.io/v1")
                && Set.of("ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding").contains(token[2]);
        if (token.length != 3 || !(token[1].contains(".toolkit.fluxcd.io/") || admission)) {
            problems.add(where + ": neither a resource of the 4.32.0 schema nor a Flux custom resource");
            return;
        }
        if (!token[1].equals(r.inputs().get("apiVersion")) || !token[2].equals(r.inputs().get("kind"))) {
            problems.add(where + ": apiVersion/kind do not match the type token");
        }
        for (String key : r.inputs().keySet()) {
            if (!Set.of("apiVersion", "kind", "metadata", "spec").contains(key)) {
                problems.add(where + ": unexpected input " + key);
            }
        }
        checkValue(where + ".metadata", r.inputs().get("metadata"), ref("kubernetes:meta/v1:ObjectMeta"), problems);
    }

    private static void checkProviderInputs(String where, Map<String, Object> inputs, List<String> problems) {
        JsonNode properties = schema.at("/provider/inputProperties");
        inputs.forEach((key, value) -> {
            JsonNode property = properties.get(key);
            Object plain = value instanceof Recorded.SecretValue s ? s.value() : value;
            if (property == null) {
                problems.add(where + ": " + key + " is not a provider input of 4.32.0");
            } else if (!(plain instanceof String text)) {
                problems.add(where + ": " + key + " must reach the provider as a string (config is strings)");
            } else if (property.path("type").asText().equals("boolean") && !Set.of("true", "false").contains(text)) {
                problems.add(where + ": " + key + " is a boolean, got " + text);
            }
        });
    }

    private static void checkObject(String where, Map<?, ?> value, JsonNode properties, List<String> problems) {
        value.forEach((k, v) -> {
            JsonNode property = properties.get(String.valueOf(k));
            if (property == null) {
                problems.add(where + "." + k + ": not an input of the 4.32.0 schema");
            } else {
                checkValue(where + "." + k, v, property, problems);
            }
        });
    }

    private static void checkValue(String where, Object value, JsonNode type, List<String> problems) {
        Object v = value instanceof Recorded.SecretValue s ? s.value() : value;
        if (v == null || "[unknown]".equals(v)) {
            return;
        }
        if (type.has("$ref")) {
            String ref = type.get("$ref").asText();
            if (ref.startsWith("pulumi.json#/")) {
                return;
            }
            JsonNode named = schema.at("/types/" + ref.substring("#/types/".length()).replace("/", "~1"));
            if (!(v instanceof Map<?, ?> map)) {
                problems.add(where + ": " + ref + " needs an object, got " + v);
            } else {
                checkObject(where, map, named.get("properties"), problems);
            }
            return;
        }
        if (type.has("oneOf")) {
            for (JsonNode option : type.get("oneOf")) {
                List<String> tried = new ArrayList<>();
                checkValue(where, v, option, tried);
                if (tried.isEmpty()) {
                    return;
                }
            }
            problems.add(where + ": matches none of " + type.get("oneOf"));
            return;
        }
        String expected = type.path("type").asText();
        boolean ok = switch (expected) {
            case "string" -> v instanceof String;
            case "boolean" -> v instanceof Boolean;
            case "integer" -> v instanceof Long || v instanceof Integer;
            case "number" -> v instanceof Number;
            case "array" -> v instanceof List<?>;
            case "object" -> v instanceof Map<?, ?>;
            default -> false;
        };
        if (!ok) {
            problems.add(where + ": expected " + expected + ", got " + v.getClass().getSimpleName() + " " + v);
        } else if (v instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                checkValue(where + "[" + i + "]", list.get(i), type.get("items"), problems);
            }
        } else if (v instanceof Map<?, ?> map && type.has("additionalProperties")) {
            map.forEach((k, item) -> checkValue(where + "." + k, item, type.get("additionalProperties"), problems));
        }
    }

    private static JsonNode ref(String token) {
        ObjectNode node = KubernetesSchemaModel.JSON.createObjectNode();
        node.put("$ref", "#/types/" + token);
        return node;
    }

    // ---- the provider binding ------------------------------------------------------------------------------------

    @Test
    void theProviderBindingSendsProviderInputsOf432() {
        JsonNode properties = schema.at("/provider/inputProperties");
        Set<String> bound = new HashSet<>();
        for (Field field : KubernetesProviderArgs.class.getDeclaredFields()) {
            Import imp = field.getAnnotation(Import.class);
            if (imp == null) {
                continue;
            }
            bound.add(imp.name());
            JsonNode property = properties.get(imp.name());
            assertTrue(property != null, imp.name() + " is not a provider input of 4.32.0");
            Class<?> valueType = (Class<?>) ((ParameterizedType) field.getGenericType()).getActualTypeArguments()[0];
            JsonNode expected = KubernetesSchemaModel.schemaType(new JavaType(valueType.getName(), List.of()),
                    n -> n, p -> p, new ArrayList<>());
            assertEquals(expected, property, imp.name());
            assertEquals(!property.path("type").asText().equals("string"), imp.json(),
                    imp.name() + ": non-string provider inputs are JSON encoded, strings are not");
        }
        // clusterIdentifier: cluster.id, checked against the committed 4.32.0 trim like every other input above
        assertEquals(Set.of("context", "kubeconfig", "clusterIdentifier", "enableServerSideApply", "upsertExistingObjects",
                "enablePatchForce", "enableSecretMutable"), bound);
        assertTrue(ResourceArgs.class.isAssignableFrom(KubernetesProviderArgs.class));
        // The three settings 4.0.0 does not know: why the provider is hand-bound.
        Set<String> sdk400 = new HashSet<>();
        for (Field field : com.pulumi.kubernetes.ProviderArgs.class.getDeclaredFields()) {
            Import imp = field.getAnnotation(Import.class);
            if (imp != null) {
                sdk400.add(imp.name());
            }
        }
        for (String added : List.of("upsertExistingObjects", "enablePatchForce", "enableSecretMutable")) {
            assertFalse(sdk400.contains(added), added + " is in the 4.0.0 SDK after all");
        }
    }
}
