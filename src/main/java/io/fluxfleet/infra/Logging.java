package io.fluxfleet.infra;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;

import io.fluxfleet.flux.FluxObject;
import io.fluxfleet.flux.FluxSpecs.PostRenderer;
import io.fluxfleet.naming.Names;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rancher logging through Flux: {@code rancher-logging-crd}, then {@code rancher-logging} (Flux {@code dependsOn}),
 * then fluxfleet's {@code custom-logging} chart from Harbor when its version is configured. Fluentd and fluentbit
 * run fluxfleet's images from Harbor when {@code infra.images.customFluentd}/{@code customFluentbit} are set.
 */
public final class Logging extends ComponentResource {
    public static final String TYPE = "fluxfleet:infra:Logging";

    private final SharedChart crds;
    private final SharedChart chart;
    private final Optional<SharedChart> custom;

    /**
     * What logging takes.
     *
     * @param charts        what its HelmReleases share with the other shared charts
     * @param namespace     {@code cattle-logging-system}
     * @param rancherCharts the HelmRepository of Rancher's charts
     * @param harborCharts  the HelmRepository of fluxfleet's charts in Harbor
     * @param chartVersion  the pinned version of {@code rancher-logging-crd} and {@code rancher-logging}
     * @param crdValues     the CRD chart's values
     * @param chartValues   the chart's values
     * @param postRenderers patches for what the chart's values cannot place
     * @param custom        {@code custom-logging}, when configured
     */
    public record Args(SharedChart.Settings charts, Namespace namespace, FluxObject rancherCharts, FluxObject harborCharts,
                       String chartVersion, Map<String, Object> crdValues, Map<String, Object> chartValues,
                       List<PostRenderer> postRenderers, Optional<SharedChart.Custom> custom) {}

    public Logging(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        Namespace namespace = args.namespace();
        String version = args.chartVersion();
        this.crds = SharedChart.create(this, args.charts(), new SharedChart.Args(Names.RANCHER_LOGGING_CRD, namespace,
                args.rancherCharts(), version, List.of(), Output.of(args.crdValues()), List.of()));
        this.chart = SharedChart.create(this, args.charts(), new SharedChart.Args(Names.RANCHER_LOGGING, namespace,
                args.rancherCharts(), version, List.of(crds), Output.of(args.chartValues()), args.postRenderers()));
        this.custom = args.custom().map(custom -> SharedChart.create(this, args.charts(), new SharedChart.Args(
                Names.CUSTOM_LOGGING, namespace, args.harborCharts(), custom.version(), List.of(chart),
                Output.of(custom.values()), List.of())));
        registerOutputs(Map.of(
                "chartVersion", Output.of(version),
                "helmReleases", Output.all(releases().stream().map(r -> r.release().objectName()).toList())));
    }

    /** The CRD release, the chart release and the custom chart release (when configured), in install order. */
    public List<SharedChart> releases() {
        return custom.map(c -> List.of(crds, chart, c)).orElse(List.of(crds, chart));
    }

    /** The chart release: ready means the CRDs and the logging operator are in place. */
    public SharedChart chart() {
        return chart;
    }
}
