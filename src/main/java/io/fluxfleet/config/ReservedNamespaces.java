package io.fluxfleet.config;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Namespaces that belong to the cluster, Rancher or the platform and must never become a tenant: fluxfleet makes
 * each tenant's namespace its own (labels, a default-deny NetworkPolicy, a ResourceQuota, a LimitRange), which on
 * one of these would cut off or starve the system running there.
 *
 * <p>Sources:
 * <ul>
 *   <li>Kubernetes: {@code default}, and the {@code kube-} prefix "is reserved for Kubernetes system namespaces"
 *       (kubernetes/website {@code content/en/docs/concepts/overview/working-with-objects/namespaces.md}).</li>
 *   <li>Rancher: rancher/charts {@code charts/rancher-backup/3.0.0/files/default-resourceset-contents/rancher.yaml}
 *       backs up the namespaces Rancher owns as {@code resourceNameRegexp: "^cattle-|^p-|^c-|^user-|^u-"} plus
 *       {@code local} (the local cluster's namespace); {@code fleet.yaml} beside it adds
 *       {@code "^cattle-fleet-|^fleet-|^cluster-fleet-"}. The {@code p-}, {@code c-}, {@code u-} and {@code user-}
 *       namespaces Rancher generates end in a random suffix ({@code p-xxxxx}, {@code c-m-xxxxxxxx}), so only that
 *       shape is refused, not every name that starts with {@code p-}.</li>
 *   <li>Ingress and storage system namespaces Rancher installs or lists as system: {@code ingress-nginx},
 *       {@code cert-manager}, {@code longhorn-system} (Rancher's storage), {@code local-path-storage}
 *       (rancher/local-path-provisioner), {@code calico-system}, {@code tigera-operator}, {@code security-scan}.</li>
 *   <li>Flux: {@code flux-system}, where fluxfleet installs it.</li>
 * </ul>
 */
public final class ReservedNamespaces {
    private static final Set<String> EXACT = Set.of("default", "local", "flux-system", "ingress-nginx", "cert-manager",
            "longhorn-system", "local-path-storage", "calico-system", "calico-apiserver", "tigera-operator",
            "security-scan", "gatekeeper-system", "system-upgrade");
    private record Prefix(String prefix, String owner) {}
    private static final List<Prefix> PREFIXES = List.of(
            new Prefix("kube-", "the kube- prefix is reserved for Kubernetes system namespaces"),
            new Prefix("cattle-", "cattle- namespaces belong to Rancher"),
            new Prefix("fleet-", "fleet- namespaces belong to Rancher's Fleet"),
            new Prefix("cluster-fleet-", "cluster-fleet- namespaces belong to Rancher's Fleet"));
    private static final Pattern RANCHER_GENERATED = Pattern.compile("(p|c|u|user)-[a-z0-9]{5}|c-m-[a-z0-9]{8}");

    private ReservedNamespaces() {}

    /** Why {@code name} is reserved, or empty when a tenant may have it. */
    public static Optional<String> reason(String name) {
        if (EXACT.contains(name)) {
            return Optional.of(Shown.quoted(name) + " is a system namespace");
        }
        for (Prefix p : PREFIXES) {
            if (name.startsWith(p.prefix())) {
                return Optional.of(p.owner());
            }
        }
        if (RANCHER_GENERATED.matcher(name).matches()) {
            return Optional.of("it has the shape of a namespace Rancher generates for a project, cluster or user");
        }
        return Optional.empty();
    }
}
