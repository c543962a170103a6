package io.fluxfleet.infra;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Chart values are trees of maps; this reaches into one, making the maps on the way. */
final class ValueTree {
    private ValueTree() {}

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
}
