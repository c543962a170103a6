package io.fluxfleet.render;

import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.ResourceArgs;

import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.flux.FluxKind;
import io.fluxfleet.testing.Stacks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ResourceTypes} is exact: what the program registers is on it, what is on it the program declares, and the
 * engine double refuses anything else, in render and in the tests alike.
 */
class ResourceTypesTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final Pattern CLASS_REFERENCE =
            Pattern.compile("\\b((?:com\\.pulumi|io\\.fluxfleet)(?:\\.[a-z][a-z0-9_]*)+\\.[A-Z][A-Za-z0-9_]*)");
    private static final Pattern COMPONENT_TOKEN = Pattern.compile("\"(fluxfleet:[a-z]+:[A-Z][A-Za-z0-9]*)\"");

    @Test
    void theListHasNoDuplicates() {
        assertEquals(ResourceTypes.EMITTED.size(), Set.copyOf(ResourceTypes.EMITTED).size(), ResourceTypes.EMITTED.toString());
    }

    /** Every registration of the committed stacks, and of a stack with every optional section, is on the list. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "preprod", "prod"})
    void everyTokenTheStacksRegisterIsOnTheList(String stack) {
        for (FluxFleetConfig config : List.of(Stacks.committed(stack),
                Stacks.load(stack, Stacks.withSharedInfra(Stacks.minimal(stack, 2))))) {
            Set<String> registered = new TreeSet<>();
            Stacks.render(config).resources().forEach(r -> registered.add(r.type()));
            registered.remove("pulumi:pulumi:Stack");
            assertFalse(registered.isEmpty());
            Set<String> missing = new TreeSet<>(registered);
            missing.removeAll(ResourceTypes.EMITTED);
            assertEquals(Set.of(), missing, "registered by " + stack + " but not on ResourceTypes.EMITTED");
        }
    }

    /**
     * The list is exactly what the program declares: the type of every resource class production code refers to
     * ({@code @ResourceType} on fluxfleet's bindings and the Kubernetes SDK's classes), every Flux kind, and every
     * component's token.
     */
    @Test
    void theListIsExactlyWhatTheProgramDeclares() throws IOException {
        Set<String> declared = new TreeSet<>();
        for (FluxKind kind : FluxKind.values()) {
            declared.add(kind.typeToken());
        }
        for (String kind : List.of(io.fluxfleet.admission.AdmissionObject.POLICY, io.fluxfleet.admission.AdmissionObject.BINDING)) {
            declared.add(io.fluxfleet.admission.AdmissionObject.typeToken(kind));
        }
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String relative = MAIN.relativize(file).toString().replace('\\', '/');
                if (relative.equals("io/fluxfleet/render/ResourceTypes.java")) {
                    continue;
                }
                String source = Files.readString(file);
                List<String> classes = new ArrayList<>();
                classes.add(relative.substring(0, relative.length() - ".java".length()).replace('/', '.'));
                Matcher reference = CLASS_REFERENCE.matcher(source);
                while (reference.find()) {
                    classes.add(reference.group(1));
                }
                for (String name : classes) {
                    resourceType(name).ifPresent(declared::add);
                }
                Matcher token = COMPONENT_TOKEN.matcher(source);
                while (token.find()) {
                    declared.add(token.group(1));
                }
            }
        }
        assertEquals(new TreeSet<>(ResourceTypes.EMITTED), declared,
                "ResourceTypes.EMITTED must list exactly the types the program declares");
    }

    private static java.util.Optional<String> resourceType(String className) {
        try {
            Class<?> c = Class.forName(className, false, ResourceTypesTest.class.getClassLoader());
            ResourceType type = c.getAnnotation(ResourceType.class);
            if (type != null && !type.type().equals("pulumi:pulumi:Stack")) {
                return java.util.Optional.of(type.type());
            }
            if (ComponentResource.class.isAssignableFrom(c)) {
                return java.util.Optional.empty(); // a component's token is a literal, found by COMPONENT_TOKEN
            }
            return java.util.Optional.empty();
        } catch (ClassNotFoundException | LinkageError e) {
            return java.util.Optional.empty(); // a package name followed by a capitalised word in prose
        }
    }

    /** A token off the list fails the run, in render: a typo, an older Flux API version, another provider's type. */
    @ParameterizedTest
    @ValueSource(strings = {
        "kubernetes:source.toolkit.fluxcd.io/v1beta2:GitRepository",
        "kubernetes:source.toolkit.fluxcd.io/v1:GitRepo",
        "kubernetes:apps/v1:Deployment",
    })
    void anUnknownTokenFailsTheRender(String type) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Renderer.render(Stacks.committed("dev"),
                (ctx, config) -> new Stray(type)));
        assertTrue(String.valueOf(e.getMessage()).contains("unknown resource type " + type), e.getMessage());
    }

    /** The same refusal in the tests' view of the engine (GitLab tests, scenario tests). */
    @Test
    void anUnknownTokenFailsUnderTheTestsEngineToo() {
        MockEngine engine = new MockEngine();
        var result = engine.run("test", java.util.logging.Logger.getLogger("fluxfleet.test"),
                ctx -> new Stray("kubernetes:example.com/v1:Thing"));
        assertFalse(result.exceptions().isEmpty(), "the run reports the refusal");
        assertTrue(result.exceptions().stream().anyMatch(x -> String.valueOf(x.getMessage())
                .contains("unknown resource type kubernetes:example.com/v1:Thing")), result.exceptions().toString());
        assertEquals(List.of(), engine.recorded(), "a refused registration is not recorded");
    }

    /** A resource of any type token, as a mistyped binding or custom resource would register it. */
    private static final class Stray extends CustomResource {
        Stray(String type) {
            super(type, "stray", ResourceArgs.Empty, null);
        }
    }

    @Test
    void everyListedTokenIsAccepted() {
        ResourceTypes.EMITTED.forEach(t -> assertTrue(ResourceTypes.emitted(t) && ResourceTypes.accepted(t), t));
        assertFalse(ResourceTypes.accepted("kubernetes:"));
        assertFalse(ResourceTypes.accepted("gitlab:index/group:Group"));
    }

    /** Test scaffolding has its own module; it is accepted but never emitted, and nothing near it is accepted. */
    @Test
    void onlyTheReservedModuleIsScaffolding() {
        assertTrue(ResourceTypes.accepted("fluxfleet:test:Charts"));
        assertFalse(ResourceTypes.emitted("fluxfleet:test:Charts"));
        for (String near : List.of("fluxfleet:test:", "fluxfleet:tests:Charts", "fluxfleet:infra:Charts",
                "fluxfleet:test:a:b", "kubernetes:fluxfleet:test:Charts")) {
            assertFalse(ResourceTypes.accepted(near), near);
        }
    }
}
