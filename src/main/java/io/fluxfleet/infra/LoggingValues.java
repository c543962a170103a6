package io.fluxfleet.infra;

import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.config.ImageReference;
import io.fluxfleet.flux.FluxSpecs.Kustomize;
import io.fluxfleet.flux.FluxSpecs.PostRenderer;
import io.fluxfleet.flux.Placement;
import io.fluxfleet.naming.Names;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The values fluxfleet passes to {@code rancher-logging} (Rancher's build of the kube-logging operator), its CRD
 * chart and the custom-logging chart. Keys are those of rancher-logging 109.0.1+up4.10.0-rancher.24.
 *
 * <p>Placement, as the chart's templates read it: the top-level {@code nodeSelector} is both the operator
 * Deployment's and the FluentbitAgent's ({@code _generic_fluentbitagent.yaml}); the top-level {@code tolerations}
 * are the operator's and are part of the FluentbitAgent's, with {@code fluentbit.tolerations} (the chart's
 * control-plane and etcd tolerations, left at their defaults; 4.10's {@code customTolerations} helper also puts
 * {@code Exists} tolerations of those taints first). fluent-bit is a collector and must run on every Linux
 * node, so the top level gets {@code kubernetes.io/os: linux} and the platform toleration; the operator is then put
 * on platform workers by a kustomize patch on the HelmRelease ({@link #postRenderers}), and fluentd by its own
 * {@code fluentd.nodeSelector}/{@code fluentd.tolerations}. The distribution-specific log sources
 * ({@code additionalLoggingSources.*}, off by default) run on control-plane nodes and stay off.
 *
 * <p>The chart merges {@code loggingOverlay} and {@code fluentbitAgentOverlay} into the whole Logging and
 * FluentbitAgent objects (apiVersion, kind, metadata, spec), so everything meant for the resource goes under
 * {@code spec}.
 */
public final class LoggingValues {
    /** Value paths of the rancher-logging components placed on platform workers through values. */
    public static final List<List<String>> PLACED = List.of(List.of("fluentd"));

    private LoggingValues() {}

    /** rancher-logging-crd only holds CRD templates and makes no pods: it takes no values. */
    public static Map<String, Object> crds(FluxFleetConfig config) {
        return new TreeMap<>();
    }

    /**
     * rancher-logging: fluent-bit on every Linux node, fluentd on platform workers, both from Harbor with its pull
     * secret when custom images are set (the chart builds each image as {@code repository:tag}).
     */
    public static Map<String, Object> chart(FluxFleetConfig config) {
        Map<String, Object> values = new TreeMap<>();
        values.put("nodeSelector", Placement.LINUX);
        values.put("tolerations", List.of(Placement.toleration(config.platformWorkers())));
        for (List<String> component : PLACED) {
            Placement.place(ValueTree.node(values, component), config.platformWorkers());
        }
        config.infra().images().customFluentd().ifPresent(image -> {
            ValueTree.node(values, "images").put("fluentd", chartImage(image));
            ValueTree.node(values, "loggingOverlay", "spec", "fluentd", "image").put("imagePullSecrets", pullSecrets());
        });
        config.infra().images().customFluentbit().ifPresent(image -> {
            ValueTree.node(values, "images").put("fluentbit", chartImage(image));
            ValueTree.node(values, "fluentbitAgentOverlay", "spec", "image").put("imagePullSecrets", pullSecrets());
        });
        RancherValues.put(values, config.infra().rancher());
        return values;
    }

    /** The operator Deployment, which shares its placement values with fluent-bit, patched onto platform workers. */
    public static List<PostRenderer> postRenderers(FluxFleetConfig config) {
        return List.of(new PostRenderer(new Kustomize(List.of(
                Placement.deploymentPatch(Names.RANCHER_LOGGING, config.platformWorkers())))));
    }
    /**
     * custom-logging, fluxfleet's chart in Harbor (Flows, Outputs and their configuration). Its values contract:
     * {@code imagePullSecrets}, {@code nodeSelector} and {@code tolerations} for every pod, and {@code environment}.
     */
    public static Map<String, Object> custom(FluxFleetConfig config) {
        Map<String, Object> values = new TreeMap<>();
        Placement.place(values, config.platformWorkers());
        values.put("imagePullSecrets", pullSecrets());
        values.put("environment", config.environment().id());
        return values;
    }

    /** {@code repository} and {@code tag}; config guarantees a tag, followed by the digest when one is given. */
    static Map<String, Object> chartImage(ImageReference image) {
        return Map.of("repository", image.repository(), "tag", image.tagForChart().orElseThrow());
    }

    static List<Map<String, Object>> pullSecrets() {
        return List.of(Map.of("name", Names.HARBOR_WORKLOAD_SECRET));
    }
}
