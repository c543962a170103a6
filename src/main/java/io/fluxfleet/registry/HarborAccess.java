package io.fluxfleet.registry;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;

import io.fluxfleet.config.FluxFleetConfig.Harbor;
import io.fluxfleet.config.FluxFleetConfig.Tenant;
import io.fluxfleet.kube.Kube;
import io.fluxfleet.naming.Names;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Harbor pull secrets for the platform: one in {@code flux-system} for OCI chart sources, and one in each
 * of Rancher's monitoring and logging namespaces. Those namespaces are created when missing and kept on
 * destroy, since Rancher may own them. Tenant namespaces get theirs through {@link #pullSecret}.
 */
public final class HarborAccess extends ComponentResource {
    public static final String TYPE = "fluxfleet:registry:HarborAccess";
    public static final String DOCKER_CONFIG_JSON = "kubernetes.io/dockerconfigjson";

    private final Secret fluxSecret;
    private final Map<String, Namespace> platformNamespaces = new LinkedHashMap<>();

    /**
     * What Harbor access takes.
     *
     * @param kube          the cluster's provider, protection and labels
     * @param harbor        the registry and the robot account Flux and the Rancher charts pull with
     * @param fluxNamespace {@code flux-system}, which must exist before its secret
     */
    public record Args(Kube kube, Harbor harbor, Resource fluxNamespace) {}

    public HarborAccess(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        Kube kube = args.kube();
        this.fluxSecret = pullSecret(args.harbor(), kube, Names.HARBOR_FLUX_SECRET, Names.FLUX_NAMESPACE, null, this,
                args.fluxNamespace());
        for (String namespace : new String[] {Names.MONITORING_NAMESPACE, Names.LOGGING_NAMESPACE}) {
            Namespace ns = new Namespace(namespace, NamespaceArgs.builder()
                    .metadata(kube.meta(namespace, null, null))
                    .build(), kube.retained(this));
            platformNamespaces.put(namespace, ns);
            pullSecret(args.harbor(), kube, Names.HARBOR_WORKLOAD_SECRET, namespace, null, this, ns);
        }
        registerOutputs(Map.of("fluxSecret", Output.of(Names.HARBOR_FLUX_SECRET)));
    }

    /** The pull secret OCI sources in {@code flux-system} reference. */
    public Secret fluxSecret() {
        return fluxSecret;
    }

    /** Rancher's monitoring and logging namespaces, by name. */
    public Map<String, Namespace> platformNamespaces() {
        return Map.copyOf(platformNamespaces);
    }

    /**
     * A {@code kubernetes.io/dockerconfigjson} Secret for Harbor in {@code namespace}. The whole
     * {@code .dockerconfigjson} document is a Pulumi secret.
     */
    public static Secret pullSecret(Harbor harbor, Kube kube, String secretName, String namespace, Tenant tenant,
                                    Resource parent, Resource dependsOn) {
        Output<String> config = Output.ofSecret(harbor.password().reveal())
                .applyValue(password -> dockerConfigJson(harbor.host(), harbor.username(), password));
        return new Secret(Names.resource(namespace, secretName), SecretArgs.builder()
                .metadata(kube.meta(secretName, namespace, tenant))
                .type(DOCKER_CONFIG_JSON)
                .stringData(config.applyValue(json -> Map.of(".dockerconfigjson", json)))
                .build(), kube.child(parent, dependsOn));
    }

    /**
     * The {@code .dockerconfigjson} document: one {@code auths} entry keyed by the registry host, with
     * {@code auth} = base64 of {@code username:password}, as {@code docker login} writes it.
     */
    public static String dockerConfigJson(String host, String username, String password) {
        String auth = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return "{\"auths\":{" + json(host) + ":{\"username\":" + json(username) + ",\"password\":" + json(password)
                + ",\"auth\":" + json(auth) + "}}}";
    }

    private static String json(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
