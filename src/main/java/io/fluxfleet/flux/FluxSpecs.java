package io.fluxfleet.flux;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

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
            Boolean suspend) {}
}
