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
 *   kustomizations: "40"    # count/kustomizations.kustomize.toolkit.fluxcd.io    20 / 40 / 60
 *   helmReleases: "40"      # count/helmreleases.helm.toolkit.fluxcd.io           20 / 40 / 60
 *   gitRepositories: "20"   # count/gitrepositories.source.toolkit.fluxcd.io      10 / 20 / 30
 *   ociRepositories: "20"   # count/ocirepositories.source.toolkit.fluxcd.io      10 / 20 / 30
 *   helmRepositories: "20"  # count/helmrepositories.source.toolkit.fluxcd.io     10 / 20 / 30
 *   buckets: "10"           # count/buckets.source.toolkit.fluxcd.io               5 / 10 / 10
 *   helmCharts: "40"        # count/helmcharts.source.toolkit.fluxcd.io           20 / 40 / 60
 *   serviceMonitors: "40"   # count/servicemonitors.monitoring.coreos.com         20 / 40 / 60
 *   podMonitors: "40"       # count/podmonitors.monitoring.coreos.com             20 / 40 / 60
 *   prometheusRules: "40"   # count/prometheusrules.monitoring.coreos.com         20 / 40 / 60
 * </pre>
 *
 * <p>The Flux and monitoring kinds cost the shared controllers and Prometheus work per object (a reconcile loop, a
 * fetch, a scrape configuration, rule evaluation), so they are counted too. Object count quota works for custom
 * resources as {@code count/<resource>.<group>} (Kubernetes documentation {@code concepts/policy/resource-quotas},
 * "Object count quota": "to set a quota on a custom resource named widgets in the example.com API group, use
 * count/widgets.example.com"). Objects the controllers create count as well: helm-controller makes a HelmChart in the
 * namespace of each HelmRelease built from a HelmRepository, GitRepository or Bucket, so {@code helmCharts} should be at
 * least {@code helmReleases}. fluxfleet's own objects in the namespace count too (its GitRepository and {@code apps}
 * Kustomization), so those two caps are at least 1.
 *
 * <p>A value is a Kubernetes quantity; {@code 0} is allowed (nothing of that kind). The object counts must be whole
 * numbers: Kubernetes refuses a fractional quota on an integer resource (kubernetes
 * {@code pkg/apis/core/validation/validation.go} {@code ValidateResourceQuotaResourceName}/
 * {@code validateResourceQuantityValue}: "must be an integer" for {@code pods}, {@code services}, {@code count/*} ...).
 *
 * @param hard the {@code spec.hard} entries, by resource name, in {@link #RESOURCES} order
 */
public record ObjectQuota(Map<String, String> hard) {
    /**
     * The Flux and monitoring kinds a tenant can create in bulk, each costing a shared controller or Prometheus work:
     * {@code count/<plural>.<group>} of their CRDs (flux2 chart 2.18.3, rancher-monitoring-crd).
     */
    public static final List<String> CONTROLLER_WORK = List.of(
            "count/kustomizations.kustomize.toolkit.fluxcd.io", "count/helmreleases.helm.toolkit.fluxcd.io",
            "count/gitrepositories.source.toolkit.fluxcd.io", "count/ocirepositories.source.toolkit.fluxcd.io",
            "count/helmrepositories.source.toolkit.fluxcd.io", "count/buckets.source.toolkit.fluxcd.io",
            "count/helmcharts.source.toolkit.fluxcd.io", "count/servicemonitors.monitoring.coreos.com",
            "count/podmonitors.monitoring.coreos.com", "count/prometheusrules.monitoring.coreos.com");
    /**
     * The smallest cap of a kind fluxfleet itself puts into every tenant namespace (its GitRepository and its {@code apps}
     * Kustomization): a lower one would refuse fluxfleet's own object, since quota admission applies to every writer.
     */
    static final Map<String, Integer> MINIMUM = Map.of("count/kustomizations.kustomize.toolkit.fluxcd.io", 1,
            "count/gitrepositories.source.toolkit.fluxcd.io", 1);
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
        for (String count : CONTROLLER_WORK) {
            r.put(count, true);
        }
        r.put("requests.storage", false);
        return java.util.Collections.unmodifiableMap(r);
    }

    private static Map<String, String> configKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        List<String> names = List.of("pods", "services", "loadBalancers", "nodePorts", "persistentVolumeClaims", "secrets",
                "configMaps", "jobs", "cronJobs", "ingresses", "kustomizations", "helmReleases", "gitRepositories",
                "ociRepositories", "helmRepositories", "buckets", "helmCharts", "serviceMonitors", "podMonitors",
                "prometheusRules", "storage");
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

    /**
     * The counts of the Flux and monitoring kinds, in {@link #CONTROLLER_WORK} order, as quota entries: an environment's
     * defaults are {@code of(...).with(controllerWork(...))}.
     */
    public static Map<String, String> controllerWork(int kustomizations, int helmReleases, int gitRepositories,
                                                     int ociRepositories, int helmRepositories, int buckets,
                                                     int helmCharts, int serviceMonitors, int podMonitors,
                                                     int prometheusRules) {
        int[] counts = {kustomizations, helmReleases, gitRepositories, ociRepositories, helmRepositories, buckets,
                helmCharts, serviceMonitors, podMonitors, prometheusRules};
        Map<String, String> hard = new TreeMap<>();
        for (int i = 0; i < counts.length; i++) {
            hard.put(CONTROLLER_WORK.get(i), String.valueOf(counts[i]));
        }
        return hard;
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
                check(value, RESOURCES.get(resource)).or(() -> belowMinimum(resource, value))
                        .ifPresentOrElse(m -> f.problem(key, m), () -> set.put(resource, value))));
        CONFIG_KEYS.forEach((key, resource) -> {
            if (!key.equals(resource) && f.hasMistaken(resource)) {
                f.problem(resource, "is the quota's Kubernetes name; the config key is " + Shown.quoted(key));
            }
        });
        f.finish();
        return set;
    }

    private static Optional<String> belowMinimum(String resource, String value) {
        Integer minimum = MINIMUM.get(resource);
        if (minimum == null || Validators.quantityValue(value).compareTo(BigDecimal.valueOf(minimum)) >= 0) {
            return Optional.empty();
        }
        return Optional.of(Shown.quoted(value) + " is below " + minimum + ": fluxfleet's own "
                + (resource.contains("kustomizations") ? "apps Kustomization" : "GitRepository")
                + " is in every tenant namespace and counts against " + resource + ", so the quota would refuse it");
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
