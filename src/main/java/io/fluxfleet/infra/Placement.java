package io.fluxfleet.infra;

import io.fluxfleet.config.FluxFleetConfig.PlatformWorkers;
import io.fluxfleet.flux.FluxValues;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Chart values are trees of maps; these helpers build them and put the platform-worker placement (the node
 * selector and the toleration of the taint) on a component.
 */
final class Placement {
    private Placement() {}

    /** The map at {@code path} under {@code root}, created (as a sorted map) where missing. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> node(Map<String, Object> root, List<String> path) {
        Map<String, Object> node = root;
        for (String key : path) {
            node = (Map<String, Object>) node.computeIfAbsent(key, k -> new TreeMap<String, Object>());
        }
        return node;
    }

    static Map<String, Object> node(Map<String, Object> root, String... path) {
        return node(root, List.of(path));
    }

    /** Puts the node selector and the toleration on one pod-making component. */
    static void place(Map<String, Object> component, PlatformWorkers workers) {
        component.put("nodeSelector", Map.of(workers.labelKey(), workers.labelValue()));
        component.put("tolerations", List.of(FluxValues.toleration(workers)));
    }
}
