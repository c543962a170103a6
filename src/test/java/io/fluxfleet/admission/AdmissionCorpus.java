package io.fluxfleet.admission;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fluxfleet.admission.AdmissionSimulator.Request;
import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.config.FluxFleetConfig.Tenant;
import io.fluxfleet.naming.Names;
import io.fluxfleet.tenancy.NamespaceMetadata;
import io.fluxfleet.testing.Stacks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The corpus of requests in {@code src/test/resources/admission/<concern>/<verdict>-<case>.yaml} (verdict
 * {@code allow} or {@code deny}), the stack they are judged against, and the identities they are sent as.
 *
 * <p>A case file holds {@code as} (an identity below), {@code operation} (default CREATE), {@code namespace}
 * (default tenant1), optionally {@code subResource}, and {@code object} and/or {@code oldObject}.
 */
public final class AdmissionCorpus {
    public static final Path ROOT = Path.of("src", "test", "resources", "admission");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** An identity: user name and groups, as the API server's authenticator gives them. */
    public record Identity(String username, List<String> groups) {}

    /** The identities the corpus sends requests as. */
    public static final Map<String, Identity> IDENTITIES = Map.ofEntries(
            Map.entry("tenant", serviceAccount("tenant1", "tenant1-reconciler")),
            Map.entry("tenant-pod", serviceAccount("tenant1", "default")),
            Map.entry("tenant-human", new Identity("alice@example.com", List.of("system:authenticated", "tenant1-developers"))),
            Map.entry("platform", serviceAccount(Names.FLUX_NAMESPACE, Names.PLATFORM_RECONCILER)),
            Map.entry("deployer", new Identity("pulumi-deployer", List.of("system:authenticated"))),
            Map.entry("kustomize-controller", serviceAccount(Names.FLUX_NAMESPACE, "kustomize-controller")),
            Map.entry("replicaset-controller", serviceAccount("kube-system", "replicaset-controller")),
            Map.entry("daemon-set-controller", serviceAccount("kube-system", "daemon-set-controller")),
            Map.entry("namespace-controller", serviceAccount("kube-system", "namespace-controller")),
            Map.entry("resourcequota-controller", serviceAccount("kube-system", "resourcequota-controller")),
            Map.entry("source-controller", serviceAccount(Names.FLUX_NAMESPACE, "source-controller")),
            Map.entry("cluster-admin", new Identity("admin", List.of("system:masters", "system:authenticated"))));

    /** kind → API group and resource, for the kinds in the corpus (the resources' REST names). */
    private static final Map<String, String> RESOURCES = Map.ofEntries(
            Map.entry("Pod", "pods"), Map.entry("Service", "services"), Map.entry("ConfigMap", "configmaps"),
            Map.entry("Secret", "secrets"), Map.entry("ServiceAccount", "serviceaccounts"),
            Map.entry("ResourceQuota", "resourcequotas"), Map.entry("LimitRange", "limitranges"),
            Map.entry("ReplicationController", "replicationcontrollers"), Map.entry("Deployment", "deployments"),
            Map.entry("StatefulSet", "statefulsets"), Map.entry("DaemonSet", "daemonsets"),
            Map.entry("ReplicaSet", "replicasets"), Map.entry("Job", "jobs"), Map.entry("CronJob", "cronjobs"),
            Map.entry("NetworkPolicy", "networkpolicies"), Map.entry("Ingress", "ingresses"),
            Map.entry("RoleBinding", "rolebindings"), Map.entry("Kustomization", "kustomizations"),
            Map.entry("HelmRelease", "helmreleases"), Map.entry("GitRepository", "gitrepositories"),
            Map.entry("OCIRepository", "ocirepositories"), Map.entry("HelmRepository", "helmrepositories"),
            Map.entry("Bucket", "buckets"), Map.entry("HelmChart", "helmcharts"), Map.entry("Alert", "alerts"),
            Map.entry("Provider", "providers"), Map.entry("Receiver", "receivers"),
            Map.entry("ServiceMonitor", "servicemonitors"), Map.entry("PodMonitor", "podmonitors"),
            Map.entry("Probe", "probes"), Map.entry("ScrapeConfig", "scrapeconfigs"),
            Map.entry("ThanosRuler", "thanosrulers"), Map.entry("AlertmanagerConfig", "alertmanagerconfigs"),
            Map.entry("ExternalArtifact", "externalartifacts"), Map.entry("ArtifactGenerator", "artifactgenerators"),
            Map.entry("ImageRepository", "imagerepositories"), Map.entry("ImageUpdateAutomation", "imageupdateautomations"));

    private AdmissionCorpus() {}

    private static Identity serviceAccount(String namespace, String name) {
        return new Identity(Names.serviceAccountUser(namespace, name),
                List.of("system:serviceaccounts", "system:serviceaccounts:" + namespace, "system:authenticated"));
    }

    /**
     * The stack the corpus is judged against: dev, tenants tenant1 (domain tenant1.apps.example.com) and tenant2,
     * Harbor harbor.example.com, network peers {@link #networkPeers}, deployer pulumi-deployer.
     */
    public static FluxFleetConfig config() {
        ObjectNode config = Stacks.minimal("dev", 2);
        ((ObjectNode) config.get("tenants").get(0)).putArray("ingressDomains").add("tenant1.apps.example.com");
        ObjectNode admission = config.putObject("admission");
        networkPeers(admission);
        admission.putArray("deployers").add("pulumi-deployer");
        return Stacks.load("dev", config);
    }

    /**
     * The corpus's {@code admission.networkPeers}: the ingress controller's namespace reaches tenant pods on TCP 8080
     * and 8443 (ingress only), and tenant pods reach a shared Vault on TCP 8200 (egress only).
     */
    public static void networkPeers(ObjectNode admission) {
        var peers = admission.putArray("networkPeers");
        ObjectNode ingress = peers.addObject().put("namespace", "ingress-nginx").put("direction", "ingress");
        ingress.putArray("ports").addObject().put("port", 8080);
        ((com.fasterxml.jackson.databind.node.ArrayNode) ingress.get("ports")).addObject().put("port", 8443).put("protocol", "TCP");
        ObjectNode egress = peers.addObject().put("namespace", "vault").put("direction", "egress");
        egress.putArray("ports").addObject().put("port", 8200);
    }

    public static List<AdmissionPolicies.Policy> policies() {
        return AdmissionPolicies.of(AdmissionPolicies.settings(config()));
    }

    /** Every case file, sorted. */
    public static List<Path> cases() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    /** The namespace as the program creates it: for a tenant, its labels from the program's own code. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> namespaceObject(FluxFleetConfig config, String namespace) {
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, String> annotations = new LinkedHashMap<>();
        labels.put("kubernetes.io/metadata.name", namespace);
        config.tenants().stream().filter(t -> t.namespace().equals(namespace)).findFirst().ifPresent((Tenant t) -> {
            labels.putAll(NamespaceMetadata.labels(config.environment(), t));
            annotations.putAll(NamespaceMetadata.annotations(t));
        });
        Map<String, Object> meta = new LinkedHashMap<>(Map.of("name", namespace, "labels", labels));
        if (!annotations.isEmpty()) {
            meta.put("annotations", annotations);
        }
        return Map.of("apiVersion", "v1", "kind", "Namespace", "metadata", meta);
    }

    @SuppressWarnings("unchecked")
    public static Request request(FluxFleetConfig config, Path file) throws IOException {
        Map<String, Object> c = YAML.readValue(file.toFile(), Map.class);
        Identity who = IDENTITIES.get((String) c.get("as"));
        if (who == null) {
            throw new IllegalArgumentException(file + ": unknown identity " + c.get("as"));
        }
        Map<String, Object> object = (Map<String, Object>) c.get("object");
        Map<String, Object> oldObject = (Map<String, Object>) c.get("oldObject");
        Map<String, Object> any = object != null ? object : oldObject;
        String apiVersion = (String) any.get("apiVersion");
        String kind = (String) any.get("kind");
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        String resource = RESOURCES.get(kind);
        if (resource == null) {
            throw new IllegalArgumentException(file + ": no resource for kind " + kind);
        }
        String namespace = (String) c.getOrDefault("namespace", "tenant1");
        Map<String, Object> meta = (Map<String, Object>) any.get("metadata");
        return new Request((String) c.getOrDefault("operation", "CREATE"), who.username(), who.groups(), namespace,
                (String) meta.getOrDefault("name", ""), group, version, resource,
                (String) c.getOrDefault("subResource", ""), kind, object, oldObject, namespaceObject(config, namespace));
    }
}
