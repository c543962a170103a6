package io.fluxfleet.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Who may reach Flux's controllers in {@code flux-system}, and what they may reach: the keys under
 * {@code fluxfleet:network}. Every default lives here, next to its key:
 *
 * <pre>
 * network:
 *   ingressController:          # where the webhook receiver's traffic comes from (its port 9292)
 *     namespace: kube-system    # RKE2 installs its rke2-ingress-nginx chart into kube-system
 *     podLabels:                # the controller pods' labels (a pod network DaemonSet with hostPort on RKE2)
 *       app.kubernetes.io/name: rke2-ingress-nginx
 *       app.kubernetes.io/component: controller
 *   egressCidrs: [0.0.0.0/0]    # where GitLab, Harbor and the chart repositories are: Flux may reach them on TCP 443;
 *                               #   required in a strict environment (prod), never /0 there; elsewhere warned
 *   apiServerCidrs: [0.0.0.0/0] # where the API server is (node addresses): TCP 443 and 6443; as egressCidrs
 *   clusterCidrs:               # the cluster's pod and service ranges, cut out of the two above (RKE2's defaults:
 *     - 10.42.0.0/16            #   --cluster-cidr 10.42.0.0/16, --service-cidr 10.43.0.0/16), so that a source URL
 *     - 10.43.0.0/16            #   can never point Flux at another namespace's pod on 443
 * </pre>
 *
 * <p>A NetworkPolicy selects peers by pod, namespace or IP block, never by DNS name (Kubernetes
 * {@code networking/v1} {@code NetworkPolicyPeer} has {@code podSelector}, {@code namespaceSelector} and
 * {@code ipBlock} only), so "only GitLab, Harbor and the chart repositories" is expressed as ports plus address
 * ranges. The default ranges are the whole IPv4 Internet: what the default closes is every other port (and, with the
 * in-cluster rules, every pod of every other namespace but DNS); a stack that knows its GitLab's, Harbor's and
 * mirrors' addresses narrows {@code egressCidrs} to them, and {@code apiServerCidrs} to its control-plane nodes.
 *
 * @param ingressNamespace the ingress controller's namespace, matched by its immutable
 *                         {@code kubernetes.io/metadata.name} label
 * @param ingressPodLabels the ingress controller pods' labels (all must match)
 * @param egressCidrs      the address ranges Flux may reach on TCP 443 (GitLab, Harbor, chart repositories)
 * @param apiServerCidrs   the address ranges of the Kubernetes API server's endpoints (TCP 443 and 6443)
 * @param clusterCidrs     the cluster's own pod and service ranges: each one inside an egress range is listed as that
 *                         range's {@code ipBlock.except} (CNIs such as Calico/Canal, RKE2's default, match pod addresses
 *                         by {@code ipBlock} too, so without it the ranges above would admit every pod on those ports)
 */
public record NetworkSettings(String ingressNamespace, Map<String, String> ingressPodLabels, List<String> egressCidrs,
                              List<String> apiServerCidrs, List<String> clusterCidrs) {
    /**
     * RKE2's bundled ingress controller: chart {@code rke2-ingress-nginx} in {@code kube-system}, a DaemonSet with
     * {@code hostPort} (not {@code hostNetwork}), so its pods have pod addresses and pod labels that policies see
     * (rancher/rke2-charts {@code packages/rke2-ingress-nginx/generated-changes/patch/values.yaml.patch}: {@code kind:
     * DaemonSet}, {@code hostPort.enabled: true}; the upstream ingress-nginx chart labels its pods
     * {@code app.kubernetes.io/name: <chart name>} and {@code app.kubernetes.io/component: controller}).
     */
    public static final NetworkSettings DEFAULTS = new NetworkSettings("kube-system",
            Map.of("app.kubernetes.io/name", "rke2-ingress-nginx", "app.kubernetes.io/component", "controller"),
            List.of("0.0.0.0/0"), List.of("0.0.0.0/0"), List.of("10.42.0.0/16", "10.43.0.0/16"));

    private static final Pattern IPV4_CIDR = Pattern.compile("([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})/([0-9]{1,2})");

    public NetworkSettings {
        ingressPodLabels = Map.copyOf(new TreeMap<>(ingressPodLabels));
        egressCidrs = List.copyOf(egressCidrs);
        apiServerCidrs = List.copyOf(apiServerCidrs);
        clusterCidrs = List.copyOf(clusterCidrs);
    }

    /**
     * Reads {@code fluxfleet:network}; problems are recorded on {@code f}. A strict environment (prod) requires
     * {@code egressCidrs} and {@code apiServerCidrs}, explicit allowlists, and refuses a range that is the whole
     * Internet ({@code /0}); elsewhere the defaults (the whole IPv4 Internet minus the cluster's ranges) stay, with a
     * warning on every run.
     */
    public static NetworkSettings parse(Fields f, Environment environment, String stack) {
        NetworkSettings d = DEFAULTS;
        Fields ingress = f.object("ingressController");
        String namespace = ingress.checked("namespace", d.ingressNamespace(), Validators::dns1123Label);
        Map<String, String> labels = ingress.has("podLabels") ? ingress.stringMap("podLabels", NetworkSettings::label)
                : d.ingressPodLabels();
        if (ingress.has("podLabels") && labels.isEmpty()) {
            ingress.problem("podLabels", "must name at least one label: an empty selector would admit every pod of "
                    + Shown.quoted(namespace) + " to the webhook receiver");
        }
        ingress.finish();
        List<String> egress = cidrs(f, "egressCidrs", d.egressCidrs());
        List<String> apiServer = cidrs(f, "apiServerCidrs", d.apiServerCidrs());
        // both open TCP 443: an allowlist in one is only as narrow as the other
        allowlist(f, "egressCidrs", egress, "the addresses of GitLab, Harbor and the chart repositories (or their"
                + " mirror)", environment, stack);
        allowlist(f, "apiServerCidrs", apiServer, "the API server's addresses (the control-plane nodes)",
                environment, stack);
        List<String> cluster = cidrs(f, "clusterCidrs", d.clusterCidrs());
        f.finish();
        return new NetworkSettings(namespace, labels, egress, apiServer, cluster);
    }

    /**
     * {@code egressCidrs} and {@code apiServerCidrs} both open TCP 443 (the API server also 6443), so each must be an
     * allowlist for either to be one: required in a strict environment and never the whole Internet there; elsewhere
     * the whole-Internet default is warned about on every run.
     */
    private static void allowlist(Fields f, String name, List<String> cidrs, String what, Environment environment,
                                  String stack) {
        String why = "flux-system may then reach TCP 443 anywhere on the Internet but the cluster's ranges, so a"
                + " tenant's source URL can make Flux fetch from, or post to, any host";
        String fix = "list " + what + ": `pulumi config set --path '" + f.key(name).substring(RawConfig.NAMESPACE.length() + 1)
                + "[0]' <cidr> -s " + stack + "`";
        if (environment.policy().strict()) {
            if (!f.has(name)) {
                f.problem(name, "is required in " + environment.id() + ": without it " + why + "; " + fix);
            }
            for (int i = 0; i < cidrs.size(); i++) {
                if (wholeInternet(cidrs.get(i))) {
                    f.problem(name + "[" + i + "]", Shown.quoted(cidrs.get(i)) + " is the whole Internet, which "
                            + environment.id() + " refuses: " + why + "; " + fix);
                }
            }
        } else if (cidrs.stream().anyMatch(NetworkSettings::wholeInternet)) {
            f.warn(f.key(name) + " allows the whole Internet (" + String.join(", ", cidrs) + "): " + why + "; " + fix
                    + " (a strict environment such as prod requires this)");
        }
    }

    /** A range with prefix length 0: every address of its family. */
    static boolean wholeInternet(String cidr) {
        return cidr.endsWith("/0") || cidr.endsWith("/00");
    }

    private static Optional<String> label(String key, String value) {
        return Validators.qualifiedName(key).map(m -> "key " + m).or(() -> Validators.labelValue(value));
    }

    private static List<String> cidrs(Fields f, String name, List<String> defaults) {
        if (!f.has(name)) {
            return defaults;
        }
        List<String> values = f.strings(name);
        if (values.isEmpty()) {
            f.problem(name, "must list at least one CIDR (e.g. 10.20.0.0/16): an empty list would cut Flux off");
        }
        for (int i = 0; i < values.size(); i++) {
            int index = i;
            cidr(values.get(i)).ifPresent(m -> f.problem(name + "[" + index + "]", m));
        }
        return values;
    }

    /**
     * A CIDR as {@code ipBlock.cidr} takes it (Kubernetes {@code ValidateIPBlock}: a valid CIDR, e.g. "192.168.1.0/24"
     * or "2001:db8::/64"); IPv6 literals are parsed without any name lookup.
     */
    public static Optional<String> cidr(String value) {
        var v4 = IPV4_CIDR.matcher(value);
        if (v4.matches()) {
            for (int g = 1; g <= 4; g++) {
                if (Integer.parseInt(v4.group(g)) > 255) {
                    return Optional.of(Shown.quoted(value) + " is not a CIDR: octet " + v4.group(g) + " is above 255");
                }
            }
            return Integer.parseInt(v4.group(5)) > 32
                    ? Optional.of(Shown.quoted(value) + " is not a CIDR: an IPv4 prefix is at most /32") : Optional.empty();
        }
        int slash = value.indexOf('/');
        if (slash > 0 && value.substring(0, slash).contains(":") && value.substring(0, slash).matches("[0-9A-Fa-f:.]+")
                && value.substring(slash + 1).matches("[0-9]{1,3}")) {
            try {
                InetAddress.getByName(value.substring(0, slash));
                return Integer.parseInt(value.substring(slash + 1)) > 128
                        ? Optional.of(Shown.quoted(value) + " is not a CIDR: an IPv6 prefix is at most /128") : Optional.empty();
            } catch (UnknownHostException e) {
                // falls through to the message below
            }
        }
        return Optional.of(Shown.quoted(value) + " is not a CIDR such as 10.20.0.0/16 or 2001:db8::/64");
    }
}
