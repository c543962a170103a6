package io.fluxfleet.health;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;

import io.fluxfleet.render.Recorded;
import io.fluxfleet.render.RenderResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seeds fabric8's mock API server (CRUD mode) with what a converged cluster holds for a render: every rendered object,
 * Flux objects with the status their controllers write when Ready (the shapes of the Flux API docs: source-controller
 * {@code docs/spec/v1/gitrepositories.md} "Ready" with reason {@code Succeeded} and "stored artifact for revision",
 * kustomize-controller {@code docs/spec/v1/kustomizations.md} {@code ReconciliationSucceeded} "Applied revision",
 * helm-controller {@code docs/spec/v2/helmreleases.md} {@code InstallSucceeded} "Helm install succeeded for release"),
 * a platform worker and a tenant node, and pods of Flux and the shared charts.
 */
final class LiveCluster {
    static final String PLATFORM_NODE = "platform-1";
    static final String TENANT_NODE = "worker-1";

    private LiveCluster() {}

    static void seed(KubernetesClient client, RenderResult render) {
        for (Recorded r : render.kubernetesObjects()) {
            Map<String, Object> object = new LinkedHashMap<>(ClusterVerifier.desiredObject(r));
            String kind = String.valueOf(object.get("kind"));
            @SuppressWarnings("unchecked")
            Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) object.get("metadata"));
            metadata.put("generation", 1);
            object.put("metadata", metadata);
            if (String.valueOf(object.get("apiVersion")).contains(".toolkit.fluxcd.io/")
                    && !FluxConditions.isStatic(kind, String.valueOf(object.get("apiVersion")),
                    castMap(object.get("spec")))) {
                object.put("status", status(1, ready(kind)));
            }
            write(client, Serialization.unmarshal(Serialization.asJson(object), GenericKubernetesResource.class), true);
        }
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(PLATFORM_NODE)
                .addToLabels("node-role.com/platform-worker", "true").endMetadata().build()).create();
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(TENANT_NODE)
                .addToLabels("kubernetes.io/os", "linux").endMetadata().build()).create();
        for (String pod : List.of("source-controller-7d9c6", "kustomize-controller-5b8f4", "helm-controller-6c7d8",
                "notification-controller-84f9b")) {
            pod(client, "flux-system", pod, PLATFORM_NODE, null);
        }
        pod(client, "cattle-monitoring-system", "prometheus-rancher-monitoring-prometheus-0", PLATFORM_NODE, null);
        // collectors run on every node by design: a DaemonSet pod on a tenant node is not a finding
        pod(client, "cattle-monitoring-system", "rancher-monitoring-prometheus-node-exporter-x2k", TENANT_NODE, "DaemonSet");
        pod(client, "cattle-logging-system", "rancher-logging-root-fluentd-0", PLATFORM_NODE, null);
    }

    /** Creates or updates a generic object through its kind's context (no API discovery, as verify reads it). */
    static void write(KubernetesClient client, GenericKubernetesResource r, boolean create) {
        var context = KubeKinds.context(r.getApiVersion(), r.getKind()).orElseThrow();
        var resources = client.genericKubernetesResources(context);
        var one = context.isNamespaceScoped() ? resources.inNamespace(r.getMetadata().getNamespace()).resource(r)
                : resources.resource(r);
        if (create) {
            one.create();
        } else {
            one.update();
        }
    }

    static void pod(KubernetesClient client, String namespace, String name, String node, String ownerKind) {
        var builder = new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace);
        if (ownerKind != null) {
            builder = builder.addNewOwnerReference().withKind(ownerKind).withName("owner").withApiVersion("apps/v1")
                    .withUid("uid-" + name).endOwnerReference();
        }
        client.pods().inNamespace(namespace).resource(builder.endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("c").withImage("i").endContainer().endSpec()
                .withNewStatus().withPhase("Running").endStatus().build()).create();
    }

    static Map<String, Object> condition(String type, String status, String reason, String message, long generation) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("type", type);
        c.put("status", status);
        c.put("reason", reason);
        c.put("message", message);
        c.put("observedGeneration", generation);
        c.put("lastTransitionTime", "2026-12-06T20:00:00Z");
        return c;
    }

    static Map<String, Object> status(long observedGeneration, Map<String, Object>... conditions) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("observedGeneration", observedGeneration);
        status.put("conditions", new ArrayList<>(List.of(conditions)));
        return status;
    }

    private static Map<String, Object> ready(String kind) {
        return switch (kind) {
            case "Kustomization" -> condition("Ready", "True", "ReconciliationSucceeded",
                    "Applied revision: dev@sha1:5b1d2a3c4e5f60718293a4b5c6d7e8f901234567", 1);
            case "HelmRelease" -> condition("Ready", "True", "InstallSucceeded",
                    "Helm install succeeded for release cattle-monitoring-system/rancher-monitoring.v1", 1);
            case "Receiver" -> condition("Ready", "True", "Succeeded", "Receiver initialized for path: /hook/abc", 1);
            default -> condition("Ready", "True", "Succeeded",
                    "stored artifact for revision 'dev@sha1:5b1d2a3c4e5f60718293a4b5c6d7e8f901234567'", 1);
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }
}
