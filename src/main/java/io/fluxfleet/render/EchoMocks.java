package io.fluxfleet.render;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.pulumi.test.Mocks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The engine double for render and tests. A resource's state is its inputs, its ID {@code <name>_id}; outputs
 * a provider computes (a deploy token's token, a random password) get a fixed stand-in derived from the
 * resource name, so a render is the same every time and nothing that looks like a credential is made up. A
 * type outside the providers fluxfleet uses is refused, so a typo in a type token fails loudly.
 *
 * <p>State is built straight from the registration request ({@link #state}), which {@link RecordingMonitor}
 * answers itself: going through the map-based {@link Mocks} hook would deserialize and re-serialize every
 * resource once more. Only names are echoed for Kubernetes objects and file contents are left out for GitLab:
 * the program reads nothing else back, and the SDK converts and debug-formats every state it receives.
 */
final class EchoMocks implements Mocks {
    static final List<String> KNOWN_PREFIXES = List.of("kubernetes:", "gitlab:", "random:", "fluxfleet:", "pulumi:providers:");
    static final String RANDOM_PASSWORD = "random:index/randomPassword:RandomPassword";
    private static final Set<String> METADATA_READ = Set.of("name", "namespace");

    static boolean known(String type) {
        return KNOWN_PREFIXES.stream().anyMatch(type::startsWith);
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

    /** Registrations are answered by {@link RecordingMonitor}; this hook is never asked. */
    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        return CompletableFuture.failedFuture(new IllegalStateException("registrations are answered by RecordingMonitor"));
    }

    /**
     * Lookups render cannot make offline. A GitLab group or user ID becomes a stable stand-in above 900000000
     * derived from its path, so approval rules keep their shape; README says so.
     */
    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        Map<String, Object> in = args.args == null ? Map.of() : args.args;
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
