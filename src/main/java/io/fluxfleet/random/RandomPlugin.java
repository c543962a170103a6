package io.fluxfleet.random;

import com.pulumi.resources.CustomResourceOptions;

import io.fluxfleet.plugin.PluginDescriptor;


/**
 * The Pulumi random provider plugin the binding in this package is generated for (pulumi/pulumi-random 4.16.8,
 * whose Java SDK is not on Maven Central; the build generates {@code RandomPassword} from
 * {@code src/main/schemas/pulumi-random-schema.trimmed.json}). The version is spelled once, in
 * {@code com/pulumi/random/plugin.json}: the Java language host finds that descriptor on the classpath and installs
 * the plugin, {@link #withDefaults} pins the same version on every resource, as a generated SDK's
 * {@code Utilities.getVersion()} does, and the generator refuses a trimmed schema of another version.
 */
public final class RandomPlugin {
    public static final String NAME = "random";
    /** The resource path of the plugin descriptor the Java language host discovers. */
    public static final String DESCRIPTOR = PluginDescriptor.path(NAME);
    private static final PluginDescriptor PLUGIN = PluginDescriptor.read(NAME);
    public static final String VERSION = PLUGIN.version();

    private RandomPlugin() {}

    /** The caller's options over the defaults: the pinned plugin version and the outputs the schema marks secret. */
    static CustomResourceOptions withDefaults(CustomResourceOptions options, String... secretOutputs) {
        return PLUGIN.withDefaults(options, secretOutputs);
    }
}
