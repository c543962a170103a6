package io.fluxfleet.infra;

import io.fluxfleet.verify.KubeObjects;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * rancher-monitoring rendered by Helm with each stack's values: the tenant guards land on the Prometheus custom resource
 * (validated against the Prometheus CRD by {@link RancherChartsTest}), and the operator's rules, modelled here with
 * their source, refuse the hostile monitors while the platform's own keep scraping.
 */
class PrometheusTenancyTest {
    /** A tenant ServiceMonitor that has Prometheus send its own service-account token to the tenant's pod. */
    static final Map<String, Object> TOKEN_THIEF = Map.of("apiVersion", "monitoring.coreos.com/v1", "kind", "ServiceMonitor",
            "metadata", Map.of("name", "steal", "namespace", "tenant1"),
            "spec", Map.of("selector", Map.of("matchLabels", Map.of("app", "sink")),
                    "endpoints", List.of(Map.of("port", "http",
                            "bearerTokenFile", "/var/run/secrets/kubernetes.io/serviceaccount/token"))));
    static final Map<String, Object> CA_READER = Map.of("apiVersion", "monitoring.coreos.com/v1", "kind", "ServiceMonitor",
            "metadata", Map.of("name", "ca", "namespace", "tenant1"),
            "spec", Map.of("selector", Map.of(), "endpoints", List.of(Map.of("port", "https",
                    "tlsConfig", Map.of("keyFile", "/etc/prometheus/secrets/etcd-client-cert/etcd-client-key")))));
    static final Map<String, Object> BENIGN = Map.of("apiVersion", "monitoring.coreos.com/v1", "kind", "ServiceMonitor",
            "metadata", Map.of("name", "web", "namespace", "tenant1"),
            "spec", Map.of("selector", Map.of("matchLabels", Map.of("app", "web")),
                    "endpoints", List.of(Map.of("port", "metrics", "interval", "30s"))));

    @SuppressWarnings("unchecked")
    static Map<String, Object> prometheus(String env) {
        return RancherChartsTest.stack(env).get("rancher-monitoring").objects().stream()
                .filter(o -> "Prometheus".equals(o.get("kind"))).findFirst().map(o -> (Map<String, Object>) o.get("spec"))
                .orElseThrow();
    }

    /**
     * prometheus-operator {@code pkg/prometheus/resource_selector.go} {@code checkServiceMonitor}: with
     * {@code arbitraryFSAccessThroughSMs.deny}, a ServiceMonitor with an endpoint that names {@code bearerTokenFile}
     * or a {@code tlsConfig} {@code caFile}/{@code certFile}/{@code keyFile} is rejected ({@code testForArbitraryFSAccess}),
     * whatever its namespace. Returns the reason, or null when selected.
     */
    @SuppressWarnings("unchecked")
    static String operatorRejects(Map<String, Object> prometheusSpec, Map<String, Object> monitor) {
        Object deny = KubeObjects.at(prometheusSpec, "arbitraryFSAccessThroughSMs.deny");
        if (!Boolean.TRUE.equals(deny)) {
            return null;
        }
        List<Object> endpoints = (List<Object>) KubeObjects.at(monitor, "spec.endpoints");
        for (Object e : endpoints == null ? List.of() : endpoints) {
            Map<String, Object> endpoint = (Map<String, Object>) e;
            if (endpoint.get("bearerTokenFile") != null && !"".equals(endpoint.get("bearerTokenFile"))) {
                return "bearer token file";
            }
            if (endpoint.get("tlsConfig") instanceof Map<?, ?> tls
                    && (tls.get("caFile") != null || tls.get("certFile") != null || tls.get("keyFile") != null)) {
                return "tls config file";
            }
        }
        return null;
    }

    /**
     * Why deny stays off: switched on, the operator's rule rejects the token thief and the CA reader but also drops the
     * chart's own kubelet, apiserver and coredns monitors, which authenticate with Prometheus' token file.
     */
    @Test
    void denyingFileAccessWouldCostThePlatformsOwnMonitors() {
        Map<String, Object> denied = new java.util.HashMap<>(prometheus("prod"));
        denied.put("arbitraryFSAccessThroughSMs", Map.of("deny", true));
        assertEquals("bearer token file", operatorRejects(denied, TOKEN_THIEF));
        assertEquals("tls config file", operatorRejects(denied, CA_READER));
        assertEquals(null, operatorRejects(denied, BENIGN));
        assertEquals(List.of("ServiceMonitor default/rancher-monitoring-apiserver: bearer token file",
                        "ServiceMonitor kube-system/rancher-monitoring-coredns: bearer token file",
                        "ServiceMonitor kube-system/rancher-monitoring-kubelet: bearer token file"),
                droppedMonitors(denied));
    }

    /**
     * The residual the operator cannot close without that cost: under the stack's settings it selects the token thief,
     * so the refusal belongs to admission in tenant namespaces (PrometheusTenancy.TENANT_MONITOR_FILE_FIELDS).
     */
    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void theOperatorAloneSelectsATokenThiefSoAdmissionMustRefuseIt(String env) {
        Map<String, Object> spec = prometheus(env);
        assertEquals(Map.of("deny", PrometheusTenancy.FILE_ACCESS_DENIED), spec.get("arbitraryFSAccessThroughSMs"));
        assertEquals(null, operatorRejects(spec, TOKEN_THIEF));
        assertTrue(PrometheusTenancy.TENANT_MONITOR_FILE_FIELDS.contains("spec.endpoints[].bearerTokenFile"));
    }

    private static List<String> droppedMonitors(Map<String, Object> spec) {
        List<String> dropped = new ArrayList<>();
        for (Map<String, Object> o : RancherChartsTest.stack("prod").all()) {
            if ("ServiceMonitor".equals(o.get("kind"))) {
                String why = operatorRejects(spec, o);
                if (why != null) {
                    dropped.add(KubeObjects.describe(o) + ": " + why);
                }
            }
        }
        return dropped.stream().sorted().toList();
    }

    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void namespaceLabelEnforcedAndSelectorsIgnored(String env) {
        Map<String, Object> spec = prometheus(env);
        assertEquals(true, spec.get("ignoreNamespaceSelectors"));
        assertEquals("namespace", spec.get("enforcedNamespaceLabel"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> excluded = (List<Map<String, Object>>) spec.get("excludedFromEnforcement");
        for (String namespace : PrometheusTenancy.PLATFORM_NAMESPACES) {
            for (String resource : PrometheusTenancy.ENFORCED_RESOURCES) {
                assertTrue(excluded.contains(Map.of("group", "monitoring.coreos.com", "resource", resource, "namespace", namespace)),
                        resource + " in " + namespace + " are the platform's: " + excluded);
            }
        }
        assertTrue(excluded.stream().noneMatch(r -> "tenant1".equals(r.get("namespace"))), "no tenant is exempt");
        // the chart's own default rules stay exempt too (templates/prometheus/prometheus.yaml)
        assertTrue(excluded.stream().anyMatch(r -> r.containsKey("name")), excluded.toString());
    }

    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void samplesTargetsAndLabelsAreCapped(String env) {
        Map<String, Object> spec = prometheus(env);
        assertEquals(PrometheusTenancy.SAMPLE_LIMIT, ((Number) spec.get("enforcedSampleLimit")).intValue());
        assertEquals(PrometheusTenancy.TARGET_LIMIT, ((Number) spec.get("enforcedTargetLimit")).intValue());
        assertEquals(PrometheusTenancy.LABEL_LIMIT, ((Number) spec.get("enforcedLabelLimit")).intValue());
        assertEquals(PrometheusTenancy.LABEL_NAME_LENGTH_LIMIT, ((Number) spec.get("enforcedLabelNameLengthLimit")).intValue());
        assertEquals(PrometheusTenancy.LABEL_VALUE_LENGTH_LIMIT, ((Number) spec.get("enforcedLabelValueLengthLimit")).intValue());
    }

    /** Under the stack's settings the platform's own monitors all scrape. */
    @Test
    void thePlatformsOwnMonitorsStillScrape() {
        assertEquals(List.of(), droppedMonitors(prometheus("prod")));
    }
}
