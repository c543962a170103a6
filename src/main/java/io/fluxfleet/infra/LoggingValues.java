package io.fluxfleet.infra;

import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.config.ImageReference;
import io.fluxfleet.flux.FluxValues;
import io.fluxfleet.naming.Names;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The values fluxfleet passes to {@code rancher-logging} (Rancher's build of the kube-logging operator), its CRD
 * chart and the custom-logging chart. Keys are those of rancher-logging 109.0.1+up4.10.0-rancher.24.
 *
 * <p>Placement: the top-level {@code nodeSelector} and {@code tolerations} place the operator, are the fluentd
 * defaults and are the only node selector of the fluentbit DaemonSet, whose tolerations are the top-level ones
 * followed by {@code fluentbit.tolerations}. {@code fluentd} and {@code fluentbit} get their own as well, so the
 * placement holds whichever of them a chart version reads (Kubernetes accepts the repeated toleration). The
 * distribution-specific log sources ({@code additionalLoggingSources.*}, off by default) run on control-plane nodes
 * and stay off.
 */
public final class LoggingValues {
    /** Value paths of every rancher-logging component that makes pods ({@code ""}: the top level). */
    public static final List<List<String>> PLACED = List.of(List.of(), List.of("fluentd"), List.of("fluentbit"));

    private LoggingValues() {}

    /** rancher-logging-crd only holds CRDs; it gets the placement in case a version adds a hook Job. */
    public static Map<String, Object> crds(FluxFleetConfig config) {
        Map<String, Object> values = new TreeMap<>();
        FluxValues.place(values, config.platformWorkers());
        return values;
    }

    /**
     * rancher-logging on platform workers, with fluentd and fluentbit from Harbor when custom images are set: the
     * chart builds each as {@code repository:tag}, and the overlays merged into the Logging and FluentbitAgent
     * resources it creates add Harbor's pull secret to those images.
     */
    public static Map<String, Object> chart(FluxFleetConfig config) {
        Map<String, Object> values = new TreeMap<>();
        for (List<String> component : PLACED) {
            FluxValues.place(Placement.node(values, component), config.platformWorkers());
        }
        config.infra().images().customFluentd().ifPresent(image -> {
            Placement.node(values, "images").put("fluentd", chartImage(image));
            Placement.node(values, "loggingOverlay", "fluentd", "image").put("imagePullSecrets", pullSecrets());
        });
        config.infra().images().customFluentbit().ifPresent(image -> {
            Placement.node(values, "images").put("fluentbit", chartImage(image));
            Placement.node(values, "fluentbitAgentOverlay", "image").put("imagePullSecrets", pullSecrets());
        });
        return values;
    }

    /**
     * custom-logging, fluxfleet's chart in Harbor (Flows, Outputs and their configuration). Its values contract:
     * {@code imagePullSecrets}, {@code nodeSelector} and {@code tolerations} for every pod, and {@code environment}.
     */
    public static Map<String, Object> custom(FluxFleetConfig config) {
        Map<String, Object> values = new TreeMap<>();
        FluxValues.place(values, config.platformWorkers());
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
