package io.fluxfleet.render;

import com.pulumi.test.Mocks;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The engine double for render and tests: every resource's state is its inputs, its ID is
 * {@code <name>_id}. A type outside the providers fluxfleet uses is refused, so a typo in a type token
 * fails loudly instead of rendering.
 */
final class EchoMocks implements Mocks {
    static final List<String> KNOWN_PREFIXES = List.of("kubernetes:", "gitlab:", "random:", "fluxfleet:", "pulumi:providers:");

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        if (KNOWN_PREFIXES.stream().noneMatch(args.type::startsWith)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("unknown resource type " + args.type));
        }
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(args.name + "_id"), args.inputs));
    }
}
