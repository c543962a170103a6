package io.fluxfleet.flux;

import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.networking.v1.NetworkPolicy;
import com.pulumi.kubernetes.networking.v1.NetworkPolicyArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IPBlockArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyEgressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyIngressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPeerArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPortArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicySpecArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;

import io.fluxfleet.config.NetworkSettings;
import io.fluxfleet.kube.Kube;
import io.fluxfleet.naming.Names;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * flux-system's NetworkPolicies, in place of the flux2 chart's three ({@code policies.create: false} in
 * {@link FluxValues}). The chart's {@code allow-webhooks} admits every namespace to every port of the
 * notification-controller (its unauthenticated events port 9090 included), {@code allow-scraping} admits every
 * namespace to 8080 (metrics and pprof), and {@code allow-egress} allows all egress. Here instead:
 * <ul>
 *   <li>{@value Names#FLUX_DENY_ALL}: every pod of flux-system denies ingress and egress but what the policies below
 *       allow (policies add up; this one only makes every pod "isolated" for both directions);</li>
 *   <li>{@value Names#FLUX_ALLOW_INTERNAL}: flux-system's pods reach each other on any port (events on 9090, source
 *       artifacts behind the source-controller Service, the receiver), and nobody else reaches 9090;</li>
 *   <li>{@value Names#FLUX_ALLOW_WEBHOOK_RECEIVER} (with webhooks on): the ingress controller's pods reach the
 *       notification-controller's receiver port {@value #RECEIVER_PORT} only;</li>
 *   <li>{@value Names#FLUX_ALLOW_METRICS}: {@code cattle-monitoring-system} reaches {@value #METRICS_PORT} only;</li>
 *   <li>{@value Names#FLUX_ALLOW_EGRESS}: DNS in kube-system, the API server's ranges on 443/6443, GitLab, Harbor and
 *       the chart repositories' ranges on 443 (NetworkPolicy has no DNS names: see {@link NetworkSettings}).</li>
 * </ul>
 * Namespaces are matched by {@code kubernetes.io/metadata.name}, which the API server sets to the namespace's name
 * and nobody can change (Kubernetes 1.22+ {@code NamespaceDefaultLabelName}), so no tenant can label its way in.
 */
public final class FluxNetworkPolicies extends ComponentResource {
    public static final String TYPE = "fluxfleet:flux:FluxNetworkPolicies";
    /** The notification-controller's container ports (flux2 chart templates/notification-controller.yaml). */
    public static final int EVENTS_PORT = 9090;
    public static final int RECEIVER_PORT = 9292;
    /** Every Flux controller's {@code --metrics-addr=:8080} (kustomize-controller main.go default), pprof included. */
    public static final int METRICS_PORT = 8080;
    public static final int HTTPS_PORT = 443;
    /** The API server's port on RKE2's nodes (the {@code kubernetes} Service's 443 is DNATed to it). */
    public static final int API_SERVER_PORT = 6443;
    public static final int DNS_PORT = 53;
    /** The label the API server puts on every namespace, with the namespace's name as its value. */
    public static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";
    /** The notification-controller's pod label (flux2 chart templates/notification-controller.yaml). */
    public static final Map<String, String> NOTIFICATION_CONTROLLER = Map.of("app", "notification-controller");
    /** Where RKE2 runs its cluster DNS (rke2-coredns). */
    public static final String DNS_NAMESPACE = "kube-system";

    /**
     * @param kube     the cluster's provider, protection and labels
     * @param flux     the installation whose namespace the policies live in
     * @param network  the ingress controller and egress ranges
     * @param webhooks whether the receiver is exposed (else no policy admits anyone to it from outside)
     */
    public record Args(Kube kube, FluxInstall flux, NetworkSettings network, boolean webhooks) {}

    public FluxNetworkPolicies(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        NetworkSettings net = args.network();
        LabelSelectorArgs all = LabelSelectorArgs.builder().build();
        policy(args, Names.FLUX_DENY_ALL, NetworkPolicySpecArgs.builder().podSelector(all)
                .policyTypes("Ingress", "Egress").build());
        NetworkPolicyPeerArgs sameNamespace = NetworkPolicyPeerArgs.builder().podSelector(all).build();
        policy(args, Names.FLUX_ALLOW_INTERNAL, NetworkPolicySpecArgs.builder().podSelector(all)
                .policyTypes("Ingress", "Egress")
                .ingress(NetworkPolicyIngressRuleArgs.builder().from(sameNamespace).build())
                .egress(NetworkPolicyEgressRuleArgs.builder().to(sameNamespace).build())
                .build());
        if (args.webhooks()) {
            policy(args, Names.FLUX_ALLOW_WEBHOOK_RECEIVER, NetworkPolicySpecArgs.builder()
                    .podSelector(LabelSelectorArgs.builder().matchLabels(NOTIFICATION_CONTROLLER).build())
                    .policyTypes("Ingress")
                    .ingress(NetworkPolicyIngressRuleArgs.builder()
                            .from(NetworkPolicyPeerArgs.builder()
                                    .namespaceSelector(namespace(net.ingressNamespace()))
                                    .podSelector(LabelSelectorArgs.builder().matchLabels(net.ingressPodLabels()).build())
                                    .build())
                            .ports(tcp(RECEIVER_PORT)).build())
                    .build());
        }
        policy(args, Names.FLUX_ALLOW_METRICS, NetworkPolicySpecArgs.builder().podSelector(all)
                .policyTypes("Ingress")
                .ingress(NetworkPolicyIngressRuleArgs.builder()
                        .from(NetworkPolicyPeerArgs.builder().namespaceSelector(namespace(Names.MONITORING_NAMESPACE)).build())
                        .ports(tcp(METRICS_PORT)).build())
                .build());
        policy(args, Names.FLUX_ALLOW_EGRESS, NetworkPolicySpecArgs.builder().podSelector(all)
                .policyTypes("Egress")
                .egress(NetworkPolicyEgressRuleArgs.builder()
                                .to(NetworkPolicyPeerArgs.builder().namespaceSelector(namespace(DNS_NAMESPACE)).build())
                                .ports(NetworkPolicyPortArgs.builder().protocol("UDP").port(DNS_PORT).build(), tcp(DNS_PORT))
                                .build(),
                        NetworkPolicyEgressRuleArgs.builder().to(blocks(net.apiServerCidrs(), net.clusterCidrs()))
                                .ports(tcp(HTTPS_PORT), tcp(API_SERVER_PORT)).build(),
                        NetworkPolicyEgressRuleArgs.builder().to(blocks(net.egressCidrs(), net.clusterCidrs()))
                                .ports(tcp(HTTPS_PORT)).build())
                .build());
        registerOutputs(Map.of());
    }

    private void policy(Args args, String name, NetworkPolicySpecArgs spec) {
        Kube kube = args.kube();
        new NetworkPolicy(Names.resource(Names.FLUX_NAMESPACE, name), NetworkPolicyArgs.builder()
                .metadata(kube.meta(name, Names.FLUX_NAMESPACE, null))
                .spec(spec)
                .build(), kube.child(this, args.flux().namespace()));
    }

    private static LabelSelectorArgs namespace(String name) {
        return LabelSelectorArgs.builder().matchLabels(Map.of(NAMESPACE_NAME_LABEL, name)).build();
    }

    private static NetworkPolicyPortArgs tcp(int port) {
        return NetworkPolicyPortArgs.builder().protocol("TCP").port(port).build();
    }

    private static List<NetworkPolicyPeerArgs> blocks(List<String> cidrs, List<String> cluster) {
        List<NetworkPolicyPeerArgs> peers = new ArrayList<>();
        for (String cidr : cidrs) {
            List<String> except = Cidrs.strictlyInside(cidr, cluster);
            IPBlockArgs.Builder block = IPBlockArgs.builder().cidr(cidr);
            if (!except.isEmpty()) {
                block.except(except);
            }
            peers.add(NetworkPolicyPeerArgs.builder().ipBlock(block.build()).build());
        }
        return peers;
    }
}
