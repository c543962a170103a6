package io.fluxfleet.plan;

import io.fluxfleet.naming.Names;
import io.fluxfleet.plan.Plan.Op;
import io.fluxfleet.plan.Plan.Step;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** What a reader of a plan should know beyond its steps: tenants, renames. */
final class PlanNotes {
    private PlanNotes() {}

    /** The stack's tenants: the names of its TenantEnvironment components. */
    static Set<String> tenantNames(List<PlannedResource> resources) {
        Set<String> names = new TreeSet<>();
        for (PlannedResource r : resources) {
            if (r.type().equals("fluxfleet:tenancy:TenantEnvironment") && r.name().startsWith("tenant-")) {
                names.add(r.name().substring("tenant-".length()));
            }
        }
        return names;
    }

    /**
     * The tenant a resource belongs to, from fluxfleet's naming (io.fluxfleet.naming.Names, GitLabNames): the
     * tenant label, a tenant component parent, or a name that starts with the tenant; empty for platform resources.
     */
    static String tenantOf(PlannedResource r, Set<String> tenants) {
        String label = r.inputs().path("metadata").path("labels").path("fluxfleet.io/tenant").asText("");
        if (!label.isEmpty()) {
            return label;
        }
        for (String t : tenants) {
            String n = r.name();
            String tenantComponent = Names.tenantComponent(t);
            String commitStatusComponent = Names.commitStatusComponent(t);
            if (r.urn().contains("fluxfleet:tenancy:TenantEnvironment::" + tenantComponent + "$")
                    || r.urn().contains("fluxfleet:infra:CommitStatus::" + commitStatusComponent + "$")
                    || n.equals(tenantComponent) || n.equals(commitStatusComponent) || n.equals(Names.webhookToken(t))
                    || n.startsWith(t + "-") || n.startsWith(t + "/") || n.contains("/" + t + "-")) {
                return t;
            }
        }
        return "";
    }

    static String namespaceOf(PlannedResource r) {
        if (r.type().equals("kubernetes:helm.sh/v3:Release")) {
            return r.inputs().path("namespace").asText("");
        }
        return r.type().startsWith("kubernetes:") ? r.inputs().path("metadata").path("namespace").asText("") : "";
    }

    /**
     * A resource that leaves and one of the same type that arrives under another name are, to the engine, a delete
     * and a create: a rename is a replacement. Says so, per type, so a reviewer sees it (and can add aliases).
     */
    static List<String> renames(List<Step> steps) {
        Map<String, List<String>> created = new TreeMap<>();
        Map<String, List<String>> deleted = new TreeMap<>();
        for (Step s : steps) {
            if (s.op() == Op.CREATE && !s.resource().component()) {
                created.computeIfAbsent(s.resource().type(), k -> new ArrayList<>()).add(s.resource().name());
            } else if ((s.op() == Op.DELETE || s.op() == Op.DELETE_RETAIN) && !s.resource().component()) {
                deleted.computeIfAbsent(s.resource().type(), k -> new ArrayList<>()).add(s.resource().name());
            }
        }
        int pairs = 0;
        List<String> types = new ArrayList<>();
        for (var e : deleted.entrySet()) {
            int n = Math.min(e.getValue().size(), created.getOrDefault(e.getKey(), List.of()).size());
            if (n > 0) {
                pairs += n;
                types.add(e.getKey().substring(e.getKey().lastIndexOf(':') + 1));
            }
        }
        if (pairs == 0) {
            return List.of();
        }
        return List.of(pairs + " resource(s) leave and as many of the same types arrive under other names ("
                + String.join(", ", types) + "). If that is a rename, the engine replaces them: the new ones are created,"
                + " then the old ones deleted (with new IDs, new GitLab tokens, a new namespace). Give the new resources"
                + " `aliases` to their old URNs to keep them.");
    }

    static String join(String a, String b) {
        return a.isEmpty() ? b : a + "; " + b;
    }
}
