package io.fluxfleet.gitlab.bindings;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ProviderResource;

/**
 * The explicit GitLab provider: the one GitLab instance a stack governs. Every GitLab resource and lookup takes it;
 * nothing falls back to a default provider. The token input is always a secret.
 */
@ResourceType(type = "pulumi:providers:gitlab")
public class Provider extends ProviderResource {
    /** This is the target GitLab base API endpoint. */
    @Export(name = "baseUrl", refs = {String.class}, tree = "[0]")
    private Output<String> baseUrl;

    public Output<String> baseUrl() {
        return this.baseUrl;
    }

    public Provider(String name, ProviderArgs args) {
        this(name, args, null);
    }

    /** @param options merged over the defaults, which pin the plugin version; may be null */
    public Provider(String name, ProviderArgs args, CustomResourceOptions options) {
        super("gitlab", name, args, GitLabPlugin.withDefaults(options, "token"));
    }
}
