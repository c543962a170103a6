package io.fluxfleet.plan;

import io.fluxfleet.plan.Plan.Op;
import io.fluxfleet.plan.Plan.Refusal;
import io.fluxfleet.plan.Plan.Step;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code pulumi up}: the steps of each registration in program order, then the deletes. Modelled on pulumi/pulumi
 * {@code pkg/resource/deploy/step_generator.go} ({@code generateSteps}, {@code GenerateDeletes},
 * {@code ScheduleDeletes}); what decides a replacement is in {@link Replacements}, what the engine refuses in
 * {@link Refusals}, the delete order in {@link DeleteScheduler}.
 */
final class StepGenerator {
    private StepGenerator() {}

    /** The steps of a {@code pulumi up} from a state matching {@code before} to the program {@code after}. */
    static Plan up(List<PlannedResource> before, List<PlannedResource> after) {
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
                note = PlanNotes.join(note, "protection lifted in this run");
            } else if (!was.protect() && now.protect()) {
                note = PlanNotes.join(note, "protected from this run on");
            }
            if (!was.type().equals(now.type())) {
                note = PlanNotes.join(note, "type changed from " + was.type());
            }
            Set<String> changed = InputDiff.changedPaths(was.inputs(), now.inputs(), now.ignoreChanges());
            if (now.type().equals("pulumi:providers:kubernetes") && changed.contains("kubeconfig")) {
                note = PlanNotes.join(note, "kubeconfig changed: if its active cluster changed, pulumi-kubernetes replaces this"
                        + " provider and with it every resource it manages (refused where protected); new credentials"
                        + " for the same cluster are an update");
            }
            List<String> replaceKeys = Replacements.replaceKeys(was, now, changed);
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
                        + " your Pulumi program and run `pulumi up`", Refusals.replaceAdvice(now, replaceKeys)));
            }
            if (!now.importId().isEmpty() && !replaceKeys.contains("import ID (re-import)")) {
                refusals.add(new Refusal(now, "previously-imported resources that still specify an ID may not be"
                        + " replaced; please remove the `import` declaration from your program",
                        "fluxfleet adopts " + now.label() + " by import ID; a change to " + String.join(", ", replaceKeys)
                                + " cannot be applied to an adopted resource: undo it, or adopt the object as it is."));
            }
            boolean deleteFirst = Replacements.deleteBeforeReplace(was, now, replaceKeys);
            Replacements.clash(was, now, deleteFirst).ifPresent(refusals::add);
            if (deleteFirst) {
                steps.add(new Step(Op.DELETE_BEFORE_REPLACE, was, replaceKeys, -1,
                        was.retainOnDelete() ? PlanNotes.join(note, "retainOnDelete: the old object is left in place") : note));
                steps.add(new Step(Op.CREATE_REPLACEMENT, now, replaceKeys, -1, note));
            } else {
                steps.add(new Step(Op.CREATE_REPLACEMENT, now, replaceKeys, -1, note));
                condemned.add(was);
                replacedOld.add(was.urn());
            }
        }

        Set<String> tenants = PlanNotes.tenantNames(before);
        Set<String> staying = PlanNotes.tenantNames(after);
        for (PlannedResource was : before) {
            if (!matchedOld.contains(was.urn())) {
                condemned.add(was);
            }
        }
        List<List<PlannedResource>> waves = DeleteScheduler.scheduleDeletes(condemned, before);
        Set<String> removedTenantsRefused = new TreeSet<>();
        List<String> leftovers = new ArrayList<>(); // protected, retained, no longer registered: unprotect and forget
        for (int w = 0; w < waves.size(); w++) {
            for (PlannedResource was : waves.get(w)) {
                boolean replacement = replacedOld.contains(was.urn());
                Op op = replacement ? Op.DELETE_REPLACED : was.retainOnDelete() ? Op.DELETE_RETAIN : Op.DELETE;
                String note = replacement && was.retainOnDelete() ? "retainOnDelete: the old object is left in place" : "";
                steps.add(new Step(op, was, List.of(), w, note));
                if (!replacement && was.protect()) {
                    String tenant = PlanNotes.tenantOf(was, tenants);
                    String advice;
                    if (!tenant.isEmpty() && !staying.contains(tenant)) {
                        removedTenantsRefused.add(tenant);
                        advice = "tenant " + tenant + " was removed while its resources are protected: put it back with"
                                + " `retire: true`, run `pulumi up` (that lifts their protection), then remove it";
                    } else if (was.retainOnDelete()) {
                        leftovers.add(was.urn());
                        advice = "the program no longer registers it, but the state holds it as protected (" + Refusals.origin(was)
                                + "): run `pulumi state unprotect` on it (the one command for all of them is in the note"
                                + " below; README \"Upgrading from an earlier fluxfleet\"), then `pulumi up` drops it from"
                                + " the state and leaves the object (retainOnDelete)";
                    } else {
                        advice = "the program no longer registers it, but the state holds it as protected: register it"
                                + " again with protect false for one `pulumi up`, or run `pulumi state unprotect '"
                                + was.urn() + "'` (a reviewed, manual step; the next `pulumi up` then deletes the object)";
                    }
                    refusals.add(new Refusal(was, Refusals.deleteMessage(was), advice));
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
            notes.add(Refusals.unprotectNote(leftovers));
        }
        notes.addAll(PlanNotes.renames(steps));
        return new Plan(steps, refusals, List.of(), notes, false);
    }

    /**
     * The steps of a {@code pulumi up} from a state an earlier fluxfleet left, known only from its legacy render
     * ({@link LegacyRender}: identity and options derived from {@code after}); the plan carries the derivation's
     * notes, and fails where a resource's URN cannot be named.
     */
    static Plan up(LegacyRender before, List<PlannedResource> after) {
        Plan plan = up(before.resources(), after);
        List<String> notes = new ArrayList<>(before.notes());
        notes.addAll(plan.notes());
        List<String> problems = new ArrayList<>(before.problems());
        problems.addAll(plan.problems());
        return new Plan(plan.steps(), plan.refusals(), problems, notes, false);
    }
}
