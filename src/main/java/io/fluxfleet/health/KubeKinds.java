package io.fluxfleet.health;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.util.Map;
import java.util.Optional;

/**
 * Every kind a stack renders, with its REST resource name and scope, so verify reads each through fabric8's generic
 * client without API discovery (discovery needs list rights on every group; verify asks only for the objects it
 * checks). Plurals and scopes: the Flux CRDs ({@code spec.names.plural}, {@code spec.scope}; the Flux 2.9 CRDs in
 * {@code src/test/resources/flux-crds}, which {@code KubeKindsTest} reads) and the Kubernetes API reference for
 * the built-in kinds. A kind not in the table is reported, never skipped.
 */
final class KubeKinds {
    private record Kind(String plural, boolean namespaced) {}

    private static final Map<String, Kind> KINDS = Map.ofEntries(
            Map.entry("v1/Namespace", new Kind("namespaces", false)),
            Map.entry("v1/Secret", new Kind("secrets", true)),
            Map.entry("v1/ServiceAccount", new Kind("serviceaccounts", true)),
            Map.entry("v1/ResourceQuota", new Kind("resourcequotas", true)),
            Map.entry("v1/LimitRange", new Kind("limitranges", true)),
            Map.entry("v1/ConfigMap", new Kind("configmaps", true)),
            Map.entry("v1/Service", new Kind("services", true)),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", new Kind("networkpolicies", true)),
            Map.entry("networking.k8s.io/v1/Ingress", new Kind("ingresses", true)),
            Map.entry("rbac.authorization.k8s.io/v1/Role", new Kind("roles", true)),
            Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", new Kind("rolebindings", true)),
            Map.entry("rbac.authorization.k8s.io/v1/ClusterRole", new Kind("clusterroles", false)),
            Map.entry("rbac.authorization.k8s.io/v1/ClusterRoleBinding", new Kind("clusterrolebindings", false)),
            Map.entry("source.toolkit.fluxcd.io/v1/GitRepository", new Kind("gitrepositories", true)),
            Map.entry("source.toolkit.fluxcd.io/v1/HelmRepository", new Kind("helmrepositories", true)),
            Map.entry("source.toolkit.fluxcd.io/v1/OCIRepository", new Kind("ocirepositories", true)),
            Map.entry("kustomize.toolkit.fluxcd.io/v1/Kustomization", new Kind("kustomizations", true)),
            Map.entry("helm.toolkit.fluxcd.io/v2/HelmRelease", new Kind("helmreleases", true)),
            Map.entry("notification.toolkit.fluxcd.io/v1/Receiver", new Kind("receivers", true)),
            Map.entry("notification.toolkit.fluxcd.io/v1beta3/Alert", new Kind("alerts", true)),
            Map.entry("notification.toolkit.fluxcd.io/v1beta3/Provider", new Kind("providers", true)),
            Map.entry("apps/v1/Deployment", new Kind("deployments", true)),
            Map.entry("admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy",
                    new Kind("validatingadmissionpolicies", false)),
            Map.entry("admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding",
                    new Kind("validatingadmissionpolicybindings", false)));

    private KubeKinds() {}

    /** The generic client's context for {@code apiVersion}/{@code kind}, or empty for a kind verify does not know. */
    static Optional<ResourceDefinitionContext> context(String apiVersion, String kind) {
        Kind k = KINDS.get(apiVersion + "/" + kind);
        if (k == null) {
            return Optional.empty();
        }
        int slash = apiVersion.indexOf('/');
        return Optional.of(new ResourceDefinitionContext.Builder()
                .withGroup(slash < 0 ? "" : apiVersion.substring(0, slash))
                .withVersion(slash < 0 ? apiVersion : apiVersion.substring(slash + 1))
                .withKind(kind)
                .withPlural(k.plural())
                .withNamespaced(k.namespaced())
                .build());
    }

    /** {@code <plural>.<group>} of a known kind, for tests against the CRDs. */
    static Optional<String> plural(String apiVersion, String kind) {
        return Optional.ofNullable(KINDS.get(apiVersion + "/" + kind)).map(Kind::plural);
    }

    static boolean namespaced(String apiVersion, String kind) {
        return KINDS.get(apiVersion + "/" + kind).namespaced();
    }
}
