package io.fluxfleet.admission;

import io.fluxfleet.admission.AdmissionCorpus.Identity;
import io.fluxfleet.admission.AdmissionSimulator.Denial;
import io.fluxfleet.admission.AdmissionSimulator.Request;
import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.verify.RancherChart;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code fluxfleet-monitoring} policy against the monitor schemas the cluster really has: the CRDs
 * rancher-monitoring-crd 105.1.0+up61.3.2 installs (prometheus-operator 0.75.1). Every endpoint property that names a
 * file in Prometheus' container (a property whose name ends in {@code File}, at any depth) is found in the schema and
 * sent, alone, on a tenant's monitor: each must be refused by the rule, not by an evaluation error. The relabeling
 * fields the policy reads ({@code targetLabel}, {@code replacement}, {@code action}) and {@code proxyUrl} must exist
 * where the policy reads them.
 *
 * <p>The contract is the platform side's {@link io.fluxfleet.infra.PrometheusTenancy#TENANT_MONITOR_FILE_FIELDS}, which
 * leaves file access open in the operator and relies on this policy; the schema walk proves nothing is missing from it.
 */
class MonitoringCrdFieldsTest {
    private static final List<String> CONTRACT = io.fluxfleet.infra.PrometheusTenancy.TENANT_MONITOR_FILE_FIELDS;

    @Test
    @SuppressWarnings("unchecked")
    void everyFileFieldOfTheRealSchemasIsRefused() {
        List<Map<String, Object>> crds = RancherChart.crds(RancherChart.MONITORING_CRD);
        FluxFleetConfig config = AdmissionCorpus.config();
        List<AdmissionPolicies.Policy> policies = AdmissionCorpus.policies();
        AdmissionSimulator simulator = new AdmissionSimulator();
        TreeSet<String> found = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (String[] monitor : new String[][]{{"ServiceMonitor", "servicemonitors", "endpoints"},
                {"PodMonitor", "podmonitors", "podMetricsEndpoints"}}) {
            Map<String, Object> crd = crds.stream().filter(c -> monitor[0].equals(
                    ((Map<String, Object>) ((Map<String, Object>) c.get("spec")).get("names")).get("kind"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no CRD for " + monitor[0]));
            Map<String, Object> endpoint = at(crd, "spec", "versions", 0, "schema", "openAPIV3Schema", "properties", "spec",
                    "properties", monitor[2], "items");
            Map<String, Object> properties = (Map<String, Object>) endpoint.get("properties");
            for (String field : List.of("relabelings", "metricRelabelings")) {
                Map<String, Object> relabel = (Map<String, Object>) at(endpoint, "properties", field, "items", "properties");
                assertTrue(relabel.keySet().containsAll(List.of("targetLabel", "replacement", "action")),
                        monitor[0] + "." + field + ": " + relabel.keySet());
            }
            assertTrue(properties.containsKey("proxyUrl"), monitor[0] + " endpoints have proxyUrl");
            List<List<String>> files = new ArrayList<>();
            walk(endpoint, new ArrayList<>(), files);
            for (List<String> path : files) {
                found.add("spec." + monitor[2] + "[]." + String.join(".", path));
                Map<String, Object> ep = new LinkedHashMap<>(Map.of("port", "metrics"));
                Map<String, Object> cursor = ep;
                for (int i = 0; i < path.size() - 1; i++) {
                    Map<String, Object> next = new LinkedHashMap<>();
                    cursor.put(path.get(i), next);
                    cursor = next;
                }
                cursor.put(path.get(path.size() - 1), "/var/run/secrets/kubernetes.io/serviceaccount/token");
                Map<String, Object> object = Map.of("apiVersion", "monitoring.coreos.com/v1", "kind", monitor[0],
                        "metadata", Map.of("name", "m", "namespace", "tenant1"),
                        "spec", Map.of("selector", Map.of(), monitor[2], List.of(ep)));
                Identity tenant = AdmissionCorpus.IDENTITIES.get("tenant");
                Request request = new Request("CREATE", tenant.username(), tenant.groups(), "tenant1", "m",
                        "monitoring.coreos.com", "v1", monitor[1], "", monitor[0], object, null,
                        AdmissionCorpus.namespaceObject(config, "tenant1"));
                List<Denial> denials = simulator.admit(policies, request).stream()
                        .filter(d -> d.policy().equals("fluxfleet-monitoring") && !d.error()).toList();
                if (denials.isEmpty()) {
                    problems.add(monitor[0] + " " + path + " is admitted");
                }
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(new TreeSet<>(CONTRACT), found, "the file fields of the schema are the platform half's contract");
    }

    @SuppressWarnings("unchecked")
    private static void walk(Map<String, Object> schema, List<String> path, List<List<String>> out) {
        Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
        if (properties == null) {
            return;
        }
        properties.forEach((name, sub) -> {
            List<String> here = new ArrayList<>(path);
            here.add(name);
            if (name.endsWith("File")) {
                out.add(here);
            }
            walk((Map<String, Object>) sub, here, out);
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Object node, Object... path) {
        Object cursor = node;
        for (Object step : path) {
            cursor = step instanceof Integer i ? ((List<Object>) cursor).get(i) : ((Map<String, Object>) cursor).get(step);
        }
        return (T) cursor;
    }
}
