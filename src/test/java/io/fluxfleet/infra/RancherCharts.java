package io.fluxfleet.infra;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.render.RenderResult;
import io.fluxfleet.testing.Stacks;
import io.fluxfleet.verify.CrdSchemaValidator;
import io.fluxfleet.verify.KubeObjects;
import io.fluxfleet.verify.KustomizePostRenderer;
import io.fluxfleet.verify.PodPlacementValidator;
import io.fluxfleet.verify.PodPlacementValidator.Taint;
import io.fluxfleet.verify.RancherChart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What a cluster gets from the shared Rancher charts: each chart package rendered by Helm with exactly the values the
 * stack puts on its HelmRelease, then the HelmRelease's post-renderers applied, and the checks that the five
 * defects would fail. Each check returns its violations, so the mutation test can run them on broken values.
 *
 * <p>The packages are 105.x (the newest whole packages obtainable offline) standing in for the pinned 109.x; where the
 * two differ in a way that matters, the check says so.
 */
final class RancherCharts {
    static final String CLUSTER_ID = "c-m-7x2kq9dv";
    static final String CLUSTER_NAME = "platform-prod";
    static final String RANCHER_URL = "https://rancher.example.com";
    static final String PLATFORM_KEY = "node-role.com/platform-worker";
    static final Taint PLATFORM_TAINT = new Taint(PLATFORM_KEY, "true", "NoExecute");
    /** The taints the logging chart's default fluentbit tolerations are for (RKE2 control-plane and etcd nodes). */
    static final List<Taint> CONTROL_PLANE_TAINTS = List.of(
            new Taint("node-role.kubernetes.io/control-plane", "true", "NoSchedule"),
            new Taint("node-role.kubernetes.io/etcd", "true", "NoExecute"));
    static final Map<String, String> PLATFORM_SELECTOR = Map.of(PLATFORM_KEY, "true");

    /** The rendered shared charts of one stack: the HelmRelease as the stack emits it, and what Helm makes of it. */
    record Release(String name, String packageName, String namespace, Map<String, Object> spec,
                   Map<String, Object> values, Object postRenderers, List<Map<String, Object>> objects) {}

    record Stack(String env, FluxFleetConfig config, Map<String, Release> releases) {
        Release get(String name) {
            return releases.get(name);
        }

        List<Map<String, Object>> all() {
            List<Map<String, Object>> all = new ArrayList<>();
            releases.values().forEach(r -> all.addAll(r.objects));
            return all;
        }
    }

    /** The HelmRelease specs each environment's stack emits, rendered once per test JVM; callers get copies. */
    private static final Map<String, Map<String, Map<String, Object>>> SPECS = new java.util.concurrent.ConcurrentHashMap<>();

    private RancherCharts() {}

    static ObjectNode config(String env) {
        ObjectNode config = SharedInfrastructureTest.config(env);
        ((ObjectNode) config.get("infra")).putObject("rancher").put("enabled", true).put("clusterId", CLUSTER_ID)
                .put("clusterName", CLUSTER_NAME).put("url", RANCHER_URL);
        return config;
    }

    static Stack render(String env) {
        return render(env, UnaryOperator.identity());
    }

    /** Renders the stack, lets {@code breakValues} change each HelmRelease spec (mutation tests), renders the charts. */
    @SuppressWarnings("unchecked")
    static Stack render(String env, UnaryOperator<Map<String, Map<String, Object>>> breakSpecs) {
        FluxFleetConfig config = Stacks.load(env, config(env));
        Map<String, Map<String, Object>> emittedCopy = new LinkedHashMap<>();
        SPECS.computeIfAbsent(env, e -> {
            RenderResult result = Stacks.render(config);
            Map<String, Map<String, Object>> emitted = new LinkedHashMap<>();
            for (String name : List.of("rancher-monitoring-crd", "rancher-monitoring", "rancher-logging-crd", "rancher-logging")) {
                Object spec = SharedInfrastructureTest.at(SharedInfrastructureTest.release(result, name), "spec");
                emitted.put(name, (Map<String, Object>) spec);
            }
            return emitted;
        }).forEach((name, spec) -> emittedCopy.put(name, KubeObjects.deepCopy(spec)));
        Map<String, Map<String, Object>> specs = breakSpecs.apply(emittedCopy);
        Map<String, String> packages = Map.of(
                "rancher-monitoring-crd", RancherChart.MONITORING_CRD, "rancher-monitoring", RancherChart.MONITORING,
                "rancher-logging-crd", RancherChart.LOGGING_CRD, "rancher-logging", RancherChart.LOGGING);
        Map<String, Release> releases = new LinkedHashMap<>();
        specs.forEach((name, spec) -> {
            Map<String, Object> values = spec.get("values") == null ? Map.of() : (Map<String, Object>) spec.get("values");
            String namespace = (String) spec.get("targetNamespace");
            List<Map<String, Object>> rendered = RancherChart.render(packages.get(name), (String) spec.get("releaseName"),
                    namespace, values);
            releases.put(name, new Release(name, packages.get(name), namespace, spec, values, spec.get("postRenderers"),
                    KustomizePostRenderer.apply(rendered, spec.get("postRenderers"))));
        });
        return new Stack(env, config, releases);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Defect 1: overlays outside spec. The charts' Logging and FluentbitAgent (and Prometheus, Alertmanager and every
    // monitor) must be valid against the CRDs the -crd chart installs, unknown fields refused; Harbor's pull secret
    // must reach the fluentd and fluent-bit images.

    static List<String> customResourcesValid(Stack stack) {
        List<String> violations = new ArrayList<>();
        CrdSchemaValidator monitoring = CrdSchemaValidator.of(RancherChart.crds(RancherChart.MONITORING_CRD));
        CrdSchemaValidator logging = CrdSchemaValidator.of(RancherChart.crds(RancherChart.LOGGING_CRD));
        int checked = 0;
        for (Map<String, Object> object : stack.all()) {
            String kind = (String) object.get("kind");
            String apiVersion = (String) object.get("apiVersion");
            CrdSchemaValidator validator = apiVersion.startsWith("monitoring.coreos.com/") ? monitoring
                    : apiVersion.startsWith("logging.banzaicloud.io/") ? logging : null;
            if (validator == null) {
                continue;
            }
            if (List.of("Logging", "FluentbitAgent", "Prometheus", "Alertmanager", "ServiceMonitor", "PodMonitor")
                    .contains(kind)) {
                checked++;
            }
            violations.addAll(validator.validate(withoutNulls(withoutClusterScopedNamespace(object))));
        }
        if (checked == 0) {
            violations.add("no Logging, FluentbitAgent, Prometheus or monitor rendered at all");
        }
        return violations;
    }

    /**
     * The logging chart writes {@code metadata.namespace} on its cluster-scoped Logging and FluentbitAgent; the API
     * server clears the namespace of a cluster-scoped object on create, so the check does the same.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutClusterScopedNamespace(Map<String, Object> object) {
        if (List.of("Logging", "FluentbitAgent", "ClusterFlow", "ClusterOutput").contains(object.get("kind"))) {
            Map<String, Object> copy = KubeObjects.deepCopy(object);
            ((Map<String, Object>) copy.get("metadata")).remove("namespace");
            return copy;
        }
        return object;
    }

    /**
     * The chart's own output carries empty fields as {@code null} (the Logging's {@code podSecurityContext:}); the API
     * server prunes nulls of non-nullable fields before validating a custom resource (k8s.io/apiextensions-apiserver
     * {@code pkg/apiserver/schema/defaulting/prunenulls.go}), so the check does the same.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutNulls(Map<String, Object> object) {
        Map<String, Object> copy = new LinkedHashMap<>();
        object.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m) {
                copy.put(k, withoutNulls((Map<String, Object>) m));
            } else if (v instanceof List<?> l) {
                copy.put(k, l.stream().map(x -> x instanceof Map<?, ?> xm ? withoutNulls((Map<String, Object>) xm) : x).toList());
            } else if (v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }

    static List<String> pullSecretsReachCustomImages(Stack stack) {
        List<String> violations = new ArrayList<>();
        List<Map<String, String>> harbor = List.of(Map.of("name", "harbor-registry-secret"));
        for (Map<String, Object> object : stack.get("rancher-logging").objects()) {
            Object secrets = switch (String.valueOf(object.get("kind"))) {
                case "Logging" -> KubeObjects.at(object, "spec.fluentd.image.imagePullSecrets");
                case "FluentbitAgent" -> KubeObjects.at(object, "spec.image.imagePullSecrets");
                default -> harbor;
            };
            if (!harbor.equals(secrets)) {
                violations.add(KubeObjects.describe(object) + ": image pull secrets " + secrets + ", but the custom image"
                        + " comes from Harbor and needs " + harbor);
            }
        }
        return violations;
    }

    /**
     * Every Job of rancher-monitoring (its pre-upgrade {@code rancher-monitoring-upgrade} and post-install
     * {@code rancher-monitoring-patch-sa} hooks among them) pulls with Harbor's secret, so that with Rancher's
     * {@code systemDefaultRegistry} pointing at Harbor the chart's upgrade still runs. {@code global.imagePullSecrets}
     * alone does not reach them: the chart's hook Job templates have no {@code imagePullSecrets}
     * ({@code templates/rancher-monitoring/upgrade/job.yaml}, {@code templates/rancher-monitoring/hardened.yaml}), nor
     * do their ServiceAccounts. A pod without {@code imagePullSecrets} of its own gets its ServiceAccount's: the
     * ServiceAccount admission plugin copies them (kubernetes {@code plugin/pkg/admission/serviceaccount/admission.go},
     * {@code if len(pod.Spec.ImagePullSecrets) == 0} ... {@code serviceAccount.ImagePullSecrets}), which is how the
     * admission-webhook Jobs get theirs; the check applies the same rule.
     */
    @SuppressWarnings("unchecked")
    static List<String> jobsPullThroughHarbor(Stack stack) {
        List<String> violations = new ArrayList<>();
        List<Map<String, Object>> objects = stack.get("rancher-monitoring").objects();
        for (Map<String, Object> object : objects) {
            if (!"Job".equals(object.get("kind"))) {
                continue;
            }
            Object secrets = KubeObjects.at(object, "spec.template.spec.imagePullSecrets");
            if (!(secrets instanceof List<?> own) || own.isEmpty()) {
                Object account = KubeObjects.at(object, "spec.template.spec.serviceAccountName");
                secrets = objects.stream().filter(o -> "ServiceAccount".equals(o.get("kind"))
                                && String.valueOf(account).equals(KubeObjects.at(o, "metadata.name")))
                        .findFirst().map(o -> o.get("imagePullSecrets")).orElse(null);
            }
            boolean harbor = secrets instanceof List<?> l && l.stream().anyMatch(s -> s instanceof Map<?, ?> m
                    && "harbor-registry-secret".equals(m.get("name")));
            if (!harbor) {
                violations.add(KubeObjects.describe(object) + ": image pull secrets " + secrets
                        + ", without harbor-registry-secret");
            }
        }
        return violations;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Defect 2: placement. Collectors (node-exporter, fluent-bit) on every Linux node; every other pod, including
    // those the operators make from Prometheus, Alertmanager and Logging, on platform workers.

    /** A pod template or an operator-made pod's placement: where it is, and its nodeSelector and tolerations. */
    record Pod(String describe, boolean collector, Map<String, Object> placement) {}

    @SuppressWarnings("unchecked")
    static List<Pod> pods(Stack stack) {
        List<Pod> pods = new ArrayList<>();
        for (Map<String, Object> object : stack.all()) {
            String kind = String.valueOf(object.get("kind"));
            String path = KubeObjects.podSpecPath(kind);
            String name = String.valueOf(KubeObjects.at(object, "metadata.name"));
            Object placement = switch (kind) {
                case "Prometheus", "Alertmanager", "ThanosRuler", "FluentbitAgent" -> object.get("spec");
                case "Logging" -> KubeObjects.at(object, "spec.fluentd");
                default -> path == null ? null : KubeObjects.at(object, path);
            };
            if (placement == null && (path != null || kind.equals("Logging"))) {
                placement = Map.of();
            }
            if (placement != null && kind.equals("DaemonSet") && name.endsWith("-windows-exporter")) {
                // 105.x ships a windowsExporter sub-chart whose condition key (windowsExporter.enabled) its values
                // leave unset, so Helm renders it; 109.x replaced it with prometheus-windows-exporter behind
                // windowsMonitoring.enabled (false). It selects kubernetes.io/os=windows nodes only.
                if (!Map.of("kubernetes.io/os", "windows").equals(((Map<?, ?>) placement).get("nodeSelector"))) {
                    throw new AssertionError(name + " is no longer confined to Windows nodes: " + placement);
                }
                continue;
            }
            if (placement != null) {
                boolean collector = kind.equals("FluentbitAgent")
                        || (kind.equals("DaemonSet") && name.contains("node-exporter"));
                pods.add(new Pod(KubeObjects.describe(object), collector, (Map<String, Object>) placement));
            }
        }
        return pods;
    }

    static List<String> podsPlaced(Stack stack) {
        List<String> violations = new ArrayList<>();
        PodPlacementValidator platform = new PodPlacementValidator(PLATFORM_SELECTOR, List.of(PLATFORM_TAINT));
        List<Pod> pods = pods(stack);
        for (Pod pod : pods) {
            Map<?, ?> selector = pod.placement.get("nodeSelector") instanceof Map<?, ?> m ? m : Map.of();
            List<?> tolerations = pod.placement.get("tolerations") instanceof List<?> l ? l : List.of();
            if (pod.collector) {
                if (selector.containsKey(PLATFORM_KEY) || !"linux".equals(selector.get("kubernetes.io/os"))
                        || selector.size() != 1) {
                    violations.add(pod.describe + ": nodeSelector " + selector + ", but a collector must run on every"
                            + " Linux node ({kubernetes.io/os: linux} only)");
                }
                List<Taint> taints = new ArrayList<>(CONTROL_PLANE_TAINTS);
                taints.add(PLATFORM_TAINT);
                for (Taint taint : taints) {
                    if (tolerations.stream().noneMatch(t -> t instanceof Map<?, ?> tm && tolerates(tm, taint))) {
                        violations.add(pod.describe + ": no toleration for " + taint + "; has " + tolerations);
                    }
                }
                if (tolerations.size() != tolerations.stream().distinct().count()) {
                    violations.add(pod.describe + ": repeated tolerations " + tolerations);
                }
            } else {
                Map<String, Object> asPod = Map.of("kind", "Pod", "metadata", Map.of("name", pod.describe),
                        "spec", pod.placement);
                violations.addAll(platform.validate(asPod));
            }
        }
        long collectors = pods.stream().filter(Pod::collector).count();
        if (collectors != 2) {
            violations.add("expected the node-exporter DaemonSet and the FluentbitAgent as collectors, found " + collectors);
        }
        return violations;
    }

    private static boolean tolerates(Map<?, ?> toleration, Taint taint) {
        return PodPlacementValidator.tolerates(toleration, taint);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Defect 3: prometheus-operator refuses a monitor whose scrape timeout exceeds its interval:
    // prometheus-operator/prometheus-operator pkg/prometheus/resource_selector.go, validateScrapeIntervalAndTimeout:
    // nothing to check when the endpoint sets no scrapeTimeout (Prometheus then clamps its global timeout to the
    // interval), else CompareScrapeTimeoutToScrapeInterval(endpoint timeout, endpoint interval or the Prometheus'
    // spec.scrapeInterval); a failing ServiceMonitor/PodMonitor is counted as rejected and never scraped. The
    // Prometheus CRD defaults spec.scrapeInterval to 30s.

    @SuppressWarnings("unchecked")
    static List<String> scrapeTimeoutsWithinIntervals(Stack stack) {
        List<String> violations = new ArrayList<>();
        Map<String, Object> prometheus = stack.get("rancher-monitoring").objects().stream()
                .filter(o -> "Prometheus".equals(o.get("kind"))).findFirst().orElseThrow();
        Map<String, Object> spec = (Map<String, Object>) prometheus.get("spec");
        String globalInterval = nonEmpty(spec.get("scrapeInterval"), "30s");
        if (spec.get("scrapeTimeout") instanceof String global && !global.isEmpty()
                && Durations.seconds(global) > Durations.seconds(globalInterval)) {
            violations.add(KubeObjects.describe(prometheus) + ": spec.scrapeTimeout " + global + " exceeds spec.scrapeInterval "
                    + globalInterval + ", which Prometheus refuses");
        }
        int timed = 0;
        for (Map<String, Object> object : stack.all()) {
            String field = switch (String.valueOf(object.get("kind"))) {
                case "ServiceMonitor" -> "endpoints";
                case "PodMonitor" -> "podMetricsEndpoints";
                default -> null;
            };
            if (field == null) {
                continue;
            }
            List<Map<String, Object>> endpoints = (List<Map<String, Object>>) KubeObjects.at(object, "spec." + field);
            for (int i = 0; endpoints != null && i < endpoints.size(); i++) {
                Map<String, Object> endpoint = endpoints.get(i);
                if (endpoint.get("scrapeTimeout") == null || "".equals(endpoint.get("scrapeTimeout"))) {
                    continue;
                }
                timed++;
                String timeout = String.valueOf(endpoint.get("scrapeTimeout"));
                String interval = nonEmpty(endpoint.get("interval"), globalInterval);
                if (Durations.seconds(timeout) > Durations.seconds(interval)) {
                    violations.add(KubeObjects.describe(object) + ": spec." + field + "[" + i + "]: scrapeTimeout "
                            + timeout + " exceeds the effective interval " + interval + " (" + stack.env
                            + "), so prometheus-operator rejects the monitor");
                }
            }
        }
        if (timed == 0) {
            violations.add("no monitor endpoint sets a scrapeTimeout: the check checked nothing");
        }
        return violations;
    }

    /** Every string in the objects, one a line: where rendered config files and relabel values can be searched. */
    static String text(Object tree) {
        StringBuilder out = new StringBuilder("\n");
        collect(tree, out);
        return out.toString();
    }

    private static void collect(Object tree, StringBuilder out) {
        if (tree instanceof Map<?, ?> map) {
            map.values().forEach(v -> collect(v, out));
        } else if (tree instanceof List<?> list) {
            list.forEach(v -> collect(v, out));
        } else if (tree != null) {
            out.append(tree).append('\n');
        }
    }

    private static String nonEmpty(Object value, String fallback) {
        return value == null || "".equals(value) ? fallback : String.valueOf(value);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Defect 4: Rancher's integration values. With them, Prometheus' externalUrl and Grafana's proxy sub-path go
    // through Rancher's /k8s/clusters/<id>/ proxy and the monitors label metrics with the cluster.

    static List<String> rancherIntegration(Stack stack) {
        List<String> violations = new ArrayList<>();
        String all = text(stack.get("rancher-monitoring").objects());
        if (all.contains("/k8s/clusters//")) {
            violations.add("a Rancher proxy path has an empty cluster id (/k8s/clusters//)");
        }
        Map<String, Object> prometheus = stack.get("rancher-monitoring").objects().stream()
                .filter(o -> "Prometheus".equals(o.get("kind"))).findFirst().orElseThrow();
        String externalUrl = String.valueOf(KubeObjects.at(prometheus, "spec.externalUrl"));
        String expected = RANCHER_URL + "/k8s/clusters/" + CLUSTER_ID + "/";
        if (!externalUrl.startsWith(expected)) {
            violations.add("Prometheus spec.externalUrl is " + externalUrl + ", expected it under " + expected);
        }
        if (!all.contains("\"appSubUrl\":\"/k8s/clusters/" + CLUSTER_ID + "/")) {
            violations.add("Grafana's nginx proxy does not serve Grafana under /k8s/clusters/" + CLUSTER_ID + "/");
        }
        if (!all.contains("\n" + CLUSTER_NAME + "\n")) {
            violations.add("no monitor labels metrics with the cluster name " + CLUSTER_NAME);
        }
        return violations;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Defect 5: keys that do nothing. Every values key fluxfleet sets must exist in the chart's values (the 105
    // package's values.yaml, sub-charts' included, and the 109.x inventory in rancher-charts/), except the
    // global.cattle keys Rancher itself injects, which the templates read; the -crd charts take no crds install
    // policy; rancher-logging-crd makes no pods and takes no values.

    static List<String> noKeysThatDoNothing(Stack stack) {
        List<String> violations = new ArrayList<>();
        for (Release release : stack.releases().values()) {
            violations.addAll(ChartValuesKeys.unknownKeys(release.packageName(), release.values()));
        }
        for (Release release : stack.releases().values()) {
            // install.crds / upgrade.crds govern the chart's crds/ folder only (helm-controller passes them to Helm's
            // install/upgrade CRD policy, which reads chart.CRDObjects(), the files under crds/)
            boolean crdsFolder = RancherChart.hasCrdsFolder(release.packageName());
            for (String action : List.of("install", "upgrade")) {
                Object policy = KubeObjects.at(release.spec(), action + ".crds");
                if (policy != null && !crdsFolder) {
                    violations.add(release.name() + ": spec." + action + ".crds is " + policy + ", but the chart has no"
                            + " crds/ folder, so it does nothing");
                }
            }
        }
        if (!stack.get("rancher-logging-crd").values().isEmpty()) {
            violations.add("rancher-logging-crd makes no pods but gets values " + stack.get("rancher-logging-crd").values());
        }
        return violations;
    }
}
