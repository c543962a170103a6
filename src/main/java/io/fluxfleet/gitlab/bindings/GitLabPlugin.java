package io.fluxfleet.gitlab.bindings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The Pulumi GitLab provider plugin these bindings were written against (pulumi/pulumi-gitlab v10.1.1, checked by
 * {@code GitLabSchemaTest} against that version's schema). The version is spelled once, in
 * {@code com/pulumi/gitlab/plugin.json}: the Java language host finds that file on the classpath and installs the
 * plugin, and every binding pins the same version through {@link #withDefaults}, as a generated SDK does with its
 * {@code Utilities.getVersion()}.
 */
public final class GitLabPlugin {
    /** The resource path of the plugin descriptor the Java language host discovers. */
    public static final String DESCRIPTOR = "/com/pulumi/gitlab/plugin.json";
    public static final String NAME = "gitlab";
    public static final String VERSION = readVersion();

    private GitLabPlugin() {}

    /**
     * The caller's options merged over the defaults: the pinned plugin version, and the outputs the schema marks
     * secret, so they stay secret in the state whatever the provider returns.
     */
    static CustomResourceOptions withDefaults(CustomResourceOptions options, String... secretOutputs) {
        CustomResourceOptions.Builder defaults = CustomResourceOptions.builder().version(VERSION);
        if (secretOutputs.length > 0) {
            defaults.additionalSecretOutputs(List.of(secretOutputs));
        }
        return CustomResourceOptions.merge(defaults.build(), options);
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

    private static String readVersion() {
        try (InputStream in = GitLabPlugin.class.getResourceAsStream(DESCRIPTOR)) {
            if (in == null) {
                throw new IllegalStateException(DESCRIPTOR + " is missing from the classpath");
            }
            JsonNode descriptor = new ObjectMapper().readTree(in);
            if (!NAME.equals(descriptor.path("name").asText()) || !descriptor.path("version").isTextual()) {
                throw new IllegalStateException(DESCRIPTOR + " must name the gitlab plugin and its version");
            }
            return descriptor.get("version").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DESCRIPTOR, e);
        }
    }
}
