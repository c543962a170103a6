package io.fluxfleet.verify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a HelmRelease's {@code spec.postRenderers[].kustomize.patches} to a chart's rendered objects the way
 * helm-controller does: fluxcd/helm-controller {@code internal/postrender/kustomize.go} writes the rendered manifest
 * into an in-memory kustomization as its only resource, adds each patch with its {@code target} selector, and builds
 * it with krusty; kustomize applies a patch to every resource the target selects (group, version, kind, name,
 * namespace; an unset field matches anything), as a strategic-merge patch when the patch is a YAML object and as a
 * JSON6902 patch when it is a list of operations. Post-renderers run in order.
 *
 * <p>Modelled: strategic merge for what fluxfleet's patches contain, i.e. maps merge key by key (a {@code null}
 * deletes) and lists replace, which is the strategic-merge rule for every list without a {@code patchMergeKey}
 * (k8s.io/api core/v1 {@code PodSpec.Tolerations} has none; {@code NodeSelector} is a map), and merge by key for
 * {@code imagePullSecrets} (key {@code name}). A patch touching another list
 * that has a merge key ({@code containers}, {@code volumes}, {@code env}, ...) or a {@code $patch} directive is
 * refused rather than merged wrongly, as are JSON6902 patches and selectors by label or annotation.
 */
public final class KustomizePostRenderer {
    private static final List<String> MERGE_KEYED_LISTS = List.of("containers", "initContainers", "volumes",
            "volumeMounts", "env", "ports", "imagePullSecrets", "hostAliases");

    /**
     * Lists whose strategic merge is modelled, with their merge key: k8s.io/api core/v1 {@code PodSpec.ImagePullSecrets}
     * ({@code patchStrategy:"merge" patchMergeKey:"name"}). A patch item merges into the original item
     * with the same key, and an item with a new key is appended after the original ones.
     */
    private static final java.util.Map<String, String> MERGED_BY_KEY = java.util.Map.of("imagePullSecrets", "name");

    private KustomizePostRenderer() {}

    @SuppressWarnings("unchecked")
    private static List<Object> mergeByKey(Object original, List<?> patch, String mergeKey, String at) {
        List<Object> merged = new java.util.ArrayList<>(original instanceof List<?> l ? l : List.of());
        for (Object item : patch) {
            if (!(item instanceof Map<?, ?> m) || m.get(mergeKey) == null) {
                throw new IllegalArgumentException(at + ": an item without its merge key '" + mergeKey + "'");
            }
            int found = -1;
            for (int i = 0; i < merged.size(); i++) {
                if (merged.get(i) instanceof Map<?, ?> o && m.get(mergeKey).equals(o.get(mergeKey))) {
                    found = i;
                }
            }
            if (found < 0) {
                merged.add(KubeObjects.deepCopy(item));
            } else {
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) merged.get(found));
                merge(copy, (Map<String, Object>) m, at + "[" + mergeKey + "=" + m.get(mergeKey) + "]");
                merged.set(found, copy);
            }
        }
        return merged;
    }

    /** The objects after every post-renderer of {@code postRenderers} (the HelmRelease field, or null). */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> apply(List<Map<String, Object>> rendered, Object postRenderers) {
        List<Map<String, Object>> objects = new ArrayList<>();
        rendered.forEach(o -> objects.add(KubeObjects.deepCopy(o)));
        if (postRenderers == null) {
            return objects;
        }
        for (Map<String, Object> renderer : (List<Map<String, Object>>) postRenderers) {
            Map<String, Object> kustomize = (Map<String, Object>) renderer.get("kustomize");
            if (kustomize == null) {
                continue;
            }
            for (String unsupported : List.of("images", "patchesStrategicMerge", "patchesJson6902")) {
                if (kustomize.containsKey(unsupported)) {
                    throw new IllegalArgumentException("kustomize." + unsupported + " is not modelled");
                }
            }
            for (Map<String, Object> patch : (List<Map<String, Object>>) kustomize.getOrDefault("patches", List.of())) {
                Object body = Fixtures.yamlDocuments((String) patch.get("patch")).get(0);
                Map<String, Object> target = (Map<String, Object>) patch.get("target");
                int matched = 0;
                for (Map<String, Object> object : objects) {
                    if (selects(target, object)) {
                        merge(object, (Map<String, Object>) body, "");
                        matched++;
                    }
                }
                if (matched == 0) {
                    // kustomize builds fine when a target selects nothing; the patch then silently does nothing
                    throw new AssertionError("post-renderer patch selects no rendered object: " + target);
                }
            }
        }
        return objects;
    }

    static boolean selects(Map<String, Object> target, Map<String, Object> object) {
        if (target == null) {
            throw new IllegalArgumentException("a patch without a target is matched by the patch's own name; not modelled");
        }
        for (String unsupported : List.of("labelSelector", "annotationSelector")) {
            if (target.containsKey(unsupported)) {
                throw new IllegalArgumentException("target." + unsupported + " is not modelled");
            }
        }
        String apiVersion = (String) object.get("apiVersion");
        return matches(target.get("group"), KubeObjects.group(apiVersion))
                && matches(target.get("version"), KubeObjects.version(apiVersion))
                && matches(target.get("kind"), object.get("kind"))
                && matches(target.get("name"), KubeObjects.at(object, "metadata.name"))
                && matches(target.get("namespace"), KubeObjects.at(object, "metadata.namespace"));
    }

    private static boolean matches(Object wanted, Object actual) {
        // kustomize's selector fields are anchored regular expressions
        return wanted == null || (actual != null && String.valueOf(actual).matches(String.valueOf(wanted)));
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> into, Map<String, Object> patch, String path) {
        for (Map.Entry<String, Object> e : patch.entrySet()) {
            String key = e.getKey();
            String at = path.isEmpty() ? key : path + "." + key;
            if (key.startsWith("$")) {
                throw new IllegalArgumentException(at + ": strategic-merge directives are not modelled");
            }
            Object value = e.getValue();
            if (value == null) {
                into.remove(key);
            } else if (value instanceof Map<?, ?> m && into.get(key) instanceof Map<?, ?> existing) {
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) existing);
                merge(copy, (Map<String, Object>) m, at);
                into.put(key, copy);
            } else if (value instanceof List<?> items && MERGED_BY_KEY.containsKey(key)) {
                into.put(key, mergeByKey(into.get(key), items, MERGED_BY_KEY.get(key), at));
            } else if (value instanceof List<?> && MERGE_KEYED_LISTS.contains(key)) {
                throw new IllegalArgumentException(at + ": a list with a patchMergeKey; merging it is not modelled");
            } else {
                into.put(key, KubeObjects.deepCopy(value));
            }
        }
    }
}
