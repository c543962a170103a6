package io.fluxfleet.shard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import com.pulumi.resources.StackReference;
import com.pulumi.resources.StackReferenceArgs;
import com.pulumi.resources.StackReferenceOutputDetails;

import io.fluxfleet.FluxFleetStack;
import io.fluxfleet.config.ConfigException;
import io.fluxfleet.config.ConfigLoader;
import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.config.Problem;
import io.fluxfleet.config.RawConfig;
import io.fluxfleet.config.Sharding;
import io.fluxfleet.config.Shown;
import io.fluxfleet.flux.FluxPlatform;
import io.fluxfleet.flux.FluxSpecs.ObjectRef;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The program of a tenant shard ({@code <platform>-tenants-<shard>}, README "Large fleets"): its stack file holds
 * {@code fluxfleet:platform} and {@code fluxfleet:tenants} only; everything else is the platform stack's config,
 * read with a Pulumi {@link StackReference} ({@link PlatformExports}), so no setting is copied between stack files
 * and the platform's secrets arrive as secrets.
 *
 * <p>The shard waits for the reference's values before it registers anything: which tenants and settings it builds
 * depends on them. A stack reference is read from the platform's last deployed state (pulumi/pulumi
 * sdk/go/pulumi/stack_reference.go: a {@code pulumi:pulumi:StackReference} is a read of the stack's outputs), so the
 * platform stack deploys before its shards, and CI orders the jobs that way.
 */
public final class ShardProgram {
    /** The Pulumi name of the stack reference resource in every shard. */
    public static final String REFERENCE = "platform";
    /** The only keys a shard's own stack file holds. */
    static final Set<String> OWN_KEYS = Set.of("platform", "tenants");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ShardProgram() {}

    /** Whether a stack's config is a shard's: it names its platform stack. */
    public static boolean isShard(RawConfig own) {
        return own.values().containsKey("platform");
    }

    /** Reads the platform through a stack reference, then builds the shard's tenants. */
    public static void run(Context ctx, RawConfig own, FluxFleetStack.Runtime runtime, Consumer<String> warn) {
        checkOwnKeys(ctx.stackName(), own);
        String platform = own.values().get("platform").asText();
        StackReference reference = new StackReference(REFERENCE, StackReferenceArgs.builder().name(platform).build());
        FluxFleetConfig config = ConfigLoader.load(ctx.stackName(), merge(ctx.stackName(), own, platform,
                read(reference, PlatformExports.CONFIG), read(reference, PlatformExports.SECRET_KEYS),
                read(reference, PlatformExports.SHARDS), read(reference, PlatformExports.ENVIRONMENT)), warn);
        Output<List<ObjectRef>> shared = reference.output(PlatformExports.SHARED_PREREQUISITES)
                .applyValue(PlatformExports::sharedPrerequisites);
        FluxFleetStack.buildShard(ctx, config, runtime, standIn(reference), shared);
    }

    /** A shard's own stack file names its platform and lists its tenants; any other key belongs to the platform. */
    static void checkOwnKeys(String stack, RawConfig own) {
        List<Problem> problems = new ArrayList<>();
        for (String key : new TreeMap<>(own.values()).keySet()) {
            if (!OWN_KEYS.contains(key)) {
                problems.add(new Problem(RawConfig.NAMESPACE + ":" + key, "a shard's stack file holds only"
                        + " fluxfleet:platform and fluxfleet:tenants; every other setting is its platform stack's (set"
                        + " it in Pulumi." + Sharding.baseName(own.values().get("platform").asText()) + ".yaml)"));
            }
        }
        String platform = own.values().get("platform").asText();
        String prefix = Sharding.baseName(platform) + Sharding.SHARD_INFIX;
        if (!platform.matches(STACK_NAME)) {
            problems.add(new Problem(RawConfig.NAMESPACE + ":platform", Shown.quoted(platform)
                    + " is not a stack name (stack, or org/project/stack)"));
        } else if (!stack.startsWith(prefix) || stack.length() == prefix.length()) {
            problems.add(new Problem(RawConfig.NAMESPACE + ":platform", "stack " + Shown.quoted(stack) + " is not named "
                    + Shown.quoted(prefix + "<shard>") + ": a shard's stack is named after its platform stack and its shard"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(own.source(), problems);
        }
    }

    /** A stack name as {@code pulumi stack ls} shows it: {@code stack} or {@code org/project/stack}. */
    static final String STACK_NAME = "([A-Za-z0-9_.-]+/){0,2}[A-Za-z0-9_.-]+";

    /**
     * The shard's config: the platform's, with the shard's {@code platform} and {@code tenants}, and the environment
     * the platform converges. A shard the platform does not declare is refused.
     */
    static RawConfig merge(String stack, RawConfig own, String platform, Object platformConfig, Object secretKeys,
                           Object shards, Object environment) {
        String shard = stack.startsWith(Sharding.baseName(platform) + Sharding.SHARD_INFIX)
                ? stack.substring((Sharding.baseName(platform) + Sharding.SHARD_INFIX).length()) : stack;
        if (!(shards instanceof List<?> declared) || !declared.contains(shard)) {
            throw new ConfigException(own.source(), List.of(new Problem(RawConfig.NAMESPACE + ":platform",
                    "the platform stack " + Shown.quoted(platform) + " does not declare the shard " + Shown.quoted(shard)
                            + (shards instanceof List<?> l ? " (its fluxfleet:shards: " + l + ")"
                            : " (it exports no shards: is it deployed, with fluxfleet:shards set?)"))));
        }
        Map<String, JsonNode> values = new TreeMap<>();
        if (platformConfig instanceof Map<?, ?> map) {
            for (var entry : map.entrySet()) {
                values.put(String.valueOf(entry.getKey()), parse(String.valueOf(entry.getValue())));
            }
        }
        values.put("environment", TextNode.valueOf(String.valueOf(environment)));
        values.put("platform", own.values().get("platform"));
        if (own.values().containsKey("tenants")) {
            values.put("tenants", own.values().get("tenants"));
        }
        Set<String> encrypted = new HashSet<>(own.encryptedKeys());
        if (secretKeys instanceof List<?> keys) {
            keys.forEach(k -> encrypted.add(String.valueOf(k)));
        }
        return new RawConfig(own.source() + " with the config of its platform stack " + Shown.quoted(platform),
                values, encrypted, own.offline());
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("the platform stack exported config that is not JSON", e);
        }
    }

    /** One output of the platform, secret or not; null when the platform does not export it. */
    private static Object read(StackReference reference, String name) {
        StackReferenceOutputDetails details = reference.outputDetailsAsync(name).join();
        return details.getValue().or(details::getSecretValue).orElse(null);
    }

    /** Flux is the platform's: every tenant object depends on the stack reference instead of on Flux's resources. */
    static FluxPlatform standIn(Resource reference) {
        return new FluxPlatform() {
            @Override
            public Resource namespace() {
                return reference;
            }

            @Override
            public Resource release() {
                return reference;
            }

            @Override
            public List<Resource> platformIdentity() {
                return List.of();
            }
        };
    }
}
