package io.fluxfleet.health;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.health.Finding.Status;
import io.fluxfleet.render.RenderResult;
import io.fluxfleet.testing.Stacks;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.fluxfleet.health.LiveCluster.condition;
import static io.fluxfleet.health.LiveCluster.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * verify against fabric8's mock API server in CRUD mode, seeded with the committed dev stack's render as a converged
 * cluster holds it ({@link LiveCluster}), then with each kind of drift or failure, one per test: each must come out as
 * exactly the finding it is, and nothing else may fail.
 */
@EnableKubernetesMockClient(crud = true)
class ClusterVerifierTest {
    static KubernetesClient client;
    static KubernetesMockServer server;

    private static final FluxFleetConfig CONFIG = Stacks.committed("dev");
    private static final RenderResult RENDER = Stacks.render(CONFIG);

    @BeforeEach
    void converged() {
        server.reset();
        LiveCluster.seed(client, RENDER);
    }

    private static List<Finding> failures() {
        return new ClusterVerifier(client).verify(RENDER, CONFIG).stream().filter(Finding::failed).toList();
    }

    private static Finding only(List<Finding> failures) {
        assertEquals(1, failures.size(), failures.toString());
        return failures.get(0);
    }

    private static ResourceDefinitionContext ctx(String apiVersion, String kind) {
        return KubeKinds.context(apiVersion, kind).orElseThrow();
    }

    private static GenericKubernetesResource get(String apiVersion, String kind, String ns, String name) {
        return client.genericKubernetesResources(ctx(apiVersion, kind)).inNamespace(ns).withName(name).get();
    }

    private static void replace(GenericKubernetesResource r) {
        LiveCluster.write(client, r, false);
    }

    /**
     * Changes a spec as a person would, then lets Flux reconcile it as the controller does: the API server bumps
     * {@code metadata.generation} (the mock server does too), and the controller's status catches up with it.
     */
    @SuppressWarnings("unchecked")
    private static void editSpecAndReconcile(String apiVersion, String kind, String ns, String name,
                                             java.util.function.Consumer<Map<String, Object>> edit) {
        GenericKubernetesResource r = get(apiVersion, kind, ns, name);
        edit.accept((Map<String, Object>) r.getAdditionalProperties().get("spec"));
        replace(r);
        GenericKubernetesResource edited = get(apiVersion, kind, ns, name);
        long generation = edited.getMetadata().getGeneration();
        Map<String, Object> status = (Map<String, Object>) edited.getAdditionalProperties().get("status");
        status.put("observedGeneration", generation);
        ((List<Map<String, Object>>) status.get("conditions")).forEach(c -> c.put("observedGeneration", generation));
        replace(edited);
        assertEquals(generation, get(apiVersion, kind, ns, name).getMetadata().getGeneration());
    }

    private static final String KS = "kustomize.toolkit.fluxcd.io/v1";

    @Test
    void aConvergedClusterPassesEveryCheck() {
        List<Finding> all = new ClusterVerifier(client).verify(RENDER, CONFIG);
        assertEquals(List.of(), all.stream().filter(Finding::failed).toList());
        assertTrue(all.stream().filter(f -> f.check().equals("ready")).count() >= 8, all.toString());
        assertTrue(all.stream().anyMatch(f -> f.check().equals("placement")));
        // the DaemonSet's pod on a tenant node is not judged
        assertTrue(all.stream().noneMatch(f -> f.object().contains("node-exporter")));
    }

    @Test
    void aDeletedNetworkPolicyIsMissing() {
        client.genericKubernetesResources(ctx("networking.k8s.io/v1", "NetworkPolicy")).inNamespace("tenant1")
                .withName("default-deny").delete();
        Finding f = only(failures());
        assertEquals(new Finding("exists", "NetworkPolicy tenant1/default-deny", Status.FAIL,
                "missing from the cluster (deleted, or never applied): `pulumi up` recreates it"), f);
    }

    @Test
    void aFluxSpecEditedByHandIsDrift() {
        editSpecAndReconcile(KS, "Kustomization", "flux-system", "tenant1-dev-cluster", spec -> {
            spec.put("path", "./clusters/other");
            spec.put("prune", false);
        });
        Finding f = only(failures());
        assertEquals("spec", f.check());
        assertEquals(Status.DRIFT, f.status());
        assertTrue(f.detail().contains("spec.path: ./clusters/other (wanted ./clusters/tenant1/dev-cluster)"), f.detail());
        assertTrue(f.detail().contains("spec.prune: false (wanted true)"), f.detail());
    }

    @Test
    void aControllerOffThePlatformWorkersFails() {
        LiveCluster.pod(client, "flux-system", "helm-controller-moved", LiveCluster.TENANT_NODE, "ReplicaSet");
        Finding f = only(failures());
        assertEquals(new Finding("placement", "Pod flux-system/helm-controller-moved", Status.FAIL, "runs on worker-1,"
                + " which is not a platform worker (no label node-role.com/platform-worker=true)"), f);
    }

    @Test
    void aNamespaceLabelRemovedIsDrift() {
        var ns = client.namespaces().withName("tenant1").get();
        String key = ns.getMetadata().getLabels().keySet().iterator().next();
        ns.getMetadata().getLabels().remove(key);
        client.namespaces().resource(ns).update();
        Finding f = only(failures());
        assertEquals("labels", f.check());
        assertEquals("Namespace tenant1", f.object());
        assertTrue(f.detail().startsWith("metadata.labels." + key + " (missing)"), f.detail());
    }

    @Test
    void aPodSecurityLabelTheRenderGivesIsCheckedGenerically() {
        // whatever labels the render gives a namespace are verified: a render with Pod Security labels (added on
        // another branch) needs no change here
        Map<String, Object> desired = new LinkedHashMap<>(Map.of("apiVersion", "v1", "kind", "Namespace",
                "metadata", Map.of("name", "tenant1", "labels", Map.of(
                        "pod-security.kubernetes.io/enforce", "restricted",
                        "pod-security.kubernetes.io/enforce-version", "v1.34"))));
        List<Finding> findings = new ClusterVerifier(client).object(desired, false);
        Finding labels = findings.stream().filter(f -> f.check().equals("labels")).findFirst().orElseThrow();
        assertEquals(Status.DRIFT, labels.status());
        // the render gives tenant1 the default Pod Security labels (baseline, v1.30): a stricter desired level is drift
        assertEquals("metadata.labels.pod-security.kubernetes.io/enforce: baseline (wanted restricted); "
                + "metadata.labels.pod-security.kubernetes.io/enforce-version: v1.30 (wanted v1.34)", labels.detail());
        var ns = client.namespaces().withName("tenant1").get();
        ns.getMetadata().getLabels().put("pod-security.kubernetes.io/enforce", "privileged");
        ns.getMetadata().getLabels().put("pod-security.kubernetes.io/enforce-version", "v1.34");
        client.namespaces().resource(ns).update();
        labels = new ClusterVerifier(client).object(desired, false).stream().filter(f -> f.check().equals("labels"))
                .findFirst().orElseThrow();
        assertEquals("metadata.labels.pod-security.kubernetes.io/enforce: privileged (wanted restricted)", labels.detail());
    }

    @Test
    void aSuspendTheFreezeSwitchDoesNotSayIsDrift() {
        GenericKubernetesResource k = get(KS, "Kustomization", "tenant1", "tenant1-dev-apps");
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) k.getAdditionalProperties().get("spec");
        spec.put("suspend", true);
        replace(k);
        // suspended: Flux does not reconcile it, so its status stays at the old generation, and it is not judged
        Finding f = only(failures());
        assertEquals("freeze", f.check());
        assertEquals(Status.DRIFT, f.status());
        assertTrue(f.detail().startsWith("suspended on the cluster, but the freeze switch (fluxfleet:suspend) is false"),
                f.detail());
    }

    @Test
    void aResumeDuringAFreezeIsDrift() {
        FluxFleetConfig frozen = Stacks.load("dev", Stacks.minimal("dev", 1).put("suspend", true));
        RenderResult render = Stacks.render(frozen);
        server.reset();
        LiveCluster.seed(client, render);
        editSpecAndReconcile(KS, "Kustomization", "flux-system", "tenant1-dev-shared", spec -> spec.remove("suspend"));
        List<Finding> failures = new ClusterVerifier(client).verify(render, frozen).stream().filter(Finding::failed).toList();
        // the resumed one is drift, and now judged: it is Ready in the seed, so nothing else fails
        Finding f = only(failures);
        assertEquals("freeze", f.check());
        assertTrue(f.detail().startsWith("not suspended on the cluster, but the freeze switch (fluxfleet:suspend) is true"));
    }

    private static void setStatus(String apiVersion, String kind, String ns, String name, Map<String, Object> status) {
        GenericKubernetesResource r = get(apiVersion, kind, ns, name);
        r.getAdditionalProperties().put("status", status);
        replace(r);
    }

    @Test
    void aKustomizationNotReadyFailsWithItsReasonAndMessage() {
        setStatus(KS, "Kustomization", "flux-system", "tenant1-dev-cluster", status(1,
                condition("Ready", "False", "HealthCheckFailed",
                        "health check failed after 5m0s: timeout waiting for: [HelmRelease/flux-system/rancher-monitoring"
                                + " status: 'InProgress']", 1)));
        Finding f = only(failures());
        assertEquals("ready", f.check());
        assertEquals("not ready (HealthCheckFailed): health check failed after 5m0s: timeout waiting for:"
                + " [HelmRelease/flux-system/rancher-monitoring status: 'InProgress']", f.detail());
    }

    @Test
    void aStalledHelmReleaseSaysFluxStoppedRetrying() {
        setStatus("helm.toolkit.fluxcd.io/v2", "HelmRelease", "flux-system", "rancher-logging", status(1,
                condition("Ready", "False", "InstallFailed", "Helm install failed for release"
                        + " cattle-logging-system/rancher-logging with chart rancher-logging: context deadline exceeded", 1),
                condition("Stalled", "True", "RetriesExceeded", "Failed to install after 3 attempt(s)", 1)));
        Finding f = only(failures());
        assertEquals("stalled (RetriesExceeded): Failed to install after 3 attempt(s) — Flux does not retry until the"
                + " spec or its inputs change", f.detail());
    }

    @Test
    void aDependencyNotReadyIsNamed() {
        setStatus(KS, "Kustomization", "flux-system", "tenant1-dev-shared", status(1,
                condition("Ready", "False", "DependencyNotReady",
                        "dependency 'flux-system/tenant1-dev-cluster' is not ready", 1)));
        Finding f = only(failures());
        assertEquals("waiting for a dependency: dependency 'flux-system/tenant1-dev-cluster' is not ready", f.detail());
    }

    @Test
    void aWrongDeployTokenShowsTheSourcesMessage() {
        // the committed dev stack's flux-system source is the platform project's (layers.source: platform)
        setStatus("source.toolkit.fluxcd.io/v1", "GitRepository", "flux-system", "platform-dev", status(1,
                condition("Ready", "False", "GitOperationFailed", "failed to checkout and determine revision: unable to"
                        + " clone 'https://gitlab.example.com/your-org/platform-gitops.git': authentication required", 1),
                condition("Reconciling", "True", "ProgressingWithRetry", "reconciliation in progress", 1)));
        Finding f = only(failures());
        assertEquals(new Finding("ready", "GitRepository flux-system/platform-dev", Status.FAIL, "not ready"
                + " (GitOperationFailed): failed to checkout and determine revision: unable to clone"
                + " 'https://gitlab.example.com/your-org/platform-gitops.git': authentication required (Flux is retrying)"), f);
    }

    @Test
    void anOldGenerationsReadyIsNotReady() {
        // a field fluxfleet does not set (so no drift): the API server bumps the generation, Flux has not caught up
        GenericKubernetesResource k = get(KS, "Kustomization", "flux-system", "tenant1-dev-cluster");
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) k.getAdditionalProperties().get("spec");
        spec.put("force", true);
        replace(k);
        Finding f = only(failures());
        assertTrue(f.detail().startsWith("generation 2 not reconciled yet (last observed 1)"), f.detail());
    }

    @Test
    void anObjectWithoutStatusWasNeverReconciled() {
        GenericKubernetesResource r = get("helm.toolkit.fluxcd.io/v2", "HelmRelease", "flux-system", "rancher-monitoring");
        r.getAdditionalProperties().remove("status");
        replace(r);
        assertTrue(only(failures()).detail().startsWith("no Ready condition"));
    }
}
