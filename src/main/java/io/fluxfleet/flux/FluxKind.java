package io.fluxfleet.flux;

/**
 * Every Flux custom resource kind fluxfleet emits, with the API version it is written in. These are the
 * versions the Flux 2.9 CRDs serve (see {@code src/test/resources/flux-crds}); this enum is the only place
 * they are spelled.
 */
public enum FluxKind {
    GIT_REPOSITORY("source.toolkit.fluxcd.io/v1", "GitRepository"),
    HELM_REPOSITORY("source.toolkit.fluxcd.io/v1", "HelmRepository"),
    OCI_REPOSITORY("source.toolkit.fluxcd.io/v1", "OCIRepository"),
    KUSTOMIZATION("kustomize.toolkit.fluxcd.io/v1", "Kustomization"),
    HELM_RELEASE("helm.toolkit.fluxcd.io/v2", "HelmRelease"),
    RECEIVER("notification.toolkit.fluxcd.io/v1", "Receiver"),
    ALERT("notification.toolkit.fluxcd.io/v1beta3", "Alert"),
    PROVIDER("notification.toolkit.fluxcd.io/v1beta3", "Provider");

    private final String apiVersion;
    private final String kind;

    FluxKind(String apiVersion, String kind) {
        this.apiVersion = apiVersion;
        this.kind = kind;
    }

    public String apiVersion() {
        return apiVersion;
    }

    public String kind() {
        return kind;
    }

    /** The Pulumi type token the Kubernetes provider uses for a custom resource of this kind. */
    public String typeToken() {
        return "kubernetes:" + apiVersion + ":" + kind;
    }
}
