package io.fluxfleet.kube;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import io.fluxfleet.config.Environment;
import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.config.FluxFleetConfig.Tenant;
import io.fluxfleet.naming.Names;

import java.util.Arrays;
import java.util.Map;

/**
 * What every Kubernetes resource of a stack shares: the one explicit provider for the environment's
 * cluster, prod protection, and the common labels. Passing this down is how fluxfleet makes sure nothing
 * falls back to the default provider (and with it the current kubectl context).
 */
public record Kube(KubernetesProvider provider, boolean protect, Environment environment) {

    /**
     * The stack's explicit provider for the environment's cluster ({@code cluster.context} or {@code cluster.kubeconfig},
     * exactly one), on the pinned plugin and with fluxfleet's provider settings (see {@link KubernetesProviderArgs}).
     */
    public static KubernetesProvider explicitProvider(FluxFleetConfig config) {
        var args = KubernetesProviderArgs.builder();
        config.cluster().context().ifPresent(args::context);
        if (!config.cluster().id().isEmpty()) {
            args.clusterIdentifier(config.cluster().id());
        }
        config.cluster().kubeconfig().ifPresent(k -> args.kubeconfig(Output.ofSecret(k.reveal())));
        return new KubernetesProvider(Names.kubernetesProvider(config.environment()), args.build(),
                CustomResourceOptions.builder().protect(config.protect()).build());
    }

    /** The same, with protection as given: a retired tenant's resources are not protected. */
    public Kube withProtect(boolean protect) {
        return protect == this.protect ? this : new Kube(provider, protect, environment);
    }

    /** Options for a Kubernetes resource that is a child of {@code parent}. */
    public CustomResourceOptions child(Resource parent, Resource... dependsOn) {
        var builder = CustomResourceOptions.builder()
                .provider(provider)
                .parent(parent)
                .protect(protect);
        if (dependsOn.length > 0) {
            builder.dependsOn(Arrays.asList(dependsOn));
        }
        return builder.build();
    }

    /** Like {@link #child}, for an object that may exist before fluxfleet and must survive a destroy. */
    public CustomResourceOptions retained(Resource parent) {
        return CustomResourceOptions.builder()
                .provider(provider)
                .parent(parent)
                .protect(protect)
                .retainOnDelete(true)
                .build();
    }

    /** Options for a top-level component; its children inherit the provider through {@code providers}. */
    public ComponentResourceOptions component() {
        return ComponentResourceOptions.builder().providers(provider).protect(protect).build();
    }

    /**
     * An Opaque Secret {@code name} in {@code namespace} holding one secret value under {@code key}, a child of
     * {@code parent} created after its namespace: the token Secrets Flux's notification objects read.
     */
    public Secret tokenSecret(Resource parent, String namespace, Resource namespaceResource, Tenant tenant, String name,
                              String key, Output<String> value) {
        return new Secret(Names.resource(namespace, name), SecretArgs.builder()
                .metadata(meta(name, namespace, tenant))
                .type("Opaque")
                .stringData(value.asSecret().applyValue(v -> Map.of(key, v)))
                .build(), child(parent, namespaceResource));
    }

    /** Metadata with fluxfleet's labels; {@code tenant} may be null for platform objects. */
    public ObjectMetaArgs meta(String name, String namespace, Tenant tenant) {
        var builder = ObjectMetaArgs.builder().name(name).labels(Names.labels(environment, tenant));
        if (namespace != null) {
            builder.namespace(namespace);
        }
        return builder.build();
    }
}
