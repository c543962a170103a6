package io.fluxfleet.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads {@code fluxfleet:shards} (a platform stack's shard names) and {@code fluxfleet:platform} (a shard's platform
 * stack) into {@link Sharding}; {@link ConfigLoader} calls it before it reads the tenants, which a platform must not
 * have and a shard must.
 */
final class ShardingReader {
    /** A shard name: a DNS label short enough that {@code <env>-tenants-<shard>} stays a readable stack name. */
    static final int MAX_SHARD = 20;

    private ShardingReader() {}

    static Sharding read(String stack, Fields top, RawConfig raw) {
        List<String> shards = top.strings("shards");
        Optional<String> platform = top.optionalString("platform");
        if (top.has("shards") && shards.isEmpty()) {
            top.problem("shards", "is empty: list the shard names (e.g. [a, b]), or remove the key for one stack per"
                    + " environment");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < shards.size(); i++) {
            String shard = shards.get(i);
            Optional<String> problem = Validators.dns1123Label(shard).or(() -> shard.length() > MAX_SHARD
                    ? Optional.of(Shown.quoted(shard) + " is longer than " + MAX_SHARD + " characters") : Optional.empty());
            if (problem.isPresent()) {
                top.problem("shards[" + i + "]", problem.get());
            } else if (!seen.add(shard)) {
                top.problem("shards[" + i + "]", "duplicate shard " + Shown.quoted(shard));
            }
        }
        if (platform.isPresent() && !shards.isEmpty()) {
            top.problem("platform", "a stack is a platform (fluxfleet:shards) or a shard (fluxfleet:platform), not both");
            return Sharding.PLAIN;
        }
        if (platform.isPresent()) {
            String name = platform.get();
            if (!name.matches("([A-Za-z0-9_.-]+/){0,2}[A-Za-z0-9_.-]+")) {
                top.problem("platform", Shown.quoted(name) + " is not a stack name (stack, or org/project/stack)");
                return Sharding.PLAIN;
            }
            String prefix = Sharding.baseName(name) + Sharding.SHARD_INFIX;
            String shard = stack.startsWith(prefix) ? stack.substring(prefix.length()) : "";
            if (shard.isEmpty() || Validators.dns1123Label(shard).isPresent()) {
                top.problem("platform", "stack " + Shown.quoted(stack) + " is not named " + Shown.quoted(prefix
                        + "<shard>") + ": a shard's stack is named after its platform stack and its shard");
                return Sharding.PLAIN;
            }
            return new Sharding(List.of(), platform, Optional.of(shard), Map.of(), Set.of());
        }
        if (shards.isEmpty()) {
            return Sharding.PLAIN;
        }
        Map<String, JsonNode> inherited = new TreeMap<>(raw.values());
        inherited.remove("shards");
        inherited.remove("tenants");
        Set<String> secret = new TreeSet<>();
        inherited.forEach((key, value) -> {
            if (raw.encryptedKeys().contains(key) || value.toString().contains(RawConfig.ENCRYPTED_PREFIX)) {
                secret.add(key);
            }
        });
        return new Sharding(shards, Optional.empty(), Optional.empty(), inherited, secret);
    }
}
