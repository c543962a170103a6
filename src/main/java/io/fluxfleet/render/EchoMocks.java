package io.fluxfleet.render;

import com.pulumi.core.Output;
import com.pulumi.test.Mocks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The engine double for render and tests: every resource's state is its inputs, its ID is
 * {@code <name>_id}. A type outside the providers fluxfleet uses is refused, so a typo in a type token
 * fails loudly instead of rendering.
 *
 * <p>Outputs a provider computes get a stand-in: a {@code RandomPassword}'s {@code result} is a placeholder of the
 * requested length derived from the resource's name, so render output is the same on every run, and it is returned
 * as a secret, as the real provider returns it.
 */
final class EchoMocks implements Mocks {
    static final List<String> KNOWN_PREFIXES = List.of("kubernetes:", "gitlab:", "random:", "fluxfleet:", "pulumi:providers:");
    static final String RANDOM_PASSWORD = "random:index/randomPassword:RandomPassword";

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        if (KNOWN_PREFIXES.stream().noneMatch(args.type::startsWith)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("unknown resource type " + args.type));
        }
        Object state = args.inputs;
        if (args.type.equals(RANDOM_PASSWORD)) {
            Map<String, Object> computed = new LinkedHashMap<>(args.inputs);
            Object length = args.inputs.get("length");
            computed.put("result", Output.ofSecret(placeholder(args.name, length instanceof Number n ? n.intValue() : 16)));
            state = computed;
        }
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(args.name + "_id"), state));
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
