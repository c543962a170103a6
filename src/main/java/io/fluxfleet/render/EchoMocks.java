package io.fluxfleet.render;

import com.pulumi.test.Mocks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The engine double for render and tests: every resource's state is its inputs, its ID is
 * {@code <name>_id}. Outputs a provider computes (a deploy token's token) get a fixed stand-in derived from
 * the resource name, so a render is the same every time and nothing that looks like a credential is made up.
 * A type outside the providers fluxfleet uses is refused, so a typo in a type token fails loudly.
 */
final class EchoMocks implements Mocks {
    /** The outputs of Kubernetes resources the program reads; anything else would not be used. */
    static final java.util.Set<String> KUBERNETES_OUTPUTS_READ = java.util.Set.of("apiVersion", "kind", "metadata");
    static final List<String> KNOWN_PREFIXES = List.of("kubernetes:", "gitlab:", "random:", "fluxfleet:", "pulumi:providers:");

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        if (KNOWN_PREFIXES.stream().noneMatch(args.type::startsWith)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("unknown resource type " + args.type));
        }
        Map<String, Object> state = new HashMap<>(args.inputs);
        if (args.type.startsWith("kubernetes:")) {
            // The program reads only metadata back from Kubernetes objects. Echoing the bulky parts too costs
            // the SDK a deserialization and a debug-formatted copy per resource, about a third of render time.
            state.keySet().retainAll(KUBERNETES_OUTPUTS_READ);
        }
        switch (args.type) {
            case "gitlab:index/projectDeployToken:ProjectDeployToken" -> {
                state.putIfAbsent("username", "gitlab+deploy-token-" + args.name);
                state.putIfAbsent("token", "computed-by-gitlab:" + args.name);
            }
            case "gitlab:index/branchProtection:BranchProtection" -> state.putIfAbsent("branchProtectionId", standInId(args.name));
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
}
