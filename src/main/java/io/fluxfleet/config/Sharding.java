package io.fluxfleet.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a stack takes part in a sharded environment (README "Large fleets"). Three layouts:
 * <ul>
 *   <li><b>plain</b> (the default): one stack owns the whole environment, tenants included;</li>
 *   <li><b>platform</b>: the stack file names its shards ({@code fluxfleet:shards}); the stack owns Flux, the shared
 *       infrastructure, Harbor access and the GitLab provider, and no tenant; it exports what the shards read
 *       ({@link #inherited}, the shared prerequisites);</li>
 *   <li><b>shard</b>: stack {@code <platform>-tenants-<shard>}, whose file names its platform stack
 *       ({@code fluxfleet:platform}) and lists its tenants; everything else of its config is the platform's, read
 *       through a Pulumi stack reference.</li>
 * </ul>
 *
 * @param shards              a platform's shard names, in the order given; empty otherwise
 * @param platform            a shard's platform stack, as {@code pulumi stack ls} names it ({@code prod} or
 *                            {@code org/fluxfleet/prod})
 * @param shard               a shard's own name: its stack name after {@code <platform>-tenants-}
 * @param inherited           a platform's config that its shards take as theirs: every top-level key but
 *                            {@code shards} and {@code tenants}, as read
 * @param inheritedSecretKeys the keys of {@code inherited} stored encrypted: they stay secret in the shards
 */
public record Sharding(List<String> shards, Optional<String> platform, Optional<String> shard,
                       Map<String, JsonNode> inherited, Set<String> inheritedSecretKeys) {
    /** The infix of a shard's stack name: {@code <platform>-tenants-<shard>}. */
    public static final String SHARD_INFIX = "-tenants-";
    public static final Sharding PLAIN = new Sharding(List.of(), Optional.empty(), Optional.empty(), Map.of(), Set.of());

    public Sharding {
        shards = List.copyOf(shards);
        inherited = Map.copyOf(inherited);
        inheritedSecretKeys = Set.copyOf(inheritedSecretKeys);
    }

    public boolean isPlatform() {
        return !shards.isEmpty();
    }

    public boolean isShard() {
        return platform.isPresent();
    }

    /** The stack name of a platform's shard: {@code <platform stack>-tenants-<shard>}. */
    public static String shardStack(String platformStack, String shard) {
        return baseName(platformStack) + SHARD_INFIX + shard;
    }

    /** A stack's own name: the last segment of {@code org/project/stack}. */
    public static String baseName(String stack) {
        return stack.substring(stack.lastIndexOf('/') + 1);
    }
}
