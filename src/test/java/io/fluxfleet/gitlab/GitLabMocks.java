package io.fluxfleet.gitlab;

import com.pulumi.Context;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import com.pulumi.resources.ResourceOptions;
import com.pulumi.resources.ResourceTransformation;
import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The recording engine double for GitLab tests: it records every registered resource (type, name, inputs by wire
 * name, provider, import ID) and, through a resource transformation, the options it was registered with. A
 * resource's state is its inputs plus any outputs a test declares for its type; its ID is the import ID when there
 * is one, else {@code <name>_id}. Invokes are answered per token by the test; a type or invoke nobody declared is
 * refused, so a typo in a token fails loudly.
 */
public final class GitLabMocks implements Mocks {
    private static final List<String> KNOWN_PREFIXES = List.of("gitlab:", "fluxfleet:", "pulumi:providers:");

    /** One registered resource as the engine saw it (no import: {@code importId} null), with the ID it got. */
    public record Registered(String type, String name, Map<String, Object> inputs, String provider, String importId,
                             ResourceOptions options, String id) {
        @SuppressWarnings("unchecked")
        public <T> T input(String wireName) {
            return (T) inputs.get(wireName);
        }

        public List<String> ignoreChanges() {
            return options == null ? List.of() : options.getIgnoreChanges();
        }

        public boolean retainOnDelete() {
            return options != null && options.isRetainOnDelete();
        }

        public Optional<String> version() {
            return options == null ? Optional.empty() : options.getVersion();
        }

        public List<String> additionalSecretOutputs() {
            return options instanceof CustomResourceOptions c ? c.getAdditionalSecretOutputs() : List.of();
        }
    }

    /** One invoke as the engine saw it. */
    public record Invoked(String token, Map<String, Object> args, String provider) {}

    private final List<Registered> registered = Collections.synchronizedList(new ArrayList<>());
    private final List<Invoked> invoked = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, ResourceOptions> optionsByName = Collections.synchronizedMap(new HashMap<>());
    private final Map<String, Function<Map<String, Object>, Map<String, Object>>> outputs = new HashMap<>();
    private final Map<String, Function<Map<String, Object>, Map<String, Object>>> invokes = new HashMap<>();
    private final Map<String, Function<Map<String, Object>, String>> ids = new HashMap<>();
    private Rule rule = (type, inputs, importId, before) -> null;

    /** What the provider or API says to a resource registration: null to accept it, else its error. */
    @FunctionalInterface
    public interface Rule {
        String check(String type, Map<String, Object> inputs, String importId, List<Registered> registeredBefore);
    }

    /** Refuses a registration the way the provider or GitLab would (the run then fails with that message). */
    public GitLabMocks rule(Rule rule) {
        this.rule = rule;
        return this;
    }

    /** Extra state a resource of {@code type} reports besides its inputs, computed from its inputs. */
    public GitLabMocks outputs(String type, Function<Map<String, Object>, Map<String, Object>> extra) {
        outputs.put(type, extra);
        return this;
    }

    /** The ID a created resource of {@code type} gets, from its inputs (as the provider would make it). */
    public GitLabMocks ids(String type, Function<Map<String, Object>, String> id) {
        ids.put(type, id);
        return this;
    }

    /** The answer to an invoke of {@code token}, computed from its arguments. */
    public GitLabMocks invoke(String token, Function<Map<String, Object>, Map<String, Object>> answer) {
        invokes.put(token, answer);
        return this;
    }

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        if (KNOWN_PREFIXES.stream().noneMatch(args.type::startsWith)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("unknown resource type " + args.type));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> inputs = args.inputs == null ? Map.of() : (Map<String, Object>) wholeNumbers(args.inputs);
        Map<String, Object> state = new HashMap<>(inputs);
        Function<Map<String, Object>, Map<String, Object>> extra = outputs.get(args.type);
        if (extra != null) {
            state.putAll(extra.apply(inputs));
        }
        String id = args.id != null && !args.id.isEmpty() ? args.id
                : ids.containsKey(args.type) ? ids.get(args.type).apply(inputs) : args.name + "_id";
        String importId = args.id == null || args.id.isEmpty() ? null : args.id;
        String refused = rule.check(args.type, inputs, importId, registered());
        if (refused != null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(args.type + " " + args.name + ": " + refused));
        }
        registered.add(new Registered(args.type, args.name, inputs, args.provider, importId,
                optionsByName.get(args.type + "::" + args.name), id));
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(id), state));
    }

    /** The engine carries every number as a double; whole ones read back as integers, as the bindings type them. */
    private static Object wholeNumbers(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return d.intValue();
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new java.util.LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), wholeNumbers(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> l) {
            return l.stream().map(GitLabMocks::wholeNumbers).toList();
        }
        return value;
    }

    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        Map<String, Object> callArgs = args.args == null ? Map.of() : Map.copyOf(args.args);
        invoked.add(new Invoked(args.token, callArgs, args.provider));
        Function<Map<String, Object>, Map<String, Object>> answer = invokes.get(args.token);
        if (answer == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("unexpected invoke " + args.token));
        }
        return CompletableFuture.completedFuture(answer.apply(callArgs));
    }

    /** Runs a program under these mocks, recording each resource's options, and fails on any error it reports. */
    public TestResult run(Consumer<Context> program) {
        ResourceTransformation record = transformation -> {
            Resource resource = transformation.resource();
            optionsByName.put(resource.pulumiResourceType() + "::" + resource.pulumiResourceName(),
                    transformation.options());
            return Optional.empty();
        };
        return PulumiTest.withMocks(this)
                .withOptions(TestOptions.builder()
                        .projectName("fluxfleet")
                        .stackName("test")
                        .resourceTransformations(List.of(record))
                        .build())
                .runTest(program)
                .throwOnError();
    }

    public List<Registered> registered() {
        return List.copyOf(registered);
    }

    public List<Invoked> invoked() {
        return List.copyOf(invoked);
    }

    public List<Registered> all(String type) {
        return registered().stream().filter(r -> r.type().equals(type)).toList();
    }

    public Registered find(String type, String name) {
        return registered().stream()
                .filter(r -> r.type().equals(type) && r.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " named " + name + "; registered: "
                        + registered().stream().map(r -> r.type() + " " + r.name()).toList()));
    }

    public Optional<Registered> maybe(String type, String name) {
        return registered().stream().filter(r -> r.type().equals(type) && r.name().equals(name)).findFirst();
    }
}
