package io.fluxfleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fluxfleet.config.ConfigLoader;
import io.fluxfleet.config.RawConfig;
import io.fluxfleet.testing.Stacks;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** README's config reference and Pulumi.yaml's declarations name exactly the keys the loader reads. */
class DocumentationTest {
    private static final Pattern KEY = Pattern.compile("`([^`]+)`");

    /** Every key the loader asks for when reading the committed dev stack (which sets every section). */
    private static Set<String> leafKeys() {
        Set<String> read = new TreeSet<>();
        for (String key : ConfigLoader.keysRead("dev", RawConfig.fromStackFile(Stacks.stackFile("dev")))) {
            read.add(key.substring(RawConfig.NAMESPACE.length() + 1));
        }
        Set<String> leaves = new TreeSet<>();
        for (String key : read) {
            boolean parent = read.stream().anyMatch(k -> k.startsWith(key + ".") || k.startsWith(key + "[]"));
            if (!parent) {
                leaves.add(key);
            }
        }
        return leaves;
    }

    /** The first column of README's configuration reference, with its compact forms expanded. */
    private static Set<String> documentedKeys() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("## Configuration reference"));
        section = section.substring(0, section.indexOf("\n## ", 5));
        Set<String> keys = new TreeSet<>();
        for (String line : section.split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String cell = line.split("\\|")[1];
            String previous = null;
            Matcher m = KEY.matcher(cell);
            while (m.find()) {
                String key = m.group(1);
                if (key.startsWith(".") && previous != null) {
                    key = previous.substring(0, previous.lastIndexOf('.')) + key;
                }
                keys.addAll(expand(key));
                previous = key;
            }
        }
        keys.remove("tenants[]");
        return keys;
    }

    private static List<String> expand(String key) {
        int open = key.indexOf('{');
        if (open < 0) {
            return List.of(key);
        }
        int close = key.indexOf('}', open);
        List<String> out = new ArrayList<>();
        for (String part : key.substring(open + 1, close).split(",")) {
            out.addAll(expand(key.substring(0, open) + part.trim() + key.substring(close + 1)));
        }
        return out;
    }

    @Test
    void readmeDocumentsExactlyTheKeysTheLoaderReads() throws IOException {
        Set<String> read = leafKeys();
        Set<String> documented = documentedKeys();
        Set<String> undocumented = new TreeSet<>(read);
        undocumented.removeAll(documented);
        Set<String> unknown = new TreeSet<>(documented);
        unknown.removeAll(read);
        assertEquals(Set.of(), undocumented, "keys the loader reads that README's config reference lacks");
        assertEquals(Set.of(), unknown, "keys README documents that the loader does not read");
        assertTrue(read.size() > 60, read.toString());
    }

    @Test
    void pulumiYamlDeclaresEveryTopLevelKey() throws IOException {
        JsonNode project = new ObjectMapper(new YAMLFactory()).readTree(Path.of("Pulumi.yaml").toFile());
        Set<String> declared = new TreeSet<>();
        project.get("config").fieldNames().forEachRemaining(k -> declared.add(k.substring(RawConfig.NAMESPACE.length() + 1)));
        Set<String> topLevel = new TreeSet<>();
        leafKeys().forEach(k -> topLevel.add(k.split("[.\\[]", 2)[0]));
        assertEquals(topLevel, declared);
        assertEquals("target/fluxfleet.jar", project.at("/runtime/options/binary").asText());
        project.get("config").forEach(entry -> assertTrue(entry.hasNonNull("description"), entry.toString()));
    }
}
