package io.fluxfleet.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.CustomType;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.internal.Internal;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.InputArgs;
import io.fluxfleet.gitlab.GitLabBindings.FunctionBinding;
import io.fluxfleet.gitlab.GitLabBindings.ResourceBinding;
import io.fluxfleet.gitlab.bindings.GitLabPlugin;
import io.fluxfleet.gitlab.bindings.GitlabFunctions;
import io.fluxfleet.gitlab.bindings.Project;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Holds every GitLab binding against the provider's own schema (the committed trim of v10.1.1, see
 * {@code SOURCES-gitlab.md}): type tokens, output and input wire names and types, required inputs, secrets, and
 * the builders' refusal of a missing required input. The bindings are found by scanning their package, so a new
 * one is checked without being listed here.
 */
class GitLabSchemaTest {
    private static JsonNode schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = GitLabSchemaTest.class.getResourceAsStream("/pulumi-gitlab-schema.trimmed.json")) {
            schema = TrimGitLabSchema.JSON.readTree(in);
        }
    }

    @Test
    void everyBindingClassIsAResourceArgsCustomTypeOrFunction() {
        Set<Class<?>> accounted = new HashSet<>(List.of(GitLabPlugin.class, GitlabFunctions.class));
        for (ResourceBinding r : GitLabBindings.resources()) {
            accounted.add(r.type());
            accounted.add(r.args());
        }
        for (FunctionBinding f : GitLabBindings.functions()) {
            accounted.add(f.args());
            accounted.add(f.result());
        }
        List<String> unaccounted = new ArrayList<>();
        for (Class<?> c : GitLabBindings.classes()) {
            boolean nested = c.getPackageName().endsWith(".inputs") && InputArgs.class.isAssignableFrom(c)
                    || c.getPackageName().endsWith(".outputs") && GitLabBindings.isCustomType(c);
            if (!accounted.contains(c) && !nested) {
                unaccounted.add(c.getName());
            }
        }
        assertEquals(List.of(), unaccounted, "binding classes the schema test does not know how to check");
        assertFalse(GitLabBindings.resources().isEmpty());
        assertFalse(GitLabBindings.functions().isEmpty());
    }

    @Test
    void pluginVersionIsTheSchemaVersion() {
        assertEquals("10.1.1", GitLabPlugin.VERSION);
        assertEquals(GitLabPlugin.VERSION, schema.at("/x-fluxfleet-trim/version").asText());
    }

    @TestFactory
    Stream<DynamicTest> resources() {
        return GitLabBindings.resources().stream().map(r -> DynamicTest.dynamicTest(r.token(), () -> {
            JsonNode node = r.isProvider() ? schema.get("provider") : schema.at("/resources/" + pointer(r.token()));
            if (r.isProvider()) {
                assertEquals(GitLabBindings.PROVIDER_TOKEN, r.token(), "the provider's type token");
            } else {
                assertFalse(node.isMissingNode(), r.token() + " is not a resource of the schema");
            }
            List<String> problems = new ArrayList<>();
            checkExports(r.token(), r.type(), node.get("properties"), problems);
            checkImports(r.token(), r.args(), node.get("inputProperties"), requiredSet(node.get("requiredInputs")),
                    problems);
            assertEquals(List.of(), problems);
            checkBuilderRefusesMissingRequired(r.args());
            checkSecretInputs(r.args(), node.get("inputProperties"));
        }));
    }

    @TestFactory
    Stream<DynamicTest> functions() {
        return GitLabBindings.functions().stream().map(f -> DynamicTest.dynamicTest(f.token(), () -> {
            JsonNode node = schema.at("/functions/" + pointer(f.token()));
            assertFalse(node.isMissingNode(), f.token() + " is not a function of the schema");
            List<String> problems = new ArrayList<>();
            checkImports(f.token(), f.args(), node.at("/inputs/properties"), requiredSet(node.at("/inputs/required")),
                    problems);
            checkCustomType(f.token(), f.result(), node.get("outputs"), problems);
            assertEquals(List.of(), problems);
            Method plain = GitlabFunctions.class.getMethod(f.method().getName() + "Plain", f.method().getParameterTypes());
            assertEquals(f.result(), BindingSamples.typeArgument(plain.getGenericReturnType(), 0),
                    "the Plain form returns the same result type");
            checkBuilderRefusesMissingRequired(f.args());
        }));
    }

    @Test
    void projectBindingAccountsForEveryInputOfTheSchema() {
        JsonNode inputs = schema.at("/resources/" + pointer("gitlab:index/project:Project") + "/inputProperties");
        Set<String> schemaInputs = new TreeSet<>();
        inputs.fieldNames().forEachRemaining(schemaInputs::add);
        Set<String> modelled = new TreeSet<>(BindingSamples.importNames(io.fluxfleet.gitlab.bindings.ProjectArgs.class).keySet());
        Set<String> unmanaged = new TreeSet<>(Project.UNMANAGED_INPUTS);
        assertEquals(Project.UNMANAGED_INPUTS.size(), unmanaged.size(), "UNMANAGED_INPUTS has duplicates");
        Set<String> overlap = new TreeSet<>(modelled);
        overlap.retainAll(unmanaged);
        assertEquals(Set.of(), overlap, "an input is both modelled and listed as unmanaged");
        Set<String> union = new TreeSet<>(modelled);
        union.addAll(unmanaged);
        assertEquals(schemaInputs, union, "Project.UNMANAGED_INPUTS plus the modelled inputs must be the schema's inputs");
    }

    // ---- checks -------------------------------------------------------------------------------------------------

    private static void checkExports(String owner, Class<?> type, JsonNode properties, List<String> problems) {
        for (Field field : type.getDeclaredFields()) {
            Export export = field.getAnnotation(Export.class);
            if (export == null) {
                continue;
            }
            String where = owner + " output " + export.name();
            JsonNode property = properties == null ? null : properties.get(export.name());
            if (property == null) {
                problems.add(where + ": not a property of the schema");
                continue;
            }
            if (field.getType() != Output.class) {
                problems.add(where + ": field is not an Output");
                continue;
            }
            Type valueType = BindingSamples.typeArgument(field.getGenericType(), 0);
            if (export.refs().length == 0 || export.refs()[0] != BindingSamples.rawClass(valueType)) {
                problems.add(where + ": @Export refs do not start with the field's value type");
            }
            checkType(where, property, valueType, false, problems);
            if (accessor(type, field) == null) {
                problems.add(where + ": no public accessor " + field.getName() + "()");
            }
        }
    }

    private static void checkImports(String owner, Class<?> args, JsonNode properties, Set<String> required,
                                     List<String> problems) {
        Map<String, Field> imports = BindingSamples.importNames(args);
        for (Map.Entry<String, Field> e : imports.entrySet()) {
            String where = owner + " input " + e.getKey();
            Field field = e.getValue();
            JsonNode property = properties == null ? null : properties.get(e.getKey());
            if (property == null) {
                problems.add(where + ": not an input property of the schema");
                continue;
            }
            if (field.getType() != Output.class) {
                problems.add(where + ": field is not an Output");
                continue;
            }
            checkType(where, property, BindingSamples.typeArgument(field.getGenericType(), 0), true, problems);
            boolean markedRequired = field.getAnnotation(Import.class).required();
            if (markedRequired != required.contains(e.getKey())) {
                problems.add(where + ": @Import(required=" + markedRequired + ") but the schema "
                        + (required.contains(e.getKey()) ? "requires it" : "does not require it"));
            }
        }
        for (String r : required) {
            if (!imports.containsKey(r)) {
                problems.add(owner + ": required input " + r + " has no @Import(required=true) in " + args.getSimpleName());
            }
        }
    }

    /** A result or nested output type: its builder's setters are the wire names. */
    private static void checkCustomType(String owner, Class<?> type, JsonNode objectType, List<String> problems) {
        if (!type.isAnnotationPresent(CustomType.class)) {
            problems.add(owner + ": " + type.getSimpleName() + " is not a @CustomType");
            return;
        }
        Class<?> builder = null;
        for (Class<?> inner : type.getDeclaredClasses()) {
            if (inner.isAnnotationPresent(CustomType.Builder.class)) {
                builder = inner;
            }
        }
        if (builder == null) {
            problems.add(owner + ": " + type.getSimpleName() + " has no @CustomType.Builder");
            return;
        }
        JsonNode properties = objectType.get("properties");
        for (Method setter : builder.getDeclaredMethods()) {
            CustomType.Setter annotation = setter.getAnnotation(CustomType.Setter.class);
            if (annotation == null) {
                continue;
            }
            String wire = annotation.value().isEmpty() ? setter.getName() : annotation.value();
            String where = owner + " " + type.getSimpleName() + "." + wire;
            JsonNode property = properties == null ? null : properties.get(wire);
            if (property == null) {
                problems.add(where + ": not a property of the schema");
                continue;
            }
            checkType(where, property, setter.getGenericParameterTypes()[0], false, problems);
        }
    }

    /** string/integer/boolean/number, arrays and maps by their element types, {@code $ref} by the nested class. */
    private static void checkType(String where, JsonNode property, Type javaType, boolean input, List<String> problems) {
        Class<?> raw = BindingSamples.rawClass(javaType);
        if (property.has("$ref")) {
            String ref = property.get("$ref").asText();
            if (ref.startsWith("pulumi.json#/Any")) {
                return;
            }
            String token = ref.substring("#/types/".length());
            JsonNode nested = schema.at("/types/" + pointer(token));
            if (nested.isMissingNode()) {
                problems.add(where + ": schema type " + token + " is missing from the trim");
                return;
            }
            if (input) {
                if (!InputArgs.class.isAssignableFrom(raw)) {
                    problems.add(where + ": expected an args class for " + token + ", got " + raw.getSimpleName());
                    return;
                }
                checkImports(where, raw, nested.get("properties"), requiredSet(nested.get("required")), problems);
            } else {
                checkCustomType(where, raw, nested, problems);
            }
            return;
        }
        String expected = property.path("type").asText();
        switch (expected) {
            case "string" -> expect(where, expected, raw, String.class, problems);
            case "integer" -> expect(where, expected, raw, Integer.class, problems);
            case "boolean" -> expect(where, expected, raw, Boolean.class, problems);
            case "number" -> expect(where, expected, raw, Double.class, problems);
            case "array" -> {
                if (expect(where, expected, raw, List.class, problems)) {
                    checkType(where + "[]", property.get("items"), BindingSamples.typeArgument(javaType, 0), input, problems);
                }
            }
            case "object" -> {
                if (expect(where, expected, raw, Map.class, problems)) {
                    JsonNode values = property.path("additionalProperties");
                    if (!values.isMissingNode()) {
                        checkType(where + "{}", values, BindingSamples.typeArgument(javaType, 1), input, problems);
                    }
                }
            }
            default -> problems.add(where + ": unsupported schema type '" + expected + "'");
        }
    }

    private static boolean expect(String where, String schemaType, Class<?> actual, Class<?> expected,
                                  List<String> problems) {
        if (actual != expected) {
            problems.add(where + ": schema type " + schemaType + " needs " + expected.getSimpleName() + ", binding has "
                    + actual.getSimpleName());
            return false;
        }
        return true;
    }

    /**
     * {@code builder().build()} with every required input but one set fails and names that input; with all of them
     * set it succeeds.
     */
    private static void checkBuilderRefusesMissingRequired(Class<?> args) throws ReflectiveOperationException {
        List<String> required = BindingSamples.importNames(args).entrySet().stream()
                .filter(e -> e.getValue().getAnnotation(Import.class).required())
                .map(Map.Entry::getKey)
                .toList();
        for (String missing : required) {
            Object builder = args.getMethod("builder").invoke(null);
            for (String name : required) {
                if (!name.equals(missing)) {
                    BindingSamples.set(builder, BindingSamples.importNames(args).get(name));
                }
            }
            Method build = builder.getClass().getMethod("build");
            InvocationTargetException thrown = assertThrows(InvocationTargetException.class, () -> build.invoke(builder),
                    args.getSimpleName() + " built without required input " + missing);
            assertTrue(thrown.getCause() instanceof MissingRequiredPropertyException,
                    args.getSimpleName() + ": expected MissingRequiredPropertyException, got " + thrown.getCause());
            assertTrue(thrown.getCause().getMessage().contains(missing),
                    args.getSimpleName() + ": the error must name " + missing + ": " + thrown.getCause().getMessage());
        }
        Object builder = args.getMethod("builder").invoke(null);
        for (String name : required) {
            BindingSamples.set(builder, BindingSamples.importNames(args).get(name));
        }
        Object built = builder.getClass().getMethod("build").invoke(builder);
        assertEquals(args, built.getClass());
    }

    /** An input the schema marks secret is a secret Output however the builder is given it. */
    private static void checkSecretInputs(Class<?> args, JsonNode properties) throws Exception {
        for (Map.Entry<String, Field> e : BindingSamples.importNames(args).entrySet()) {
            JsonNode property = properties.get(e.getKey());
            if (property == null || !property.path("secret").asBoolean(false)) {
                continue;
            }
            Object builder = args.getMethod("builder").invoke(null);
            Method plainSetter = builder.getClass().getMethod(e.getValue().getName(), String.class);
            plainSetter.invoke(builder, "plain-value");
            Field field = e.getValue();
            Object value = BindingSamples.builderValue(builder, field);
            assertTrue(Internal.of((Output<?>) value).isSecret().join(),
                    args.getSimpleName() + "." + e.getKey() + " is secret in the schema but not in the binding");
        }
    }

    // ---- reflection helpers -------------------------------------------------------------------------------------

    private static Method accessor(Class<?> type, Field field) {
        try {
            Method m = type.getMethod(field.getName());
            return Modifier.isPublic(m.getModifiers()) ? m : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static Set<String> requiredSet(JsonNode list) {
        Set<String> required = new TreeSet<>();
        if (list != null && list.isArray()) {
            list.forEach(n -> required.add(n.asText()));
        }
        return required;
    }

    /** A JSON pointer segment: tokens contain '/', which a pointer spells '~1'. */
    private static String pointer(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
