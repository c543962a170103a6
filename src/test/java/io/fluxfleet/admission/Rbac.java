package io.fluxfleet.admission;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes RBAC, as far as the tenant-rights table needs it (kubernetes
 * {@code plugin/pkg/auth/authorizer/rbac/rbac.go} {@code RulesAllow}, {@code pkg/apis/rbac/v1/evaluation_helpers.go}
 * {@code VerbMatches}/{@code APIGroupMatches}/{@code ResourceMatches}/{@code ResourceNameMatches}):
 * <ul>
 *   <li>a rule allows a request when its verbs hold the verb or {@code *}, its apiGroups the group or {@code *},
 *       its resources {@code resource[/subresource]}, {@code *}, or {@code *\/subresource}, and its resourceNames are
 *       empty or hold the name;</li>
 *   <li>an aggregated ClusterRole's rules are the rules of every ClusterRole whose labels match one of its
 *       {@code aggregationRule.clusterRoleSelectors} (kubernetes {@code pkg/controller/clusterroleaggregation}),
 *       repeated until nothing changes (edit aggregates into admin and is itself aggregated);</li>
 *   <li>a RoleBinding grants its ClusterRole's rules in its namespace only: nothing cluster-scoped.</li>
 * </ul>
 */
public final class Rbac {
    private final Map<String, Map<String, Object>> roles = new LinkedHashMap<>();
    private final Map<String, List<Map<String, Object>>> effective = new LinkedHashMap<>();

    @SuppressWarnings("unchecked")
    public Rbac(List<Map<String, Object>> clusterRoles) {
        for (Map<String, Object> role : clusterRoles) {
            roles.put((String) ((Map<String, Object>) role.get("metadata")).get("name"), role);
        }
        roles.keySet().forEach(name -> effective.put(name, new ArrayList<>(own(roles.get(name)))));
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Map.Entry<String, Map<String, Object>> entry : roles.entrySet()) {
                List<Map<String, Object>> rules = effective.get(entry.getKey());
                for (String member : aggregated(entry.getValue())) {
                    for (Map<String, Object> rule : effective.get(member)) {
                        if (!rules.contains(rule)) {
                            rules.add(rule);
                            changed = true;
                        }
                    }
                }
            }
        }
    }

    /** The ClusterRoles whose labels a role's aggregationRule selects. */
    @SuppressWarnings("unchecked")
    public List<String> aggregated(Map<String, Object> role) {
        Map<String, Object> rule = (Map<String, Object>) role.get("aggregationRule");
        if (rule == null) {
            return List.of();
        }
        List<String> members = new ArrayList<>();
        for (Map<String, Object> selector : (List<Map<String, Object>>) rule.get("clusterRoleSelectors")) {
            Map<String, String> wanted = (Map<String, String>) selector.getOrDefault("matchLabels", Map.of());
            roles.forEach((name, candidate) -> {
                Map<String, String> labels = (Map<String, String>) ((Map<String, Object>) candidate.get("metadata"))
                        .getOrDefault("labels", Map.of());
                if (labels != null && wanted.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())))
                        && !members.contains(name)) {
                    members.add(name);
                }
            });
        }
        return members;
    }

    /** Whether a RoleBinding of ClusterRole {@code role} lets its subject do this in the binding's namespace. */
    public boolean allowsInNamespace(String role, String verb, String group, String resource, String name) {
        return effective.getOrDefault(role, List.of()).stream().anyMatch(r -> matches(r, verb, group, resource, name));
    }

    /** The ClusterRoles aggregated into {@code role}, directly or through another. */
    public List<String> sources(String role) {
        List<String> out = new ArrayList<>();
        List<String> todo = new ArrayList<>(aggregated(roles.get(role)));
        while (!todo.isEmpty()) {
            String next = todo.remove(0);
            if (!out.contains(next)) {
                out.add(next);
                todo.addAll(aggregated(roles.get(next)));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> own(Map<String, Object> role) {
        Object rules = role.get("rules");
        return rules == null ? List.of() : (List<Map<String, Object>>) rules;
    }

    @SuppressWarnings("unchecked")
    static boolean matches(Map<String, Object> rule, String verb, String group, String resource, String name) {
        List<String> verbs = (List<String>) rule.getOrDefault("verbs", List.of());
        List<String> groups = (List<String>) rule.getOrDefault("apiGroups", List.of());
        List<String> resources = (List<String>) rule.getOrDefault("resources", List.of());
        List<String> names = (List<String>) rule.getOrDefault("resourceNames", List.of());
        if (!(verbs.contains("*") || verbs.contains(verb)) || !(groups.contains("*") || groups.contains(group))) {
            return false;
        }
        boolean resourceOk = resources.contains("*") || resources.contains(resource)
                || (resource.contains("/") && resources.contains("*" + resource.substring(resource.indexOf('/'))));
        return resourceOk && (names == null || names.isEmpty() || names.contains(name));
    }
}
