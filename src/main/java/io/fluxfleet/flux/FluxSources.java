package io.fluxfleet.flux;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;

import io.fluxfleet.flux.FluxSpecs.HelmRepositorySpec;
import io.fluxfleet.flux.FluxSpecs.Ref;
import io.fluxfleet.kube.Kube;
import io.fluxfleet.naming.Names;

import java.util.Map;

/**
 * The platform's Helm sources in {@code flux-system}: Rancher's charts (a plain Helm repository at
 * charts.rancher.io, not the OCI URL the guide gives), prometheus-community, and Harbor's OCI charts with
 * the Harbor pull secret.
 */
public final class FluxSources extends ComponentResource {
    public static final String TYPE = "fluxfleet:flux:FluxSources";
    public static final String RANCHER_CHARTS_URL = "https://charts.rancher.io";
    public static final String PROMETHEUS_COMMUNITY_URL = "https://prometheus-community.github.io/helm-charts";

    private final FluxObject rancherCharts;
    private final FluxObject prometheusCommunity;
    private final FluxObject harborCharts;

    /**
     * What the platform's Helm sources take.
     *
     * @param kube            the cluster's provider, protection and labels
     * @param flux            the installation whose CRDs the sources need
     * @param harborSecret    the pull secret in {@code flux-system} for Harbor's OCI charts
     * @param interval        how often the repositories are fetched
     * @param harborChartsUrl Harbor's OCI chart repository ({@link #harborChartsUrl})
     */
    public record Args(Kube kube, FluxInstall flux, Secret harborSecret, String interval, String harborChartsUrl,
                       Readiness readiness) {
        /** Without a readiness policy: nothing is awaited. */
        public Args(Kube kube, FluxInstall flux, Secret harborSecret, String interval, String harborChartsUrl) {
            this(kube, flux, harborSecret, interval, harborChartsUrl, Readiness.off());
        }
    }

    public FluxSources(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        Kube kube = args.kube();
        FluxInstall flux = args.flux();
        String interval = args.interval();
        Readiness readiness = args.readiness();
        this.rancherCharts = helmRepository(kube, flux, readiness, Readiness.Role.HELM_SOURCE, Names.RANCHER_CHARTS,
                Output.of(new HelmRepositorySpec(interval, null, RANCHER_CHARTS_URL, "default", null)));
        this.prometheusCommunity = helmRepository(kube, flux, readiness, Readiness.Role.HELM_SOURCE,
                Names.PROMETHEUS_COMMUNITY,
                Output.of(new HelmRepositorySpec(interval, null, PROMETHEUS_COMMUNITY_URL, "default", null)));
        String harborUrl = args.harborChartsUrl();
        this.harborCharts = helmRepository(kube, flux, readiness, Readiness.Role.OCI_HELM_SOURCE, Names.HARBOR_CHARTS,
                args.harborSecret().metadata().applyValue(m -> new HelmRepositorySpec(interval, null, harborUrl, "oci",
                        Ref.of(m.name().orElse(Names.HARBOR_FLUX_SECRET)))));
        registerOutputs(Map.of(
                "rancherCharts", rancherCharts.objectName(),
                "prometheusCommunity", prometheusCommunity.objectName(),
                "harborCharts", harborCharts.objectName()));
    }

    private FluxObject helmRepository(Kube kube, FluxInstall flux, Readiness readiness, Readiness.Role role,
                                      String objectName, Output<HelmRepositorySpec> spec) {
        return new FluxObject(Names.resource(Names.FLUX_NAMESPACE, objectName), FluxKind.HELM_REPOSITORY, objectName,
                Names.FLUX_NAMESPACE, Names.labels(kube.environment(), null),
                readiness.annotations(FluxKind.HELM_REPOSITORY, Names.FLUX_NAMESPACE, objectName, role, false),
                spec, kube.child(this, flux.release()));
    }

    /** The OCI repository of a Harbor project: {@code oci://<host>/<project>}. */
    public static String harborChartsUrl(String host, String project) {
        return "oci://" + host + "/" + project;
    }

    public FluxObject rancherCharts() {
        return rancherCharts;
    }

    public FluxObject prometheusCommunity() {
        return prometheusCommunity;
    }

    public FluxObject harborCharts() {
        return harborCharts;
    }
}
