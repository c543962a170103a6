package io.fluxfleet.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxfleet.plan.Plan.Op;
import io.fluxfleet.plan.Plan.Refusal;
import io.fluxfleet.plan.Plan.Step;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code pulumi destroy}: every resource deleted in the engine's antichains, and the order fluxfleet promises. */
final class DestroyPlan {
    private DestroyPlan() {}

    // ---------------------------------------------------------------------------------------------------------
    // pulumi destroy

    /**
     * The steps of {@code pulumi destroy} of a stack whose state matches {@code state}, and the order fluxfleet
     * promises: every Flux object goes while the Flux release (whose controllers run its finalizers) still exists,
     * and while the rights of the service account it runs as still exist; every namespaced object before its
     * namespace.
     */
    static Plan destroy(List<PlannedResource> state) {
        List<List<PlannedResource>> waves = DeleteScheduler.scheduleDeletes(state, state);
        List<Step> steps = new ArrayList<>();
        List<Refusal> refusals = new ArrayList<>();
        Map<String, Integer> waveOf = new HashMap<>();
        for (int w = 0; w < waves.size(); w++) {
            for (PlannedResource r : waves.get(w)) {
                waveOf.put(r.urn(), w);
                steps.add(new Step(r.retainOnDelete() ? Op.DELETE_RETAIN : Op.DELETE, r, List.of(), w, ""));
                if (r.protect()) {
                    refusals.add(new Refusal(r, Refusals.deleteMessage(r), "the stack is protected (prod): set"
                            + " fluxfleet:allowDestroy to true, run `pulumi up` (it lifts the protection), then destroy"));
                }
            }
        }
        List<String> problems = new ArrayList<>();
        Map<String, PlannedResource> byUrn = new HashMap<>();
        state.forEach(r -> byUrn.put(r.urn(), r));
        PlannedResource fluxRelease = state.stream()
                .filter(r -> r.type().equals("kubernetes:helm.sh/v3:Release") && r.inputs().path("chart").asText("").equals("flux2"))
                .findFirst().orElse(null);
        Map<String, PlannedResource> namespaces = new TreeMap<>();
        for (PlannedResource r : state) {
            if (r.type().equals("kubernetes:core/v1:Namespace")) {
                namespaces.put(r.inputs().path("metadata").path("name").asText(""), r);
            }
        }
        // the bindings that give each service account its rights, by "namespace/name" of the account
        Map<String, List<PlannedResource>> bindingsOf = new HashMap<>();
        for (PlannedResource r : state) {
            if (r.type().equals("kubernetes:rbac.authorization.k8s.io/v1:RoleBinding")
                    || r.type().equals("kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding")) {
                for (JsonNode subject : r.inputs().path("subjects")) {
                    if (subject.path("kind").asText("").equals("ServiceAccount")) {
                        bindingsOf.computeIfAbsent(subject.path("namespace").asText(PlanNotes.namespaceOf(r)) + "/"
                                + subject.path("name").asText(""), k -> new ArrayList<>()).add(r);
                    }
                }
            }
        }
        for (PlannedResource r : state) {
            // A Kustomization or HelmRelease whose finalizer prunes or uninstalls as a service account
            // (spec.serviceAccountName, impersonated by kustomize-/helm-controller) must go before that account's
            // rights: deleted after them, the prune or uninstall is forbidden and the finalizer waits.
            String account = r.type().contains(".toolkit.fluxcd.io/") ? r.inputs().path("spec").path("serviceAccountName").asText("") : "";
            if (!account.isEmpty()) {
                for (PlannedResource binding : bindingsOf.getOrDefault(PlanNotes.namespaceOf(r) + "/" + account, List.of())) {
                    if (!DeleteScheduler.dependsOn(r, binding.urn(), byUrn)) {
                        problems.add(r.label() + " runs as " + account + " but does not depend on " + binding.label()
                                + ", so nothing makes the engine delete it first (wave " + waveOf.get(r.urn())
                                + ", binding wave " + waveOf.get(binding.urn()) + "): its finalizer would prune or"
                                + " uninstall without the rights to. Make it depend on the binding.");
                    }
                }
            }
        }
        for (PlannedResource r : state) {
            // Antichains run in parallel and a resource with no path to another may go in any of them: only a
            // dependency makes the order certain, so that is what is checked.
            if (fluxRelease != null && r.type().contains(".toolkit.fluxcd.io/")
                    && !DeleteScheduler.dependsOn(r, fluxRelease.urn(), byUrn)) {
                problems.add(r.label() + " does not depend on the Flux release " + fluxRelease.name() + ", so nothing makes the"
                        + " engine delete it first (wave " + waveOf.get(r.urn()) + ", release wave "
                        + waveOf.get(fluxRelease.urn()) + "): its finalizer could be left with no controller to run it."
                        + " Make it depend on the release.");
            }
            String ns = PlanNotes.namespaceOf(r);
            PlannedResource namespace = ns.isEmpty() ? null : namespaces.get(ns);
            if (namespace != null && namespace != r && !DeleteScheduler.dependsOn(r, namespace.urn(), byUrn)) {
                problems.add(r.label() + " does not depend on its namespace " + ns + ", so nothing makes the engine"
                        + " delete it first (wave " + waveOf.get(r.urn()) + ", namespace wave " + waveOf.get(namespace.urn())
                        + "). Make it depend on the namespace.");
            }
        }
        return new Plan(steps, refusals, problems, List.of(), true);
    }
}
