package io.fluxfleet.verify;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static io.fluxfleet.verify.KubeObjects.child;
import static io.fluxfleet.verify.KubeObjects.index;
import static io.fluxfleet.verify.KubeObjects.show;

/**
 * Checks the API server makes on the built-in kinds fluxfleet emits that the JSON schemas cannot express
 * (Kubernetes' {@code pkg/apis/*}/validation), restated for Secret, RoleBinding, ClusterRoleBinding and
 * NetworkPolicy. Each is a rule an object passing the schema would still be refused for; a field the schema
 * already requires is not reported again here when absent.
 */
final class ApiServerRules {
    private static final String RBAC_GROUP = "rbac.authorization.k8s.io";
    private static final Pattern SECRET_KEY = Pattern.compile("[-._a-zA-Z0-9]+");

    /** Keys a Secret of a given type must carry (in data or stringData). */
    private static final Map<String, List<String>> SECRET_TYPE_KEYS = Map.of(
            "kubernetes.io/dockerconfigjson", List.of(".dockerconfigjson"),
            "kubernetes.io/dockercfg", List.of(".dockercfg"),
            "kubernetes.io/ssh-auth", List.of("ssh-privatekey"),
            "kubernetes.io/tls", List.of("tls.crt", "tls.key"));

    private ApiServerRules() {}

    static void check(String kind, Map<String, Object> object, List<SchemaChecker.Failure> out) {
        switch (kind) {
            case "Secret" -> secret(object, out);
            case "RoleBinding" -> binding(object, false, out);
            case "ClusterRoleBinding" -> binding(object, true, out);
            case "NetworkPolicy" -> networkPolicy(object, out);
            default -> { }
        }
    }

    private static void secret(Map<String, Object> secret, List<SchemaChecker.Failure> out) {
        for (String field : List.of("data", "stringData")) {
            if (secret.get(field) instanceof Map<?, ?> entries) {
                for (Object key : entries.keySet()) {
                    String k = (String) key;
                    if (k.length() > 253 || !SECRET_KEY.matcher(k).matches() || k.equals(".") || k.equals("..")) {
                        out.add(new SchemaChecker.Failure(child(field, k), show(k)
                                + " is not a valid Secret key (alphanumerics, '-', '_' or '.'; at most 253)"));
                    }
                }
            }
        }
        if (secret.get("type") instanceof String type && SECRET_TYPE_KEYS.containsKey(type)) {
            for (String required : SECRET_TYPE_KEYS.get(type)) {
                if (!hasKey(secret, "data", required) && !hasKey(secret, "stringData", required)) {
                    out.add(new SchemaChecker.Failure(child("data", required),
                            "missing, but a Secret of type " + type + " requires it (in data or stringData)"));
                }
            }
        }
    }

    private static boolean hasKey(Map<String, Object> secret, String field, String key) {
        return secret.get(field) instanceof Map<?, ?> entries && entries.containsKey(key);
    }

    private static void binding(Map<String, Object> binding, boolean clusterWide, List<SchemaChecker.Failure> out) {
        if (binding.get("roleRef") instanceof Map<?, ?> roleRef) {
            if (roleRef.get("apiGroup") != null && !RBAC_GROUP.equals(roleRef.get("apiGroup"))) {
                out.add(new SchemaChecker.Failure("roleRef.apiGroup", show(roleRef.get("apiGroup"))
                        + ", but must be " + RBAC_GROUP));
            }
            Set<String> kinds = clusterWide ? Set.of("ClusterRole") : Set.of("Role", "ClusterRole");
            if (roleRef.get("kind") != null && !kinds.contains(roleRef.get("kind"))) {
                out.add(new SchemaChecker.Failure("roleRef.kind", show(roleRef.get("kind")) + ", but must be one of "
                        + kinds.stream().sorted().toList()));
            }
            if ("".equals(roleRef.get("name"))) {
                out.add(new SchemaChecker.Failure("roleRef.name", "empty, but required"));
            }
        }
        if (binding.get("subjects") instanceof List<?> subjects) {
            for (int i = 0; i < subjects.size(); i++) {
                if (subjects.get(i) instanceof Map<?, ?> subject) {
                    subject(subject, index("subjects", i), clusterWide, out);
                }
            }
        }
    }

    private static void subject(Map<?, ?> subject, String path, boolean clusterWide, List<SchemaChecker.Failure> out) {
        Object kind = subject.get("kind");
        Object apiGroup = subject.get("apiGroup");
        if ("ServiceAccount".equals(kind)) {
            if (apiGroup != null && !"".equals(apiGroup)) {
                out.add(new SchemaChecker.Failure(path + ".apiGroup", show(apiGroup)
                        + ", but a ServiceAccount subject has apiGroup \"\""));
            }
            if (clusterWide && (!(subject.get("namespace") instanceof String ns) || ns.isEmpty())) {
                out.add(new SchemaChecker.Failure(path + ".namespace",
                        "missing, but a ServiceAccount subject of a ClusterRoleBinding needs its namespace"));
            }
        } else if ("User".equals(kind) || "Group".equals(kind)) {
            if (!RBAC_GROUP.equals(apiGroup)) {
                out.add(new SchemaChecker.Failure(path + ".apiGroup", show(apiGroup) + ", but a " + kind
                        + " subject has apiGroup " + RBAC_GROUP));
            }
        } else if (kind != null) {
            out.add(new SchemaChecker.Failure(path + ".kind", show(kind)
                    + ", but must be one of [Group, ServiceAccount, User]"));
        }
        if ("".equals(subject.get("name"))) {
            out.add(new SchemaChecker.Failure(path + ".name", "empty, but required"));
        }
    }

    private static void networkPolicy(Map<String, Object> policy, List<SchemaChecker.Failure> out) {
        if (KubeObjects.at(policy, "spec.policyTypes") instanceof List<?> types) {
            for (int i = 0; i < types.size(); i++) {
                if (!Set.of("Ingress", "Egress").contains(types.get(i))) {
                    out.add(new SchemaChecker.Failure(index("spec.policyTypes", i), show(types.get(i))
                            + ", but must be one of [Egress, Ingress]"));
                }
            }
        }
        for (String direction : List.of("ingress", "egress")) {
            if (KubeObjects.at(policy, "spec." + direction) instanceof List<?> rules) {
                for (int r = 0; r < rules.size(); r++) {
                    if (rules.get(r) instanceof Map<?, ?> rule && rule.get("ports") instanceof List<?> ports) {
                        for (int p = 0; p < ports.size(); p++) {
                            Object protocol = ports.get(p) instanceof Map<?, ?> port ? port.get("protocol") : null;
                            if (protocol != null && !Set.of("TCP", "UDP", "SCTP").contains(protocol)) {
                                out.add(new SchemaChecker.Failure(index(index("spec." + direction, r) + ".ports", p)
                                        + ".protocol", show(protocol) + ", but must be one of [SCTP, TCP, UDP]"));
                            }
                        }
                    }
                }
            }
        }
    }
}
