package io.fluxfleet.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.internal.Internal;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import io.fluxfleet.bindings.TrimProviderSchema;
import io.fluxfleet.gitlab.GitLabBindings.ResourceBinding;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two things the generated args builders promise, held for every GitLab resource: {@code build()} refuses a missing
 * required input and names it, and an input the schema marks secret is a secret {@code Output} however it is given
 * (the provider's token, a project hook's token). pulumi's Node.js codegen does the same for secret inputs
 * ({@code pulumi/pulumi pkg/codegen/nodejs/gen.go}: {@code if prop.Secret { arg = pulumi.secret(...) }}).
 */
class GeneratedArgsTest {

    @TestFactory
    Stream<DynamicTest> builders() throws IOException {
        JsonNode schema = TrimProviderSchema.JSON.readTree(TrimProviderSchema.trimmed("gitlab").toFile());
        return GitLabBindings.resources().stream().map(r -> DynamicTest.dynamicTest(r.token(), () -> {
            JsonNode node = r.isProvider() ? schema.get("provider") : schema.path("resources").get(r.token());
            refusesMissingRequiredInputs(r);
            secretInputsStaySecret(r, node.get("inputProperties"));
        }));
    }

    private static void refusesMissingRequiredInputs(ResourceBinding r) throws ReflectiveOperationException {
        Map<String, Field> imports = BindingSamples.importNames(r.args());
        List<String> required = imports.entrySet().stream()
                .filter(e -> e.getValue().getAnnotation(Import.class).required()).map(Map.Entry::getKey).toList();
        for (String missing : required) {
            Object builder = r.args().getMethod("builder").invoke(null);
            for (String name : required) {
                if (!name.equals(missing)) {
                    BindingSamples.set(builder, imports.get(name));
                }
            }
            InvocationTargetException thrown = assertThrows(InvocationTargetException.class,
                    () -> BindingSamples.build(builder), r.args().getSimpleName() + " built without " + missing);
            assertInstanceOf(MissingRequiredPropertyException.class, thrown.getCause());
            assertTrue(thrown.getCause().getMessage().contains(missing), thrown.getCause().getMessage());
        }
        Object builder = r.args().getMethod("builder").invoke(null);
        for (String name : required) {
            BindingSamples.set(builder, imports.get(name));
        }
        assertEquals(r.args(), BindingSamples.build(builder).getClass());
    }

    private static void secretInputsStaySecret(ResourceBinding r, JsonNode inputs) throws Exception {
        int secrets = 0;
        for (Map.Entry<String, Field> e : BindingSamples.importNames(r.args()).entrySet()) {
            if (!inputs.path(e.getKey()).path("secret").asBoolean(false)) {
                continue;
            }
            secrets++;
            Field field = e.getValue();
            Object plain = r.args().getMethod("builder").invoke(null);
            plain.getClass().getMethod(field.getName(), String.class).invoke(plain, "plain-value");
            Object viaOutput = r.args().getMethod("builder").invoke(null);
            Method outputSetter = viaOutput.getClass().getMethod(field.getName(), Output.class);
            outputSetter.invoke(viaOutput, Output.of("plain-value"));
            for (Object builder : List.of(plain, viaOutput)) {
                Output<?> value = (Output<?>) BindingSamples.builderValue(builder, field);
                assertTrue(Internal.of(value).isSecret().join(), r.token() + " input " + e.getKey() + " is not secret");
            }
        }
        if (r.token().equals(GitLabBindings.PROVIDER_TOKEN) || r.token().equals("gitlab:index/projectHook:ProjectHook")) {
            assertFalse(secrets == 0, r.token() + " has secret inputs in the schema; the check found none");
        }
    }
}
