package io.fluxfleet.render;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.pulumi.core.internal.Constants;
import com.pulumi.core.internal.Urn;
import com.pulumi.deployment.Deployment;
import com.pulumi.resources.Resource;
import com.pulumi.test.Mocks;
import com.pulumi.test.internal.MockMonitor;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Pulumi's mock monitor, plus a record of every registration request as the engine receives it. The
 * public {@link Mocks} hook sees inputs after secrets have been unwrapped; this sees the wire form, so
 * secret-ness is exact, nested values included, and so are parent, provider, protect and dependencies.
 */
final class RecordingMonitor extends MockMonitor {
    private static final String UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    private static final String PROVIDER_TYPE_PREFIX = "pulumi:providers:";
    private final List<Recorded> recorded = Collections.synchronizedList(new ArrayList<>());
    private final java.util.concurrent.atomic.AtomicLong firstRegistration = new java.util.concurrent.atomic.AtomicLong();

    RecordingMonitor(Mocks mocks, com.pulumi.Log log) {
        super(mocks, log);
    }

    List<Recorded> recorded() {
        synchronized (recorded) {
            return List.copyOf(recorded);
        }
    }

    /** Wall-clock time (epoch ms) the first resource reached the engine, 0 if none did. */
    long firstRegistrationMillis() {
        return firstRegistration.get();
    }

    /**
     * Records the request and answers it with {@link EchoMocks#state}: the stack resource goes to the mock
     * monitor as usual, everything else is answered here without a round trip through Java maps.
     */
    @Override
    public CompletableFuture<RegisterResourceResponse> registerResourceAsync(Resource resource, RegisterResourceRequest request) {
        if (request.getType().equals("pulumi:pulumi:Stack")) {
            return super.registerResourceAsync(resource, request);
        }
        firstRegistration.compareAndSet(0, System.currentTimeMillis());
        if (!EchoMocks.known(request.getType())) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("unknown resource type " + request.getType()));
        }
        this.resources.add(resource);
        var deployment = Deployment.getInstance();
        String urn = Urn.create(deployment.getStackName(), deployment.getProjectName(), Optional.of(request.getParent()),
                request.getType(), request.getName());
        recorded.add(new Recorded(
                urn,
                request.getType(),
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
                inputs(request)));
        return CompletableFuture.completedFuture(RegisterResourceResponse.newBuilder()
                .setUrn(urn)
                .setId(request.getName() + "_id")
                .setObject(EchoMocks.state(request.getType(), request.getName(), request.getObject()))
                .build());
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
            urns.add(Urn.create(
                    spec.getStack().isEmpty() ? deployment.getStackName() : spec.getStack(),
                    spec.getProject().isEmpty() ? deployment.getProjectName() : spec.getProject(),
                    Optional.of(parent),
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
                Value sig = struct.getFieldsMap().get(Constants.SpecialSigKey);
                if (sig != null && Constants.SpecialSecretSig.equals(sig.getStringValue())) {
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
}
