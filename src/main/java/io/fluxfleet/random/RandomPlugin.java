package io.fluxfleet.random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.resources.CustomResourceOptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The Pulumi random provider plugin the binding is written against (pulumi/pulumi-random 4.16.8; the SDK is not on
 * Maven Central). The version is spelled once, in {@code com/pulumi/random/plugin.json}: the Java language host finds
 * that descriptor on the classpath and installs the plugin, and {@link #withDefaults} pins the same version on every
 * resource, as a generated SDK's {@code Utilities.getVersion()} does.
 */
public final class RandomPlugin {
    /** The resource path of the plugin descriptor the Java language host discovers. */
    public static final String DESCRIPTOR = "/com/pulumi/random/plugin.json";
    public static final String NAME = "random";
    public static final String VERSION = readVersion();

    private RandomPlugin() {}

    /** The caller's options over the defaults: the pinned plugin version and the outputs the schema marks secret. */
    static CustomResourceOptions withDefaults(CustomResourceOptions options, String... secretOutputs) {
        CustomResourceOptions.Builder defaults = CustomResourceOptions.builder().version(VERSION);
        if (secretOutputs.length > 0) {
            defaults.additionalSecretOutputs(List.of(secretOutputs));
        }
        return CustomResourceOptions.merge(defaults.build(), options);
    }

    private static String readVersion() {
        try (InputStream in = RandomPlugin.class.getResourceAsStream(DESCRIPTOR)) {
            if (in == null) {
                throw new IllegalStateException(DESCRIPTOR + " is missing from the classpath");
            }
            JsonNode descriptor = new ObjectMapper().readTree(in);
            if (!NAME.equals(descriptor.path("name").asText()) || !descriptor.path("version").isTextual()) {
                throw new IllegalStateException(DESCRIPTOR + " must name the random plugin and its version");
            }
            return descriptor.get("version").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DESCRIPTOR, e);
        }
    }
}
