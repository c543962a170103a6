package io.fluxfleet.plan;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dependents a delete-before-replace deletes first ({@link EngineRules#DELETE_FIRST_DEPENDENTS}), as pulumi/pulumi
 * v3.257.0 step_generator.go {@code calculateDependentReplacements} finds them: the root's transitive dependents in
 * the state's graph (not through parent links, and not resources already registered in this run), in dependency
 * order, each kept if it is a custom resource and either its provider is in the replace set, or an input that flows
 * from a member of the set, made unknown, makes its provider's Diff answer replace.
 *
 * <p>A render records which resources a resource depends on, not which input each dependency feeds, so the second
 * test is approximated: a replace path of the dependent's type ({@link ReplacementRules}, its
 * {@code replaceOnChanges}) whose value is one of the values the replaced resource holds (its inputs, which its
 * outputs echo, and its name) is taken to flow from it.
 */
final class DeleteFirst {
    /** A dependent deleted first, and why. */
    record Dependent(PlannedResource resource, String why) {}

    private DeleteFirst() {}

    static List<Dependent> dependents(PlannedResource root, List<PlannedResource> state, Set<String> registered,
                                      Set<String> replaced) {
        Map<String, PlannedResource> byUrn = new HashMap<>();
        state.forEach(r -> byUrn.put(r.urn(), r));
        Set<String> replaceSet = new HashSet<>();
        replaceSet.add(root.urn());
        Set<String> dependentSet = new HashSet<>();
        dependentSet.add(root.urn());
        List<Dependent> out = new ArrayList<>();
        for (PlannedResource d : state) { // the state is in dependency order
            if (d.urn().equals(root.urn()) || registered.contains(d.urn())) {
                continue;
            }
            boolean depends = false;
            for (String dep : d.dependencies()) {
                if (!dep.equals(d.parent()) && dependentSet.contains(dep)) {
                    depends = true;
                    break;
                }
            }
            if (!depends) {
                continue;
            }
            dependentSet.add(d.urn());
            String why = requiresReplacement(d, replaceSet, byUrn);
            if (!why.isEmpty()) {
                replaceSet.add(d.urn());
                out.add(new Dependent(d, why));
            }
        }
        return out;
    }

    private static String requiresReplacement(PlannedResource d, Set<String> replaceSet, Map<String, PlannedResource> byUrn) {
        if (d.component()) {
            return "";
        }
        if (!d.provider().isEmpty() && replaceSet.contains(d.provider())) {
            return "its provider is replaced";
        }
        List<String> paths = new ArrayList<>();
        ReplacementRules.forType(d.type()).forEach(rule -> paths.addAll(rule.paths()));
        paths.addAll(d.replaceOnChanges());
        for (String dep : d.dependencies()) {
            PlannedResource source = byUrn.get(dep);
            if (!replaceSet.contains(dep) || source == null || dep.equals(d.parent()) || dep.equals(d.provider())) {
                continue;
            }
            Set<String> names = new HashSet<>(); // what a reference to the source holds inside an object
            names.add(source.name());
            for (String key : List.of("metadata.name", "name")) {
                JsonNode n = InputDiff.at(source.inputs(), key);
                if (n.isValueNode()) {
                    names.add(n.asText());
                }
            }
            Set<String> values = new HashSet<>(names); // what a whole input taken from the source can be
            leaves(source.inputs(), values);
            values.removeIf(v -> v.length() < 4 || v.equals("true") || v.equals("false"));
            for (String path : paths) {
                JsonNode v = InputDiff.at(d.inputs(), path);
                boolean flows = v.isValueNode() ? values.contains(v.asText()) : containsAny(v, names);
                if (path.equals("*") || (!v.isMissingNode() && flows)) {
                    return path + " takes a value of " + source.label() + ", which is replaced";
                }
            }
        }
        return "";
    }

    private static boolean containsAny(JsonNode node, Set<String> values) {
        Set<String> mine = new HashSet<>();
        leaves(node, mine);
        mine.retainAll(values);
        return !mine.isEmpty();
    }

    private static void leaves(JsonNode node, Set<String> out) {
        if (node == null) {
            return;
        }
        if (node.isContainerNode()) {
            node.forEach(child -> leaves(child, out));
        } else if (!node.isNull() && !node.asText("").isEmpty()) {
            out.add(node.asText());
        }
    }
}
