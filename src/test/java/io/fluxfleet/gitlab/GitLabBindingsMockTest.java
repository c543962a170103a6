package io.fluxfleet.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.pulumi.core.annotations.CustomType;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.test.PulumiTest;
import io.fluxfleet.gitlab.GitLabBindings.FunctionBinding;
import io.fluxfleet.bindings.TrimProviderSchema;
import io.fluxfleet.gitlab.GitLabBindings.ResourceBinding;
import io.fluxfleet.gitlab.bindings.GitLabPlugin;
import io.fluxfleet.gitlab.bindings.Provider;
import io.fluxfleet.gitlab.bindings.ProviderArgs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every binding, run under Pulumi's mock engine: a resource registers with its type token, every input under its
 * schema wire name, the pinned plugin version, the explicit provider and the schema's secret outputs; a data source
 * invokes its token with wire-named arguments and reads a result back into its typed class.
 */
class GitLabBindingsMockTest {
    private static JsonNode schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = GitLabBindingsMockTest.class.getResourceAsStream("/pulumi-gitlab-schema.trimmed.json")) {
            schema = TrimProviderSchema.JSON.readTree(in);
        }
    }

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    @TestFactory
    Stream<DynamicTest> resourcesRegisterWithTheirTokenAndWireNames() {
        return GitLabBindings.resources().stream().map(r -> DynamicTest.dynamicTest(r.token(), () -> {
            try {
                registersWithTokenAndWireNames(r);
            } finally {
                PulumiTest.cleanup();
            }
        }));
    }

    private static void registersWithTokenAndWireNames(ResourceBinding r) {
        GitLabMocks mocks = new GitLabMocks();
        mocks.run(ctx -> {
            try {
                Object args = BindingSamples.build(BindingSamples.builderWithAllInputs(r.args()));
                CustomResourceOptions options = r.isProvider() ? null : CustomResourceOptions.builder()
                        .provider(new Provider("gitlab", ProviderArgs.builder().baseUrl("https://gitlab.test/api/v4/").build()))
                        .build();
                r.type().getConstructor(String.class, r.args(), CustomResourceOptions.class).newInstance("subject", args, options);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
        String registeredType = r.isProvider() ? GitLabBindings.PROVIDER_TOKEN : r.token();
        GitLabMocks.Registered subject = mocks.find(registeredType, "subject");
        assertEquals(BindingSamples.importNames(r.args()).keySet(), subject.inputs().keySet(), "inputs by wire name");
        assertEquals(Optional.of(GitLabPlugin.VERSION), subject.version(), "the plugin version is pinned");
        if (!r.isProvider()) {
            assertTrue(subject.provider().contains("pulumi:providers:gitlab::gitlab"), "the explicit provider: " + subject.provider());
        }
        JsonNode node = r.isProvider() ? schema.get("provider") : schema.at("/resources/" + r.token().replace("/", "~1"));
        Set<String> secretOutputs = new TreeSet<>();
        node.get("properties").fields().forEachRemaining(e -> {
            if (e.getValue().path("secret").asBoolean(false)) {
                secretOutputs.add(e.getKey());
            }
        });
        assertEquals(secretOutputs, new TreeSet<>(subject.additionalSecretOutputs()),
                "the schema's secret outputs stay secret in the state");
    }

    @TestFactory
    Stream<DynamicTest> functionsInvokeTheirTokenAndReadTheirResult() {
        return GitLabBindings.functions().stream().map(f -> DynamicTest.dynamicTest(f.token(), () -> {
            try {
                invokesAndReads(f);
            } finally {
                PulumiTest.cleanup();
            }
        }));
    }

    private static void invokesAndReads(FunctionBinding f) throws Exception {
        Map<String, Object> answer = sampleResult(f.result());
        GitLabMocks mocks = new GitLabMocks().invoke(f.token(), args -> answer);
        AtomicReference<Object> result = new AtomicReference<>();
        mocks.run(ctx -> {
            try {
                Provider provider = new Provider("gitlab", ProviderArgs.builder().baseUrl("https://gitlab.test/api/v4/").build());
                Object args = BindingSamples.build(BindingSamples.builderWithAllInputs(f.args()));
                Method plain = f.method().getDeclaringClass().getMethod(f.method().getName() + "Plain", f.method().getParameterTypes());
                result.set(((CompletableFuture<?>) plain.invoke(null, args, InvokeOptions.builder().provider(provider).build())).join());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
        GitLabMocks.Invoked invoked = mocks.invoked().get(0);
        assertEquals(f.token(), invoked.token());
        assertEquals(BindingSamples.importNames(f.args()).keySet(), invoked.args().keySet(), "arguments by wire name");
        assertTrue(invoked.provider().contains("pulumi:providers:gitlab::gitlab"), "the explicit provider");
        for (Method setter : setters(f.result())) {
            String wire = wireName(setter);
            Object value = f.result().getMethod(setter.getName()).invoke(result.get());
            Object read = value instanceof Optional<?> o ? o.orElse(null) : value;
            assertTrue(read != null, f.result().getSimpleName() + "." + wire + " was not read");
            Class<?> expected = BindingSamples.rawClass(setter.getGenericParameterTypes()[0]);
            if (read instanceof java.util.List<?> list) {
                Class<?> element = BindingSamples.rawClass(BindingSamples.typeArgument(setter.getGenericParameterTypes()[0], 0));
                assertTrue(element.isInstance(list.get(0)), f.result().getSimpleName() + "." + wire + " elements are "
                        + list.get(0).getClass().getSimpleName() + ", not " + element.getSimpleName());
            } else {
                assertTrue(expected.isInstance(read), f.result().getSimpleName() + "." + wire + " is " + read.getClass());
            }
        }
    }

    /** A result map with a sample value under every setter's wire name (nested custom types as maps). */
    private static Map<String, Object> sampleResult(Class<?> type) throws ReflectiveOperationException {
        Map<String, Object> values = new HashMap<>();
        for (Method setter : setters(type)) {
            values.put(wireName(setter), sampleWire(setter.getGenericParameterTypes()[0]));
        }
        return values;
    }

    private static Object sampleWire(java.lang.reflect.Type type) throws ReflectiveOperationException {
        Class<?> raw = BindingSamples.rawClass(type);
        if (raw == java.util.List.class) {
            return java.util.List.of(sampleWire(BindingSamples.typeArgument(type, 0)));
        }
        if (raw.isAnnotationPresent(CustomType.class)) {
            return sampleResult(raw);
        }
        return BindingSamples.sample(type);
    }

    private static java.util.List<Method> setters(Class<?> type) {
        for (Class<?> inner : type.getDeclaredClasses()) {
            if (inner.isAnnotationPresent(CustomType.Builder.class)) {
                return Stream.of(inner.getDeclaredMethods()).filter(m -> m.isAnnotationPresent(CustomType.Setter.class)).toList();
            }
        }
        throw new IllegalArgumentException(type + " has no @CustomType.Builder");
    }

    private static String wireName(Method setter) {
        String value = setter.getAnnotation(CustomType.Setter.class).value();
        return value.isEmpty() ? setter.getName() : value;
    }

    @Test
    void providerTokenIsASecretInput() {
        GitLabMocks mocks = new GitLabMocks();
        AtomicReference<Provider> provider = new AtomicReference<>();
        mocks.run(ctx -> provider.set(new Provider("gitlab", ProviderArgs.builder()
                .baseUrl("https://gitlab.test/api/v4/").token("glpat-secret").build())));
        assertEquals("glpat-secret", mocks.find(GitLabBindings.PROVIDER_TOKEN, "gitlab").input("token"));
    }
}
