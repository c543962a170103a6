package io.fluxfleet.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The steps Pulumi's engine takes to go from one render (the stack's state after the last {@code up}) to another
 * (the program of the next {@code up}), or to tear a render down ({@code destroy}), the steps it refuses, and what an
 * offline plan cannot tell. The rules are rows of {@link EngineRules} and {@link ReplacementRules}, each cited; the
 * concepts are the engine's own: {@link StepGenerator} (registrations in program order, then deletes),
 * {@link Replacements} (what forces a replacement and which copy goes first), {@link Refusals} (the engine's words),
 * {@link DeleteScheduler} (antichains, and what a refused delete holds back), {@link AdoptionGuard} (an adopted object
 * deleted under its old URN), {@link DestroyPlan}; {@link PlanReport} renders it for a terminal or a merge request.
 *
 * <p>What a provider decides from live state (drift, server-side defaults) is outside an offline plan: this is the
 * plan for a state that matches the old render. Where the engine's answer or its consequence depends on something
 * offline inputs do not show (the cluster a context or a secret kubeconfig reaches, a bridged provider's config
 * diff), the plan lists an {@link Uncertainty} instead of guessing.
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
        DELETE_RETAIN("delete (retain: leave the object, drop it from the state)"),
        /** An ImportReplacementStep: the object at the new import ID is read into the state; the old is deleted later. */
        IMPORT_REPLACEMENT("replace: import new"),
        /** A delete the engine does not run: a refused delete in an earlier antichain depends on this resource. */
        DELETE_SKIPPED("not deleted (a refused delete depends on it)");

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

        /** Whether the step changes something (a skipped delete and a no-op do not). */
        public boolean changes() {
            return this != SAME && this != DELETE_SKIPPED;
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
    public record Refusal(PlannedResource resource, String message, String advice, By by) {
        public Refusal(PlannedResource resource, String message, String advice) {
            this(resource, message, advice, By.ENGINE);
        }
    }

    /** Who refuses: the engine (preview fails), the provider (the step fails when it runs), or fluxfleet's plan. */
    public enum By {
        /** The engine refuses in preview: {@code pulumi up} changes nothing. */
        ENGINE,
        /** The provider fails the step when it runs; preview passes, so the steps before it are applied. */
        PROVIDER,
        /** The engine would run it and lose data (an adopted object deleted under its old URN): the plan refuses. */
        FLUXFLEET
    }

    /**
     * Something the outcome depends on that the plan cannot see offline.
     *
     * @param what  what cannot be known, and what the engine does either way
     * @param check what to look at before merging
     */
    public record Uncertainty(PlannedResource resource, String what, String check) {}

    private final List<Step> steps;
    private final List<Refusal> refusals;
    private final List<String> problems;
    private final List<String> notes;
    private final boolean destroy;
    private final List<Uncertainty> uncertainties;
    private final List<String> warnings;
    private final String stoppedAt;

    Plan(List<Step> steps, List<Refusal> refusals, List<String> problems, List<String> notes, boolean destroy) {
        this(steps, refusals, problems, notes, destroy, List.of(), List.of(), "");
    }

    Plan(List<Step> steps, List<Refusal> refusals, List<String> problems, List<String> notes, boolean destroy,
         List<Uncertainty> uncertainties, List<String> warnings, String stoppedAt) {
        this.steps = List.copyOf(steps);
        this.refusals = List.copyOf(refusals);
        this.problems = List.copyOf(problems);
        this.notes = List.copyOf(notes);
        this.destroy = destroy;
        this.uncertainties = List.copyOf(uncertainties);
        this.warnings = List.copyOf(warnings);
        this.stoppedAt = stoppedAt;
    }

    /** What the outcome depends on that an offline plan cannot see; the plan is then not a certain prediction. */
    public List<Uncertainty> uncertainties() {
        return uncertainties;
    }

    /** Steps the engine runs without refusing that a reviewer must not miss (a re-import deleting an object). */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * Empty, or why the engine stops generating steps there (a protected dependent of a delete-before-replace: the
     * step generator bails, in preview too), so the steps listed end at that registration.
     */
    public String stoppedAt() {
        return stoppedAt;
    }

    /** Whether the plan is a certain prediction: nothing it depends on is hidden from an offline plan. */
    public boolean certain() {
        return uncertainties.isEmpty();
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
        return steps.stream().noneMatch(s -> s.op().changes());
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
