package io.fluxfleet.tenancy;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fluxfleet.config.ConfigException;
import io.fluxfleet.config.Environment;
import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.config.ObjectQuota;
import io.fluxfleet.render.RenderResult;
import io.fluxfleet.flux.FluxValues;
import io.fluxfleet.testing.Stacks;
import io.fluxfleet.verify.FluxChart;
import io.fluxfleet.verify.RancherChart;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tenant namespace's ResourceQuota counts objects, not only cpu and memory: the environment's defaults, the stack's
 * {@code quota}, a tenant's own {@code quota}; bad values are refused with their key, all together.
 */
class TenantQuotaTest {
    /** What an unbounded tenant would pile up: each must be capped in every environment. */
    static final List<String> EXHAUSTIBLE = java.util.stream.Stream.concat(java.util.stream.Stream.of("pods", "services",
            "services.loadbalancers", "services.nodeports", "persistentvolumeclaims", "requests.storage", "secrets",
            "configmaps"), ObjectQuota.CONTROLLER_WORK.stream()).toList();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> hard(RenderResult result, String tenant) {
        Map<String, Object> inputs = (Map<String, Object>) RenderResult.reveal(
                result.find("kubernetes:core/v1:ResourceQuota", tenant + "/" + tenant + "-quota").inputs());
        return (Map<String, Object>) ((Map<String, Object>) inputs.get("spec")).get("hard");
    }

    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void everyCommittedTenantNamespaceCapsTheObjectsATenantCouldPileUp(String env) {
        FluxFleetConfig config = Stacks.committed(env);
        RenderResult result = Stacks.render(config);
        for (FluxFleetConfig.Tenant tenant : config.tenants()) {
            Map<String, Object> hard = hard(result, tenant.name());
            for (String resource : EXHAUSTIBLE) {
                assertTrue(hard.containsKey(resource), env + " " + tenant.name() + " leaves " + resource + " uncounted: " + hard);
            }
            assertEquals("0", hard.get("services.loadbalancers"), "a load balancer bypasses the ingress unless granted");
            assertEquals("0", hard.get("services.nodeports"), "a node port opens every node unless granted");
            assertEquals(config.profile().cpu(), hard.get("limits.cpu"));
        }
    }

    /**
     * Each Flux and monitoring count names a kind the cluster has, as quota admission reads it: {@code count/<plural>.<group>}
     * of a namespaced CRD the flux2 chart or rancher-monitoring-crd installs (a misspelt resource would be a cap on
     * nothing; Kubernetes documentation concepts/policy/resource-quotas, "Object count quota": count/widgets.example.com
     * for the custom resource widgets of group example.com).
     */
    @Test
    @SuppressWarnings("unchecked")
    void everyControllerWorkCountNamesANamespacedCrdOfTheCluster() {
        List<Map<String, Object>> crds = new java.util.ArrayList<>(
                FluxChart.render(FluxValues.of(Stacks.committed("dev"))).crds());
        crds.addAll(RancherChart.crds(RancherChart.MONITORING_CRD));
        Map<String, String> scopes = new java.util.TreeMap<>();
        for (Map<String, Object> crd : crds) {
            Map<String, Object> spec = (Map<String, Object>) crd.get("spec");
            scopes.put("count/" + ((Map<String, Object>) spec.get("names")).get("plural") + "." + spec.get("group"),
                    (String) spec.get("scope"));
        }
        for (String count : ObjectQuota.CONTROLLER_WORK) {
            assertEquals("Namespaced", scopes.get(count), count + " among " + scopes.keySet());
        }
        assertEquals(10, ObjectQuota.CONTROLLER_WORK.size());
    }

    /** fluxfleet's own objects in a tenant namespace fit its quota: quota admission refuses every writer alike. */
    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    @SuppressWarnings("unchecked")
    void fluxfleetsOwnObjectsFitEveryTenantsQuota(String env) {
        FluxFleetConfig config = Stacks.committed(env);
        RenderResult result = Stacks.render(config);
        for (FluxFleetConfig.Tenant tenant : config.tenants()) {
            Map<String, Object> hard = hard(result, tenant.name());
            Map<String, Integer> used = new java.util.TreeMap<>();
            for (var r : result.kubernetesObjects()) {
                Map<String, Object> inputs = (Map<String, Object>) RenderResult.reveal(r.inputs());
                Map<String, Object> meta = (Map<String, Object>) inputs.get("metadata");
                String apiVersion = (String) inputs.get("apiVersion");
                if (meta == null || !tenant.namespace().equals(meta.get("namespace")) || apiVersion == null) {
                    continue;
                }
                String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
                String kind = ((String) inputs.get("kind")).toLowerCase(java.util.Locale.ROOT);
                String plural = kind.endsWith("y") ? kind.substring(0, kind.length() - 1) + "ies" : kind + "s";
                // core kinds by the quota's plain names (secrets, pods ...), the others as count/<plural>.<group>
                used.merge(group.isEmpty() ? plural : "count/" + plural + "." + group, 1, Integer::sum);
            }
            assertTrue(used.containsKey("count/kustomizations.kustomize.toolkit.fluxcd.io"), used.toString());
            assertTrue(used.containsKey("count/gitrepositories.source.toolkit.fluxcd.io"), used.toString());
            used.forEach((count, n) -> {
                if (hard.containsKey(count)) {
                    assertTrue(n <= Integer.parseInt((String) hard.get(count)), env + " " + count + ": " + n + " > " + hard.get(count));
                }
            });
        }
    }

    @Test
    void aTenantsFluxAndMonitoringCountsOverrideTheStacks() {
        ObjectNode config = Stacks.minimal("dev", 2);
        config.putObject("quota").put("serviceMonitors", "5").put("helmCharts", "50");
        ((ObjectNode) config.get("tenants").get(0)).putObject("quota").put("helmReleases", "3").put("prometheusRules", "0");
        RenderResult result = Stacks.render(Stacks.load("dev", config));
        Map<String, Object> one = hard(result, "tenant1");
        Map<String, Object> two = hard(result, "tenant2");
        assertEquals("3", one.get("count/helmreleases.helm.toolkit.fluxcd.io"));
        assertEquals("0", one.get("count/prometheusrules.monitoring.coreos.com"));
        assertEquals("5", one.get("count/servicemonitors.monitoring.coreos.com"));
        assertEquals("5", two.get("count/servicemonitors.monitoring.coreos.com"));
        assertEquals("50", two.get("count/helmcharts.source.toolkit.fluxcd.io"));
        assertEquals(Environment.DEV.quota().hard().get("count/helmreleases.helm.toolkit.fluxcd.io"),
                two.get("count/helmreleases.helm.toolkit.fluxcd.io"));
    }

    @Test
    void theStackAndOneTenantOverrideTheEnvironmentsDefaults() {
        ObjectNode config = Stacks.minimal("prod", 2);
        config.putObject("quota").put("pods", "300").put("storage", "1Ti");
        ((ObjectNode) config.get("tenants").get(0)).putObject("quota").put("loadBalancers", "1").put("pods", "20");
        RenderResult result = Stacks.render(Stacks.load("prod", config));
        Map<String, Object> one = hard(result, "tenant1");
        Map<String, Object> two = hard(result, "tenant2");
        assertEquals("20", one.get("pods"));
        assertEquals("1", one.get("services.loadbalancers"));
        assertEquals("1Ti", one.get("requests.storage"));
        assertEquals("300", two.get("pods"));
        assertEquals("0", two.get("services.loadbalancers"));
        assertEquals(Environment.PROD.quota().hard().get("secrets"), two.get("secrets"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "quota | pods | 1.5 | not a whole number",
            "quota | services | many | not a Kubernetes quantity",
            "quota | storage | -1Gi | not a Kubernetes quantity",
            "quota | jobs | 500m | not a whole number",
            "quota | pod | 10 | did you mean 'pods'",
            "quota | services.loadbalancers | 1 | the config key is 'loadBalancers'",
            "tenant | nodePorts | 2.5 | not a whole number",
            "tenant | secretz | 10 | did you mean 'secrets'",
            "quota | helmReleases | 2.5 | not a whole number",
            "tenant | kustomizations | 0 | fluxfleet's own apps Kustomization is in every tenant namespace",
            "quota | gitRepositories | 0 | fluxfleet's own GitRepository is in every tenant namespace",
            "tenant | helmrelease | 10 | did you mean 'helmReleases'",
            "quota | count/helmreleases.helm.toolkit.fluxcd.io | 10 | the config key is 'helmReleases'",
    })
    void badQuotaIsRefusedWithItsKey(String where, String resource, String value, String message) {
        ObjectNode config = Stacks.minimal("dev", 1);
        ObjectNode quota = where.equals("quota") ? config.putObject("quota")
                : ((ObjectNode) config.get("tenants").get(0)).putObject("quota");
        quota.put(resource, value);
        quota.put("pods", where.equals("quota") && resource.equals("pods") ? value : "-3");
        ConfigException e = assertThrows(ConfigException.class, () -> Stacks.load("dev", config));
        String key = (where.equals("quota") ? "fluxfleet:quota." : "fluxfleet:tenants[0].quota.") + resource;
        assertTrue(e.problems().stream().anyMatch(p -> p.key().equals(key) && p.message().contains(message)),
                key + ": " + e.getMessage());
        if (!resource.equals("pods")) {
            // every problem at once: the bad pods value beside it is reported too
            assertTrue(e.problems().stream().anyMatch(p -> p.key().endsWith("quota.pods")), e.getMessage());
        }
    }

    @Test
    void zeroIsAValidCapAndEveryDefaultIsWellFormed() {
        ObjectNode config = Stacks.minimal("dev", 1);
        config.putObject("quota").put("nodePorts", "0").put("pods", "1k");
        assertEquals("0", Stacks.load("dev", config).quota().hard().get("services.nodeports"));
        for (Environment env : Environment.values()) {
            assertEquals(ObjectQuota.RESOURCES.keySet(), env.quota().hard().keySet(), env.id());
            assertEquals(ObjectQuota.RESOURCES.keySet(), java.util.Set.copyOf(ObjectQuota.CONFIG_KEYS.values()));
        }
    }
}
