package io.fluxfleet.admission;

import io.fluxfleet.config.TenantSecurity;

import java.util.Map;
import java.util.TreeMap;

/**
 * The Pod Security Admission labels of a tenant's namespace. The built-in admission plugin reads them
 * (kubernetes.io/docs/concepts/security/pod-security-admission: {@code pod-security.kubernetes.io/<mode>} and
 * {@code <mode>-version}).
 *
 * <p>{@code enforce} is the tenant's level ({@code baseline} by default): baseline refuses what breaks out of the
 * pod (privileged, host namespaces, hostPath, host ports, added capabilities beyond the default set), and still runs
 * the images a tenant typically pulls, many of which run as root. {@code audit} and {@code warn} are always
 * {@code restricted}: every apply tells the tenant (warn) and the audit log records (audit) what restricted would
 * refuse, so a tenant sees the way to restricted before anyone enforces it. The versions are pinned, so a cluster
 * upgrade does not change what is enforced until fluxfleet moves the pin.
 */
public final class PodSecurity {
    /**
     * The Pod Security Standards version the labels pin: the Kubernetes minor the committed schemas are of
     * ({@code src/test/resources/k8s-schemas/v1.30.1-standalone-strict}); clusters at or above it evaluate this
     * version's controls.
     */
    public static final String VERSION = "v1.30";
    public static final String PREFIX = "pod-security.kubernetes.io/";
    /** The annotation that carries the reason of a privileged exception, visible on the namespace. */
    public static final String EXCEPTION_ANNOTATION = "fluxfleet.io/pod-security-exception";

    private PodSecurity() {}

    /** The six labels: enforce at the tenant's level, audit and warn at restricted, each with its pinned version. */
    public static Map<String, String> labels(TenantSecurity security) {
        Map<String, String> labels = new TreeMap<>();
        labels.put(PREFIX + "enforce", security.podSecurity());
        labels.put(PREFIX + "enforce-version", VERSION);
        labels.put(PREFIX + "audit", TenantSecurity.RESTRICTED);
        labels.put(PREFIX + "audit-version", VERSION);
        labels.put(PREFIX + "warn", TenantSecurity.RESTRICTED);
        labels.put(PREFIX + "warn-version", VERSION);
        return labels;
    }
}
