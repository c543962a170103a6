package io.fluxfleet.infra;

import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.config.FluxFleetConfig.Profile;
import io.fluxfleet.config.ImageReference;
import io.fluxfleet.flux.FluxSpecs.Kustomize;
import io.fluxfleet.flux.FluxSpecs.PostRenderer;
import io.fluxfleet.flux.Placement;
import io.fluxfleet.naming.Names;
import io.fluxfleet.kube.Quantities;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The values fluxfleet passes to {@code rancher-monitoring} (Rancher's build of kube-prometheus-stack), its CRD
 * chart and the custom-monitoring chart. Keys are those of rancher-monitoring 109.0.2+up80.9.1-rancher.8.
 *
 * <p>Every component that makes a pod on platform workers is listed in {@link #PLACED}, each with its own
 * {@code nodeSelector} and {@code tolerations} (the chart has no global ones), including the components the chart
 * leaves off by default, so turning one on later cannot schedule a pod elsewhere. node-exporter is the exception: it
 * is a collector and must run on every Linux node, so it keeps the chart's own placement ({@code kubernetes.io/os:
 * linux} and tolerations of every {@code NoSchedule}/{@code NoExecute} taint, the platform taint and the
 * control-plane/etcd ones included). Two Jobs take no placement from values (Rancher's {@code patch-sa} post-install
 * hook and its pre-upgrade cleanup {@code upgrade} hook): {@link #postRenderers} places them with a kustomize patch
 * on the HelmRelease. The distribution-specific PushProx exporters ({@code rkeEtcd}, {@code rke2Etcd}, ... off by
 * default) exist to run on control-plane nodes and stay off.
 */
public final class MonitoringValues {
    /** Value paths of the rancher-monitoring components placed on platform workers through their values. */
    public static final List<List<String>> PLACED = List.of(
            List.of("prometheus", "prometheusSpec"),
            List.of("alertmanager", "alertmanagerSpec"),
            List.of("grafana"),
            List.of("prometheusOperator"),
            List.of("prometheusOperator", "admissionWebhooks", "patch"),
            List.of("prometheusOperator", "admissionWebhooks", "deployment"),
            List.of("kube-state-metrics"),
            List.of("prometheus-adapter"),
            List.of("thanosRuler", "thanosRulerSpec"));
    /**
     * The Jobs of rancher-monitoring that take no placement values, placed by {@link #postRenderers}. The chart names
     * them (its fullname, which is the release name {@code rancher-monitoring}, and a suffix), not fluxfleet.
     */
    public static final List<String> JOBS_WITHOUT_PLACEMENT_VALUES = List.of(
            "rancher-monitoring-patch-sa", "rancher-monitoring-upgrade");
    /**
     * Prometheus' own default scrape timeout (prometheus/prometheus {@code config/config.go}
     * {@code DefaultGlobalConfig.ScrapeTimeout}); a monitor's timeout is held to at most this.
     */
    static final String PROMETHEUS_DEFAULT_SCRAPE_TIMEOUT = "10s";
    /** The toleration the chart's {@code linux-node-tolerations} helper gives its Jobs; the Job patches keep it. */
    static final Map<String, Object> CATTLE_LINUX_TOLERATION = Map.of(
            "key", "cattle.io/os", "operator", "Equal", "value", "linux", "effect", "NoSchedule");
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
     * top-level {@code nodeSelector} and {@code tolerations}; it reads {@code global.cattle.systemDefaultRegistry}.
     */
    public static Map<String, Object> crds(FluxFleetConfig config) {
        Map<String, Object> values = new TreeMap<>();
        Placement.place(values, config.platformWorkers());
        RancherValues.put(values, config.infra().rancher());
        return values;
    }

    /**
     * The kustomize patches helm-controller applies to rancher-monitoring's rendered manifests: the platform-worker
     * node selector and toleration on the Jobs the chart gives no placement values. Tolerations are a list without a
     * merge key in the PodSpec, so the strategic merge replaces the chart's list: the patch repeats the chart's own
     * {@code cattle.io/os=linux} toleration. The same patches give them Harbor's pull secret: neither the Jobs nor
     * their ServiceAccounts take {@code global.imagePullSecrets}, so without it the upgrade Job could not pull
     * through Harbor (RancherChartsTest renders the chart and checks every Job). Hooks reach post-renderers on Flux
     * 2.8.0 to 2.8.5 and 2.9+ (README).
     */
    public static List<PostRenderer> postRenderers(FluxFleetConfig config) {
        return List.of(new PostRenderer(new Kustomize(JOBS_WITHOUT_PLACEMENT_VALUES.stream()
                .map(job -> Placement.jobPatch(job, config.platformWorkers(), List.of(CATTLE_LINUX_TOLERATION),
                        List.of(Names.HARBOR_WORKLOAD_SECRET)))
                .toList())));
    }

    /**
     * A scrape timeout for a monitor scraped every {@code interval}: Prometheus' default timeout, or the interval
     * when that is shorter, since prometheus-operator refuses a timeout above the interval.
     */
    static String scrapeTimeout(String interval) {
        return Durations.seconds(interval) < Durations.seconds(PROMETHEUS_DEFAULT_SCRAPE_TIMEOUT)
                ? interval : PROMETHEUS_DEFAULT_SCRAPE_TIMEOUT;
    }

    /**
     * rancher-monitoring with the environment profile: Prometheus' retention, scrape interval, volume and limits;
     * Grafana's admin credentials from {@code grafanaSecret}; every pod on platform workers.
     */
    public static Map<String, Object> chart(FluxFleetConfig config, String grafanaSecret) {
        Map<String, Object> values = new TreeMap<>();
        for (List<String> component : PLACED) {
            Placement.place(ValueTree.node(values, component), config.platformWorkers());
        }
        Profile profile = config.profile();
        Map<String, Object> prometheus = ValueTree.node(values, "prometheus", "prometheusSpec");
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
        PrometheusTenancy.put(prometheus);

        Map<String, Object> grafana = ValueTree.node(values, "grafana");
        grafana.put("admin", Map.of("existingSecret", grafanaSecret, "userKey", GRAFANA_USER_KEY,
                "passwordKey", GRAFANA_PASSWORD_KEY));
        config.infra().images().customGrafanaPlugins()
                .ifPresent(image -> grafana.put("extraInitContainers", List.of(pluginsInitContainer(image))));
        // the Grafana sub-chart leaves the interval empty (Prometheus' global one applies) with a 30s timeout, which
        // prometheus-operator refuses wherever the global interval is shorter (preprod 15s, prod 10s)
        Map<String, Object> grafanaMonitor = ValueTree.node(grafana, "serviceMonitor");
        grafanaMonitor.put("interval", profile.scrapeInterval());
        grafanaMonitor.put("scrapeTimeout", scrapeTimeout(profile.scrapeInterval()));

        // kube-prometheus-stack hands global.imagePullSecrets to every pod it makes, the Grafana sub-chart included
        ValueTree.node(values, "global").put("imagePullSecrets", List.of(Map.of("name", Names.HARBOR_WORKLOAD_SECRET)));
        RancherValues.put(values, config.infra().rancher());
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
        Placement.place(values, config.platformWorkers());
        values.put("imagePullSecrets", List.of(Map.of("name", Names.HARBOR_WORKLOAD_SECRET)));
        values.put("environment", config.environment().id());
        config.infra().images().customDashboardExporter().ifPresent(image ->
                ValueTree.node(values, "dashboardExporter").put("image", imageValues(image)));
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
