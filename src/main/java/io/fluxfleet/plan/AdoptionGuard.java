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

/**
 * Trap 2: a URN change over the same live object. fluxfleet's Kubernetes provider runs with
 * {@code upsertExistingObjects} ({@code KubernetesProviderArgs}), so a create of an object that exists adopts it;
 * when the program registers an object under a new URN (a renamed resource, a moved parent, an apiVersion bump
 * without an alias) and stops registering the old URN, the engine creates the new one, adopting the live object,
 * and after every registration deletes the old URN, which deletes that same object ({@link EngineRules#UPSERT_ADOPTS},
 * pulumi-kubernetes #2948). The state then says the object exists; the cluster no longer has it, nor what lived in it.
 *
 * <p>The live identity is what the API server keys an object by: API group (not version), kind, namespace, name.
 * A delete step that leaves the object ({@code retainOnDelete}), one the engine skips, and a delete-before-replace
 * (delete, then a visible create) are not this trap. Without {@code upsertExistingObjects} the create fails with
 * AlreadyExists instead; either way the plan refuses, naming the object and what the delete takes with it.
 */
final class AdoptionGuard {
    private AdoptionGuard() {}

    static List<Refusal> check(List<Step> steps, List<PlannedResource> before, List<PlannedResource> after) {
        Map<String, PlannedResource> oldProviders = new HashMap<>();
        before.forEach(r -> oldProviders.put(r.urn(), r));
        Map<String, PlannedResource> providers = new HashMap<>();
        after.forEach(r -> providers.put(r.urn(), r));
        Map<String, PlannedResource> deleted = new HashMap<>();
        for (Step s : steps) {
            if ((s.op() == Op.DELETE || s.op() == Op.DELETE_REPLACED) && !s.resource().retainOnDelete()) {
                String key = identity(s.resource());
                if (key != null) {
                    deleted.put(cluster(oldProviders.get(s.resource().provider())) + "|" + key, s.resource());
                }
            }
        }
        List<Refusal> out = new ArrayList<>();
        for (Step s : steps) {
            if (s.op() != Op.CREATE && s.op() != Op.CREATE_REPLACEMENT) {
                continue;
            }
            PlannedResource now = s.resource();
            String key = identity(now);
            PlannedResource was = key == null ? null : deleted.get(cluster(providers.get(now.provider())) + "|" + key);
            if (was == null) {
                continue;
            }
            PlannedResource provider = providers.get(now.provider());
            boolean upsert = provider != null && provider.inputs().path("upsertExistingObjects").asText("").equals("true");
            String object = describe(now);
            String takes = contents(was, before);
            String message = upsert
                    ? object + " is registered as " + now.urn() + " while " + was.urn() + ", which holds the same live"
                            + " object, is deleted: with upsertExistingObjects the create adopts the object and the"
                            + " delete then deletes it (rule `" + EngineRules.UPSERT_ADOPTS.id() + "`, pulumi-kubernetes"
                            + " #2948). Deleted with it: " + takes + ". The state would then list an object the"
                            + " cluster no longer has"
                    : object + " is created as " + now.urn() + " while " + was.urn() + " still holds it: without"
                            + " upsertExistingObjects the provider fails the create with AlreadyExists";
            out.add(new Refusal(now, message, "give the new resource `aliases` to " + was.urn() + " so the engine sees one"
                    + " resource (README \"Resource identity\"); if it must become another object, change its name too,"
                    + " or mark the old one retainOnDelete for one run and adopt it afterwards",
                    upsert ? Plan.By.FLUXFLEET : Plan.By.PROVIDER));
        }
        return out;
    }

    /** {@code group/Kind/namespace/name} of a Kubernetes object, or null for anything else. */
    static String identity(PlannedResource r) {
        if (r.component() || !r.type().startsWith("kubernetes:") || r.type().startsWith("kubernetes:helm.sh/")) {
            return null;
        }
        String gv = r.type().substring("kubernetes:".length(), r.type().lastIndexOf(':'));
        String group = gv.contains("/") ? gv.substring(0, gv.lastIndexOf('/')) : "";
        if (group.equals("core")) {
            group = "";
        }
        JsonNode meta = r.inputs().path("metadata");
        String name = meta.path("name").asText("");
        return name.isEmpty() ? null : group + "/" + kind(r) + "/" + meta.path("namespace").asText("") + "/" + name;
    }

    /**
     * Which cluster a provider reaches, as far as its inputs say: its {@code clusterIdentifier}, else its context or
     * kubeconfig (fingerprint). Objects under providers that name different clusters are different objects.
     */
    private static String cluster(PlannedResource provider) {
        if (provider == null) {
            return "";
        }
        JsonNode in = provider.inputs();
        String id = in.path("clusterIdentifier").asText("");
        return !id.isEmpty() ? "id:" + id : "ctx:" + in.path("context").asText("") + in.path("kubeconfig").asText("");
    }

    private static String kind(PlannedResource r) {
        return r.type().substring(r.type().lastIndexOf(':') + 1);
    }

    private static String describe(PlannedResource r) {
        JsonNode meta = r.inputs().path("metadata");
        String ns = meta.path("namespace").asText("");
        return kind(r) + " " + (ns.isEmpty() ? "" : ns + "/") + meta.path("name").asText();
    }

    /** What deleting {@code r} takes with it, as far as the render tells. */
    static String contents(PlannedResource r, List<PlannedResource> state) {
        JsonNode spec = r.inputs().path("spec");
        String name = r.inputs().path("metadata").path("name").asText();
        switch (kind(r)) {
            case "Namespace": {
                Map<String, Integer> kinds = new TreeMap<>();
                for (PlannedResource o : state) {
                    if (o != r && !o.component() && name.equals(o.inputs().path("metadata").path("namespace").asText(""))) {
                        kinds.merge(kind(o), 1, Integer::sum);
                    }
                }
                List<String> parts = new ArrayList<>();
                kinds.forEach((k, n) -> parts.add(n + " " + k));
                return "every object in namespace " + name + ": this stack's " + (parts.isEmpty() ? "none"
                        : String.join(", ", parts)) + ", and everything Flux applied there (the tenant's workloads,"
                        + " their Secrets, ConfigMaps and PersistentVolumeClaims with their data)";
            }
            case "Kustomization":
                return spec.path("prune").asBoolean(false)
                        ? "with prune: true, kustomize-controller's finalizer deletes every object it applied from "
                                + spec.path("path").asText("its path") + " (its inventory)"
                        : "the Kustomization (prune is off: what it applied stays, unmanaged)";
            case "HelmRelease":
                return "helm-controller's finalizer uninstalls the release " + spec.path("releaseName").asText(name)
                        + " (chart " + spec.path("chart").path("spec").path("chart").asText("?") + "): every object of"
                        + " the chart, and the volumes it claimed";
            case "Secret": {
                List<String> keys = new ArrayList<>();
                r.inputs().path("stringData").fieldNames().forEachRemaining(keys::add);
                r.inputs().path("data").fieldNames().forEachRemaining(keys::add);
                return "the Secret and its keys " + (keys.isEmpty() ? "(none listed)" : String.join(", ", keys))
                        + "; what mounts or reads it fails until it is back";
            }
            case "GitRepository":
            case "HelmRepository":
                return "the source and its artifact: every Kustomization or HelmRelease reading it stalls";
            default:
                return "the object itself";
        }
    }
}
