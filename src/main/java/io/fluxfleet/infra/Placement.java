package io.fluxfleet.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import io.fluxfleet.config.FluxFleetConfig.PlatformWorkers;
import io.fluxfleet.flux.FluxSpecs.KustomizePatch;
import io.fluxfleet.flux.FluxSpecs.PatchTarget;
import io.fluxfleet.flux.FluxValues;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Chart values are trees of maps; this builds them. Placement on platform workers is
 * {@link io.fluxfleet.flux.FluxValues#place}, shared with the flux2 chart; what a chart does not expose in its values
 * is placed with a kustomize patch on the HelmRelease ({@link #jobPatch}).
 */
final class Placement {
    /** The node label every Linux node carries (kubelet's well-known {@code kubernetes.io/os}). */
    static final Map<String, Object> LINUX = Map.of("kubernetes.io/os", "linux");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

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

    /**
     * A strategic-merge patch putting a {@code batch/v1} Job's pods on platform workers: the node selector is a map
     * and merges into the chart's; tolerations are a list without a merge key and replace the chart's, so the
     * chart's own tolerations that still apply are passed in {@code keep} and come first.
     */
    static KustomizePatch jobPatch(String job, PlatformWorkers workers, List<Map<String, Object>> keep) {
        List<Map<String, Object>> tolerations = new ArrayList<>(keep);
        tolerations.add(FluxValues.toleration(workers));
        Map<String, Object> podSpec = new LinkedHashMap<>();
        podSpec.put("nodeSelector", Map.of(workers.labelKey(), workers.labelValue()));
        podSpec.put("tolerations", tolerations);
        return patch("batch", "v1", "Job", job, Map.of("spec", Map.of("template", Map.of("spec", podSpec))));
    }

    /** A strategic-merge patch of {@code apps/v1} Deployment {@code name}'s pod spec onto platform workers. */
    static KustomizePatch deploymentPatch(String name, PlatformWorkers workers) {
        Map<String, Object> podSpec = new LinkedHashMap<>();
        podSpec.put("nodeSelector", Map.of(workers.labelKey(), workers.labelValue()));
        return patch("apps", "v1", "Deployment", name, Map.of("spec", Map.of("template", Map.of("spec", podSpec))));
    }

    private static KustomizePatch patch(String group, String version, String kind, String name, Map<String, Object> body) {
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("apiVersion", group + "/" + version);
        patch.put("kind", kind);
        patch.put("metadata", Map.of("name", name));
        patch.putAll(body);
        try {
            return new KustomizePatch(YAML.writeValueAsString(patch), new PatchTarget(group, version, kind, name, null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a patch of plain maps always serialises", e);
        }
    }
}
