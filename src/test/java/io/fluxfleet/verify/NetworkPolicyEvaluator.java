package io.fluxfleet.verify;

import io.fluxfleet.flux.Cidrs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether a connection is allowed by a set of {@code networking.k8s.io/v1} NetworkPolicies, as the Kubernetes API
 * documents their meaning (kubernetes {@code staging/src/k8s.io/api/networking/v1/types.go}, NetworkPolicySpec,
 * NetworkPolicyPeer, NetworkPolicyPort; concepts page "Network Policies", v1.34):
 * <ul>
 *   <li>a connection needs both the source's egress and the destination's ingress allowed;</li>
 *   <li>a pod is isolated for a direction when a policy in its namespace selects it ({@code podSelector}) and has that
 *       direction in {@code policyTypes}; when {@code policyTypes} is absent it is {@code Ingress}, plus
 *       {@code Egress} when the policy has egress rules;</li>
 *   <li>an isolated pod allows what the union of the selecting policies' rules allows (policies add up, never
 *       subtract); a non-isolated pod allows everything;</li>
 *   <li>a rule with no {@code from}/{@code to} matches every peer, with no {@code ports} every port;</li>
 *   <li>a peer with only {@code podSelector} means pods of the policy's own namespace; with only
 *       {@code namespaceSelector} every pod of the matching namespaces; with both, the matching pods of the matching
 *       namespaces; {@code ipBlock} matches addresses in {@code cidr} but not in {@code except}. Whether
 *       {@code ipBlock} also matches pod addresses is left to the CNI; this evaluator takes the stricter reading for
 *       an attacker (Calico/Canal, RKE2's default, matches pod addresses), so a pod with an address is matched;</li>
 *   <li>a port's protocol defaults to TCP; {@code endPort} makes a range. Named ports are not used by the policies
 *       under test and never match here.</li>
 * </ul>
 */
public final class NetworkPolicyEvaluator {
    /** One end of a connection: a pod (namespace, its labels, its namespace's labels, an address) or an outside address. */
    public record Endpoint(String description, String namespace, Map<String, String> podLabels,
                           Map<String, String> namespaceLabels, String ip) {
        /** A pod; its namespace carries the API server's {@code kubernetes.io/metadata.name} label. */
        public static Endpoint pod(String description, String namespace, Map<String, String> labels, String ip) {
            return new Endpoint(description, namespace, labels, Map.of("kubernetes.io/metadata.name", namespace), ip);
        }

        /** An address outside the cluster's pods (a node, GitLab, Harbor). */
        public static Endpoint external(String description, String ip) {
            return new Endpoint(description, null, Map.of(), Map.of(), ip);
        }

        boolean isPod() {
            return namespace != null;
        }
    }

    private final List<Map<String, Object>> policies;

    public NetworkPolicyEvaluator(List<Map<String, Object>> policies) {
        this.policies = List.copyOf(policies);
    }

    /** Whether {@code from} may open a connection to {@code to} on {@code port}/{@code protocol}. */
    public boolean allowed(Endpoint from, Endpoint to, int port, String protocol) {
        return direction(from, to, port, protocol, "Egress") && direction(to, from, port, protocol, "Ingress");
    }

    /** Whether {@code subject}'s policies for {@code type} admit the connection with {@code peer}. */
    private boolean direction(Endpoint subject, Endpoint peer, int port, String protocol, String type) {
        if (!subject.isPod()) {
            return true;
        }
        boolean isolated = false;
        for (Map<String, Object> policy : policies) {
            if (!Objects.equals(KubeObjects.at(policy, "metadata.namespace"), subject.namespace())) {
                continue;
            }
            Map<String, Object> spec = map(policy.get("spec"));
            if (!selects(map(spec.get("podSelector")), subject.podLabels()) || !policyTypes(spec).contains(type)) {
                continue;
            }
            isolated = true;
            String rulesKey = type.equals("Ingress") ? "ingress" : "egress";
            String peersKey = type.equals("Ingress") ? "from" : "to";
            for (Object r : list(spec.get(rulesKey))) {
                Map<String, Object> rule = map(r);
                if (peersMatch(list(rule.get(peersKey)), rule.containsKey(peersKey), subject.namespace(), peer)
                        && portsMatch(list(rule.get("ports")), rule.containsKey("ports"), port, protocol)) {
                    return true;
                }
            }
        }
        return !isolated;
    }

    private static List<String> policyTypes(Map<String, Object> spec) {
        if (spec.get("policyTypes") instanceof List<?> types) {
            return types.stream().map(String::valueOf).toList();
        }
        List<String> types = new ArrayList<>(List.of("Ingress"));
        if (spec.containsKey("egress")) {
            types.add("Egress");
        }
        return types;
    }

    private static boolean peersMatch(List<Object> peers, boolean present, String policyNamespace, Endpoint peer) {
        if (!present || peers.isEmpty()) {
            return true;
        }
        for (Object p : peers) {
            Map<String, Object> selector = map(p);
            if (selector.containsKey("ipBlock")) {
                Map<String, Object> block = map(selector.get("ipBlock"));
                if (peer.ip() != null && Cidrs.contains((String) block.get("cidr"), peer.ip())
                        && list(block.get("except")).stream().noneMatch(e -> Cidrs.contains((String) e, peer.ip()))) {
                    return true;
                }
                continue;
            }
            if (!peer.isPod()) {
                continue;
            }
            boolean namespaceOk = selector.containsKey("namespaceSelector")
                    ? selects(map(selector.get("namespaceSelector")), peer.namespaceLabels())
                    : policyNamespace.equals(peer.namespace());
            boolean podOk = !selector.containsKey("podSelector") || selects(map(selector.get("podSelector")), peer.podLabels());
            if (namespaceOk && podOk) {
                return true;
            }
        }
        return false;
    }

    private static boolean portsMatch(List<Object> ports, boolean present, int port, String protocol) {
        if (!present || ports.isEmpty()) {
            return true;
        }
        for (Object p : ports) {
            Map<String, Object> rule = map(p);
            String ruleProtocol = rule.get("protocol") == null ? "TCP" : String.valueOf(rule.get("protocol"));
            if (!ruleProtocol.equals(protocol)) {
                continue;
            }
            Object value = rule.get("port");
            if (value == null) {
                return true;
            }
            if (value instanceof Number n) {
                int end = rule.get("endPort") instanceof Number e ? e.intValue() : n.intValue();
                if (port >= n.intValue() && port <= end) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A {@code metav1.LabelSelector}: every matchLabels entry and every matchExpressions requirement holds. */
    static boolean selects(Map<String, Object> selector, Map<String, String> labels) {
        for (Map.Entry<String, Object> e : map(selector.get("matchLabels")).entrySet()) {
            if (!String.valueOf(e.getValue()).equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (Object x : list(selector.get("matchExpressions"))) {
            Map<String, Object> req = map(x);
            String key = (String) req.get("key");
            List<String> values = list(req.get("values")).stream().map(String::valueOf).toList();
            boolean ok = switch (String.valueOf(req.get("operator"))) {
                case "In" -> labels.containsKey(key) && values.contains(labels.get(key));
                case "NotIn" -> !labels.containsKey(key) || !values.contains(labels.get(key));
                case "Exists" -> labels.containsKey(key);
                case "DoesNotExist" -> !labels.containsKey(key);
                default -> throw new AssertionError("unknown selector operator " + req.get("operator"));
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }
}
