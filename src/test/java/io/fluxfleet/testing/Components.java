package io.fluxfleet.testing;

import com.pulumi.Context;

import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.kube.Kube;
import io.fluxfleet.render.Recorded;
import io.fluxfleet.render.RenderResult;
import io.fluxfleet.render.Renderer;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * Builds components alone, from their {@code Args}, under the recording mock: the program registers only what a test
 * builds (on the stack's explicit Kubernetes provider), so a test sees exactly what one component registered.
 */
public final class Components {
    private Components() {}

    /** A program with the explicit provider of a minimal dev stack, unprotected, and that config for test data. */
    public static RenderResult build(BiConsumer<Kube, FluxFleetConfig> program) {
        FluxFleetConfig config = Stacks.load("dev", Stacks.minimal("dev", 1));
        return Renderer.render(config, (Context ctx, FluxFleetConfig c) ->
                program.accept(new Kube(Kube.explicitProvider(c), false, c.environment()), c));
    }

    /** The component of {@code type} named {@code name}. */
    public static Recorded component(RenderResult result, String type, String name) {
        return result.find(type, name);
    }

    /** What the component of {@code type} named {@code name} registered directly, in registration order. */
    public static List<Recorded> children(RenderResult result, String type, String name) {
        String urn = component(result, type, name).urn();
        return result.resources().stream().filter(r -> r.parent().equals(urn)).toList();
    }

    /**
     * {@code <type> <name>} of each resource, sorted: registrations run concurrently, so their order is not part of
     * what a component promises (dependencies are, and tests assert those).
     */
    public static SortedSet<String> typesAndNames(List<Recorded> resources) {
        return resources.stream().map(r -> r.type() + " " + r.name()).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The child of {@code type} named {@code name} among {@code resources}. */
    public static Recorded one(List<Recorded> resources, String type, String name) {
        return resources.stream().filter(r -> r.type().equals(type) && r.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no " + type + " " + name + " in " + typesAndNames(resources)));
    }

    /** A nested input by wire path, e.g. {@code spec}, {@code url}. */
    @SuppressWarnings("unchecked")
    public static Object path(Recorded r, String... keys) {
        Object node = RenderResult.reveal(r.inputs());
        for (String key : keys) {
            node = ((Map<String, Object>) RenderResult.reveal(node)).get(key);
        }
        return RenderResult.reveal(node);
    }
}
