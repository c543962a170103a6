package io.fluxfleet.plan;

import io.fluxfleet.plan.Plan.Op;
import io.fluxfleet.plan.Plan.Refusal;
import io.fluxfleet.plan.Plan.Step;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * After the last registration: what the program no longer registers, and the old copies of create-first
 * replacements, deleted in antichains ({@link EngineRules#DELETE_ORDER}). A delete of a resource the state holds as
 * protected is refused ({@link EngineRules#PROTECTED_DELETE}), and the engine goes on past it
 * ({@link EngineRules#CONTINUE_PAST_PROTECTED_DELETE}): before each antichain it drops the steps of every resource a
 * refused delete depends on (transitively, through the state's graph), so those are neither deleted nor, if
 * protected, reported. Every other delete runs.
 */
final class DeletePhase {
    private DeletePhase() {}

    static void run(List<PlannedResource> condemned, Set<String> replacedOld, List<PlannedResource> before,
                    List<PlannedResource> after, List<Step> steps, List<Refusal> refusals, List<String> notes) {
        Set<String> tenants = PlanNotes.tenantNames(before);
        Set<String> staying = PlanNotes.tenantNames(after);
        Map<String, PlannedResource> state = new HashMap<>();
        before.forEach(r -> state.put(r.urn(), r));
        List<List<PlannedResource>> waves = DeleteScheduler.scheduleDeletes(condemned, before);
        Set<String> removedTenantsRefused = new TreeSet<>();
        List<String> leftovers = new ArrayList<>(); // protected, retained, no longer registered: unprotect and forget
        List<String> dropped = new ArrayList<>(); // protected, not retained, no longer registered: unprotect and delete
        Set<String> heldBack = new HashSet<>(); // what refused deletes depend on: the engine skips their deletes
        for (int w = 0; w < waves.size(); w++) {
            Set<String> refusedNow = new HashSet<>();
            for (PlannedResource was : waves.get(w)) {
                boolean replacement = replacedOld.contains(was.urn());
                if (heldBack.contains(was.urn())) {
                    steps.add(new Step(Op.DELETE_SKIPPED, was, List.of(), w, "rule `"
                            + EngineRules.CONTINUE_PAST_PROTECTED_DELETE.id() + "`: a refused delete depends on it"));
                    // refused in its turn once the delete it waits for runs: one command covers both
                    String owner = PlanNotes.tenantOf(was, tenants);
                    if (was.protect() && !replacement && !was.retainOnDelete()
                            && (owner.isEmpty() || staying.contains(owner))) {
                        dropped.add(was.urn());
                    }
                    continue;
                }
                Op op = replacement ? Op.DELETE_REPLACED : was.retainOnDelete() ? Op.DELETE_RETAIN : Op.DELETE;
                String note = replacement && was.retainOnDelete() ? "retainOnDelete: the old object is left in place" : "";
                steps.add(new Step(op, was, List.of(), w, note));
                if (replacement || !was.protect()) {
                    continue;
                }
                refusedNow.add(was.urn());
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
                    dropped.add(was.urn());
                    advice = "the program no longer registers it, but the state holds it as protected: register it"
                            + " again with protect false for one `pulumi up`, or run `pulumi state unprotect '"
                            + was.urn() + "'` (a reviewed, manual step; the next `pulumi up` then deletes the object)";
                }
                refusals.add(new Refusal(was, Refusals.deleteMessage(was), advice));
            }
            for (String urn : refusedNow) {
                heldBack.addAll(transitiveDependencies(state.get(urn), state));
            }
        }
        for (String tenant : removedTenantsRefused) {
            notes.add("Removing tenant " + tenant + " from a protected stack takes two merge requests: first set"
                    + " `retire: true` on it (one `pulumi up` lifts the protection of its resources), then remove it"
                    + " (the next `pulumi up` deletes them). README \"Removing a tenant from prod\".");
        }
        if (!leftovers.isEmpty()) {
            notes.add(Refusals.unprotectNote(leftovers));
        }
        if (!dropped.isEmpty()) {
            notes.add(Refusals.unprotectToDeleteNote(dropped));
        }
    }

    /** Everything {@code r} depends on, through the state's graph (dependencies, parent, provider). */
    static Set<String> transitiveDependencies(PlannedResource r, Map<String, PlannedResource> state) {
        Set<String> seen = new HashSet<>();
        List<String> todo = new ArrayList<>(r.dependencies());
        while (!todo.isEmpty()) {
            String urn = todo.remove(todo.size() - 1);
            if (seen.add(urn) && state.containsKey(urn)) {
                todo.addAll(state.get(urn).dependencies());
            }
        }
        return seen;
    }
}
