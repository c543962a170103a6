package io.fluxfleet.verify;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The strategic-merge subset {@link KustomizePostRenderer} models, and what it refuses. */
class KustomizePostRendererTest {
    static final Map<String, Object> JOB = Map.of("apiVersion", "batch/v1", "kind", "Job",
            "metadata", Map.of("name", "rancher-monitoring-patch-sa", "namespace", "cattle-monitoring-system"),
            "spec", Map.of("template", Map.of("spec", Map.of(
                    "nodeSelector", Map.of("kubernetes.io/os", "linux"),
                    "tolerations", List.of(Map.of("key", "cattle.io/os", "value", "linux", "effect", "NoSchedule")),
                    "containers", List.of(Map.of("name", "c", "image", "kubectl"))))));
    static final Map<String, Object> DEPLOYMENT = Map.of("apiVersion", "apps/v1", "kind", "Deployment",
            "metadata", Map.of("name", "rancher-monitoring-patch-sa"), "spec", Map.of());

    static List<Map<String, Object>> postRenderers(String patch, Map<String, Object> target) {
        return List.of(Map.of("kustomize", Map.of("patches", List.of(Map.of("patch", patch, "target", target)))));
    }

    @Test
    void mapsMergeListsReplaceOnlyTheTargetChanges() {
        String patch = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: x}\nspec:\n  template:\n    spec:\n"
                + "      nodeSelector: {role: platform}\n      tolerations: [{key: platform, operator: Exists}]\n";
        List<Map<String, Object>> out = KustomizePostRenderer.apply(List.of(JOB, DEPLOYMENT),
                postRenderers(patch, Map.of("group", "batch", "version", "v1", "kind", "Job", "name", "rancher-monitoring-patch-sa")));
        assertEquals(Map.of("kubernetes.io/os", "linux", "role", "platform"), KubeObjects.at(out.get(0), "spec.template.spec.nodeSelector"));
        assertEquals(List.of(Map.of("key", "platform", "operator", "Exists")), KubeObjects.at(out.get(0), "spec.template.spec.tolerations"));
        assertEquals(KubeObjects.at(JOB, "spec.template.spec.containers"), KubeObjects.at(out.get(0), "spec.template.spec.containers"));
        assertEquals(DEPLOYMENT, out.get(1), "a Deployment of the same name is not a Job");
    }

    @Test
    void refusesWhatItDoesNotModel() {
        String containers = "spec:\n  template:\n    spec:\n      containers: [{name: c, image: other}]\n";
        assertThrows(IllegalArgumentException.class, () -> KustomizePostRenderer.apply(List.of(JOB),
                postRenderers(containers, Map.of("kind", "Job"))));
        String directive = "spec:\n  template:\n    spec:\n      $patch: replace\n";
        assertThrows(IllegalArgumentException.class, () -> KustomizePostRenderer.apply(List.of(JOB),
                postRenderers(directive, Map.of("kind", "Job"))));
        assertThrows(IllegalArgumentException.class, () -> KustomizePostRenderer.apply(List.of(JOB),
                postRenderers("spec: {}\n", Map.of("labelSelector", "app=x"))));
        assertThrows(AssertionError.class, () -> KustomizePostRenderer.apply(List.of(JOB),
                postRenderers("spec: {}\n", Map.of("kind", "CronJob"))), "a patch that selects nothing is a mistake");
    }
}
