package io.fluxfleet.verify;

import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.config.NetworkSettings;
import io.fluxfleet.render.Recorded;
import io.fluxfleet.render.RenderResult;
import io.fluxfleet.testing.Stacks;
import io.fluxfleet.verify.NetworkPolicyEvaluator.Endpoint;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who reaches Flux's controllers, and what they reach, once the committed dev stack is applied: the real flux2 chart
 * rendered by Helm with the stack's values (its own policies, if any) plus fluxfleet's policies in flux-system, run
 * through {@link NetworkPolicyEvaluator}. Hostile connections first; the benign ones Flux needs must still pass.
 */
class FluxNetworkPoliciesTest {
    private static final String TENANT = "tenant1";
    private static FluxChart chart;
    private static NetworkPolicyEvaluator dev;
    private static NetworkPolicyEvaluator withoutWebhooks;

    @BeforeAll
    static void render() {
        RenderResult result = Stacks.render(Stacks.committed("dev"));
        chart = FluxChart.render("flux", "flux-system", fluxValues(result));
        dev = new NetworkPolicyEvaluator(policies(result, chart));

        ObjectNode config = Stacks.minimal("dev", 1);
        config.putObject("webhooks").put("enabled", false);
        RenderResult noHooks = Stacks.render(Stacks.load("dev", config));
        withoutWebhooks = new NetworkPolicyEvaluator(policies(noHooks, FluxChart.render("flux", "flux-system", fluxValues(noHooks))));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fluxValues(RenderResult result) {
        return (Map<String, Object>) StackVerificationTest.object(result.find(RenderResult.HELM_RELEASE_TYPE, "flux")).get("values");
    }

    /**
     * The chart's NetworkPolicies, every NetworkPolicy the stack registers, and the attacker's own: the tenant's
     * {@code admin} role may create NetworkPolicies, so it opens its namespace to everything (policies add up), and
     * only flux-system's policies stand between its pods and Flux.
     */
    private static List<Map<String, Object>> policies(RenderResult result, FluxChart chart) {
        List<Map<String, Object>> all = new ArrayList<>(chart.networkPolicies());
        for (Recorded r : result.ofType("kubernetes:networking.k8s.io/v1:NetworkPolicy")) {
            all.add(StackVerificationTest.object(r));
        }
        all.add(Map.of("metadata", Map.of("name", "allow-everything", "namespace", TENANT),
                "spec", Map.of("podSelector", Map.of(), "policyTypes", List.of("Ingress", "Egress"),
                        "ingress", List.of(Map.of()), "egress", List.of(Map.of()))));
        return all;
    }

    /** A pod of a Flux controller, with the labels the real chart gives its pod template. */
    @SuppressWarnings("unchecked")
    private static Endpoint controller(String deployment) {
        Map<String, Object> owner = chart.podSpec(deployment).owner();
        Map<String, String> labels = (Map<String, String>) KubeObjects.at(owner, "spec.template.metadata.labels");
        return Endpoint.pod(deployment, "flux-system", labels, "10.42.0.10");
    }

    private static final Endpoint TENANT_POD = Endpoint.pod("tenant pod", TENANT, Map.of("app", "web"), "10.42.3.7");
    /** A tenant pod wearing the ingress controller's labels: labels are the tenant's to choose, namespaces are not. */
    private static final Endpoint TENANT_POSING_AS_INGRESS = Endpoint.pod("tenant pod with the ingress labels", TENANT,
            NetworkSettings.DEFAULTS.ingressPodLabels(), "10.42.3.8");
    private static final Endpoint INGRESS = Endpoint.pod("rke2-ingress-nginx", "kube-system",
            NetworkSettings.DEFAULTS.ingressPodLabels(), "10.42.1.2");
    private static final Endpoint COREDNS = Endpoint.pod("rke2-coredns", "kube-system",
            Map.of("k8s-app", "kube-dns"), "10.42.1.3");
    private static final Endpoint PROMETHEUS = Endpoint.pod("prometheus", "cattle-monitoring-system",
            Map.of("app.kubernetes.io/name", "prometheus"), "10.42.2.4");
    private static final Endpoint GITLAB = Endpoint.external("gitlab.example.com", "203.0.113.10");
    private static final Endpoint API_SERVER = Endpoint.external("API server on a control-plane node", "192.168.10.5");

    record Case(String name, Endpoint from, String toDeployment, Endpoint to, int port, String protocol) {
        Endpoint target() {
            return to != null ? to : controller(toDeployment);
        }

        Endpoint source() {
            return from != null ? from : controller(name.substring(0, name.indexOf(' ')));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> hostile() {
        return Stream.of(
                new Case("tenant pod -> notification-controller events 9090 (forged events, green statuses)", TENANT_POD, "notification-controller", null, 9090, "TCP"),
                new Case("tenant pod -> kustomize-controller metrics/pprof 8080", TENANT_POD, "kustomize-controller", null, 8080, "TCP"),
                new Case("tenant pod -> notification-controller metrics/pprof 8080", TENANT_POD, "notification-controller", null, 8080, "TCP"),
                new Case("tenant pod -> webhook receiver 9292 (not from the ingress controller)", TENANT_POD, "notification-controller", null, 9292, "TCP"),
                new Case("tenant pod wearing the ingress labels -> receiver 9292", TENANT_POSING_AS_INGRESS, "notification-controller", null, 9292, "TCP"),
                new Case("tenant pod -> source-controller artifacts 9090", TENANT_POD, "source-controller", null, 9090, "TCP"),
                new Case("tenant pod -> helm-controller health 9440", TENANT_POD, "helm-controller", null, 9440, "TCP"),
                new Case("coredns (kube-system, not the ingress) -> receiver 9292", COREDNS, "notification-controller", null, 9292, "TCP"),
                new Case("ingress controller -> events 9090", INGRESS, "notification-controller", null, 9090, "TCP"),
                new Case("ingress controller -> metrics 8080", INGRESS, "kustomize-controller", null, 8080, "TCP"),
                new Case("prometheus -> events 9090", PROMETHEUS, "notification-controller", null, 9090, "TCP"),
                new Case("kustomize-controller -> a tenant pod on 443 (a source URL into the cluster)", null, null, TENANT_POD, 443, "TCP"),
                new Case("source-controller -> a tenant pod on 8080", null, null, TENANT_POD, 8080, "TCP"),
                new Case("source-controller -> an outside host on 22", null, null, GITLAB, 22, "TCP"),
                new Case("source-controller -> an outside host on 80", null, null, GITLAB, 80, "TCP"),
                new Case("helm-controller -> an outside database on 5432", null, null, Endpoint.external("db", "198.51.100.7"), 5432, "TCP"),
                new Case("notification-controller -> DNS outside kube-system", null, null, Endpoint.external("8.8.8.8", "8.8.8.8"), 53, "UDP"),
                // the platform shard's pods (flux.PlatformShard) are flux-system pods like the chart's: the same walls
                new Case("tenant pod -> kustomize-controller-platform metrics/pprof 8080", TENANT_POD, "kustomize-controller-platform", null, 8080, "TCP"),
                new Case("tenant pod -> helm-controller-platform health 9440", TENANT_POD, "helm-controller-platform", null, 9440, "TCP"),
                new Case("kustomize-controller-platform -> a tenant pod on 443", null, null, TENANT_POD, 443, "TCP"),
                new Case("helm-controller-platform -> an outside host on 22", null, null, GITLAB, 22, "TCP"));
    }

    static Stream<Case> benign() {
        return Stream.of(
                new Case("helm-controller -> notification-controller events 9090", null, "notification-controller", null, 9090, "TCP"),
                new Case("kustomize-controller -> source-controller artifacts 9090", null, "source-controller", null, 9090, "TCP"),
                new Case("prometheus -> kustomize-controller metrics 8080", PROMETHEUS, "kustomize-controller", null, 8080, "TCP"),
                new Case("prometheus -> notification-controller metrics 8080", PROMETHEUS, "notification-controller", null, 8080, "TCP"),
                new Case("ingress controller -> receiver 9292", INGRESS, "notification-controller", null, 9292, "TCP"),
                new Case("source-controller -> cluster DNS", null, null, COREDNS, 53, "UDP"),
                new Case("kustomize-controller -> cluster DNS over TCP", null, null, COREDNS, 53, "TCP"),
                new Case("source-controller -> GitLab 443", null, null, GITLAB, 443, "TCP"),
                new Case("helm-controller -> API server 6443", null, null, API_SERVER, 6443, "TCP"),
                new Case("kustomize-controller -> API server 443", null, null, API_SERVER, 443, "TCP"),
                // the platform shard needs what the chart's kustomize- and helm-controller need
                new Case("kustomize-controller-platform -> source-controller artifacts 9090", null, "source-controller", null, 9090, "TCP"),
                new Case("helm-controller-platform -> source-controller artifacts 9090", null, "source-controller", null, 9090, "TCP"),
                new Case("kustomize-controller-platform -> notification-controller events 9090", null, "notification-controller", null, 9090, "TCP"),
                new Case("helm-controller-platform -> notification-controller events 9090", null, "notification-controller", null, 9090, "TCP"),
                new Case("kustomize-controller-platform -> cluster DNS", null, null, COREDNS, 53, "UDP"),
                new Case("helm-controller-platform -> API server 6443", null, null, API_SERVER, 6443, "TCP"),
                new Case("kustomize-controller-platform -> API server 443", null, null, API_SERVER, 443, "TCP"),
                new Case("prometheus -> helm-controller-platform metrics 8080", PROMETHEUS, "helm-controller-platform", null, 8080, "TCP"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void hostileConnectionsAreRefused(Case c) {
        assertTrue(!dev.allowed(c.source(), c.target(), c.port(), c.protocol()), c.name() + " must be refused");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("benign")
    void whatFluxNeedsStillFlows(Case c) {
        assertTrue(dev.allowed(c.source(), c.target(), c.port(), c.protocol()), c.name() + " must be allowed");
    }

    @Test
    void withWebhooksOffNobodyOutsideFluxSystemReachesTheReceiver() {
        Endpoint receiver = controller("notification-controller");
        assertTrue(!withoutWebhooks.allowed(INGRESS, receiver, 9292, "TCP"));
        assertTrue(withoutWebhooks.allowed(PROMETHEUS, receiver, 8080, "TCP"));
    }

    /** The evaluator is not vacuous: the chart's own policies, as the issue found them, admit the attacks. */
    @Test
    void theChartsOwnPoliciesAdmitTheAttacksTheyAreReplacedFor() {
        FluxChart stock = FluxChart.render(Map.of("policies", Map.of("create", true)));
        NetworkPolicyEvaluator chartOnly = new NetworkPolicyEvaluator(stock.networkPolicies());
        Endpoint notification = controller("notification-controller");
        assertTrue(chartOnly.allowed(TENANT_POD, notification, 9090, "TCP"), "allow-webhooks admits every namespace");
        assertTrue(chartOnly.allowed(TENANT_POD, controller("kustomize-controller"), 8080, "TCP"), "allow-scraping");
        assertTrue(chartOnly.allowed(controller("source-controller"), TENANT_POD, 443, "TCP"), "allow-egress: {}");
    }

    @Test
    void theStackTurnsTheChartsPoliciesOffAndRegistersItsOwn() {
        assertEquals(List.of(), chart.networkPolicies());
        FluxFleetConfig config = Stacks.committed("dev");
        RenderResult result = Stacks.render(config);
        assertEquals(List.of("flux-allow-egress", "flux-allow-internal", "flux-allow-metrics", "flux-allow-webhook-receiver",
                        "flux-deny-all"),
                result.ofType("kubernetes:networking.k8s.io/v1:NetworkPolicy").stream()
                        .map(StackVerificationTest::object)
                        .filter(o -> "flux-system".equals(KubeObjects.at(o, "metadata.namespace")))
                        .map(o -> (String) KubeObjects.at(o, "metadata.name")).sorted().toList());
    }

    /** Narrowed egress: a stack that names GitLab's range reaches nothing else on 443. */
    @Test
    void narrowedEgressReachesOnlyTheNamedRanges() {
        ObjectNode config = Stacks.minimal("dev", 1);
        ObjectNode network = config.putObject("network");
        network.putArray("egressCidrs").add("203.0.113.0/24");
        network.putArray("apiServerCidrs").add("192.168.10.0/24");
        RenderResult result = Stacks.render(Stacks.load("dev", config));
        NetworkPolicyEvaluator narrowed = new NetworkPolicyEvaluator(policies(result, FluxChart.render("flux", "flux-system",
                fluxValues(result))));
        Endpoint source = controller("source-controller");
        assertTrue(narrowed.allowed(source, GITLAB, 443, "TCP"));
        assertTrue(!narrowed.allowed(source, Endpoint.external("elsewhere", "198.51.100.7"), 443, "TCP"));
        assertTrue(narrowed.allowed(source, API_SERVER, 6443, "TCP"));
        assertTrue(!narrowed.allowed(source, Endpoint.external("other node", "192.168.11.5"), 6443, "TCP"));
    }

    /**
     * The committed prod stack names its allowlists (network.egressCidrs and apiServerCidrs, required in prod): Flux
     * reaches the listed ranges and nothing else on the Internet, where dev's defaults still reach any public address.
     */
    @Test
    void committedProdReachesOnlyItsAllowlistOn443() {
        RenderResult prod = Stacks.render(Stacks.committed("prod"));
        NetworkPolicyEvaluator evaluator = new NetworkPolicyEvaluator(policies(prod, FluxChart.render("flux", "flux-system",
                fluxValues(prod))));
        Endpoint source = controller("source-controller");
        Endpoint elsewhere = Endpoint.external("a host outside the allowlist", "198.51.100.7");
        assertEquals(List.of("203.0.113.0/24"), Stacks.committed("prod").network().egressCidrs());
        assertTrue(evaluator.allowed(source, GITLAB, 443, "TCP"));
        assertTrue(evaluator.allowed(source, Endpoint.external("a control-plane node", "192.0.2.5"), 6443, "TCP"));
        assertTrue(!evaluator.allowed(source, elsewhere, 443, "TCP"));
        assertTrue(!evaluator.allowed(source, elsewhere, 6443, "TCP"));
        RenderResult dev = Stacks.render(Stacks.committed("dev"));
        assertTrue(new NetworkPolicyEvaluator(policies(dev, FluxChart.render("flux", "flux-system", fluxValues(dev))))
                .allowed(source, elsewhere, 443, "TCP"), "dev keeps the default, with a warning");
    }
}
