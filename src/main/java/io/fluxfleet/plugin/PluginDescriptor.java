package io.fluxfleet.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.resources.CustomResourceOptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A provider plugin fluxfleet pins itself, read from its {@code com/pulumi/<name>/plugin.json}: the descriptor the
 * Java language host discovers on the classpath to install the plugin. The version is spelled there once;
 * {@link #withDefaults} pins the same version on every resource of the bindings fluxfleet generates (GitLab,
 * random), as a generated SDK's {@code Utilities.getVersion()} does.
 */
public record PluginDescriptor(String name, String version) {

    /** The classpath resource of a plugin's descriptor. */
    public static String path(String name) {
        return "/com/pulumi/" + name + "/plugin.json";
    }

    /** Reads and checks the descriptor of plugin {@code name}; fails if it is missing or names another plugin. */
    public static PluginDescriptor read(String name) {
        String path = path(name);
        try (InputStream in = PluginDescriptor.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the classpath");
            }
            JsonNode descriptor = new ObjectMapper().readTree(in);
            if (!name.equals(descriptor.path("name").asText()) || !descriptor.path("version").isTextual()) {
                throw new IllegalStateException(path + " must name the " + name + " plugin and its version");
            }
            return new PluginDescriptor(name, descriptor.get("version").asText());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /**
     * The caller's options merged over the defaults: the pinned plugin version, and the outputs the schema marks
     * secret, so they stay secret in the state whatever the provider returns.
     */
    public CustomResourceOptions withDefaults(CustomResourceOptions options, String... secretOutputs) {
        CustomResourceOptions.Builder defaults = CustomResourceOptions.builder().version(version);
        if (secretOutputs.length > 0) {
            defaults.additionalSecretOutputs(List.of(secretOutputs));
        }
        return CustomResourceOptions.merge(defaults.build(), options);
    }
}
