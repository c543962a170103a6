package io.fluxfleet.health;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.health.Finding.Status;
import io.fluxfleet.naming.Names;
import io.fluxfleet.render.Recorded;
import io.fluxfleet.render.RenderResult;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The guide's Step 7, and what fluxfleet promises, checked against a live cluster with read-only calls (get and
 * list): every Kubernetes object the stack renders exists, its labels and the fields fluxfleet sets are unchanged
 * ({@link Subset}: namespaces keep every label the render gives them, Pod Security ones included; network policies,
 * quota and limits keep their spec; Secrets are checked for existence and type only, their data is never read into a
 * finding), every Flux object is Ready ({@link FluxConditions}) and suspended exactly when the freeze switch says so,
 * and every pod of Flux and of the shared charts runs on a platform worker (DaemonSet pods, the collectors that run on
 * every node by design, excepted; finished pods ignored).
 */
public final class ClusterVerifier {
    /** The namespaces whose pods must run on platform workers. */
    static final List<String> PLATFORM_NAMESPACES = List.of(Names.FLUX_NAMESPACE, Names.MONITORING_NAMESPACE,
            Names.LOGGING_NAMESPACE);
    private static final Set<String> NOT_SPEC = Set.of("apiVersion", "kind", "metadata", "data", "stringData");

    private final KubernetesClient client;

    public ClusterVerifier(KubernetesClient client) {
        this.client = client;
    }

    /** Every finding, in the render's apply order, then the pods. */
    public List<Finding> verify(RenderResult desired, FluxFleetConfig config) {
        List<Finding> findings = new ArrayList<>();
        for (Recorded r : desired.kubernetesObjects()) {
            findings.addAll(object(desiredObject(r), config.suspend()));
        }
        findings.addAll(placement(config.platformWorkers()));
        return findings;
    }

    private static final io.fluxfleet.render.Fingerprint THROWAWAY = io.fluxfleet.render.Fingerprint.of(
            new java.security.SecureRandom().generateSeed(32), "verify");

    /**
     * A rendered object as the API would hold it, secrets redacted (verify never needs their values, so they are
     * fingerprinted under a throw-away key that no render shares).
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> desiredObject(Recorded r) {
        return (Map<String, Object>) RenderResult.redact(r.inputs(), THROWAWAY);
    }

    @SuppressWarnings("unchecked")
    List<Finding> object(Map<String, Object> desired, boolean frozen) {
        String apiVersion = String.valueOf(desired.get("apiVersion"));
        String kind = String.valueOf(desired.get("kind"));
        Map<String, Object> metadata = (Map<String, Object>) desired.getOrDefault("metadata", Map.of());
        String name = String.valueOf(metadata.get("name"));
        String namespace = (String) metadata.get("namespace");
        String id = kind + " " + (namespace == null ? "" : namespace + "/") + name;
        Optional<ResourceDefinitionContext> context = KubeKinds.context(apiVersion, kind);
        if (context.isEmpty()) {
            return List.of(new Finding("exists", id, Status.FAIL, "verify does not know the kind " + apiVersion + " "
                    + kind + " (KubeKinds): not checked"));
        }
        var resources = client.genericKubernetesResources(context.get());
        GenericKubernetesResource live = namespace == null || !KubeKinds.namespaced(apiVersion, kind)
                ? resources.withName(name).get() : resources.inNamespace(namespace).withName(name).get();
        if (live == null) {
            return List.of(new Finding("exists", id, Status.FAIL, "missing from the cluster (deleted, or never"
                    + " applied): `pulumi up` recreates it"));
        }
        Map<String, Object> liveMap = asMap(live);
        List<Finding> findings = new ArrayList<>();
        Map<String, Object> liveMeta = (Map<String, Object>) liveMap.getOrDefault("metadata", Map.of());
        List<String> labelDrift = Subset.differences("metadata.labels", metadata.getOrDefault("labels", Map.of()),
                liveMeta.getOrDefault("labels", Map.of()));
        findings.add(labelDrift.isEmpty() ? new Finding("labels", id, Status.OK, "")
                : new Finding("labels", id, Status.DRIFT, String.join("; ", labelDrift)));
        Map<String, Object> wantedFields = new LinkedHashMap<>();
        desired.forEach((k, v) -> {
            if (!NOT_SPEC.contains(k)) {
                wantedFields.put(k, v);
            }
        });
        Map<String, Object> specOnly = new HashMap<>(wantedFields);
        if (specOnly.get("spec") instanceof Map<?, ?> spec && spec.containsKey("suspend")) {
            // the freeze switch has its own check below
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) spec);
            copy.remove("suspend");
            specOnly.put("spec", copy);
        }
        List<String> specDrift = Subset.differences("", specOnly, liveMap);
        if (!specOnly.isEmpty()) {
            findings.add(specDrift.isEmpty() ? new Finding("spec", id, Status.OK, "")
                    : new Finding("spec", id, Status.DRIFT, "edited on the cluster: " + String.join("; ", specDrift)
                    + " (`pulumi up` puts it back; Flux or a person changed it)"));
        }
        if (apiVersion.contains(".toolkit.fluxcd.io/")) {
            findings.addAll(flux(id, kind, apiVersion, desired, liveMap, frozen));
        }
        return findings;
    }

    @SuppressWarnings("unchecked")
    private List<Finding> flux(String id, String kind, String apiVersion, Map<String, Object> desired,
                               Map<String, Object> live, boolean frozen) {
        List<Finding> findings = new ArrayList<>();
        Map<String, Object> spec = (Map<String, Object>) desired.getOrDefault("spec", Map.of());
        Map<String, Object> liveSpec = (Map<String, Object>) live.getOrDefault("spec", Map.of());
        boolean suspendable = "Kustomization".equals(kind) || "HelmRelease".equals(kind);
        boolean wantSuspended = Boolean.TRUE.equals(spec.get("suspend"));
        boolean isSuspended = Boolean.TRUE.equals(liveSpec.get("suspend"));
        if (suspendable) {
            if (wantSuspended != isSuspended) {
                findings.add(new Finding("freeze", id, Status.DRIFT, (isSuspended ? "suspended" : "not suspended")
                        + " on the cluster, but the freeze switch (fluxfleet:suspend) is " + frozen
                        + (isSuspended ? ": someone ran `flux suspend`; `flux resume` or `pulumi up` undoes it"
                        : ": someone ran `flux resume` during a freeze; `pulumi up` suspends it again")));
            } else {
                findings.add(new Finding("freeze", id, Status.OK, isSuspended ? "suspended (freeze)" : "not suspended"));
            }
        }
        if (FluxConditions.isStatic(kind, apiVersion, liveSpec)) {
            return findings;
        }
        if (isSuspended) {
            findings.add(new Finding("ready", id, Status.OK, "not judged: suspended, Flux does not reconcile it"));
            return findings;
        }
        FluxConditions.Verdict verdict = FluxConditions.evaluate(live);
        findings.add(new Finding("ready", id, verdict.ready() ? Status.OK : Status.FAIL, verdict.detail()));
        return findings;
    }

    /** Every running or pending pod of Flux and the shared charts on a platform worker, DaemonSet pods excepted. */
    List<Finding> placement(FluxFleetConfig.PlatformWorkers workers) {
        List<Finding> findings = new ArrayList<>();
        Map<String, Node> nodes = new HashMap<>();
        for (String namespace : PLATFORM_NAMESPACES) {
            for (Pod pod : client.pods().inNamespace(namespace).list().getItems()) {
                String id = "Pod " + namespace + "/" + pod.getMetadata().getName();
                String phase = pod.getStatus() == null ? "" : String.valueOf(pod.getStatus().getPhase());
                if ("Succeeded".equals(phase) || ownedByDaemonSet(pod)) {
                    continue;
                }
                String nodeName = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
                if (nodeName == null || nodeName.isEmpty()) {
                    findings.add(new Finding("placement", id, Status.FAIL, "not scheduled: no node with "
                            + workers.labelKey() + "=" + workers.labelValue() + " and room for it"
                            + " (kubectl describe pod shows the scheduler's reason)"));
                    continue;
                }
                Node node = nodes.computeIfAbsent(nodeName, n -> client.nodes().withName(n).get());
                Map<String, String> labels = node == null || node.getMetadata().getLabels() == null ? Map.of()
                        : node.getMetadata().getLabels();
                if (workers.labelValue().equals(labels.get(workers.labelKey()))) {
                    findings.add(new Finding("placement", id, Status.OK, "on " + nodeName));
                } else {
                    findings.add(new Finding("placement", id, Status.FAIL, "runs on " + nodeName + ", which is not a"
                            + " platform worker (no label " + workers.labelKey() + "=" + workers.labelValue() + ")"));
                }
            }
        }
        return findings;
    }

    private static boolean ownedByDaemonSet(Pod pod) {
        List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
        return owners != null && owners.stream().anyMatch(o -> "DaemonSet".equals(o.getKind()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(GenericKubernetesResource live) {
        return io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                io.fabric8.kubernetes.client.utils.Serialization.asJson(live), Map.class);
    }
}
