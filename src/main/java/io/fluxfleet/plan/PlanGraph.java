package io.fluxfleet.plan;

import io.fluxfleet.plan.Plan.Op;
import io.fluxfleet.plan.Plan.Step;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The merge-request note's picture of a plan: the changed resources and what depends on them, as Mermaid. */
final class PlanGraph {
    private PlanGraph() {}

    /**
     * The changed resources and what depends on them (in the new render), as a Mermaid flowchart: an edge points from
     * a resource to what depends on it. Replacements and deletes are marked; refused resources get a thick red border.
     * At most {@link PlanReport#GRAPH_CAP} nodes: changes first (refusals, then replacements, deletes, creates, updates), then
     * dependents.
     */
    public static String mermaid(Plan plan, List<PlannedResource> after) {
        Map<String, String> kind = new LinkedHashMap<>();
        Map<String, PlannedResource> res = new LinkedHashMap<>();
        Set<String> refused = new java.util.LinkedHashSet<>();
        plan.refusals().forEach(r -> refused.add(r.resource().urn()));
        List<Op> priority = List.of(Op.DELETE_BEFORE_REPLACE, Op.CREATE_REPLACEMENT, Op.IMPORT_REPLACEMENT, Op.DELETE_REPLACED, Op.DELETE,
                Op.DELETE_RETAIN, Op.CREATE, Op.UPDATE);
        for (String urn : refused) {
            plan.steps().stream().filter(s -> s.resource().urn().equals(urn)).findFirst()
                    .ifPresent(s -> put(kind, res, s));
        }
        for (Op op : priority) {
            plan.steps().stream().filter(s -> s.op() == op).forEach(s -> put(kind, res, s));
        }
        Set<String> changed = new HashSet<>(kind.keySet());
        List<String[]> edges = new ArrayList<>();
        Set<String> edgeKeys = new HashSet<>();
        // among the changes themselves (a deleted resource's edges come from the old render it is in)
        for (String urn : List.copyOf(kind.keySet())) {
            for (String dep : res.get(urn).dependencies()) {
                if (changed.contains(dep) && !dep.equals(urn) && edgeKeys.add(dep + " " + urn)) {
                    edges.add(new String[] {dep, urn});
                }
            }
        }
        for (PlannedResource r : after) {
            for (String dep : r.dependencies()) {
                if (changed.contains(dep) && !r.urn().equals(dep)) {
                    if (!kind.containsKey(r.urn())) {
                        kind.put(r.urn(), "dependent");
                        res.put(r.urn(), r);
                    }
                    if (edgeKeys.add(dep + " " + r.urn())) {
                        edges.add(new String[] {dep, r.urn()});
                    }
                }
            }
        }
        List<String> urns = new ArrayList<>(kind.keySet());
        int hidden = Math.max(0, urns.size() - PlanReport.GRAPH_CAP);
        List<String> shown = urns.subList(0, Math.min(PlanReport.GRAPH_CAP, urns.size()));
        Map<String, String> id = new LinkedHashMap<>();
        StringBuilder m = new StringBuilder("```mermaid\nflowchart LR\n");
        for (String urn : shown) {
            String n = "n" + id.size();
            id.put(urn, n);
            PlannedResource r = res.get(urn);
            String label = switch (kind.get(urn)) {
                case "replace" -> "♻ replace";
                case "delete" -> "✖ delete";
                case "retain" -> "⊘ delete, retained";
                case "create" -> "+ create";
                case "update" -> "~ update";
                default -> "depends";
            };
            m.append("  ").append(n).append("[\"").append(mermaidText(r.type().substring(r.type().lastIndexOf(':') + 1)))
                    .append("<br/>").append(mermaidText(r.name())).append("<br/><i>")
                    .append(refused.contains(urn) ? "⛔ refused: " : "").append(label).append("</i>\"]:::")
                    .append(kind.get(urn)).append('\n');
        }
        for (String[] e : edges) {
            if (id.containsKey(e[0]) && id.containsKey(e[1])) {
                m.append("  ").append(id.get(e[0])).append(" --> ").append(id.get(e[1])).append('\n');
            }
        }
        if (hidden > 0) {
            m.append("  more[\"… ").append(hidden).append(" more (see the steps below)\"]\n");
        }
        for (String urn : shown) {
            if (refused.contains(urn)) {
                m.append("  style ").append(id.get(urn)).append(" stroke:#d00,stroke-width:4px\n");
            }
        }
        m.append("  classDef create fill:#e6ffed,stroke:#28a745\n");
        m.append("  classDef update fill:#fff8c5,stroke:#b08800\n");
        m.append("  classDef replace fill:#ffe1c2,stroke:#e36209\n");
        m.append("  classDef delete fill:#ffdce0,stroke:#cb2431\n");
        m.append("  classDef retain fill:#f1f1f1,stroke:#6a737d\n");
        m.append("  classDef dependent fill:#ffffff,stroke:#6a737d,stroke-dasharray:3\n");
        return m.append("```\n").toString();
    }

    private static void put(Map<String, String> kind, Map<String, PlannedResource> res, Step s) {
        String urn = s.resource().urn();
        if (kind.containsKey(urn)) {
            return;
        }
        kind.put(urn, switch (s.op()) {
            case DELETE_BEFORE_REPLACE, CREATE_REPLACEMENT, DELETE_REPLACED, IMPORT_REPLACEMENT -> "replace";
            case DELETE -> "delete";
            case DELETE_RETAIN -> "retain";
            case CREATE -> "create";
            default -> "update";
        });
        res.put(urn, s.resource());
    }

    private static String mermaidText(String s) {
        return s.replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;");
    }
}
