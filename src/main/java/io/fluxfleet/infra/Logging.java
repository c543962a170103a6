package io.fluxfleet.infra;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;

import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.flux.FluxInstall;
import io.fluxfleet.flux.FluxSources;
import io.fluxfleet.kube.Kube;
import io.fluxfleet.naming.Names;
import io.fluxfleet.registry.HarborAccess;

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

    public Logging(String name, FluxFleetConfig config, Kube kube, FluxInstall flux, FluxSources sources,
                   HarborAccess harbor, ComponentResourceOptions options) {
        super(TYPE, name, options);
        Namespace namespace = harbor.platformNamespaces().get(Names.LOGGING_NAMESPACE);
        String version = config.infra().loggingChartVersion();
        this.crds = SharedChart.create(this, config, kube, flux, Names.RANCHER_LOGGING_CRD, namespace,
                sources.rancherCharts(), Names.RANCHER_LOGGING_CRD, version, List.of(),
                Output.of(LoggingValues.crds(config)), List.of());
        this.chart = SharedChart.create(this, config, kube, flux, Names.RANCHER_LOGGING, namespace,
                sources.rancherCharts(), Names.RANCHER_LOGGING, version, List.of(crds),
                Output.of(LoggingValues.chart(config)), LoggingValues.postRenderers(config));
        this.custom = config.infra().customLoggingChartVersion().map(customVersion ->
                SharedChart.create(this, config, kube, flux, Names.CUSTOM_LOGGING, namespace,
                        sources.harborCharts(), Names.CUSTOM_LOGGING, customVersion, List.of(chart),
                        Output.of(LoggingValues.custom(config)), List.of()));
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
