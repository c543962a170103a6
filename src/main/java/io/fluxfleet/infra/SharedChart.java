package io.fluxfleet.infra;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.resources.ComponentResource;

import io.fluxfleet.flux.FluxInstall;
import io.fluxfleet.flux.FluxKind;
import io.fluxfleet.flux.FluxObject;
import io.fluxfleet.flux.FluxSpecs.HelmChartTemplate;
import io.fluxfleet.flux.FluxSpecs.HelmChartTemplateSpec;
import io.fluxfleet.flux.FluxSpecs.HelmInstall;
import io.fluxfleet.flux.FluxSpecs.HelmReleaseSpec;
import io.fluxfleet.flux.FluxSpecs.HelmUpgrade;
import io.fluxfleet.flux.FluxSpecs.ObjectRef;
import io.fluxfleet.flux.FluxSpecs.PostRenderer;
import io.fluxfleet.flux.FluxSpecs.Ref;
import io.fluxfleet.flux.FluxSpecs.Remediation;
import io.fluxfleet.flux.FluxSpecs.SourceRef;
import io.fluxfleet.kube.Kube;
import io.fluxfleet.naming.Names;

import java.util.List;
import java.util.Map;

/**
 * One shared chart as a Flux HelmRelease. Every shared HelmRelease lives in {@code flux-system}, because with
 * {@code --no-cross-namespace-refs} a HelmRelease may only use a chart source in its own namespace and the sources
 * ({@code rancher-charts}, {@code harbor-charts}) are there. It installs into its target namespace
 * ({@code cattle-monitoring-system}, {@code cattle-logging-system}) with the Helm storage there too, under the
 * release name Rancher itself uses ({@code rancher-monitoring}, not Flux's default {@code <namespace>-<name>}), and
 * runs as {@code flux-platform-reconciler}: the charts create CRDs and ClusterRoles. A chart that needs another
 * first names it in {@code spec.dependsOn}; everything a HelmRelease refers to reaches it as an Output, so Pulumi
 * creates the referee first.
 *
 * <p>{@code install.crds}/{@code upgrade.crds} stay unset: they govern a chart's {@code crds/} folder, and none of the
 * shared charts has one (the {@code -crd} charts ship their CRDs as templates or through a Job).
 *
 * @param release the HelmRelease object
 * @param name    its name, which is also the Helm release name
 */
public record SharedChart(FluxObject release, String name) {
    /** Retries before Flux gives a failed install or upgrade up (remediating by uninstall or rollback). */
    static final int RETRIES = 3;

    /**
     * What every shared chart of a stack has in common.
     *
     * @param kube     the cluster's provider, protection and labels
     * @param flux     the installation: its CRDs come first, and its platform service account runs the releases
     * @param interval how often Flux reconciles the releases
     * @param timeout  how long Flux waits for an install or upgrade
     * @param suspend  whether the releases are suspended
     */
    public record Settings(Kube kube, FluxInstall flux, String interval, String timeout, boolean suspend,
                           io.fluxfleet.flux.Readiness readiness, boolean postRenderStrategy) {
        /** Without a readiness policy (nothing is awaited) and for a Flux without {@code postRenderStrategy}. */
        public Settings(Kube kube, FluxInstall flux, String interval, String timeout, boolean suspend) {
            this(kube, flux, interval, timeout, suspend, io.fluxfleet.flux.Readiness.off(), false);
        }
    }

    /**
     * Helm 4's strategy that sends hooks through post-renderers together with the other manifests
     * (fluxcd/helm-controller {@code api/v2} {@code PostRenderStrategy}: {@code nohooks}, {@code combined},
     * {@code separate}). Set explicitly, where the Flux has the field, on a release whose post-renderers patch Jobs
     * (rancher-monitoring's hooks): a cluster-wide {@code UseHelm3Defaults} feature gate would otherwise turn the
     * default back to {@code nohooks}.
     */
    static final String POST_RENDER_STRATEGY = "combined";

    /**
     * One chart.
     *
     * @param name          the chart's name, which is also the HelmRelease's and the Helm release's
     * @param target        the namespace the chart installs into
     * @param source        the HelmRepository in flux-system that serves the chart
     * @param version       the chart's pinned version
     * @param dependsOn     HelmReleases that must be ready first
     * @param values        the chart's values
     * @param postRenderers kustomize patches for what the chart's values cannot express; empty for none
     */
    public record Args(String name, Namespace target, FluxObject source, String version, List<SharedChart> dependsOn,
                       Output<Map<String, Object>> values, List<PostRenderer> postRenderers) {}

    /**
     * One of fluxfleet's own charts from Harbor, installed after the Rancher chart it extends when configured.
     *
     * @param version the chart's pinned version
     * @param values  the chart's values
     */
    public record Custom(String version, Map<String, Object> values) {}

    /** The HelmRelease of {@code args}, a child of {@code parent} (the component the chart belongs to). */
    static SharedChart create(ComponentResource parent, Settings settings, Args args) {
        Kube kube = settings.kube();
        FluxInstall flux = settings.flux();
        String name = args.name();
        List<PostRenderer> postRenderers = args.postRenderers();
        Output<List<String>> dependencies = Output.all(args.dependsOn().stream().map(d -> d.release().objectName()).toList());
        Output<HelmReleaseSpec> spec = Output.tuple(
                args.target().metadata().applyValue(m -> m.name().orElseThrow()),
                args.source().objectName(),
                flux.platformReconciler().metadata().applyValue(m -> m.name().orElseThrow()),
                dependencies,
                args.values()).applyValue(t -> new HelmReleaseSpec(
                        settings.interval(),
                        settings.timeout(),
                        name,
                        t.t1,
                        t.t1,
                        new HelmChartTemplate(new HelmChartTemplateSpec(name, args.version(),
                                new SourceRef(FluxKind.HELM_REPOSITORY.kind(), t.t2))),
                        t.t3,
                        t.t4.isEmpty() ? null : t.t4.stream().map(Ref::of).toList(),
                        new HelmInstall(null, new Remediation(RETRIES)),
                        new HelmUpgrade(null, new Remediation(RETRIES), true),
                        t.t5.isEmpty() ? null : t.t5,
                        postRenderers.isEmpty() ? null : postRenderers,
                        settings.suspend() ? Boolean.TRUE : null,
                        settings.postRenderStrategy() && patchesJobs(postRenderers) ? POST_RENDER_STRATEGY : null));
        FluxObject release = new FluxObject(Names.resource(Names.FLUX_NAMESPACE, name), FluxKind.HELM_RELEASE, name,
                Names.FLUX_NAMESPACE, io.fluxfleet.flux.Sharding.platform(Names.labels(kube.environment(), null)),
                settings.readiness().annotations(FluxKind.HELM_RELEASE, Names.FLUX_NAMESPACE, name,
                        io.fluxfleet.flux.Readiness.Role.SHARED_RELEASE, settings.suspend()),
                spec,
                // runs as flux-platform-reconciler: deleted, and uninstalled by helm-controller as that account,
                // before the account and its binding go (FluxInstall#platformIdentity)
                kube.child(parent, java.util.stream.Stream.concat(java.util.stream.Stream.of(flux.release()),
                        flux.platformIdentity().stream()).toArray(com.pulumi.resources.Resource[]::new)));
        return new SharedChart(release, name);
    }

    /** Whether a post-renderer patches Jobs, which a chart makes as Helm hooks. */
    static boolean patchesJobs(List<PostRenderer> postRenderers) {
        return postRenderers.stream().flatMap(p -> p.kustomize().patches().stream())
                .anyMatch(p -> p.target() != null && "Job".equals(p.target().kind()));
    }

    /**
     * Health checks on releases, for a Kustomization that must wait until they are ready. The names flow from the
     * HelmRelease resources, so Pulumi creates the releases before the Kustomization that checks them.
     */
    public static Output<List<ObjectRef>> healthChecks(List<SharedChart> charts) {
        return Output.all(charts.stream().map(c -> c.release().objectName()).toList()).applyValue(names ->
                names.stream().map(n -> ObjectRef.of(FluxKind.HELM_RELEASE, n, Names.FLUX_NAMESPACE)).toList());
    }
}
