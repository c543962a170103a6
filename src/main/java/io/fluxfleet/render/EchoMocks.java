package io.fluxfleet.render;

import com.pulumi.core.Output;
import com.pulumi.test.Mocks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The engine double for render and tests: every resource's state is its inputs, its ID is
 * {@code <name>_id}. Outputs a provider computes (a deploy token's token) get a fixed stand-in derived from
 * the resource name, so a render is the same every time and nothing that looks like a credential is made up.
 * A type outside the providers fluxfleet uses is refused, so a typo in a type token fails loudly.
 *
 * <p>A {@code RandomPassword}'s {@code result} is a placeholder of the requested length derived from the resource's
 * name, returned as a secret, as the real provider returns it.
 */
final class EchoMocks implements Mocks {
    /** The outputs of Kubernetes resources the program reads; anything else would not be used. */
    static final java.util.Set<String> KUBERNETES_OUTPUTS_READ = java.util.Set.of("apiVersion", "kind", "metadata");
    static final List<String> KNOWN_PREFIXES = List.of("kubernetes:", "gitlab:", "random:", "fluxfleet:", "pulumi:providers:");
    static final String RANDOM_PASSWORD = "random:index/randomPassword:RandomPassword";

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        if (KNOWN_PREFIXES.stream().noneMatch(args.type::startsWith)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("unknown resource type " + args.type));
        }
        Map<String, Object> state = new HashMap<>(args.inputs);
        // The program reads back only names from Kubernetes objects and no file content from GitLab. Echoing
        // the bulky parts too costs the SDK a conversion and a debug-formatted copy per resource: with them,
        // a 500-tenant render took about twice as long.
        if (args.type.startsWith("kubernetes:")) {
            state.keySet().retainAll(KUBERNETES_OUTPUTS_READ);
            if (state.get("metadata") instanceof Map<?, ?> metadata) {
                Map<String, Object> names = new HashMap<>();
                for (String key : List.of("name", "namespace")) {
                    if (metadata.get(key) != null) {
                        names.put(key, metadata.get(key));
                    }
                }
                state.put("metadata", names);
            }
        } else if (args.type.startsWith("gitlab:")) {
            state.remove("content");
        }
        switch (args.type) {
            case "gitlab:index/projectDeployToken:ProjectDeployToken" -> {
                state.putIfAbsent("username", "gitlab+deploy-token-" + args.name);
                state.putIfAbsent("token", "computed-by-gitlab:" + args.name);
            }
            case "gitlab:index/branchProtection:BranchProtection" -> state.putIfAbsent("branchProtectionId", standInId(args.name));
            case RANDOM_PASSWORD -> {
                Object length = args.inputs.get("length");
                state.put("result", Output.ofSecret(placeholder(args.name, length instanceof Number n ? n.intValue() : 16)));
            }
            default -> { }
        }
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(args.name + "_id"), state));
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
}
