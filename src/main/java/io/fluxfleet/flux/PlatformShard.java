package io.fluxfleet.flux;

import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.naming.Names;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The platform's Flux shard: a kustomize-controller and a helm-controller that reconcile only the objects labelled
 * {@link Sharding#KEY}={@link Sharding#PLATFORM} (the platform's Kustomizations and HelmReleases in
 * {@code flux-system}), while the chart's own controllers reconcile only objects without the label (every tenant's).
 * A tenant that fills the chart's workers (health checks and Helm waits hold a worker for the whole
 * {@code spec.timeout}) cannot delay a platform object.
 *
 * <p>This follows Flux's documented sharding (fluxcd.io/flux/installation/configuration/sharding, "Flux sharding and
 * horizontal scaling"): the main controllers run with {@code --watch-label-selector=!sharding.fluxcd.io/key}, each
 * shard's copy of a controller with {@code --watch-label-selector=sharding.fluxcd.io/key=<shard>}. Two instances of a
 * controller with leader election on do not wait on each other: kustomize-controller v1.8.3 and helm-controller
 * v1.5.3 main.go derive the lease name from the selector ({@code leaderelection.GenerateID(leaderElectionId,
 * watchOptions.LabelSelector)}).
 *
 * <p>source-controller is not sharded. The documentation shards it only so that a shard's sources are fetched by the
 * shard (it then needs its own Service and {@code --storage-adv-addr}); fluxfleet's sources carry no shard label and
 * stay with the chart's source-controller, whose artifacts both shards read. A tenant can therefore still slow the
 * platform's fetches (not its applies, health checks or Helm actions), which README names as what is left.
 *
 * <p>The two Deployments ship as the chart's {@code extraObjects} (templates/extra-manifests.yaml, rendered through
 * {@code tpl}), so they belong to the same atomic Helm release as the chart's controllers: the selector that drops
 * platform objects from the chart's controllers and the controllers that pick them up are installed, upgraded and
 * rolled back together, and no release ever leaves platform objects unwatched. Every field copies the chart's own
 * template (flux2 chart 2.18.3 templates/kustomize-controller.yaml, helm-controller.yaml): the image from the same
 * values ({@code template "template.image"}), the chart's service account (so its RBAC), its security contexts,
 * probes, ports, {@code --events-addr} and placement; {@code PlatformShardTest} renders the real chart and compares
 * each shard pod with the chart's pod of the same controller, field by field. Because {@code tpl} executes any
 * {@code {{} in them, only fluxfleet's own expressions may appear: the config values that reach the shard (log level,
 * placement label and taint, profile quantities) are validated to forms without braces ({@code PlatformShardTest}
 * checks the expressions).
 */
public final class PlatformShard {
    /**
     * One sharded controller: its chart values key, its Deployment (and service account) name in the chart, and
     * the chart's {@code terminationGracePeriodSeconds} for it (helm-controller waits for Helm actions to end).
     */
    public record Controller(String valuesKey, String deployment, int gracePeriodSeconds, Map<String, Object> podSecurityContext) {
        /** The shard's Deployment name. */
        public String shardDeployment() {
            return Names.shardDeployment(deployment, Sharding.PLATFORM);
        }
    }

    /** The controllers the platform shard runs, as the flux2 chart 2.18.3 templates define them. */
    public static final List<Controller> CONTROLLERS = List.of(
            new Controller("kustomizeController", "kustomize-controller", 60, Map.of("fsGroup", 1337)),
            new Controller("helmController", "helm-controller", 600, Map.of()));

    private PlatformShard() {}

    /** The args the chart's copy of a sharded controller adds to its lockdown: only objects without a shard. */
    public static String tenantSelectorArg() {
        return "--watch-label-selector=" + Sharding.TENANT_SELECTOR;
    }

    /** The platform shard's selector arg: only objects labelled for the platform. */
    public static String platformSelectorArg() {
        return "--watch-label-selector=" + Sharding.PLATFORM_SELECTOR;
    }

    /**
     * The shard's Deployments, as chart {@code extraObjects}. {@code chartValues} are the values of the chart's own
     * controllers ({@link FluxValues}); the shard copies each controller's placement, resources and annotations
     * from them, so the two cannot drift.
     */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> deployments(FluxFleetConfig config, Map<String, Object> chartValues) {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Controller controller : CONTROLLERS) {
            Map<String, Object> component = (Map<String, Object>) chartValues.get(controller.valuesKey());
            objects.add(deployment(controller, config, component));
        }
        return objects;
    }

    private static Map<String, Object> deployment(Controller controller, FluxFleetConfig config, Map<String, Object> component) {
        String name = controller.shardDeployment();
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/component", name);
        labels.put("app.kubernetes.io/instance", "{{ .Release.Namespace }}");
        labels.put("app.kubernetes.io/managed-by", "{{ .Release.Service }}");
        labels.put("app.kubernetes.io/version", "{{ .Chart.AppVersion }}");
        labels.put("app.kubernetes.io/part-of", "flux");
        labels.put("control-plane", "controller");
        labels.put(Sharding.KEY, Sharding.PLATFORM);

        Map<String, Object> container = new LinkedHashMap<>();
        container.put("args", args(controller, config));
        container.put("env", List.of(Map.of("name", "RUNTIME_NAMESPACE",
                "valueFrom", Map.of("fieldRef", Map.of("fieldPath", "metadata.namespace")))));
        container.put("image", "{{ template \"template.image\" .Values." + controller.valuesKey() + " }}");
        container.put("imagePullPolicy", "IfNotPresent");
        container.put("livenessProbe", Map.of("httpGet", Map.of("path", "/healthz", "port", "healthz")));
        container.put("name", "manager");
        container.put("ports", List.of(Map.of("containerPort", 8080, "name", "http-prom"),
                Map.of("containerPort", 9440, "name", "healthz", "protocol", "TCP")));
        container.put("readinessProbe", Map.of("httpGet", Map.of("path", "/readyz", "port", "healthz")));
        container.put("resources", component.get("resources"));
        container.put("securityContext", Map.of(
                "allowPrivilegeEscalation", false,
                "capabilities", Map.of("drop", List.of("ALL")),
                "readOnlyRootFilesystem", true,
                "runAsUser", 65534,
                "runAsNonRoot", true,
                "seccompProfile", Map.of("type", "RuntimeDefault")));
        container.put("volumeMounts", List.of(Map.of("mountPath", "/tmp", "name", "temp")));

        Map<String, Object> pod = new LinkedHashMap<>();
        pod.put("automountServiceAccountToken", true);
        pod.put("containers", List.of(container));
        if (!controller.podSecurityContext().isEmpty()) {
            pod.put("securityContext", controller.podSecurityContext());
        }
        pod.put("serviceAccountName", controller.deployment());
        pod.put("terminationGracePeriodSeconds", controller.gracePeriodSeconds());
        pod.put("volumes", List.of(Map.of("emptyDir", Map.of(), "name", "temp")));
        pod.put("nodeSelector", component.get("nodeSelector"));
        pod.put("tolerations", component.get("tolerations"));

        Map<String, Object> template = new LinkedHashMap<>();
        template.put("metadata", Map.of("annotations", Map.of("prometheus.io/port", "8080", "prometheus.io/scrape", "true"),
                "labels", Map.of("app", name)));
        template.put("spec", pod);

        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("replicas", 1);
        spec.put("selector", Map.of("matchLabels", Map.of("app", name)));
        spec.put("template", template);

        Map<String, Object> deployment = new LinkedHashMap<>();
        deployment.put("apiVersion", "apps/v1");
        deployment.put("kind", "Deployment");
        deployment.put("metadata", Map.of("name", name, "labels", labels));
        deployment.put("spec", spec);
        return deployment;
    }

    /**
     * The chart template's args for this controller, in its order, with the platform selector where the chart's copy
     * has the tenant selector: multitenancy's two flags, {@code --events-addr} to the notification-controller, the
     * watch, log and leader-election flags, the source-watcher feature gate, then {@link ControllerLockdown}'s flags.
     */
    static List<String> args(Controller controller, FluxFleetConfig config) {
        List<String> args = new ArrayList<>();
        args.add("--no-cross-namespace-refs=true");
        args.add("--default-service-account=" + ControllerLockdown.DEFAULT_ACCOUNT);
        args.add("--events-addr=http://notification-controller.$(RUNTIME_NAMESPACE).svc."
                + "{{ .Values.clusterDomain | default \"cluster.local\" }}.");
        args.add("--watch-all-namespaces=true");
        args.add("--log-level=" + config.flux().logLevel());
        args.add("--log-encoding=json");
        args.add("--enable-leader-election");
        if (config.flux().sourceWatcher()) {
            args.add("--feature-gates=ExternalArtifact=true");
        }
        args.addAll(ControllerLockdown.argsByValuesKey().get(controller.valuesKey()));
        args.add(platformSelectorArg());
        return args;
    }
}
