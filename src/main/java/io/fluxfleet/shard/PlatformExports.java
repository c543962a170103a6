package io.fluxfleet.shard;

import com.pulumi.Context;
import com.pulumi.core.Output;

import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.flux.FluxSpecs.ObjectRef;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a platform stack exports for its shards, and how a shard reads it back: the one contract between the two
 * sides of a stack reference. Only the platform's own config and values its resources produce cross it; a shard never
 * copies config.
 *
 * <ul>
 *   <li>{@value #SHARDS}: the shard names the platform declares (a shard not among them refuses to run);</li>
 *   <li>{@value #CONFIG}: the platform's config but {@code shards} and {@code tenants}, key to JSON text; a secret
 *       output as a whole, since it carries the GitLab token, Harbor password and kubeconfig;</li>
 *   <li>{@value #SECRET_KEYS}: which of those keys are secrets, so they stay secrets in the shard's config;</li>
 *   <li>{@value #SHARED_PREREQUISITES}: the shared charts' HelmReleases, which every tenant's cluster and shared
 *       Kustomizations health-check before they apply.</li>
 * </ul>
 */
public final class PlatformExports {
    public static final String SHARDS = "shards";
    public static final String CONFIG = "shardConfig";
    public static final String SECRET_KEYS = "shardConfigSecretKeys";
    public static final String SHARED_PREREQUISITES = "sharedPrerequisites";
    public static final String ENVIRONMENT = "environment";

    private PlatformExports() {}

    /** Exports the platform side of the contract. */
    public static void export(Context ctx, FluxFleetConfig config, Output<List<ObjectRef>> sharedPrerequisites) {
        var sharding = config.sharding();
        Map<String, String> inherited = new TreeMap<>();
        sharding.inherited().forEach((key, value) -> inherited.put(key, value.toString()));
        ctx.export(SHARDS, Output.of(sharding.shards()));
        ctx.export(CONFIG, Output.ofSecret(inherited));
        ctx.export(SECRET_KEYS, Output.of(List.copyOf(sharding.inheritedSecretKeys())));
        ctx.export(SHARED_PREREQUISITES, sharedPrerequisites.applyValue(refs -> refs.stream().map(PlatformExports::wire).toList()));
    }

    private static Map<String, Object> wire(ObjectRef ref) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("apiVersion", ref.apiVersion());
        map.put("kind", ref.kind());
        map.put("name", ref.name());
        if (ref.namespace() != null) {
            map.put("namespace", ref.namespace());
        }
        return map;
    }

    /** The shared prerequisites as a shard reads them back from the stack reference. */
    @SuppressWarnings("unchecked")
    public static List<ObjectRef> sharedPrerequisites(Object exported) {
        if (!(exported instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().map(item -> (Map<String, Object>) item).map(m -> new ObjectRef(
                String.valueOf(m.get("apiVersion")), String.valueOf(m.get("kind")), String.valueOf(m.get("name")),
                m.get("namespace") == null ? null : String.valueOf(m.get("namespace")))).toList();
    }
}
