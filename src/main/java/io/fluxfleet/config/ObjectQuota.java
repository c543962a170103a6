package io.fluxfleet.config;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The object counts and storage a tenant namespace's ResourceQuota caps besides cpu and memory, so that one tenant
 * cannot exhaust the cluster with objects (etcd, the API server's watch caches, node ports, cloud load balancers).
 * The per-environment defaults are on {@link Environment} ({@code Policy.quota}); {@code fluxfleet:quota.<resource>}
 * changes them for the stack, {@code fluxfleet:tenants[].quota.<key>} for one tenant (camelCase keys, as every config
 * key; the ResourceQuota gets Kubernetes' resource names):
 *
 * <pre>
 * quota:                    # the ResourceQuota entry it sets   dev / preprod / prod defaults
 *   pods: "100"             # pods                                50 / 100 / 200
 *   services: "40"          # services                            20 /  40 /  60
 *   loadBalancers: "0"      # services.loadbalancers               0: a cloud load balancer bypasses the ingress
 *   nodePorts: "0"          # services.nodeports                   0: a node port opens every node
 *   persistentVolumeClaims: "20"   # persistentvolumeclaims       10 /  20 /  40
 *   storage: 50Gi           # requests.storage                  20Gi / 50Gi / 200Gi
 *   secrets: "200"          # secrets                            100 / 200 / 400 (Helm keeps a Secret per revision)
 *   configMaps: "200"       # configmaps                         100 / 200 / 400
 *   jobs: "100"             # count/jobs.batch                    50 / 100 / 200
 *   cronJobs: "20"          # count/cronjobs.batch                10 /  20 /  40
 *   ingresses: "20"         # count/ingresses.networking.k8s.io   10 /  20 /  40
 * </pre>
 *
 * <p>A value is a Kubernetes quantity; {@code 0} is allowed (nothing of that kind). The object counts must be whole
 * numbers: Kubernetes refuses a fractional quota on an integer resource (kubernetes
 * {@code pkg/apis/core/validation/validation.go} {@code ValidateResourceQuotaResourceName}/
 * {@code validateResourceQuantityValue}: "must be an integer" for {@code pods}, {@code services}, {@code count/*} ...).
 *
 * @param hard the {@code spec.hard} entries, by resource name, in {@link #RESOURCES} order
 */
public record ObjectQuota(Map<String, String> hard) {
    /** Every resource fluxfleet caps, and whether it counts objects (whole numbers only). */
    public static final Map<String, Boolean> RESOURCES = resources();
    /** The config key of each resource ({@code quota.<key>}), in {@link #RESOURCES} order. */
    public static final Map<String, String> CONFIG_KEYS = configKeys();

    public ObjectQuota {
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String resource : RESOURCES.keySet()) {
            if (hard.containsKey(resource)) {
                ordered.put(resource, hard.get(resource));
            }
        }
        if (ordered.size() != hard.size()) {
            throw new IllegalArgumentException("unknown quota resources in " + hard.keySet() + ": known " + RESOURCES.keySet());
        }
        hard = java.util.Collections.unmodifiableMap(ordered);
    }

    private static Map<String, Boolean> resources() {
        Map<String, Boolean> r = new LinkedHashMap<>();
        for (String count : List.of("pods", "services", "services.loadbalancers", "services.nodeports",
                "persistentvolumeclaims", "secrets", "configmaps", "count/jobs.batch", "count/cronjobs.batch",
                "count/ingresses.networking.k8s.io")) {
            r.put(count, true);
        }
        r.put("requests.storage", false);
        return java.util.Collections.unmodifiableMap(r);
    }

    private static Map<String, String> configKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        List<String> names = List.of("pods", "services", "loadBalancers", "nodePorts", "persistentVolumeClaims", "secrets",
                "configMaps", "jobs", "cronJobs", "ingresses", "storage");
        int i = 0;
        for (String resource : RESOURCES.keySet()) {
            keys.put(names.get(i++), resource);
        }
        return java.util.Collections.unmodifiableMap(keys);
    }

    /**
     * The defaults of one environment, as whole counts and a storage size.
     */
    public static ObjectQuota of(int pods, int services, int loadBalancers, int nodePorts, int claims, String storage,
                                 int secrets, int configMaps, int jobs, int cronJobs, int ingresses) {
        Map<String, String> hard = new TreeMap<>();
        hard.put("pods", String.valueOf(pods));
        hard.put("services", String.valueOf(services));
        hard.put("services.loadbalancers", String.valueOf(loadBalancers));
        hard.put("services.nodeports", String.valueOf(nodePorts));
        hard.put("persistentvolumeclaims", String.valueOf(claims));
        hard.put("requests.storage", storage);
        hard.put("secrets", String.valueOf(secrets));
        hard.put("configmaps", String.valueOf(configMaps));
        hard.put("count/jobs.batch", String.valueOf(jobs));
        hard.put("count/cronjobs.batch", String.valueOf(cronJobs));
        hard.put("count/ingresses.networking.k8s.io", String.valueOf(ingresses));
        return new ObjectQuota(hard);
    }

    /** These entries with {@code overrides} on top. */
    public ObjectQuota with(Map<String, String> overrides) {
        Map<String, String> merged = new TreeMap<>(hard);
        merged.putAll(overrides);
        return new ObjectQuota(merged);
    }

    /**
     * Reads {@code <f>.<resource>} for every known resource; an unknown resource is reported by {@link Fields#finish()}
     * with the closest known one. Returns only the entries set.
     */
    static Map<String, String> overrides(Fields f) {
        Map<String, String> set = new TreeMap<>();
        CONFIG_KEYS.forEach((key, resource) -> f.optionalString(key).ifPresent(value ->
                check(value, RESOURCES.get(resource)).ifPresentOrElse(m -> f.problem(key, m), () -> set.put(resource, value))));
        CONFIG_KEYS.forEach((key, resource) -> {
            if (!key.equals(resource) && f.hasMistaken(resource)) {
                f.problem(resource, "is the quota's Kubernetes name; the config key is " + Shown.quoted(key));
            }
        });
        f.finish();
        return set;
    }

    /** A quota value: a quantity, zero allowed, a whole number for an object count. */
    static Optional<String> check(String value, boolean count) {
        if (!value.equals("0")) {
            Optional<String> quantity = Validators.quantity(value);
            if (quantity.isPresent()) {
                return quantity;
            }
        }
        if (count) {
            BigDecimal n = Validators.quantityValue(value);
            if (n.stripTrailingZeros().scale() > 0) {
                return Optional.of(Shown.quoted(value) + " is not a whole number: Kubernetes refuses a fractional quota on"
                        + " an object count (\"must be an integer\")");
            }
        }
        return Optional.empty();
    }
}
