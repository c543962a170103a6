package io.fluxfleet.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    Plan(List<Step> steps, List<Refusal> refusals, List<String> problems, List<String> notes, boolean destroy) {
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

    /** The steps of a {@code pulumi up} from a state matching {@code before} to the program {@code after}. */
    public static Plan up(List<PlannedResource> before, List<PlannedResource> after) {
        return StepGenerator.up(before, after);
    }

    /**
     * The steps of a {@code pulumi up} from a state an earlier fluxfleet left, known only from its legacy render
     * ({@link LegacyRender}: identity and options derived from {@code after}); the plan carries the derivation's
     * notes, and fails where a resource's URN cannot be named.
     */
    public static Plan up(LegacyRender before, List<PlannedResource> after) {
        return StepGenerator.up(before, after);
    }

    /**
     * The steps of {@code pulumi destroy} of a stack whose state matches {@code state}, and the order fluxfleet
     * promises (see {@link DestroyPlan}).
     */
    public static Plan destroy(List<PlannedResource> state) {
        return DestroyPlan.destroy(state);
    }

    /** The stack's tenants: the names of its TenantEnvironment components. */
    static Set<String> tenantNames(List<PlannedResource> resources) {
        return PlanNotes.tenantNames(resources);
    }
}
