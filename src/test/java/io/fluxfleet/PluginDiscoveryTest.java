package io.fluxfleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * How {@code pulumi} learns which provider plugins to install for a jar program: the Java language host runs
 * {@code java -cp <jar> com.pulumi.bootstrap.internal.Main packages}, which lists every
 * {@code com/pulumi/<name>/plugin.json} on the classpath. fluxfleet's own bindings must be among them.
 */
class PluginDiscoveryTest {
    @Test
    void everyProviderPluginIsDiscoverable() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            com.pulumi.bootstrap.internal.Main.main(new String[] {"packages"});
        } finally {
            System.setOut(original);
        }
        Map<String, String> plugins = new TreeMap<>();
        for (JsonNode plugin : new ObjectMapper().readTree(captured.toString(StandardCharsets.UTF_8))) {
            assertEquals(true, plugin.get("resource").asBoolean(), plugin.toString());
            plugins.put(plugin.get("name").asText(), plugin.get("version").asText());
        }
        assertEquals(Map.of("kubernetes", "4.0.0", "gitlab", "10.1.1", "random", "4.16.8"), plugins);
    }
}
