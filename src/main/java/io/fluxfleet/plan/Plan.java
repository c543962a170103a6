package io.fluxfleet.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxfleet.naming.Names;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The steps Pulumi's engine takes to go from one render (the stack's state after the last {@code up}) to another
 * (the program of the next {@code up}), or to tear a render down ({@code destroy}), and the steps it refuses.
 *
 * <p>Modelled on pulumi/pulumi {@code pkg/resource/deploy/step_generator.go}:
 * <ul>
 *   <li>Resources are registered in program order, which the render's order (dependencies first) stands for; each
 *       gets a same, create, update or replace step as it is registered. A resource is matched to its old self by
 *       URN, or by one of its {@code aliases}.</li>
 *   <li>A replacement creates the new copy first and deletes the old one after every registration ("the delete step
 *       is generated 'later' on, after all creates/updates finish"), unless {@code deleteBeforeReplace} (the option,
 *       else the provider's answer) says to delete first.</li>
 *   <li>"we do allow unprotecting and replacing to happen in a single update cycle": a replace is refused only when
 *       the resource is protected both in the state and in the program ({@code if new.Protect && old.Protect}), and
 *       "previously-imported resources that still specify an ID may not be replaced".</li>
 *   <li>Resources the program no longer registers, and the old copies of replacements, are deleted last, in
 *       {@code scheduleDeletes}' antichains: a resource only after everything that depends on it. A
 *       {@code DeleteStep} refuses a resource its state holds as protected ({@code if s.old.Protect}) whatever the
 *       program says now; with {@code retainOnDelete} the engine drops it from the state and leaves the object.</li>
 * </ul>
 * What a provider decides from live state (drift, server-side defaults) is outside an offline plan: this is the
 * plan for a state that matches the old render. Not modelled: the dependents a delete-before-replace drags along
 * ({@code calculateDependentReplacements} asks each dependent's provider whether the replaced resource's new ID
 * forces its own replacement); fluxfleet's only delete-before-replace candidates are Kubernetes objects replaced
 * under the same name, whose dependents refer to them by that unchanged name.
 */
public final class Plan {

    /** What the engine does to one resource. */
    public enum Op {
        SAME("no-op"),
        CREATE("create"),
        UPDATE("update"),
        CREATE_REPLACEMENT("replace: create new"),
        DELETE_BEFORE_REPLACE("replace: delete old first"),
        DELETE_REPLACED("replace: delete old"),
        DELETE("delete"),
        DELETE_RETAIN("delete (retain: leave the object, drop it from the state)");

        private final String label;

        Op(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public boolean isDelete() {
            return this == DELETE_BEFORE_REPLACE || this == DELETE_REPLACED || this == DELETE || this == DELETE_RETAIN;
        }
    }

    /**
     * One step.
     *
     * @param keys the input paths that changed (update) or force the replacement (replace)
     * @param wave for deletes, the index of the antichain the engine runs it in (0 first); -1 otherwise
     * @param note what else a reader should know (an alias used, protection lifted)
     */
    public record Step(Op op, PlannedResource resource, List<String> keys, int wave, String note) {}

    /**
     * A step that fails: one the engine refuses, or (for {@link ReplacementRules#UNIQUE}) one the provider refuses
     * when it runs; {@code message} is the engine's or the provider's own wording.
     */
    public record Refusal(PlannedResource resource, String message, String advice) {}

    private final List<Step> steps;
    private final List<Refusal> refusals;
    private final List<String> problems;
    private final List<String> notes;
    private final boolean destroy;

    private Plan(List<Step> steps, List<Refusal> refusals, List<String> problems, List<String> notes, boolean destroy) {
        this.steps = List.copyOf(steps);
        this.refusals = List.copyOf(refusals);
        this.problems = List.copyOf(problems);
        this.notes = List.copyOf(notes);
        this.destroy = destroy;
    }

    public List<Step> steps() {
        return steps;
    }

    public List<Refusal> refusals() {
        return refusals;
    }

    /**
     * Broken invariants fluxfleet promises (destroy order), or resources of a legacy old render whose URN cannot be
     * named; like refusals, they fail the plan.
     */
    public List<String> problems() {
        return problems;
    }

    /** Things to know that do not fail the plan (a rename seen as replacement). */
    public List<String> notes() {
        return notes;
    }

    public boolean destroy() {
        return destroy;
    }

    public boolean ok() {
        return refusals.isEmpty() && problems.isEmpty();
    }

    /** Steps per operation, in {@link Op} order. */
    public Map<Op, Integer> counts() {
        Map<Op, Integer> counts = new LinkedHashMap<>();
        for (Op op : Op.values()) {
            int n = (int) steps.stream().filter(s -> s.op() == op).count();
            if (n > 0) {
                counts.put(op, n);
            }
        }
        return counts;
    }

    /** True when every step is a no-op. */
    public boolean noChanges() {
        return steps.stream().allMatch(s -> s.op() == Op.SAME);
    }

    // ---------------------------------------------------------------------------------------------------------
    // pulumi up

    /** The steps of a {@code pulumi up} from a state matching {@code before} to the program {@code after}. */
    public static Plan up(List<PlannedResource> before, List<PlannedResource> after) {
        Map<String, PlannedResource> oldByUrn = new LinkedHashMap<>();
        before.forEach(r -> oldByUrn.put(r.urn(), r));
        Set<String> matchedOld = new HashSet<>();
        Set<String> replaced = new HashSet<>(); // old URNs of providers and resources being replaced
        List<Step> steps = new ArrayList<>();
        List<Refusal> refusals = new ArrayList<>();
        List<PlannedResource> condemned = new ArrayList<>();
        Set<String> replacedOld = new HashSet<>();
        Map<String, PlannedResource> replacedNow = new HashMap<>();
        Map<String, String> matchedFrom = new HashMap<>(); // new URN -> the old URN it continues

        for (PlannedResource now : after) {
            PlannedResource was = oldByUrn.get(now.urn());
            String note = "";
            if (was == null) {
                for (String alias : now.aliases()) {
                    if (oldByUrn.containsKey(alias) && !matchedOld.contains(alias)) {
                        was = oldByUrn.get(alias);
                        note = "matched to " + alias + " by its alias";
                        break;
                    }
                }
            }
            if (was == null) {
                steps.add(new Step(Op.CREATE, now, List.of(), -1, ""));
                continue;
            }
            matchedOld.add(was.urn());
            matchedFrom.put(now.urn(), was.urn());
            if (was.protect() && !now.protect()) {
                note = join(note, "protection lifted in this run");
            } else if (!was.protect() && now.protect()) {
                note = join(note, "protected from this run on");
            }
            if (!was.type().equals(now.type())) {
                note = join(note, "type changed from " + was.type());
            }
            Set<String> changed = changedPaths(was.inputs(), now.inputs(), now.ignoreChanges());
            if (now.type().equals("pulumi:providers:kubernetes") && changed.contains("kubeconfig")) {
                note = join(note, "kubeconfig changed: if its active cluster changed, pulumi-kubernetes replaces this"
                        + " provider and with it every resource it manages (refused where protected); new credentials"
                        + " for the same cluster are an update");
            }
            List<String> replaceKeys = replaceKeys(was, now, changed);
            if (!was.provider().isEmpty() && replaced.contains(was.provider())) {
                replaceKeys.add("provider (replaced)");
            } else if (!was.provider().equals(now.provider())
                    && !was.provider().equals(matchedFrom.get(now.provider()))) { // the same provider, renamed with an alias
                replaceKeys.add("provider");
            }
            if (!was.type().equals(now.type()) && !now.component()) {
                replaceKeys.add("type");
            }
            // step_generator.go: "An import occurs if there is no old resource or if the old resource's ID does not
            // match the ID in the goal state" (isImport := goal.ID != "" && (old == nil || ... oldImportID != goal.ID));
            // with an old resource that is an ImportReplacementStep. A resource fluxfleet created has the ID its import
            // ID format gives (GitLabGovernance), so only a changed import ID is a re-import.
            if (!now.importId().isEmpty() && !was.importId().isEmpty() && !was.importId().equals(now.importId())) {
                replaceKeys.add("import ID (re-import)");
            }
            if (replaceKeys.isEmpty()) {
                List<String> keys = new ArrayList<>(changed);
                if (!now.component()) {
                    // A replacement's outputs (a new token, a new ID) are unknown until it is created; what reads them
                    // is updated with the new values (pulumi preview shows it as an update of unknown values).
                    for (String dep : now.dependencies()) {
                        PlannedResource source = replacedNow.get(dep);
                        if (source != null && !source.component() && !dep.equals(now.provider())) {
                            keys.add("outputs of replaced " + source.label());
                        }
                    }
                }
                steps.add(new Step(keys.isEmpty() || now.component() ? Op.SAME : Op.UPDATE, now, List.copyOf(keys), -1, note));
                continue;
            }
            replaced.add(was.urn());
            replaced.add(now.urn());
            replacedNow.put(now.urn(), now);
            if (was.protect() && now.protect()) {
                refusals.add(new Refusal(now, "unable to replace resource \"" + now.urn() + "\"\nas it is currently marked"
                        + " for protection. To unprotect the resource, remove the `protect` flag from the resource in"
                        + " your Pulumi program and run `pulumi up`", replaceAdvice(now, replaceKeys)));
            }
            if (!now.importId().isEmpty() && !replaceKeys.contains("import ID (re-import)")) {
                refusals.add(new Refusal(now, "previously-imported resources that still specify an ID may not be"
                        + " replaced; please remove the `import` declaration from your program",
                        "fluxfleet adopts " + now.label() + " by import ID; a change to " + String.join(", ", replaceKeys)
                                + " cannot be applied to an adopted resource: undo it, or adopt the object as it is."));
            }
            boolean deleteFirst = deleteBeforeReplace(was, now, replaceKeys);
            clash(was, now, deleteFirst).ifPresent(refusals::add);
            if (deleteFirst) {
                steps.add(new Step(Op.DELETE_BEFORE_REPLACE, was, replaceKeys, -1,
                        was.retainOnDelete() ? join(note, "retainOnDelete: the old object is left in place") : note));
                steps.add(new Step(Op.CREATE_REPLACEMENT, now, replaceKeys, -1, note));
            } else {
                steps.add(new Step(Op.CREATE_REPLACEMENT, now, replaceKeys, -1, note));
                condemned.add(was);
                replacedOld.add(was.urn());
            }
        }

        Set<String> tenants = tenantNames(before);
        Set<String> staying = tenantNames(after);
        for (PlannedResource was : before) {
            if (!matchedOld.contains(was.urn())) {
                condemned.add(was);
            }
        }
        List<List<PlannedResource>> waves = scheduleDeletes(condemned, before);
        Set<String> removedTenantsRefused = new TreeSet<>();
        List<String> leftovers = new ArrayList<>(); // protected, retained, no longer registered: unprotect and forget
        for (int w = 0; w < waves.size(); w++) {
            for (PlannedResource was : waves.get(w)) {
                boolean replacement = replacedOld.contains(was.urn());
                Op op = replacement ? Op.DELETE_REPLACED : was.retainOnDelete() ? Op.DELETE_RETAIN : Op.DELETE;
                String note = replacement && was.retainOnDelete() ? "retainOnDelete: the old object is left in place" : "";
                steps.add(new Step(op, was, List.of(), w, note));
                if (!replacement && was.protect()) {
                    String tenant = tenantOf(was, tenants);
                    String advice;
                    if (!tenant.isEmpty() && !staying.contains(tenant)) {
                        removedTenantsRefused.add(tenant);
                        advice = "tenant " + tenant + " was removed while its resources are protected: put it back with"
                                + " `retire: true`, run `pulumi up` (that lifts their protection), then remove it";
                    } else if (was.retainOnDelete()) {
                        leftovers.add(was.urn());
                        advice = "the program no longer registers it, but the state holds it as protected (" + origin(was)
                                + "): run `pulumi state unprotect` on it (the one command for all of them is in the note"
                                + " below; README \"Upgrading from an earlier fluxfleet\"), then `pulumi up` drops it from"
                                + " the state and leaves the object (retainOnDelete)";
                    } else {
                        advice = "the program no longer registers it, but the state holds it as protected: register it"
                                + " again with protect false for one `pulumi up`, or run `pulumi state unprotect '"
                                + was.urn() + "'` (a reviewed, manual step; the next `pulumi up` then deletes the object)";
                    }
                    refusals.add(new Refusal(was, deleteMessage(was), advice));
                }
            }
        }
        List<String> notes = new ArrayList<>();
        for (String tenant : removedTenantsRefused) {
            notes.add("Removing tenant " + tenant + " from a protected stack takes two merge requests: first set"
                    + " `retire: true` on it (one `pulumi up` lifts the protection of its resources), then remove it"
                    + " (the next `pulumi up` deletes them). README \"Removing a tenant from prod\".");
        }
        if (!leftovers.isEmpty()) {
            notes.add(unprotectNote(leftovers));
        }
        notes.addAll(renames(steps));
        return new Plan(steps, refusals, List.of(), notes, false);
    }

    /**
     * The steps of a {@code pulumi up} from a state an earlier fluxfleet left, known only from its legacy render
     * ({@link LegacyRender}: identity and options derived from {@code after}); the plan carries the derivation's
     * notes, and fails where a resource's URN cannot be named.
     */
    public static Plan up(LegacyRender before, List<PlannedResource> after) {
        Plan plan = up(before.resources(), after);
        List<String> notes = new ArrayList<>(before.notes());
        notes.addAll(plan.notes());
        List<String> problems = new ArrayList<>(before.problems());
        problems.addAll(plan.problems());
        return new Plan(plan.steps(), plan.refusals(), problems, notes, false);
    }

    // ---------------------------------------------------------------------------------------------------------
    // pulumi destroy

    /**
     * The steps of {@code pulumi destroy} of a stack whose state matches {@code state}, and the order fluxfleet
     * promises: every Flux object goes while the Flux release (whose controllers run its finalizers) still exists,
     * and while the rights of the service account it runs as still exist; every namespaced object before its
     * namespace.
     */
    public static Plan destroy(List<PlannedResource> state) {
        List<List<PlannedResource>> waves = scheduleDeletes(state, state);
        List<Step> steps = new ArrayList<>();
        List<Refusal> refusals = new ArrayList<>();
        Map<String, Integer> waveOf = new HashMap<>();
        for (int w = 0; w < waves.size(); w++) {
            for (PlannedResource r : waves.get(w)) {
                waveOf.put(r.urn(), w);
                steps.add(new Step(r.retainOnDelete() ? Op.DELETE_RETAIN : Op.DELETE, r, List.of(), w, ""));
                if (r.protect()) {
                    refusals.add(new Refusal(r, deleteMessage(r), "the stack is protected (prod): set"
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
                        bindingsOf.computeIfAbsent(subject.path("namespace").asText(namespaceOf(r)) + "/"
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
                for (PlannedResource binding : bindingsOf.getOrDefault(namespaceOf(r) + "/" + account, List.of())) {
                    if (!dependsOn(r, binding.urn(), byUrn)) {
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
                    && !dependsOn(r, fluxRelease.urn(), byUrn)) {
                problems.add(r.label() + " does not depend on the Flux release " + fluxRelease.name() + ", so nothing makes the"
                        + " engine delete it first (wave " + waveOf.get(r.urn()) + ", release wave "
                        + waveOf.get(fluxRelease.urn()) + "): its finalizer could be left with no controller to run it."
                        + " Make it depend on the release.");
            }
            String ns = namespaceOf(r);
            PlannedResource namespace = ns.isEmpty() ? null : namespaces.get(ns);
            if (namespace != null && namespace != r && !dependsOn(r, namespace.urn(), byUrn)) {
                problems.add(r.label() + " does not depend on its namespace " + ns + ", so nothing makes the engine"
                        + " delete it first (wave " + waveOf.get(r.urn()) + ", namespace wave " + waveOf.get(namespace.urn())
                        + "). Make it depend on the namespace.");
            }
        }
        return new Plan(steps, refusals, problems, List.of(), true);
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * Deletes in the engine's order: antichains, each deleted only after every resource that depends on it (within
     * the condemned set, and through the old state's graph), as pulumi/pulumi step_generator.go
     * {@code scheduleDeletes} builds them. Inside an antichain resources are sorted by URN for a stable report.
     */
    static List<List<PlannedResource>> scheduleDeletes(List<PlannedResource> condemned, List<PlannedResource> state) {
        Map<String, PlannedResource> byUrn = new LinkedHashMap<>();
        condemned.forEach(r -> byUrn.put(r.urn(), r));
        Map<String, PlannedResource> stateByUrn = new HashMap<>();
        state.forEach(r -> stateByUrn.put(r.urn(), r));
        // dependents among the condemned, transitively through resources that are not condemned
        Map<String, Set<String>> blockers = new HashMap<>();
        for (PlannedResource r : condemned) {
            blockers.put(r.urn(), new HashSet<>());
        }
        for (PlannedResource r : condemned) {
            for (String dep : condemnedDependencies(r, byUrn, stateByUrn)) {
                if (!dep.equals(r.urn())) {
                    blockers.get(dep).add(r.urn()); // dep waits until r is gone
                }
            }
        }
        List<List<PlannedResource>> waves = new ArrayList<>();
        Set<String> left = new LinkedHashSet<>(byUrn.keySet());
        while (!left.isEmpty()) {
            List<PlannedResource> wave = new ArrayList<>();
            for (String urn : left) {
                if (blockers.get(urn).stream().noneMatch(left::contains)) {
                    wave.add(byUrn.get(urn));
                }
            }
            if (wave.isEmpty()) {
                throw new IllegalStateException("dependency cycle among " + left);
            }
            wave.sort((a, b) -> a.urn().compareTo(b.urn()));
            wave.forEach(r -> left.remove(r.urn()));
            waves.add(wave);
        }
        return waves;
    }

    /** Whether {@code r} depends on {@code target}, directly or through other resources of the state. */
    private static boolean dependsOn(PlannedResource r, String target, Map<String, PlannedResource> state) {
        Set<String> seen = new HashSet<>();
        List<String> todo = new ArrayList<>(r.dependencies());
        while (!todo.isEmpty()) {
            String urn = todo.remove(todo.size() - 1);
            if (urn.equals(target)) {
                return true;
            }
            if (seen.add(urn) && state.containsKey(urn)) {
                todo.addAll(state.get(urn).dependencies());
            }
        }
        return false;
    }

    private static Set<String> condemnedDependencies(PlannedResource r, Map<String, PlannedResource> condemned,
                                                     Map<String, PlannedResource> state) {
        Set<String> found = new HashSet<>();
        Set<String> seen = new HashSet<>();
        List<String> todo = new ArrayList<>(r.dependencies());
        while (!todo.isEmpty()) {
            String urn = todo.remove(todo.size() - 1);
            if (!seen.add(urn)) {
                continue;
            }
            if (condemned.containsKey(urn)) {
                found.add(urn);
            } else if (state.containsKey(urn)) {
                todo.addAll(state.get(urn).dependencies());
            }
        }
        return found;
    }

    /** The input paths whose values differ, with {@code ignoreChanges} paths left out (as the engine does). */
    static Set<String> changedPaths(JsonNode before, JsonNode after, List<String> ignore) {
        JsonNode a = strip(before, ignore);
        JsonNode b = strip(after, ignore);
        Set<String> out = new TreeSet<>();
        diff("", a, b, out);
        return out;
    }

    private static JsonNode strip(JsonNode node, List<String> ignore) {
        if (!(node instanceof ObjectNode object) || ignore.isEmpty()) {
            return node;
        }
        ObjectNode copy = object.deepCopy();
        for (String path : ignore) {
            String[] parts = path.split("\\.");
            JsonNode at = copy;
            for (int i = 0; i < parts.length - 1 && at != null; i++) {
                at = at.get(parts[i]);
            }
            if (at instanceof ObjectNode parent) {
                parent.remove(parts[parts.length - 1]);
            }
        }
        return copy;
    }

    private static void diff(String path, JsonNode a, JsonNode b, Set<String> out) {
        if (a != null && b != null && a.isObject() && b.isObject()) {
            Set<String> keys = new TreeSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                diff(path.isEmpty() ? k : path + "." + k, a.get(k), b.get(k), out);
            }
            return;
        }
        JsonNode x = a == null || a.isNull() ? MissingNode.getInstance() : a;
        JsonNode y = b == null || b.isNull() ? MissingNode.getInstance() : b;
        // Secrets fingerprinted under different keys (an earlier fluxfleet's render, another machine's) cannot be
        // compared; the engine compares the real values, which an offline plan never has: not counted as a change.
        if (x.isTextual() && y.isTextual() && io.fluxfleet.render.Fingerprint.incomparable(x.asText(), y.asText())) {
            return;
        }
        if (!x.equals(y)) {
            out.add(path);
        }
    }

    private static JsonNode at(JsonNode node, String path) {
        JsonNode at = node;
        for (String part : path.split("\\.")) {
            at = at == null ? null : at.get(part);
        }
        return at == null || at.isNull() ? MissingNode.getInstance() : at;
    }

    /** The paths that force a replacement: the provider's rules and the program's {@code replaceOnChanges}. */
    private static List<String> replaceKeys(PlannedResource was, PlannedResource now, Set<String> changed) {
        List<String> keys = new ArrayList<>();
        if (now.component() || changed.isEmpty()) {
            return keys;
        }
        JsonNode a = strip(was.inputs(), now.ignoreChanges());
        JsonNode b = strip(now.inputs(), now.ignoreChanges());
        for (ReplacementRules.Rule rule : ReplacementRules.forType(now.type())) {
            for (String path : rule.paths()) {
                boolean counts = rule.when() == ReplacementRules.When.CHANGED || !at(b, path).isMissingNode();
                if (counts && !at(a, path).equals(at(b, path)) && !keys.contains(path)) {
                    keys.add(path);
                }
            }
        }
        for (String path : now.replaceOnChanges()) {
            boolean hit = path.equals("*") ? !changed.isEmpty() : !at(a, path).equals(at(b, path));
            if (hit && !keys.contains(path)) {
                keys.add(path);
            }
        }
        return keys;
    }

    /**
     * The option when the program sets it; else the provider's choice. pulumi-kubernetes v4.32.0 provider.go Diff:
     * "Delete before replacement if we are forced to replace the old object, and the new version of that object
     * MUST have the same name" (named, not autonamed, same name and namespace). The bridged GitLab and random
     * providers leave it to the engine's default, create-before-delete.
     */
    private static boolean deleteBeforeReplace(PlannedResource was, PlannedResource now, List<String> keys) {
        if (now.deleteBeforeReplace() != null) {
            return now.deleteBeforeReplace();
        }
        if (keys.stream().anyMatch(k -> k.startsWith("provider"))) {
            return false; // the engine replaces without asking the provider's Diff, so the default: create first
        }
        if (now.type().startsWith("kubernetes:") && !now.type().equals("kubernetes:helm.sh/v3:Release")) {
            JsonNode a = was.inputs().path("metadata");
            JsonNode b = now.inputs().path("metadata");
            return !b.path("name").asText("").isEmpty() && a.path("name").equals(b.path("name"))
                    && a.path("namespace").equals(b.path("namespace"));
        }
        return false;
    }

    /**
     * The provider's own refusal of a replacement that keeps an identity GitLab holds unique
     * ({@link ReplacementRules#UNIQUE}): the new object is created while the old one still exists, either because the
     * engine creates first (its default) or because the old one is retained: a replace's delete step of a
     * {@code retainOnDelete} resource is a no-op too (pulumi/pulumi pkg/resource/deploy/step.go DeleteStep.Apply:
     * "else if s.old.RetainOnDelete { // Deleting a \"drop on delete\" is a no-op"}, for replacing steps as well).
     */
    private static java.util.Optional<Refusal> clash(PlannedResource was, PlannedResource now, boolean deleteFirst) {
        if (deleteFirst && !was.retainOnDelete()) {
            return java.util.Optional.empty();
        }
        return ReplacementRules.uniqueFor(now.type()).flatMap(unique -> {
            List<String> values = new ArrayList<>();
            for (String path : unique.paths()) {
                JsonNode a = at(was.inputs(), path);
                if (a.isMissingNode() || !a.equals(at(now.inputs(), path))) {
                    return java.util.Optional.empty();
                }
                values.add(a.asText());
            }
            String why = deleteFirst
                    ? "the old one is retainOnDelete, so the replace's delete leaves it in GitLab"
                    : "the engine creates the replacement before it deletes the old one";
            return java.util.Optional.of(new Refusal(now, String.format(unique.error(), values.toArray()),
                    "a change to " + String.join(", ", replaceKeys(was, now, changedPaths(was.inputs(), now.inputs(),
                            now.ignoreChanges()))) + " replaces " + now.label() + " on the same branch, and " + why
                            + ", so GitLab still has it when the provider creates the new one. Undo the change; or, to"
                            + " apply it, unprotect the branch in GitLab (Settings > Repository > Protected branches)"
                            + " right before `pulumi up`, which protects it again with the new settings (README"
                            + " \"Which resources are protected, and why\")"));
        });
    }

    /** Where a protected, retained resource the program dropped comes from, as far as its name tells. */
    private static String origin(PlannedResource r) {
        String seedBranch = io.fluxfleet.config.Environment.first().branch();
        if (r.type().equals("gitlab:index/repositoryFile:RepositoryFile")
                && !r.inputs().path("branch").asText(seedBranch).equals(seedBranch)) {
            return "a seed file an earlier fluxfleet committed on " + r.inputs().path("branch").asText()
                    + " and protected; seeds are now committed once, on " + seedBranch + ", and never protected";
        }
        return "an earlier fluxfleet or an earlier program protected it";
    }

    /**
     * One reviewed command that clears the protect bit of every protected, retained resource the program dropped, so
     * the next {@code pulumi up} forgets them and leaves the objects. {@code pulumi state unprotect} takes several
     * URNs (pulumi/pulumi pkg/cmd/pulumi/state/state_unprotect.go: variadic "resource-urn", {@code --stack},
     * {@code --yes}); the stack is the URN's second field ({@code urn:pulumi:<stack>::<project>::...}).
     */
    static String unprotectNote(List<String> urns) {
        String stack = urns.get(0).split("::")[0].substring("urn:pulumi:".length());
        StringBuilder cmd = new StringBuilder("pulumi state unprotect --stack " + stack + " --yes");
        for (String urn : urns) {
            cmd.append(" \\\n    '").append(urn).append('\'');
        }
        return urns.size() + " resource(s) the program no longer registers are protected and retained in the state"
                + " (README \"Upgrading from an earlier fluxfleet\"). Clear their protection in one reviewed step, then"
                + " run `pulumi up`, which drops them from the state and leaves the objects in place:\n" + cmd;
    }

    /**
     * The engine's words, as of the oldest CLI fluxfleet runs under (3.257.0): pulumi/pulumi v3.257.0
     * pkg/resource/deploy/step.go {@code deleteProtectedError}, "resource %[1]q cannot be deleted\nbecause it is
     * protected. ... `pulumi state unprotect %[2]s`", the second the URN's {@code Quote()} (single quotes, off Windows).
     */
    private static String deleteMessage(PlannedResource r) {
        return "resource \"" + r.urn() + "\" cannot be deleted\nbecause it is protected. To unprotect the resource,"
                + " either remove the `protect` flag from the resource in your Pulumi program and run `pulumi up`, or"
                + " use the command:\n`pulumi state unprotect '" + r.urn() + "'`";
    }

    private static String replaceAdvice(PlannedResource r, List<String> keys) {
        String stack = r.urn().startsWith("urn:pulumi:") ? r.urn().split("::")[0].substring("urn:pulumi:".length()) : "<stack>";
        return "a change to " + String.join(", ", keys) + " replaces " + r.label() + ", which is protected: undo the"
                + " change, or, if the replacement is intended, lift this one resource's protection in a reviewed step"
                + " (`pulumi state unprotect --stack " + stack + " --yes '" + r.urn() + "'`) and run `pulumi up`, which"
                + " replaces it and protects the new one again";
    }

    /** The stack's tenants: the names of its TenantEnvironment components. */
    static Set<String> tenantNames(List<PlannedResource> resources) {
        Set<String> names = new TreeSet<>();
        for (PlannedResource r : resources) {
            if (r.type().equals("fluxfleet:tenancy:TenantEnvironment") && r.name().startsWith("tenant-")) {
                names.add(r.name().substring("tenant-".length()));
            }
        }
        return names;
    }

    /**
     * The tenant a resource belongs to, from fluxfleet's naming (io.fluxfleet.naming.Names, GitLabNames): the
     * tenant label, a tenant component parent, or a name that starts with the tenant; empty for platform resources.
     */
    static String tenantOf(PlannedResource r, Set<String> tenants) {
        String label = r.inputs().path("metadata").path("labels").path("fluxfleet.io/tenant").asText("");
        if (!label.isEmpty()) {
            return label;
        }
        for (String t : tenants) {
            String n = r.name();
            String tenantComponent = Names.tenantComponent(t);
            String commitStatusComponent = Names.commitStatusComponent(t);
            if (r.urn().contains("fluxfleet:tenancy:TenantEnvironment::" + tenantComponent + "$")
                    || r.urn().contains("fluxfleet:infra:CommitStatus::" + commitStatusComponent + "$")
                    || n.equals(tenantComponent) || n.equals(commitStatusComponent) || n.equals(Names.webhookToken(t))
                    || n.startsWith(t + "-") || n.startsWith(t + "/") || n.contains("/" + t + "-")) {
                return t;
            }
        }
        return "";
    }

    private static String namespaceOf(PlannedResource r) {
        if (r.type().equals("kubernetes:helm.sh/v3:Release")) {
            return r.inputs().path("namespace").asText("");
        }
        return r.type().startsWith("kubernetes:") ? r.inputs().path("metadata").path("namespace").asText("") : "";
    }

    /**
     * A resource that leaves and one of the same type that arrives under another name are, to the engine, a delete
     * and a create: a rename is a replacement. Says so, per type, so a reviewer sees it (and can add aliases).
     */
    private static List<String> renames(List<Step> steps) {
        Map<String, List<String>> created = new TreeMap<>();
        Map<String, List<String>> deleted = new TreeMap<>();
        for (Step s : steps) {
            if (s.op() == Op.CREATE && !s.resource().component()) {
                created.computeIfAbsent(s.resource().type(), k -> new ArrayList<>()).add(s.resource().name());
            } else if ((s.op() == Op.DELETE || s.op() == Op.DELETE_RETAIN) && !s.resource().component()) {
                deleted.computeIfAbsent(s.resource().type(), k -> new ArrayList<>()).add(s.resource().name());
            }
        }
        int pairs = 0;
        List<String> types = new ArrayList<>();
        for (var e : deleted.entrySet()) {
            int n = Math.min(e.getValue().size(), created.getOrDefault(e.getKey(), List.of()).size());
            if (n > 0) {
                pairs += n;
                types.add(e.getKey().substring(e.getKey().lastIndexOf(':') + 1));
            }
        }
        if (pairs == 0) {
            return List.of();
        }
        return List.of(pairs + " resource(s) leave and as many of the same types arrive under other names ("
                + String.join(", ", types) + "). If that is a rename, the engine replaces them: the new ones are created,"
                + " then the old ones deleted (with new IDs, new GitLab tokens, a new namespace). Give the new resources"
                + " `aliases` to their old URNs to keep them.");
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : a + "; " + b;
    }
}
