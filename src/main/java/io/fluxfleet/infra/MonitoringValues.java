package io.fluxfleet.infra;

import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.config.FluxFleetConfig.Profile;
import io.fluxfleet.config.ImageReference;
import io.fluxfleet.flux.FluxValues;
import io.fluxfleet.naming.Names;
import io.fluxfleet.tenancy.Quantities;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The values fluxfleet passes to {@code rancher-monitoring} (Rancher's build of kube-prometheus-stack), its CRD
 * chart and the custom-monitoring chart. Keys are those of rancher-monitoring 109.0.2+up80.9.1-rancher.8.
 *
 * <p>Every component that makes a pod is listed in {@link #PLACED}, each with its own {@code nodeSelector} and
 * {@code tolerations} (the chart has no global ones), including the components the chart leaves off by default, so
 * turning one on later cannot schedule a pod elsewhere. Two pod makers have no placement keys and are turned off:
 * the Rancher pre-upgrade hook Job ({@code upgrade}) and the distribution-specific PushProx exporters
 * ({@code rkeEtcd}, {@code rke2Etcd}, ... off by default), which exist to run on control-plane nodes.
 */
public final class MonitoringValues {
    /** Value paths of every rancher-monitoring component that makes pods. */
    public static final List<List<String>> PLACED = List.of(
            List.of("prometheus", "prometheusSpec"),
            List.of("alertmanager", "alertmanagerSpec"),
            List.of("grafana"),
            List.of("prometheusOperator"),
            List.of("prometheusOperator", "admissionWebhooks", "patch"),
            List.of("prometheusOperator", "admissionWebhooks", "deployment"),
            List.of("kube-state-metrics"),
            List.of("prometheus-node-exporter"),
            List.of("prometheus-adapter"),
            List.of("thanosRuler", "thanosRulerSpec"),
            List.of("crds", "upgradeJob"));
    /** Prometheus' requests in the chart's defaults; kept, but never above the profile's limits. */
    static final String PROMETHEUS_CPU_REQUEST = "750m";
    static final String PROMETHEUS_MEMORY_REQUEST = "750Mi";
    /** The keys of {@link Names#GRAFANA_ADMIN_SECRET}, as the Grafana chart's {@code admin} values name them. */
    public static final String GRAFANA_USER_KEY = "admin-user";
    public static final String GRAFANA_PASSWORD_KEY = "admin-password";
    /** Where the custom-grafana-plugins image keeps its plugins; copied into Grafana's plugin directory. */
    public static final String PLUGINS_DIR = "/plugins";

    private MonitoringValues() {}

    /**
     * rancher-monitoring-crd: its only pods are the Jobs that apply and delete the CRDs, placed through the
     * top-level {@code nodeSelector} and {@code tolerations}.
     */
    public static Map<String, Object> crds(FluxFleetConfig config) {
        Map<String, Object> values = new TreeMap<>();
        FluxValues.place(values, config.platformWorkers());
        return values;
    }

    /**
     * rancher-monitoring with the environment profile: Prometheus' retention, scrape interval, volume and limits;
     * Grafana's admin credentials from {@code grafanaSecret}; every pod on platform workers.
     */
    public static Map<String, Object> chart(FluxFleetConfig config, String grafanaSecret) {
        Map<String, Object> values = new TreeMap<>();
        for (List<String> component : PLACED) {
            FluxValues.place(Placement.node(values, component), config.platformWorkers());
        }
        Profile profile = config.profile();
        Map<String, Object> prometheus = Placement.node(values, "prometheus", "prometheusSpec");
        prometheus.put("retention", profile.retention());
        prometheus.put("scrapeInterval", profile.scrapeInterval());
        prometheus.put("resources", Map.of(
                "requests", Map.of("cpu", Quantities.min(PROMETHEUS_CPU_REQUEST, profile.cpu()),
                        "memory", Quantities.min(PROMETHEUS_MEMORY_REQUEST, profile.memory())),
                "limits", Map.of("cpu", profile.cpu(), "memory", profile.memory())));
        Map<String, Object> claim = new TreeMap<>();
        claim.put("accessModes", List.of("ReadWriteOnce"));
        claim.put("resources", Map.of("requests", Map.of("storage", profile.storage())));
        config.infra().storageClass().ifPresent(c -> claim.put("storageClassName", c));
        prometheus.put("storageSpec", Map.of("volumeClaimTemplate", Map.of("spec", claim)));

        Map<String, Object> grafana = Placement.node(values, "grafana");
        grafana.put("admin", Map.of("existingSecret", grafanaSecret, "userKey", GRAFANA_USER_KEY,
                "passwordKey", GRAFANA_PASSWORD_KEY));
        config.infra().images().customGrafanaPlugins()
                .ifPresent(image -> grafana.put("extraInitContainers", List.of(pluginsInitContainer(image))));

        // kube-prometheus-stack hands global.imagePullSecrets to every pod it makes, the Grafana sub-chart included
        Placement.node(values, "global").put("imagePullSecrets", List.of(Map.of("name", Names.HARBOR_WORKLOAD_SECRET)));
        Placement.node(values, "upgrade").put("enabled", false);
        return values;
    }

    /**
     * Copies the plugins from the custom-grafana-plugins image into Grafana's data volume ({@code storage}, mounted
     * at {@code /var/lib/grafana}) before Grafana starts, so no plugin is downloaded from the internet.
     */
    static Map<String, Object> pluginsInitContainer(ImageReference image) {
        Map<String, Object> container = new TreeMap<>();
        container.put("name", "custom-grafana-plugins");
        container.put("image", image.toString());
        container.put("imagePullPolicy", "IfNotPresent");
        container.put("command", List.of("sh", "-c", "mkdir -p /var/lib/grafana/plugins && cp -a " + PLUGINS_DIR
                + "/. /var/lib/grafana/plugins/"));
        container.put("volumeMounts", List.of(Map.of("name", "storage", "mountPath", "/var/lib/grafana")));
        container.put("securityContext", Map.of("allowPrivilegeEscalation", false,
                "capabilities", Map.of("drop", List.of("ALL"))));
        return container;
    }

    /**
     * custom-monitoring, fluxfleet's chart in Harbor. Its values contract: {@code imagePullSecrets},
     * {@code nodeSelector} and {@code tolerations} for every pod, {@code environment}, and
     * {@code dashboardExporter.image.{repository,tag,digest}} for the custom-dashboard-exporter.
     */
    public static Map<String, Object> custom(FluxFleetConfig config) {
        Map<String, Object> values = new TreeMap<>();
        FluxValues.place(values, config.platformWorkers());
        values.put("imagePullSecrets", List.of(Map.of("name", Names.HARBOR_WORKLOAD_SECRET)));
        values.put("environment", config.environment().id());
        config.infra().images().customDashboardExporter().ifPresent(image ->
                Placement.node(values, "dashboardExporter").put("image", imageValues(image)));
        return values;
    }

    /** {@code repository}, and {@code tag} and {@code digest} where the reference has them. */
    static Map<String, Object> imageValues(ImageReference image) {
        Map<String, Object> values = new TreeMap<>();
        values.put("repository", image.repository());
        image.tag().ifPresent(t -> values.put("tag", t));
        image.digest().ifPresent(d -> values.put("digest", d));
        return values;
    }
}
