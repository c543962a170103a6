package io.fluxfleet.flux;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * The spec records of the Flux objects fluxfleet emits, field names as in the Flux API. Only the fields
 * fluxfleet sets are modelled; {@code null} fields are left out of the object.
 */
public final class FluxSpecs {
    private FluxSpecs() {}

    /** A reference to an object by name, optionally in another namespace (dependencies only). */
    public record Ref(String name, String namespace) {
        public static Ref of(String name) {
            return new Ref(name, null);
        }
    }

    /** A reference to a source object of a given kind. */
    public record SourceRef(String kind, String name) {}

    public record GitRef(String branch) {}

    /** {@code source.toolkit.fluxcd.io/v1} GitRepository. */
    public record GitRepositorySpec(String interval, String timeout, String url, GitRef ref, Ref secretRef) {}

    /** {@code source.toolkit.fluxcd.io/v1} HelmRepository; {@code type} is {@code default} or {@code oci}. */
    public record HelmRepositorySpec(String interval, String timeout, String url, String type, Ref secretRef) {}

    /** {@code kustomize.toolkit.fluxcd.io/v1} Kustomization. */
    public record KustomizationSpec(
            String interval,
            String retryInterval,
            String timeout,
            String path,
            Boolean prune,
            @JsonProperty("wait") Boolean waitForResources,
            SourceRef sourceRef,
            String serviceAccountName,
            String targetNamespace,
            List<Ref> dependsOn,
            Boolean suspend,
            List<ObjectRef> healthChecks) {
        public KustomizationSpec(String interval, String retryInterval, String timeout, String path, Boolean prune,
                                 Boolean waitForResources, SourceRef sourceRef, String serviceAccountName,
                                 String targetNamespace, List<Ref> dependsOn, Boolean suspend) {
            this(interval, retryInterval, timeout, path, prune, waitForResources, sourceRef, serviceAccountName,
                    targetNamespace, dependsOn, suspend, null);
        }
    }

    /**
     * An object of a given kind, for Kustomization health checks, Alert event sources and Receiver resources.
     * {@code name} may be {@code *} in event sources and receiver resources.
     */
    public record ObjectRef(String apiVersion, String kind, String name, String namespace) {
        public static ObjectRef of(FluxKind kind, String name, String namespace) {
            return new ObjectRef(kind.apiVersion(), kind.kind(), name, namespace);
        }
    }

    /** {@code helm.toolkit.fluxcd.io/v2} HelmRelease, from a chart template (a HelmRepository source). */
    public record HelmReleaseSpec(
            String interval,
            String timeout,
            String releaseName,
            String targetNamespace,
            String storageNamespace,
            HelmChartTemplate chart,
            String serviceAccountName,
            List<Ref> dependsOn,
            HelmInstall install,
            HelmUpgrade upgrade,
            Map<String, Object> values,
            List<PostRenderer> postRenderers,
            Boolean suspend,
            String postRenderStrategy) {
        /** Without {@code postRenderStrategy} (left to helm-controller's default). */
        public HelmReleaseSpec(String interval, String timeout, String releaseName, String targetNamespace,
                               String storageNamespace, HelmChartTemplate chart, String serviceAccountName,
                               List<Ref> dependsOn, HelmInstall install, HelmUpgrade upgrade, Map<String, Object> values,
                               List<PostRenderer> postRenderers, Boolean suspend) {
            this(interval, timeout, releaseName, targetNamespace, storageNamespace, chart, serviceAccountName, dependsOn,
                    install, upgrade, values, postRenderers, suspend, null);
        }
    }

    /**
     * One post-renderer of a HelmRelease: helm-controller runs the chart's rendered manifests through kustomize
     * with these patches before applying them (fluxcd/helm-controller {@code internal/postrender/kustomize.go}).
     */
    public record PostRenderer(Kustomize kustomize) {}

    public record Kustomize(List<KustomizePatch> patches) {}

    /**
     * A strategic-merge (YAML object) or JSON6902 (YAML list of operations) patch applied to every rendered object
     * that {@code target} selects.
     */
    public record KustomizePatch(String patch, PatchTarget target) {}

    /** Which rendered objects a patch applies to; unset fields match anything. */
    public record PatchTarget(String group, String version, String kind, String name, String namespace) {}

    public record HelmChartTemplate(HelmChartTemplateSpec spec) {}

    public record HelmChartTemplateSpec(String chart, String version, SourceRef sourceRef) {}

    /** {@code crds} is {@code Skip}, {@code Create} or {@code CreateReplace}, for CRDs in the chart's crds directory. */
    public record HelmInstall(String crds, Remediation remediation) {}

    public record HelmUpgrade(String crds, Remediation remediation, Boolean cleanupOnFail) {}

    public record Remediation(Integer retries) {}

    /** {@code notification.toolkit.fluxcd.io/v1beta3} Provider. */
    public record ProviderSpec(String type, String address, Ref secretRef, String commitStatusExpr) {}

    /** {@code notification.toolkit.fluxcd.io/v1beta3} Alert; {@code eventSeverity} {@code info} forwards every event. */
    public record AlertSpec(Ref providerRef, String eventSeverity, List<ObjectRef> eventSources,
                            Map<String, String> eventMetadata) {}

    /** {@code notification.toolkit.fluxcd.io/v1} Receiver. */
    public record ReceiverSpec(String type, List<String> events, List<ObjectRef> resources, Ref secretRef) {}
}
