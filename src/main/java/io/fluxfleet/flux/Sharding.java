package io.fluxfleet.flux;

import java.util.Map;
import java.util.TreeMap;

/**
 * The platform's Flux shard: the contract between what fluxfleet renders and what the cluster enforces.
 *
 * <p>Flux shards reconcilers by a label on the objects: each controller instance runs with
 * {@code --watch-label-selector}, and an object is reconciled by the instance whose selector matches its
 * {@value #KEY} label (Flux documentation "Flux sharding and horizontal scaling"; the flag is fluxcd/pkg
 * {@code runtime/controller} {@code WatchOptions}, bound by kustomize-controller v1.8.3 and helm-controller v1.5.3
 * main.go). Every Kustomization and HelmRelease the platform applies in {@code flux-system} carries
 * {@value #KEY}={@value #PLATFORM}, so that {@link PlatformShard}'s controller instances reconcile them, whose
 * workers no tenant object can occupy.
 *
 * <p>The contract, for whoever enforces it (the admission policies of tenant namespaces): no object outside
 * {@code flux-system} may carry {@value #KEY}={@value #PLATFORM}; a tenant that could set it would move its objects
 * onto the platform's workers. Import {@link #KEY} and {@link #PLATFORM}, never repeat the strings.
 */
public final class Sharding {
    /** The label Flux's sharding selects on. */
    public static final String KEY = "sharding.fluxcd.io/key";
    /** The platform shard's value. */
    public static final String PLATFORM = "platform";
    /** The selector the platform shard's controllers run with ({@link PlatformShard}). */
    public static final String PLATFORM_SELECTOR = KEY + "=" + PLATFORM;
    /** The selector the chart's (tenant) controllers run with: everything not in a named shard. */
    public static final String TENANT_SELECTOR = "!" + KEY;

    private Sharding() {}

    /** {@code labels} plus the platform shard's label. */
    public static Map<String, String> platform(Map<String, String> labels) {
        Map<String, String> withShard = new TreeMap<>(labels);
        withShard.put(KEY, PLATFORM);
        return withShard;
    }
}
