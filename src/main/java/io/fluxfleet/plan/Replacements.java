package io.fluxfleet.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxfleet.plan.Plan.Refusal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Whether a change replaces a resource, and how: the paths that force it, and which copy goes first. */
final class Replacements {
    private Replacements() {}

    /** The paths that force a replacement: the provider's rules and the program's {@code replaceOnChanges}. */
    static List<String> replaceKeys(PlannedResource was, PlannedResource now, Set<String> changed) {
        List<String> keys = new ArrayList<>();
        if (now.component() || changed.isEmpty()) {
            return keys;
        }
        JsonNode a = InputDiff.strip(was.inputs(), now.ignoreChanges());
        JsonNode b = InputDiff.strip(now.inputs(), now.ignoreChanges());
        for (ReplacementRules.Rule rule : ReplacementRules.forType(now.type())) {
            for (String path : rule.paths()) {
                boolean counts = rule.when() == ReplacementRules.When.CHANGED || !InputDiff.at(b, path).isMissingNode();
                if (counts && !InputDiff.at(a, path).equals(InputDiff.at(b, path)) && !keys.contains(path)) {
                    keys.add(path);
                }
            }
        }
        for (String path : now.replaceOnChanges()) {
            boolean hit = path.equals("*") ? !changed.isEmpty() : !InputDiff.at(a, path).equals(InputDiff.at(b, path));
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
    static boolean deleteBeforeReplace(PlannedResource was, PlannedResource now, List<String> keys) {
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
    static java.util.Optional<Refusal> clash(PlannedResource was, PlannedResource now, boolean deleteFirst) {
        if (deleteFirst && !was.retainOnDelete()) {
            return java.util.Optional.empty();
        }
        return ReplacementRules.uniqueFor(now.type()).flatMap(unique -> {
            List<String> values = new ArrayList<>();
            for (String path : unique.paths()) {
                JsonNode a = InputDiff.at(was.inputs(), path);
                if (a.isMissingNode() || !a.equals(InputDiff.at(now.inputs(), path))) {
                    return java.util.Optional.empty();
                }
                values.add(a.asText());
            }
            String why = deleteFirst
                    ? "the old one is retainOnDelete, so the replace's delete leaves it in GitLab"
                    : "the engine creates the replacement before it deletes the old one";
            return java.util.Optional.of(new Refusal(now, String.format(unique.error(), values.toArray()),
                    "a change to " + String.join(", ", replaceKeys(was, now, InputDiff.changedPaths(was.inputs(), now.inputs(),
                            now.ignoreChanges()))) + " replaces " + now.label() + " on the same branch, and " + why
                            + ", so GitLab still has it when the provider creates the new one. Undo the change; or, to"
                            + " apply it, unprotect the branch in GitLab (Settings > Repository > Protected branches)"
                            + " right before `pulumi up`, which protects it again with the new settings (README"
                            + " \"Which resources are protected, and why\")", Plan.By.PROVIDER));
        });
    }
}
