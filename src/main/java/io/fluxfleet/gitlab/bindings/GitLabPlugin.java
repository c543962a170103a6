package io.fluxfleet.gitlab.bindings;

import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.CustomResourceOptions;

import io.fluxfleet.plugin.PluginDescriptor;


/**
 * The Pulumi GitLab provider plugin the bindings in this package are generated for (pulumi/pulumi-gitlab v10.1.1;
 * the build generates them from {@code src/main/schemas/pulumi-gitlab-schema.trimmed.json}, see
 * {@code src/build/GenerateBindings.java}). The version is spelled once, in {@code com/pulumi/gitlab/plugin.json}:
 * the Java language host finds that file on the classpath and installs the plugin, every generated binding pins the
 * same version through {@link #withDefaults}, as a generated SDK does with its {@code Utilities.getVersion()}, and
 * the generator refuses a trimmed schema of another version.
 */
public final class GitLabPlugin {
    public static final String NAME = "gitlab";
    /** The resource path of the plugin descriptor the Java language host discovers. */
    public static final String DESCRIPTOR = PluginDescriptor.path(NAME);
    private static final PluginDescriptor PLUGIN = PluginDescriptor.read(NAME);
    public static final String VERSION = PLUGIN.version();

    private GitLabPlugin() {}

    /**
     * The caller's options merged over the defaults: the pinned plugin version, and the outputs the schema marks
     * secret, so they stay secret in the state whatever the provider returns.
     */
    static CustomResourceOptions withDefaults(CustomResourceOptions options, String... secretOutputs) {
        return PLUGIN.withDefaults(options, secretOutputs);
    }

    /** Invoke options with the pinned plugin version, keeping the caller's parent and provider. */
    static InvokeOptions withVersion(InvokeOptions options) {
        InvokeOptions.Builder builder = InvokeOptions.builder().version(VERSION);
        if (options != null) {
            options.getParent().ifPresent(builder::parent);
            options.getProvider().ifPresent(builder::provider);
            options.getPluginDownloadURL().ifPresent(builder::pluginDownloadURL);
        }
        return builder.build();
    }
}
