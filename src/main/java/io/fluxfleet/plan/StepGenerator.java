package io.fluxfleet.plan;

import io.fluxfleet.plan.Plan.Op;
import io.fluxfleet.plan.Plan.Refusal;
import io.fluxfleet.plan.Plan.Step;
import io.fluxfleet.plan.Plan.Uncertainty;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code pulumi up}: one step (or a replacement's pair) per registration in program order, which the render's order
 * (dependencies first) stands for; then {@link DeletePhase}. Modelled on pulumi/pulumi v3.257.0
 * {@code pkg/resource/deploy/step_generator.go}: {@code generateSteps} matches a registration to its old self by
 * URN or alias ({@link EngineRules#MATCH_BY_URN_OR_ALIAS}); a changed import ID is an import-replacement before any
 * diff ({@link EngineRules#IMPORT_ID_CHANGED}); {@code diff} asks about the provider reference first
 * ({@link EngineRules#PROVIDER_REFERENCE}), then the provider's {@code Diff} ({@link Replacements});
 * {@code continueStepsFromDiff} refuses, orders and, for a delete-before-replace, drags dependents along
 * ({@link DeleteFirst}).
 */
final class StepGenerator {
    private final Map<String, PlannedResource> oldByUrn = new LinkedHashMap<>();
    private final Map<String, PlannedResource> newByUrn = new LinkedHashMap<>();
    private final List<PlannedResource> before;
    private final Set<String> matchedOld = new HashSet<>();
    private final Set<String> replaced = new HashSet<>(); // old and new URNs of resources being replaced
    private final Map<String, PlannedResource> replacedNow = new HashMap<>();
    private final Map<String, String> matchedFrom = new HashMap<>(); // new URN -> the old URN it continues
    private final Set<String> registered = new HashSet<>(); // old URNs already stepped (impossible dependents)
    private final Set<String> deletedFirst = new HashSet<>(); // old URNs a delete-before-replace already deleted
    private final Set<String> providersAsked = new HashSet<>();
    private final List<Step> steps = new ArrayList<>();
    private final List<Refusal> refusals = new ArrayList<>();
    private final List<Uncertainty> uncertainties = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<PlannedResource> condemned = new ArrayList<>(); // replaced olds, deleted after registrations
    private final Set<String> replacedOld = new HashSet<>();
    private String stopped = "";

    private StepGenerator(List<PlannedResource> before, List<PlannedResource> after) {
        this.before = before;
        before.forEach(r -> oldByUrn.put(r.urn(), r));
        after.forEach(r -> newByUrn.put(r.urn(), r));
    }

    /** The steps of a {@code pulumi up} from a state matching {@code before} to the program {@code after}. */
    static Plan up(List<PlannedResource> before, List<PlannedResource> after) {
        StepGenerator sg = new StepGenerator(before, after);
        for (PlannedResource now : after) {
            sg.register(now);
            if (!sg.stopped.isEmpty()) {
                break;
            }
        }
        List<String> notes = new ArrayList<>();
        if (sg.stopped.isEmpty()) {
            List<PlannedResource> toDelete = new ArrayList<>(sg.condemned);
            for (PlannedResource was : before) {
                if (!sg.matchedOld.contains(was.urn()) && !sg.deletedFirst.contains(was.urn())) {
                    toDelete.add(was);
                }
            }
            DeletePhase.run(toDelete, sg.replacedOld, before, after, sg.steps, sg.refusals, notes);
        }
        sg.refusals.addAll(AdoptionGuard.check(sg.steps, before, after));
        notes.addAll(PlanNotes.renames(sg.steps));
        return new Plan(sg.steps, sg.refusals, List.of(), notes, false, sg.uncertainties, sg.warnings, sg.stopped);
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
        return new Plan(plan.steps(), plan.refusals(), problems, notes, false, plan.uncertainties(), plan.warnings(),
                plan.stoppedAt());
    }

    private void register(PlannedResource now) {
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
            return;
        }
        matchedOld.add(was.urn());
        registered.add(was.urn());
        matchedFrom.put(now.urn(), was.urn());
        if (was.protect() && !now.protect()) {
            note = PlanNotes.join(note, "protection lifted in this run");
        } else if (!was.protect() && now.protect()) {
            note = PlanNotes.join(note, "protected from this run on");
        }
        if (!was.type().equals(now.type())) {
            note = PlanNotes.join(note, "type changed from " + was.type() + " (one resource to the engine: the"
                    + " provider diffs it like any input)");
        }
        if (deletedFirst.contains(was.urn())) {
            // a dependent an earlier delete-before-replace deleted: registered now, it is created again
            replaced.add(was.urn());
            replaced.add(now.urn());
            steps.add(new Step(Op.CREATE_REPLACEMENT, now, List.of("deleted with a replaced dependency"), -1, note));
            return;
        }
        if (!now.importId().isEmpty() && !was.importId().isEmpty() && !was.importId().equals(now.importId())) {
            reimport(was, now, note);
            return;
        }
        List<String> changed = new ArrayList<>(InputDiff.changedPaths(was.inputs(), now.inputs(), now.ignoreChanges()));
        List<String> replaceKeys;
        if (now.type().startsWith("pulumi:providers:")) {
            ProviderConfigDiff.Result own = ProviderConfigDiff.diff(now.type(), was.inputs(), now.inputs());
            replaceKeys = new ArrayList<>(own.replaces());
            if (!own.uncertain().isEmpty() && now.type().equals(ProviderConfigDiff.KUBERNETES)) {
                uncertainties.add(new Uncertainty(now, "provider " + now.name() + ": " + String.join(", ",
                        own.changed()) + " changed, and its DiffConfig (rule `" + EngineRules.K8S_DIFF_CONFIG.id()
                        + "`) answers with what offline inputs cannot settle.", own.uncertain()));
            }
        } else {
            replaceKeys = Replacements.replaceKeys(was, now, new java.util.TreeSet<>(changed));
            providerKey(was, now).ifPresent(replaceKeys::add);
        }
        if (replaceKeys.isEmpty()) {
            update(now, changed, note);
            return;
        }
        replace(was, now, replaceKeys, note);
    }

    /** The provider reference: unchanged, aliased, or asked of the new provider's DiffConfig. */
    private java.util.Optional<String> providerKey(PlannedResource was, PlannedResource now) {
        boolean sameUrn = was.provider().equals(now.provider());
        boolean providerReplaced = !was.provider().isEmpty() && replaced.contains(was.provider());
        if (sameUrn && !providerReplaced) {
            return java.util.Optional.empty();
        }
        if (was.provider().isEmpty() || now.provider().isEmpty()) {
            return java.util.Optional.of("provider");
        }
        if (!sameUrn && was.provider().equals(matchedFrom.get(now.provider()))) {
            return java.util.Optional.empty(); // the same provider, renamed with an alias
        }
        PlannedResource oldProvider = oldByUrn.get(was.provider());
        PlannedResource newProvider = newByUrn.get(now.provider());
        if (oldProvider == null || newProvider == null) {
            return java.util.Optional.of("provider");
        }
        ProviderConfigDiff.Result answer = ProviderConfigDiff.diff(newProvider.type(), oldProvider.inputs(),
                newProvider.inputs());
        if (!answer.uncertain().isEmpty() && providersAsked.add(newProvider.urn())) {
            uncertainties.add(new Uncertainty(newProvider, "the resources of " + newProvider.label() + " moved from "
                    + oldProvider.label() + ": the engine asks its DiffConfig whether that replaces them", answer.uncertain()));
        }
        return answer.replace() ? java.util.Optional.of(providerReplaced ? "provider (replaced)" : "provider")
                : java.util.Optional.empty();
    }

    private void update(PlannedResource now, List<String> changed, String note) {
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
    }

    private void reimport(PlannedResource was, PlannedResource now, String note) {
        replaced.add(was.urn());
        replaced.add(now.urn());
        steps.add(new Step(Op.IMPORT_REPLACEMENT, now, List.of("import ID " + was.importId() + " -> " + now.importId()),
                -1, note));
        condemned.add(was);
        replacedOld.add(was.urn());
        warnings.add(now.label() + ": its import ID changes from " + was.importId() + " to " + now.importId() + ", so"
                + " the engine imports the object at " + now.importId() + " and then deletes the one at "
                + was.importId() + (was.retainOnDelete() ? " (retainOnDelete: it drops it from the state and leaves it)"
                : ", from GitLab or the cluster") + "; it checks `protect` for neither (an import-replacement;"
                + " rule `" + EngineRules.IMPORT_ID_CHANGED.id() + "`), so nothing here is refused. Make sure the old"
                + " object may go.");
    }

    private void replace(PlannedResource was, PlannedResource now, List<String> replaceKeys, String note) {
        replaced.add(was.urn());
        replaced.add(now.urn());
        replacedNow.put(now.urn(), now);
        if (was.protect() && now.protect()) {
            refusals.add(new Refusal(now, Refusals.replaceMessage(now), Refusals.replaceAdvice(now, replaceKeys)));
        }
        if (!now.importId().isEmpty()) {
            refusals.add(new Refusal(now, Refusals.IMPORTED_REPLACE,
                    "fluxfleet adopts " + now.label() + " by import ID; a change to " + String.join(", ", replaceKeys)
                            + " cannot be applied to an adopted resource: undo it, or adopt the object as it is."));
        }
        boolean deleteFirst = Replacements.deleteBeforeReplace(was, now, replaceKeys);
        Replacements.clash(was, now, deleteFirst).ifPresent(refusals::add);
        if (!deleteFirst) {
            steps.add(new Step(Op.CREATE_REPLACEMENT, now, replaceKeys, -1, note));
            condemned.add(was);
            replacedOld.add(was.urn());
            return;
        }
        List<DeleteFirst.Dependent> dependents = DeleteFirst.dependents(was, before, registered, replaced);
        for (int i = dependents.size() - 1; i >= 0; i--) {
            PlannedResource d = dependents.get(i).resource();
            if (deletedFirst.contains(d.urn())) {
                continue;
            }
            if (d.protect()) {
                refusals.add(new Refusal(d, Refusals.dependentReplaceMessage(d, now), "replacing " + now.label()
                        + " deletes it first, and with it " + d.label() + " (" + dependents.get(i).why() + "), which is"
                        + " protected: undo the change to " + String.join(", ", replaceKeys) + ", or lift the protection"
                        + " of " + d.label() + " in a reviewed step first"));
                stopped = "the engine stops at " + now.label() + " (rule `" + EngineRules.DELETE_FIRST_DEPENDENTS.id()
                        + "`: a protected dependent of a delete-before-replace bails, in preview too), so nothing after"
                        + " it is planned or checked";
                return;
            }
            steps.add(new Step(Op.DELETE_BEFORE_REPLACE, d, List.of(dependents.get(i).why()), -1,
                    "deleted before " + now.label() + " is replaced"));
            deletedFirst.add(d.urn());
        }
        steps.add(new Step(Op.DELETE_BEFORE_REPLACE, was, replaceKeys, -1,
                was.retainOnDelete() ? PlanNotes.join(note, "retainOnDelete: the old object is left in place") : note));
        steps.add(new Step(Op.CREATE_REPLACEMENT, now, replaceKeys, -1, note));
    }
}
