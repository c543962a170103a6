package io.fluxfleet.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The engine's delete order (pulumi/pulumi step_generator.go {@code ScheduleDeletes}). */
final class DeleteScheduler {
    private DeleteScheduler() {}

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
    static boolean dependsOn(PlannedResource r, String target, Map<String, PlannedResource> state) {
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

    static Set<String> condemnedDependencies(PlannedResource r, Map<String, PlannedResource> condemned,
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
}
