package io.fluxfleet.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Moving tenants between the stacks of one environment (a plain stack and its shards, README "Large fleets"), as the
 * engine sees it: each stack's {@code pulumi up} is planned on its own ({@link Plan#up}); a live object that one stack
 * stops registering and another starts registering under the same type and name (fluxfleet derives both from the
 * tenant, so they are the object's identity in the environment) is a <em>move</em>. A move is safe only as
 * retain-then-adopt:
 * <ul>
 *   <li>the old stack drops it from its state without deleting it: its state holds the resource
 *       {@code retainOnDelete} (pulumi/pulumi pkg/resource/deploy/step.go, {@code DeleteStep.Apply}: only
 *       "if !s.old.RetainOnDelete" is the provider asked to delete), which {@code tenants[].moving} sets one
 *       {@code up} earlier; a plain delete is refused here: it would delete the live object before, or after, the new
 *       stack takes it;</li>
 *   <li>the new stack adopts the object rather than failing on it: see {@link #ADOPTION}.</li>
 * </ul>
 * A resource with no object outside Pulumi's state (components, providers, {@code random:*}) is no move: the new
 * stack makes its own.
 */
public final class ShardMove {
    /** How the new stack's create meets the live object, per provider (type prefix); the rule's source beside it. */
    public enum Adoption {
        /**
         * pulumi-kubernetes 4.29.0 (#2926): a create of an existing object fails with AlreadyExists unless the
         * provider's {@code upsertExistingObjects} is on, which makes it an apply to the existing object; fluxfleet's
         * provider turns it on ({@code KubernetesProviderArgs}).
         */
        UPSERT,
        /** The resource names an existing object by {@code import} ID: the engine reads it into the state. */
        IMPORT,
        /**
         * A GitLab object fluxfleet looks up before it registers ({@code GitLabLookup}: the project, the environment's
         * branch and its protection, group shares, seed files): the live run finds it and imports it; the offline
         * render assumes a greenfield instance and cannot show the ID.
         */
        IMPORT_BY_LOOKUP,
        /** An object GitLab holds in addition (a deploy token, an approval rule, a hook): the new stack makes its own. */
        NEW_COPY
    }

    /** GitLab types whose live object fluxfleet's GitLab lookup finds and imports. */
    static final List<String> LOOKED_UP = List.of("gitlab:index/project:Project", "gitlab:index/branch:Branch",
            "gitlab:index/branchProtection:BranchProtection", "gitlab:index/projectShareGroup:ProjectShareGroup",
            "gitlab:index/repositoryFile:RepositoryFile", "gitlab:index/projectLevelMrApprovals:ProjectLevelMrApprovals");

    /** One object moving from stack {@code from} to stack {@code to}. */
    public record Move(String from, String to, PlannedResource resource, Plan.Op leaves, Adoption adoption) {}

    /** What moving between the stacks does: each stack's plan, the moves, and the moves the engine would not take. */
    public record Result(Map<String, Plan> plans, List<Move> moves, List<String> refusals) {
        public boolean ok() {
            return refusals.isEmpty() && plans.values().stream().allMatch(Plan::ok);
        }
    }

    private ShardMove() {}

    /**
     * Plans every stack from {@code before} (its state, as a render) to {@code after} (its program); a stack missing
     * on one side is new, or gone.
     */
    public static Result plan(Map<String, List<PlannedResource>> before, Map<String, List<PlannedResource>> after) {
        Map<String, Plan> plans = new TreeMap<>();
        java.util.Set<String> stacks = new java.util.TreeSet<>(before.keySet());
        stacks.addAll(after.keySet());
        Map<String, Map<String, Plan.Step>> leaving = new LinkedHashMap<>();
        Map<String, Map<String, Plan.Step>> arriving = new LinkedHashMap<>();
        for (String stack : stacks) {
            Plan plan = Plan.up(before.getOrDefault(stack, List.of()), after.getOrDefault(stack, List.of()));
            plans.put(stack, plan);
            for (Plan.Step step : plan.steps()) {
                if (!live(step.resource())) {
                    continue;
                }
                if (step.op() == Plan.Op.DELETE || step.op() == Plan.Op.DELETE_RETAIN) {
                    leaving.computeIfAbsent(stack, k -> new TreeMap<>()).put(identity(step.resource()), step);
                } else if (step.op() == Plan.Op.CREATE) {
                    arriving.computeIfAbsent(stack, k -> new TreeMap<>()).put(identity(step.resource()), step);
                }
            }
        }
        List<Move> moves = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        leaving.forEach((from, steps) -> steps.forEach((id, left) -> arriving.forEach((to, created) -> {
            Plan.Step arrived = created.get(id);
            if (arrived == null || to.equals(from)) {
                return;
            }
            Optional<Adoption> adoption = adoption(arrived.resource(), after.getOrDefault(to, List.of()));
            moves.add(new Move(from, to, arrived.resource(), left.op(), adoption.orElse(null)));
            if (left.op() == Plan.Op.DELETE) {
                refusals.add(left.resource().label() + " moves from " + from + " to " + to + ", but " + from
                        + "'s state does not retain it: its `pulumi up` would delete the live object. Mark the tenant"
                        + " `moving: true` in " + from + "'s stack file and deploy that first (README \"Large fleets\").");
            }
            if (adoption.isEmpty()) {
                refusals.add(arrived.resource().label() + " moves to " + to + ", whose Kubernetes provider does not"
                        + " upsert (upsertExistingObjects): its create would fail with AlreadyExists.");
            }
        })));
        return new Result(plans, List.copyOf(moves), List.copyOf(refusals));
    }

    /** An object that exists outside Pulumi's state: what a move must not delete. */
    public static boolean live(PlannedResource r) {
        return !r.component() && !r.type().startsWith("pulumi:") && !r.type().startsWith("random:");
    }

    private static String identity(PlannedResource r) {
        return r.type() + "::" + r.name();
    }

    private static Optional<Adoption> adoption(PlannedResource created, List<PlannedResource> stack) {
        if (created.importId() != null && !created.importId().isEmpty()) {
            return Optional.of(Adoption.IMPORT);
        }
        if (created.type().startsWith("kubernetes:")) {
            // the provider reference is its URN, in a state also "::<id>"; the engine keeps provider inputs as strings
            boolean upserts = stack.stream().anyMatch(r -> (created.provider().equals(r.urn())
                    || created.provider().startsWith(r.urn() + "::"))
                    && "true".equals(r.inputs().path("upsertExistingObjects").asText()));
            return upserts ? Optional.of(Adoption.UPSERT) : Optional.empty();
        }
        if (LOOKED_UP.contains(created.type())) {
            return Optional.of(Adoption.IMPORT_BY_LOOKUP);
        }
        return Optional.of(Adoption.NEW_COPY);
    }
}
