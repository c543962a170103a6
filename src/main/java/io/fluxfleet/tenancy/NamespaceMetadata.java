package io.fluxfleet.tenancy;

import io.fluxfleet.admission.PodSecurity;
import io.fluxfleet.config.Environment;
import io.fluxfleet.config.FluxFleetConfig.Tenant;
import io.fluxfleet.naming.Names;

import java.util.Map;
import java.util.TreeMap;

/**
 * The labels and annotations of a tenant's Namespace. The admission policies read them (their bindings select
 * namespaces by the tenant label, and per-tenant settings live here rather than in the cluster-wide policies, so
 * adding a tenant changes no policy); the tenant's role ({@code admin}) may not update its Namespace, so it cannot
 * change them.
 */
public final class NamespaceMetadata {
    private NamespaceMetadata() {}

    /** fluxfleet's labels and the Pod Security Admission labels ({@link PodSecurity}). */
    public static Map<String, String> labels(Environment environment, Tenant tenant) {
        Map<String, String> labels = new TreeMap<>(Names.labels(environment, tenant));
        labels.putAll(PodSecurity.labels(tenant.security()));
        return labels;
    }

    /** The tenant's ingress domains, comma-separated, and the reason of a privileged exception; none when unset. */
    public static Map<String, String> annotations(Tenant tenant) {
        Map<String, String> annotations = new TreeMap<>();
        if (!tenant.security().ingressDomains().isEmpty()) {
            annotations.put(Names.ANNOTATION_INGRESS_DOMAINS, String.join(",", tenant.security().ingressDomains()));
        }
        tenant.security().privilegedReason().ifPresent(reason ->
                annotations.put(PodSecurity.EXCEPTION_ANNOTATION, reason));
        return annotations;
    }
}
