package io.fluxfleet.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of {@code fluxfleet:admission.networkPeers}: a namespace a tenant's NetworkPolicies may name, in one
 * direction and on the listed ports only. A peer the platform opens for the ingress controller to reach tenant pods
 * ({@code ingress}) gives tenant pods no way into the controller's namespace, and a peer opened for tenants to reach
 * a shared service ({@code egress}) reaches it on that service's ports, not on its admin or metrics ports.
 *
 * <pre>
 * admission:
 *   networkPeers:
 *   - namespace: ingress-nginx     # the namespace, matched by kubernetes.io/metadata.name
 *     direction: ingress           # ingress: its pods may reach tenant pods; egress: tenant pods may reach its pods
 *     ports: [{port: 8080}, {port: 8443, protocol: TCP}]   # for ingress the tenant pods' ports, for egress the peer's
 * </pre>
 *
 * <p>Ports are numbers with a protocol ({@code TCP} by default, as Kubernetes defaults a NetworkPolicyPort's
 * protocol), never named ports or ranges: a named port resolves on whichever pod the peer runs, and a tenant rule
 * without ports, or with an empty list, matches every port (kubernetes {@code staging/src/k8s.io/api/networking/v1/
 * types.go}: NetworkPolicyPort {@code port} "If this field is not provided, this matches all port names and numbers";
 * NetworkPolicyIngressRule/EgressRule {@code ports} "If this field is empty or missing, this rule matches all ports").
 *
 * @param namespace the peer namespace's name
 * @param direction {@link #INGRESS} or {@link #EGRESS}
 * @param ports     the ports, each as {@code <protocol>/<port>} (e.g. {@code TCP/8080}), as the policy compares them
 */
public record NetworkPeer(String namespace, String direction, List<String> ports) {
    public static final String INGRESS = "ingress";
    public static final String EGRESS = "egress";
    public static final List<String> PROTOCOLS = List.of("TCP", "UDP", "SCTP");
    /** The form an entry takes, for messages about the old form (a bare namespace name). */
    static final String FORM = "each peer names its namespace, its direction and its ports, e.g."
            + " {namespace: ingress-nginx, direction: ingress, ports: [{port: 8080}]} (direction ingress: the peer's"
            + " pods reach tenant pods on those ports; egress: tenant pods reach the peer's pods on them)";

    public NetworkPeer {
        ports = List.copyOf(ports);
    }

    /** A human-readable summary, e.g. {@code ingress-nginx (ingress TCP/8080)}. */
    public String text() {
        return namespace + " (" + direction + " " + String.join(" ", ports) + ")";
    }

    /**
     * Reads {@code admission.networkPeers}. A bare namespace name (the form before peers had a direction and ports)
     * is refused with the new form; a namespace given twice for one direction is refused (one entry holds all its
     * ports), and so is a tenant's namespace (every tenant could then reach that one).
     */
    static List<NetworkPeer> parse(Fields admission, java.util.Set<String> tenantNames) {
        List<Fields> entries = admission.objects("networkPeers", "; " + FORM);
        List<NetworkPeer> peers = new ArrayList<>();
        if (entries == null) {
            return peers;
        }
        Map<String, String> seen = new HashMap<>();
        for (Fields p : entries) {
            String namespace = p.required("namespace", "");
            boolean valid = !namespace.isEmpty();
            if (valid) {
                Optional<String> problem = Validators.dns1123Label(namespace);
                problem.ifPresent(m -> p.problem("namespace", m));
                valid = problem.isEmpty();
                if (valid && tenantNames.contains(namespace)) {
                    p.problem("namespace", Shown.quoted(namespace) + " is a tenant of this stack: as a peer, every"
                            + " tenant's NetworkPolicies could open a way to it; a peer is a platform namespace");
                    valid = false;
                }
            }
            String direction = p.required("direction", "");
            if (!direction.isEmpty() && !direction.equals(INGRESS) && !direction.equals(EGRESS)) {
                p.problem("direction", Shown.quoted(direction) + " is not a direction: expected ingress (the peer's"
                        + " pods reach tenant pods) or egress (tenant pods reach the peer's pods)");
                valid = false;
            }
            List<String> ports = ports(p);
            if (valid && !direction.isEmpty()) {
                String previous = seen.putIfAbsent(namespace + " " + direction, p.path());
                if (previous != null) {
                    p.problem("namespace", Shown.quoted(namespace) + " is already listed for " + direction + " at "
                            + previous + "; list all its ports in one entry");
                }
                peers.add(new NetworkPeer(namespace, direction, ports));
            }
            p.finish();
        }
        return peers;
    }

    private static List<String> ports(Fields p) {
        List<Fields> entries = p.objects("ports", "; a port is {port: <number>, protocol: TCP|UDP|SCTP}, e.g."
                + " {port: 8080}");
        List<String> ports = new ArrayList<>();
        if (entries == null || (entries.isEmpty() && p.has("ports"))) {
            p.problem("ports", "is required, with at least one port: a peer open on every port is what this list"
                    + " prevents; e.g. ports: [{port: 8080}]");
            return ports;
        }
        for (Fields port : entries) {
            int number = port.has("port") ? port.integer("port", 0, 1, 65535) : 0;
            if (!port.has("port")) {
                port.problem("port", "is required: a port number between 1 and 65535 (named ports and ranges are not"
                        + " accepted: a named port resolves on whichever pod the peer runs)");
            }
            String protocol = port.checked("protocol", "TCP", v -> PROTOCOLS.contains(v) ? Optional.empty()
                    : Optional.of(Shown.quoted(v) + " is not a protocol: expected TCP, UDP or SCTP"));
            port.finish();
            if (number > 0) {
                String key = protocol + "/" + number;
                if (!ports.contains(key)) {
                    ports.add(key);
                }
            }
        }
        return ports;
    }
}
