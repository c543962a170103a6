package io.fluxfleet.kube;

import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ProviderResource;

/**
 * The explicit Kubernetes provider of a stack, running plugin {@link KubernetesPlugin#VERSION}. Its type token is the
 * SDK provider's ({@code pulumi:providers:kubernetes}), so on a stack created with the 4.0.0 provider the URN is
 * unchanged and the upgrade is an update of this one resource (see README, "Upgrading the provider plugins").
 */
@ResourceType(type = "pulumi:providers:kubernetes")
public class KubernetesProvider extends ProviderResource {

    /** @param options merged over the defaults, which pin the plugin version; may be null */
    public KubernetesProvider(String name, KubernetesProviderArgs args, CustomResourceOptions options) {
        super(KubernetesPlugin.NAME, name, args, KubernetesPlugin.withDefaults(options));
    }
}
