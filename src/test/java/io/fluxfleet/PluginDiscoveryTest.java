package io.fluxfleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fluxfleet.gitlab.bindings.GitLabPlugin;
import io.fluxfleet.kube.KubernetesPlugin;
import io.fluxfleet.random.RandomPlugin;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How {@code pulumi} learns which provider plugins to install for a jar program: the Java language host runs
 * {@code java -cp <jar> com.pulumi.bootstrap.internal.Main packages} (pulumi/pulumi-java
 * pkg/cmd/pulumi-language-java/executor_jar.go, {@code pluginArgs}), which lists every
 * {@code com/pulumi/<name>/plugin.json} on the classpath (sdk/java bootstrap {@code PulumiPlugins.fromClasspath}: Guava
 * {@code ClassPath} resources, one per resource name, the first classpath entry winning). The engine then also gives an
 * explicit provider registered without a version the version listed here (pkg/resource/deploy/source_eval.go:
 * "Make sure that an explicit provider which doesn't specify its plugin gets the same plugin as the default
 * provider"). So the list must name the versions the providers run, kubernetes included, whose SDK jar carries a
 * descriptor for 4.0.0. {@link PluginDiscoveryIT} runs the same command against the built jar.
 */
public class PluginDiscoveryTest {
    public static final Map<String, String> EXPECTED = Map.of("kubernetes", "4.32.0", "gitlab", "10.1.1", "random", "4.16.8");

    @Test
    void everyProviderPluginIsDiscoverableAtThePinnedVersion() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            com.pulumi.bootstrap.internal.Main.main(new String[] {"packages"});
        } finally {
            System.setOut(original);
        }
        assertEquals(EXPECTED, plugins(captured.toString(StandardCharsets.UTF_8)));
    }

    @Test
    void theBindingsPinTheDiscoveredVersions() {
        assertEquals(EXPECTED, Map.of(KubernetesPlugin.NAME, KubernetesPlugin.VERSION, GitLabPlugin.NAME,
                GitLabPlugin.VERSION, RandomPlugin.NAME, RandomPlugin.VERSION));
    }

    /** On the test classpath the SDK jar's 4.0.0 descriptor is present too; fluxfleet's comes first and wins. */
    @Test
    void fluxfleetsKubernetesDescriptorShadowsTheSdks() throws IOException {
        List<URL> descriptors = Collections.list(getClass().getClassLoader().getResources("com/pulumi/kubernetes/plugin.json"));
        assertEquals(2, descriptors.size(), descriptors.toString());
        assertTrue(descriptors.get(0).getProtocol().equals("file"), "target/classes first: " + descriptors);
        assertTrue(descriptors.get(1).toString().contains("kubernetes-4.0.0.jar"), descriptors.toString());
    }

    /** The language host's answer, {@code [{"resource":true,"name":…,"version":…}, …]}, as name to version. */
    public static Map<String, String> plugins(String json) throws IOException {
        Map<String, String> plugins = new TreeMap<>();
        for (JsonNode plugin : new ObjectMapper().readTree(json)) {
            assertEquals(true, plugin.get("resource").asBoolean(), plugin.toString());
            String previous = plugins.put(plugin.get("name").asText(), plugin.get("version").asText());
            assertEquals(null, previous, "listed twice: " + plugin.get("name"));
        }
        return plugins;
    }
}
