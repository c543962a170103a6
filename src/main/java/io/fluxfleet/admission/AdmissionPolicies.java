package io.fluxfleet.admission;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fluxfleet.config.Environment;
import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.config.NetworkPeer;
import io.fluxfleet.naming.Names;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The admission policies fluxfleet puts on a cluster, one concern each, kept as data: each is a
 * {@code ValidatingAdmissionPolicy} spec in {@code src/main/resources/io/fluxfleet/admission/<concern>.yaml}, whose
 * expressions name the stack's values as {@code {{placeholders}}}. This fills them in as CEL literals (strings,
 * lists, maps), so what the cluster evaluates is plain CEL with no parameter objects to keep in step; the tests
 * evaluate exactly these specs with the real CEL engine.
 *
 * <p>Every policy fails closed ({@code failurePolicy: Fail}) and its binding denies ({@code validationActions:
 * [Deny]}) in every namespace labelled with a fluxfleet tenant of this environment. A tenant cannot change those
 * labels: its role ({@code admin}) may not update its Namespace (README "What a tenant can and cannot do").
 */
public final class AdmissionPolicies {
    /** The concerns, in the order they are registered and rendered. */
    public static final List<String> CONCERNS = List.of("platform-nodes", "owned-objects", "platform-applied",
            "network-policies", "role-bindings", "external-ips", "ingress-hosts", "flux-objects",
            "service-account-tokens", "images", "monitoring");
    /** The service accounts of the flux2 chart's controllers (its {@code *-sa.yaml}/{@code *-serviceaccount.yaml}). */
    public static final List<String> FLUX_CONTROLLERS = List.of("helm-controller", "image-automation-controller",
            "image-reflector-controller", "kustomize-controller", "notification-controller", "source-controller",
            "source-watcher");
    /**
     * The kube-controller-manager identities that delete a namespace's objects when the namespace goes, or their
     * owner does, and that write the status of fluxfleet's ResourceQuota (kubernetes {@code cmd/kube-controller-manager}:
     * namespace-controller, generic-garbage-collector, resourcequota-controller; each its own service account under
     * {@code --use-service-account-credentials}, as RKE2 runs it).
     */
    public static final List<String> CLUSTER_CONTROLLERS = List.of(
            "system:serviceaccount:kube-system:generic-garbage-collector",
            "system:serviceaccount:kube-system:namespace-controller",
            "system:serviceaccount:kube-system:resourcequota-controller");
    static final String HOW_TO_ASK = "To ask for an exception, ask the platform team to change the fluxfleet stack"
            + " config (README \"Threat model\", \"Asking for an exception\").";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z]+)}}");

    /**
     * What the policies are filled in with.
     *
     * @param environment          the stack's environment: bindings select its tenant namespaces
     * @param platformUsers        user names that are the platform everywhere (the platform reconciler, the
     *                             deployers, the namespace and garbage collectors)
     * @param fluxControllers      user names of Flux's controllers: the platform only for Flux's own kinds (they
     *                             write finalizers), never for other objects
     * @param platformGroups       groups that are the platform
     * @param taintKey             the platform workers' taint key
     * @param labelKey             the platform workers' node label key
     * @param registries           registries images may come from
     * @param networkPeers         namespaces tenant NetworkPolicies may name, each in one direction on its ports
     * @param minInterval          the shortest interval of a tenant's Flux object
     * @param maxTimeout           the longest timeout of a tenant's Flux object
     */
    public record Settings(Environment environment, List<String> platformUsers, List<String> fluxControllers,
                           List<String> platformGroups, String taintKey, String labelKey, List<String> registries,
                           List<NetworkPeer> networkPeers, String minInterval, String maxTimeout) {
        public Settings {
            platformUsers = List.copyOf(platformUsers);
            fluxControllers = List.copyOf(fluxControllers);
            platformGroups = List.copyOf(platformGroups);
            registries = List.copyOf(registries);
            networkPeers = List.copyOf(networkPeers);
        }
    }

    /** A policy and its binding, as the specs the cluster receives. */
    public record Policy(String concern, String name, Map<String, Object> spec, Map<String, Object> bindingSpec) {}

    private AdmissionPolicies() {}

    /**
     * What the admission policies are filled in with: the platform's identities (the platform reconciler, the
     * configured deployers, the controllers that empty a namespace), the platform workers' taint and label, and
     * and the limits on tenants' Flux objects. Nothing here is per tenant: adding a tenant changes no policy (what
     * differs per tenant is on its Namespace, {@code tenancy.NamespaceMetadata}).
     */
    public static Settings settings(FluxFleetConfig config) {
        var admission = config.admission();
        List<String> platformUsers = new java.util.ArrayList<>();
        platformUsers.add(Names.serviceAccountUser(Names.FLUX_NAMESPACE, Names.PLATFORM_RECONCILER));
        platformUsers.addAll(CLUSTER_CONTROLLERS);
        platformUsers.addAll(admission.deployers());
        return new Settings(config.environment(), platformUsers,
                FLUX_CONTROLLERS.stream().map(sa -> Names.serviceAccountUser(Names.FLUX_NAMESPACE, sa)).toList(),
                admission.platformGroups(), config.platformWorkers().taintKey(), config.platformWorkers().labelKey(),
                admission.registries(config.harbor().host()), admission.networkPeers(), admission.minInterval(),
                admission.maxTimeout());
    }

    /** Every policy, filled in from {@code settings}, in {@link #CONCERNS} order. */
    public static List<Policy> of(Settings settings) {
        Map<String, String> values = literals(settings);
        List<Policy> policies = new ArrayList<>();
        for (String concern : CONCERNS) {
            String name = Names.admissionPolicy(concern);
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("failurePolicy", "Fail");
            spec.putAll(fill(template(concern), values, concern));
            policies.add(new Policy(concern, name, spec, binding(name, settings.environment())));
        }
        return policies;
    }

    private static Map<String, Object> binding(String policyName, Environment environment) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("policyName", policyName);
        spec.put("validationActions", List.of("Deny"));
        spec.put("matchResources", Map.of("namespaceSelector", Map.of("matchExpressions", List.of(
                Map.of("key", Names.LABEL_TENANT, "operator", "Exists"),
                Map.of("key", Names.LABEL_ENVIRONMENT, "operator", "In", "values", List.of(environment.id()))))));
        return spec;
    }

    /** The CEL literal each placeholder stands for. */
    static Map<String, String> literals(Settings s) {
        Map<String, String> v = new TreeMap<>();
        v.put("askForException", string(HOW_TO_ASK));
        v.put("platformUsers", list(s.platformUsers()));
        v.put("platformGroups", list(s.platformGroups()));
        v.put("fluxControllers", list(s.fluxControllers()));
        v.put("taintKey", string(s.taintKey()));
        v.put("labelKey", string(s.labelKey()));
        v.put("managedByKey", string(Names.LABEL_MANAGED_BY));
        v.put("managedByValue", string(Names.MANAGED_BY));
        v.put("tenantKey", string(Names.LABEL_TENANT));
        v.put("fluxNamespace", string(Names.FLUX_NAMESPACE));
        v.put("allowedRegistries", list(s.registries()));
        v.put("allowedRegistriesText", string(String.join(", ", s.registries())));
        v.put("networkPeers", list(s.networkPeers().stream().map(NetworkPeer::namespace).distinct().toList()));
        v.put("networkPeersText", string(s.networkPeers().isEmpty() ? "(none)"
                : s.networkPeers().stream().map(NetworkPeer::text).collect(Collectors.joining(", "))));
        // namespace -> ['<protocol>/<port>', ...], one map per direction
        v.put("ingressPeers", peerMap(s.networkPeers(), NetworkPeer.INGRESS));
        v.put("egressPeers", peerMap(s.networkPeers(), NetworkPeer.EGRESS));
        v.put("minInterval", string(s.minInterval()));
        v.put("maxTimeout", string(s.maxTimeout()));
        v.put("ingressDomainsAnnotation", string(Names.ANNOTATION_INGRESS_DOMAINS));
        // a tenant's objects may wait for its own platform layers: <tenant>-<env>-cluster and -shared in flux-system
        v.put("platformLayerSuffixes", list(List.of(
                Names.kustomizationSuffix(s.environment(), Names.Layer.CLUSTER),
                Names.kustomizationSuffix(s.environment(), Names.Layer.SHARED))));
        // who a request counts as the tenant for: everyone who is not a named platform identity (a person given
        // admin in the namespace through Rancher included), except a Flux controller writing Flux's kinds; the
        // deployers must therefore be named (admission.deployers, required in a strict environment)
        v.put("tenantIdentity", "!(request.userInfo.username in " + list(s.platformUsers()) + ") &&"
                + " !(has(request.userInfo.groups) && request.userInfo.groups.exists(g, g in "
                + list(s.platformGroups()) + ")) && !(request.userInfo.username in " + list(s.fluxControllers())
                + " && request.resource.group.endsWith('.toolkit.fluxcd.io'))");
        return v;
    }

    /** A CEL string literal (cel-spec langdef.md "String and Bytes Values": quotes and backslashes escaped). */
    static String string(String value) {
        StringBuilder out = new StringBuilder("'");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    /** A CEL map literal from each peer namespace of one direction to its ports ({@code 'TCP/8080'}). */
    static String peerMap(List<NetworkPeer> peers, String direction) {
        return peers.stream().filter(p -> p.direction().equals(direction))
                .map(p -> string(p.namespace()) + ": " + list(p.ports()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    static String list(List<String> values) {
        return values.stream().map(AdmissionPolicies::string).collect(Collectors.joining(", ", "[", "]"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> template(String concern) {
        String path = concern + ".yaml";
        try (InputStream in = AdmissionPolicies.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no admission policy template " + path);
            }
            return YAML.readValue(in, LinkedHashMap.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces every placeholder in every string of the tree; an unknown placeholder is a programming error. */
    @SuppressWarnings("unchecked")
    private static <T> T fill(T node, Map<String, String> values, String concern) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put((String) k, fill(v, values, concern)));
            return (T) out;
        }
        if (node instanceof List<?> list) {
            return (T) list.stream().map(v -> fill(v, values, concern)).toList();
        }
        if (node instanceof String text) {
            Matcher m = PLACEHOLDER.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String value = values.get(m.group(1));
                if (value == null) {
                    throw new IllegalStateException(concern + ".yaml: unknown placeholder " + m.group());
                }
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            return (T) out.toString();
        }
        return node;
    }
}
