package io.fluxfleet.config;

import java.util.List;
import java.util.Optional;

/**
 * {@code fluxfleet:admission}: what the cluster's admission policies (package {@code io.fluxfleet.admission}) allow
 * tenants, and who besides Flux is the platform. Defaults live here, next to the keys.
 *
 * @param allowedRegistries registries tenant images may come from; empty means the stack's {@code harbor.host}
 * @param networkPeers      namespaces (by name) a tenant NetworkPolicy may name besides the tenant's own, each in one
 *                          direction and on its ports only ({@link NetworkPeer})
 * @param minInterval       the shortest {@code spec.interval} a tenant's Flux object may set
 * @param maxTimeout        the longest {@code spec.timeout} a tenant's Flux object may set
 * @param deployers         the user names {@code pulumi up} authenticates to the cluster as; they may change
 *                          fluxfleet's objects in tenant namespaces
 * @param platformGroups    groups whose members are the platform (may change fluxfleet's objects)
 */
public record Admission(List<String> allowedRegistries, List<NetworkPeer> networkPeers, String minInterval,
                        String maxTimeout, List<String> deployers, List<String> platformGroups) {
    public static final String DEFAULT_MIN_INTERVAL = "1m";
    public static final String DEFAULT_MAX_TIMEOUT = "15m";
    /** Kubernetes' superuser group: members bypass RBAC already, so exempting them gives nothing away. */
    public static final List<String> DEFAULT_PLATFORM_GROUPS = List.of("system:masters");
    public static final Admission DEFAULTS = new Admission(List.of(), List.of(), DEFAULT_MIN_INTERVAL,
            DEFAULT_MAX_TIMEOUT, List.of(), DEFAULT_PLATFORM_GROUPS);

    public Admission {
        allowedRegistries = List.copyOf(allowedRegistries);
        networkPeers = List.copyOf(networkPeers);
        deployers = List.copyOf(deployers);
        platformGroups = List.copyOf(platformGroups);
    }

    /** The registries tenant images may come from: the configured ones, else Harbor. */
    public List<String> registries(String harborHost) {
        return allowedRegistries.isEmpty() ? List.of(harborHost) : allowedRegistries;
    }

    /**
     * Parses {@code admission}. The policies hold everyone who is not a named platform identity as the tenant, so a
     * strict environment (prod) requires {@code deployers}: without it {@code pulumi up} would be refused changing
     * fluxfleet's own objects in tenant namespaces. A network peer may not be a tenant of this stack.
     */
    static Admission parse(Fields f, Environment environment, String stack, java.util.Set<String> tenantNames) {
        Admission d = DEFAULTS;
        List<String> registries = checkedList(f, "allowedRegistries", Validators::host);
        List<NetworkPeer> peers = NetworkPeer.parse(f, tenantNames);
        String minInterval = f.checked("minInterval", d.minInterval(), Validators::duration);
        String maxTimeout = f.checked("maxTimeout", d.maxTimeout(), Validators::duration);
        List<String> deployers = checkedList(f, "deployers", Validators::userName);
        if (environment.policy().strict() && f.strings("deployers").isEmpty()) {
            f.problem("deployers", "is required in " + environment.id() + ": the admission policies treat everyone"
                    + " who is not named as the platform as a tenant, so pulumi up would be refused changing"
                    + " fluxfleet's objects in tenant namespaces; name the user pulumi up authenticates to the"
                    + " cluster as (kubectl auth whoami): `pulumi config set --path 'admission.deployers[0]' <user> -s "
                    + stack + "`");
        }
        List<String> groups = f.has("platformGroups") ? checkedList(f, "platformGroups", Validators::userName)
                : d.platformGroups();
        f.finish();
        return new Admission(registries, peers, minInterval, maxTimeout, deployers, groups);
    }

    static List<String> checkedList(Fields f, String name, java.util.function.Function<String, Optional<String>> check) {
        List<String> values = f.strings(name);
        for (int i = 0; i < values.size(); i++) {
            int index = i;
            check.apply(values.get(i)).ifPresent(msg -> f.problem(name + "[" + index + "]", msg));
        }
        return values.stream().filter(v -> check.apply(v).isEmpty()).toList();
    }
}
