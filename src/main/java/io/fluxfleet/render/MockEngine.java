package io.fluxfleet.render;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.pulumi.Context;
import com.pulumi.deployment.Deployment;
import com.pulumi.resources.ResourceTransformation;
import com.pulumi.test.Mocks;
import com.pulumi.test.TestResult;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The one engine double, for render and for the tests: it runs a program under pulumi-java's mock engine
 * ({@link PulumiSdk#run}), records every registration exactly as the engine receives it ({@link Recorded}: the wire
 * form, so secret-ness is exact, nested values included, and so are parent, provider, protect, aliases and
 * dependencies), answers it, and records every invoke. A type token that fluxfleet does not emit
 * ({@link ResourceTypes}) is refused, so a typo in a token fails loudly.
 *
 * <p>A resource's state is its inputs and its ID {@code <name>_id} (the import ID when it adopts an object, as the
 * engine does); outputs a provider computes (a deploy token's token, a random password) get a fixed stand-in derived
 * from the resource name, so a render is the same every time and nothing that looks like a credential is made up.
 * Only names are echoed for Kubernetes objects and file contents are left out for GitLab: the program reads nothing
 * else back, and the SDK converts and debug-formats every state it receives. State is built straight from the
 * registration request, without a round trip through Java maps.
 *
 * <p>Tests add what a particular provider or instance would answer: {@link #outputs}, {@link #ids}, {@link #invoke},
 * and {@link #refuse} for what it would reject. Render adds nothing.
 */
public final class MockEngine implements Mocks, PulumiSdk.Registrations {
    static final String RANDOM_PASSWORD = "random:index/randomPassword:RandomPassword";
    private static final String UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    private static final String PROVIDER_TYPE_PREFIX = "pulumi:providers:";
    private static final Set<String> METADATA_READ = Set.of("name", "namespace");
    static final String STACK_REFERENCE = "pulumi:pulumi:StackReference";

    /** One invoke as the engine saw it. */
    public record Invocation(String token, Map<String, Object> args, String provider) {}

    /** What a provider or the system behind it says to a registration: null to accept it, else its error. */
    @FunctionalInterface
    public interface Refusal {
        String check(Recorded resource, String id);
    }

    private final List<Recorded> recorded = Collections.synchronizedList(new ArrayList<>());
    private final List<Invocation> invoked = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> idsByUrn = new ConcurrentHashMap<>();
    private final AtomicLong firstRegistration = new AtomicLong();
    private final Map<String, Function<Map<String, Object>, Map<String, Object>>> outputs = new ConcurrentHashMap<>();
    private final Map<String, Function<Map<String, Object>, String>> ids = new ConcurrentHashMap<>();
    private final Map<String, Function<Map<String, Object>, Map<String, Object>>> invokes = new ConcurrentHashMap<>();
    private final List<ResourceTransformation> transformations = new CopyOnWriteArrayList<>();
    private volatile Refusal refusal = (resource, id) -> null;
    private final Map<String, Map<String, Object>> stackReferences = new ConcurrentHashMap<>();

    /** Extra state a resource of {@code type} reports besides its inputs, computed from its {@link #plain} inputs. */
    public MockEngine outputs(String type, Function<Map<String, Object>, Map<String, Object>> extra) {
        outputs.put(type, extra);
        return this;
    }

    /** The ID a created resource of {@code type} gets, from its {@link #plain} inputs (as the provider makes it). */
    public MockEngine ids(String type, Function<Map<String, Object>, String> id) {
        ids.put(type, id);
        return this;
    }

    /** The answer to an invoke of {@code token}, computed from its arguments; it replaces render's own answer. */
    public MockEngine invoke(String token, Function<Map<String, Object>, Map<String, Object>> answer) {
        invokes.put(token, answer);
        return this;
    }

    /** Refuses a registration the way the provider or the system behind it would (the run then fails with it). */
    public MockEngine refuse(Refusal refusal) {
        this.refusal = refusal;
        return this;
    }

    /** Runs {@code transformation} on every resource before it registers (tests read resource options with it). */
    public MockEngine observe(ResourceTransformation transformation) {
        transformations.add(transformation);
        return this;
    }

    /** Runs {@code program} as stack {@code stack} of project {@code fluxfleet}, logging to {@code logger}. */
    public TestResult run(String stack, Logger logger, Consumer<Context> program) {
        return PulumiSdk.run(stack, this, this, logger, List.copyOf(transformations), program);
    }

    /** Every registration so far, in the order the engine received them. */
    public List<Recorded> recorded() {
        synchronized (recorded) {
            return List.copyOf(recorded);
        }
    }

    /** The ID the engine gave a recorded resource. */
    public String id(Recorded resource) {
        return idsByUrn.get(resource.urn());
    }

    /** Every invoke so far. */
    public List<Invocation> invoked() {
        synchronized (invoked) {
            return List.copyOf(invoked);
        }
    }

    /** Wall-clock time (epoch ms) the first resource reached the engine, 0 if none did. */
    long firstRegistrationMillis() {
        return firstRegistration.get();
    }

    /**
     * Records the request and answers it: refused when its type is not one fluxfleet emits, or when a test's
     * {@link #refuse} says so; else with the state of {@link #state} plus any {@link #outputs}.
     */
    @Override
    public CompletableFuture<RegisterResourceResponse> register(RegisterResourceRequest request) {
        firstRegistration.compareAndSet(0, System.currentTimeMillis());
        String type = request.getType();
        if (!ResourceTypes.accepted(type)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("unknown resource type " + type
                    + " (not one fluxfleet emits: io.fluxfleet.render.ResourceTypes lists them)"));
        }
        var deployment = Deployment.getInstance();
        String urn = PulumiSdk.urn(deployment.getStackName(), deployment.getProjectName(), request.getParent(),
                type, request.getName());
        Recorded resource = new Recorded(
                urn,
                type,
                request.getName(),
                request.getCustom(),
                request.getParent(),
                request.getProvider(),
                request.getProtect(),
                request.hasRetainOnDelete() && request.getRetainOnDelete(),
                request.getDeleteBeforeReplaceDefined() ? Boolean.valueOf(request.getDeleteBeforeReplace()) : null,
                List.copyOf(request.getReplaceOnChangesList()),
                List.copyOf(request.getIgnoreChangesList()),
                aliases(request),
                request.getImportId(),
                List.copyOf(request.getDependenciesList()),
                inputs(request));
        Function<Map<String, Object>, String> idHook = ids.get(type);
        String id = !request.getImportId().isEmpty() ? request.getImportId()
                : idHook != null ? idHook.apply(plain(resource.inputs())) : request.getName() + "_id";
        String refused = refusal.check(resource, id);
        if (refused != null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(type + " " + request.getName() + ": " + refused));
        }
        idsByUrn.put(urn, id);
        recorded.add(resource);
        Struct.Builder state = state(type, request.getName(), request.getObject()).toBuilder();
        Function<Map<String, Object>, Map<String, Object>> extra = outputs.get(type);
        if (extra != null) {
            extra.apply(plain(resource.inputs())).forEach((k, v) -> state.putFields(k, value(v)));
        }
        return CompletableFuture.completedFuture(RegisterResourceResponse.newBuilder()
                .setUrn(urn)
                .setId(id)
                .setObject(state.build())
                .build());
    }

    /** The state a resource reports back: its inputs, trimmed to what is read, plus computed outputs. */
    static Struct state(String type, String name, Struct inputs) {
        Struct.Builder state = Struct.newBuilder();
        if (type.startsWith("kubernetes:")) {
            Value metadata = inputs.getFieldsOrDefault("metadata", null);
            if (metadata != null && metadata.hasStructValue()) {
                Struct.Builder names = Struct.newBuilder();
                metadata.getStructValue().getFieldsMap().forEach((k, v) -> {
                    if (METADATA_READ.contains(k)) {
                        names.putFields(k, v);
                    }
                });
                state.putFields("metadata", Value.newBuilder().setStructValue(names).build());
            }
            return state.build();
        }
        state.putAllFields(inputs.getFieldsMap());
        switch (type) {
            case "gitlab:index/repositoryFile:RepositoryFile" -> state.removeFields("content");
            case "gitlab:index/projectDeployToken:ProjectDeployToken" -> {
                putIfAbsent(state, "username", string("gitlab+deploy-token-" + name));
                putIfAbsent(state, "token", string("computed-by-gitlab:" + name));
            }
            case "gitlab:index/branchProtection:BranchProtection" ->
                    putIfAbsent(state, "branchProtectionId", Value.newBuilder().setNumberValue(standInId(name)).build());
            case RANDOM_PASSWORD -> {
                Value length = inputs.getFieldsOrDefault("length", null);
                int n = length != null && length.hasNumberValue() ? (int) length.getNumberValue() : 16;
                state.putFields("result", secret(string(placeholder(name, n))));
            }
            default -> { }
        }
        return state.build();
    }

    /**
     * Registrations are answered by {@link #register} (through {@link PulumiSdk}); this hook is asked only for reads,
     * and the one read fluxfleet makes is a tenant shard's stack reference to its platform stack, answered with
     * what {@link #stackReference} was given: the state the engine reads for a {@code pulumi:pulumi:StackReference}
     * ({@code name}, {@code outputs}, {@code secretOutputNames}; pulumi/pulumi pkg/resource/deploy/builtins.go,
     * {@code readStackReference}).
     */
    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        if (!STACK_REFERENCE.equals(args.type)) {
            return CompletableFuture.failedFuture(new IllegalStateException("registrations are answered by MockEngine.register"));
        }
        Map<String, Object> state = stackReferences.get(args.id);
        if (state == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("render has no state of the stack "
                    + args.id + " to answer a stack reference with"));
        }
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(args.id), state));
    }

    /** The outputs a stack reference to {@code stack} reads; {@code secret} names those that are secrets. */
    public MockEngine stackReference(String stack, Map<String, Object> outputs, Set<String> secret) {
        stackReferences.put(stack, Map.of("name", stack, "outputs", Map.copyOf(outputs),
                "secretOutputNames", List.copyOf(new java.util.TreeSet<>(secret))));
        return this;
    }

    /**
     * Invokes: a test's answer for the token, else the lookups render makes offline. A GitLab group or user ID
     * becomes a stable stand-in above 900000000 derived from its path, so approval rules keep their shape; README
     * says so. Any other invoke fails.
     */
    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        Map<String, Object> in = args.args == null ? Map.of() : args.args;
        invoked.add(new Invocation(args.token, Collections.unmodifiableMap(new LinkedHashMap<>(in)), args.provider));
        Function<Map<String, Object>, Map<String, Object>> answer = invokes.get(args.token);
        if (answer != null) {
            try {
                return CompletableFuture.completedFuture(answer.apply(in));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return switch (args.token) {
            case "gitlab:index/getGroup:getGroup" -> CompletableFuture.completedFuture(Map.of(
                    "fullPath", String.valueOf(in.get("fullPath")), "groupId", standInId(in.get("fullPath"))));
            case "gitlab:index/getUser:getUser" -> CompletableFuture.completedFuture(Map.of(
                    "username", String.valueOf(in.get("username")), "userId", standInId(in.get("username"))));
            default -> CompletableFuture.failedFuture(new IllegalArgumentException(
                    "render cannot answer the lookup " + args.token + " offline"));
        };
    }

    static int standInId(Object key) {
        return 900_000_000 + Math.floorMod(String.valueOf(key).hashCode(), 99_999_999);
    }

    /** A stand-in value of the given length: hex of SHA-256 over the resource name, repeated as needed. */
    static String placeholder(String name, int length) {
        try {
            String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(("mock-random:" + name).getBytes(StandardCharsets.UTF_8)));
            return hex.repeat(length / hex.length() + 1).substring(0, Math.max(1, length));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The inputs as the engine stores them. For a provider resource that is the request's object plus its
     * {@code version} option: the engine writes the plugin version into the provider's inputs (pulumi/pulumi
     * pkg/resource/deploy/source_eval.go, {@code RegisterResource}: "if providers.IsProviderType(t) { if
     * req.GetVersion() != "" { ... providers.SetProviderVersion(props, &version)"), so a plugin upgrade shows in the
     * render, and in {@code pulumi preview}, as a change to the provider's {@code version} input.
     */
    static Map<String, Object> inputs(RegisterResourceRequest request) {
        Map<String, Object> inputs = toMap(request.getObject());
        if (request.getType().startsWith(PROVIDER_TYPE_PREFIX) && !request.getVersion().isEmpty()) {
            inputs.put("version", request.getVersion());
        }
        return inputs;
    }

    /**
     * The URNs a resource's aliases name: given as URNs, or as specs whose missing parts default to the
     * resource's own name, type and parent, in this stack and project (as the engine resolves them).
     */
    private static List<String> aliases(RegisterResourceRequest request) {
        var deployment = Deployment.getInstance();
        List<String> urns = new ArrayList<>(request.getAliasURNsList());
        for (var alias : request.getAliasesList()) {
            if (!alias.getUrn().isEmpty()) {
                urns.add(alias.getUrn());
                continue;
            }
            var spec = alias.getSpec();
            String parent = spec.getNoParent() ? "" : spec.getParentUrn().isEmpty() ? request.getParent() : spec.getParentUrn();
            urns.add(PulumiSdk.urn(
                    spec.getStack().isEmpty() ? deployment.getStackName() : spec.getStack(),
                    spec.getProject().isEmpty() ? deployment.getProjectName() : spec.getProject(),
                    parent,
                    spec.getType().isEmpty() ? request.getType() : spec.getType(),
                    spec.getName().isEmpty() ? request.getName() : spec.getName()));
        }
        return urns.stream().distinct().sorted().toList();
    }

    static Map<String, Object> toMap(Struct struct) {
        Map<String, Object> map = new LinkedHashMap<>();
        struct.getFieldsMap().forEach((k, v) -> map.put(k, toJava(v)));
        return map;
    }

    private static Object toJava(Value value) {
        return switch (value.getKindCase()) {
            case NULL_VALUE, KIND_NOT_SET -> null;
            case BOOL_VALUE -> value.getBoolValue();
            case STRING_VALUE -> value.getStringValue().equals(UNKNOWN) ? "[unknown]" : value.getStringValue();
            case NUMBER_VALUE -> {
                double d = value.getNumberValue();
                yield d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
            }
            case LIST_VALUE -> toList(value.getListValue());
            case STRUCT_VALUE -> {
                Struct struct = value.getStructValue();
                Value sig = struct.getFieldsMap().get(PulumiSdk.SIGNATURE_KEY);
                if (sig != null && PulumiSdk.SECRET_SIGNATURE.equals(sig.getStringValue())) {
                    yield new Recorded.SecretValue(toJava(struct.getFieldsMap().get("value")));
                }
                yield toMap(struct);
            }
        };
    }

    private static List<Object> toList(ListValue list) {
        List<Object> result = new ArrayList<>();
        list.getValuesList().forEach(v -> result.add(toJava(v)));
        return result;
    }

    /**
     * Recorded inputs as pulumi-java's {@link Mocks} hook hands them to a test: secrets unwrapped, and numbers (the
     * engine carries every number as a double) whole ones as integers, as the bindings type them.
     */
    public static Map<String, Object> plain(Map<String, Object> inputs) {
        @SuppressWarnings("unchecked")
        Map<String, Object> plain = (Map<String, Object>) plainValue(inputs);
        return plain;
    }

    private static Object plainValue(Object value) {
        if (value instanceof Recorded.SecretValue secret) {
            return plainValue(secret.value());
        }
        if (value instanceof Long l) {
            return l.intValue();
        }
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return d.intValue();
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), plainValue(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> l) {
            return l.stream().map(MockEngine::plainValue).toList();
        }
        return value;
    }

    /** A plain Java value (a test's extra output) in the engine's wire form. */
    private static Value value(Object v) {
        if (v == null) {
            return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
        }
        if (v instanceof String s) {
            return string(s);
        }
        if (v instanceof Boolean b) {
            return Value.newBuilder().setBoolValue(b).build();
        }
        if (v instanceof Number n) {
            return Value.newBuilder().setNumberValue(n.doubleValue()).build();
        }
        if (v instanceof Map<?, ?> m) {
            Struct.Builder struct = Struct.newBuilder();
            m.forEach((k, x) -> struct.putFields(String.valueOf(k), value(x)));
            return Value.newBuilder().setStructValue(struct).build();
        }
        if (v instanceof List<?> l) {
            ListValue.Builder list = ListValue.newBuilder();
            l.forEach(x -> list.addValues(value(x)));
            return Value.newBuilder().setListValue(list).build();
        }
        return string(String.valueOf(v));
    }

    private static void putIfAbsent(Struct.Builder state, String key, Value value) {
        if (!state.containsFields(key)) {
            state.putFields(key, value);
        }
    }

    private static Value string(String s) {
        return Value.newBuilder().setStringValue(s).build();
    }

    /** A value in the engine's wire form of a secret. */
    private static Value secret(Value value) {
        return Value.newBuilder().setStructValue(Struct.newBuilder()
                .putFields(PulumiSdk.SIGNATURE_KEY, string(PulumiSdk.SECRET_SIGNATURE))
                .putFields("value", value)).build();
    }
}
