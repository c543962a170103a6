package io.fluxfleet.flux;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import io.fluxfleet.config.FluxFleetConfig.PlatformWorkers;
import io.fluxfleet.flux.FluxSpecs.KustomizePatch;
import io.fluxfleet.flux.FluxSpecs.PatchTarget;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one home of pod placement on platform workers, for every chart fluxfleet installs (the flux2 chart and the
 * shared Rancher charts): the node selector and the toleration of the platform-worker taint in a chart's values
 * ({@link #place}), and, for what a chart does not expose in its values, a kustomize patch on the HelmRelease
 * ({@link #jobPatch}, {@link #deploymentPatch}).
 */
public final class Placement {
    /** The node label every Linux node carries (kubelet's well-known {@code kubernetes.io/os}). */
    public static final Map<String, Object> LINUX = Map.of("kubernetes.io/os", "linux");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private Placement() {}

    /**
     * Puts the platform-worker placement on one pod-making component of a chart's values: the node selector
     * and the toleration of the taint. Every chart fluxfleet installs places its pods through this.
     */
    public static void place(Map<String, Object> component, PlatformWorkers workers) {
        component.put("nodeSelector", Map.of(workers.labelKey(), workers.labelValue()));
        component.put("tolerations", List.of(toleration(workers)));
    }

    /** The toleration for the platform-worker taint. */
    public static Map<String, Object> toleration(PlatformWorkers workers) {
        Map<String, Object> toleration = new TreeMap<>();
        toleration.put("key", workers.taintKey());
        toleration.put("operator", "Equal");
        toleration.put("value", workers.taintValue());
        toleration.put("effect", workers.taintEffect());
        return toleration;
    }

    /**
     * A strategic-merge patch putting a {@code batch/v1} Job's pods on platform workers: the node selector is a map
     * and merges into the chart's; tolerations are a list without a merge key and replace the chart's, so the
     * chart's own tolerations that still apply are passed in {@code keep} and come first.
     */
    public static KustomizePatch jobPatch(String job, PlatformWorkers workers, List<Map<String, Object>> keep) {
        return jobPatch(job, workers, keep, List.of());
    }

    /**
     * The same, also giving the Job's pods {@code pullSecrets} (names): {@code imagePullSecrets} has the merge key
     * {@code name} in the PodSpec, so the strategic merge adds them to any the chart sets.
     */
    public static KustomizePatch jobPatch(String job, PlatformWorkers workers, List<Map<String, Object>> keep,
                                          List<String> pullSecrets) {
        List<Map<String, Object>> tolerations = new ArrayList<>(keep);
        tolerations.add(toleration(workers));
        Map<String, Object> podSpec = new LinkedHashMap<>();
        if (!pullSecrets.isEmpty()) {
            podSpec.put("imagePullSecrets", pullSecrets.stream().map(n -> Map.of("name", n)).toList());
        }
        podSpec.put("nodeSelector", Map.of(workers.labelKey(), workers.labelValue()));
        podSpec.put("tolerations", tolerations);
        return patch("batch", "v1", "Job", job, Map.of("spec", Map.of("template", Map.of("spec", podSpec))));
    }

    /** A strategic-merge patch of {@code apps/v1} Deployment {@code name}'s pod spec onto platform workers. */
    public static KustomizePatch deploymentPatch(String name, PlatformWorkers workers) {
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
