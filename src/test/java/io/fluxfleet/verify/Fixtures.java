package io.fluxfleet.verify;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads the third-party fixtures in {@code src/test/resources} (see its SOURCES.md): locates them on the
 * test classpath and parses YAML streams and JSON into plain trees.
 */
public final class Fixtures {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    /** A fixture file or folder on the test classpath, e.g. {@code flux-crds}. */
    public static Path path(String resource) {
        URL url = Fixtures.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException("test fixture " + resource + " is not on the classpath "
                    + "(expected under src/test/resources; see SOURCES.md there)");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException("test fixture " + resource + " is not a plain file: " + url, e);
        }
    }

    /** The files directly in a fixture folder whose names end with {@code suffix}, sorted. */
    public static List<Path> files(String folder, String suffix) {
        try (Stream<Path> files = Files.list(path(folder))) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every non-empty document of a YAML stream, as trees. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> yamlDocuments(String yaml) {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (MappingIterator<Object> it = YAML.readerFor(Object.class).readValues(yaml)) {
            while (it.hasNext()) {
                Object document = it.next();
                if (document instanceof Map<?, ?> map && !map.isEmpty()) {
                    documents.add((Map<String, Object>) map);
                } else if (document != null && !(document instanceof Map)) {
                    throw new IllegalArgumentException("YAML document is not a mapping: " + KubeObjects.show(document));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    public static List<Map<String, Object>> yamlDocuments(Path file) {
        try {
            return yamlDocuments(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> json(Path file) {
        try {
            return JSON.readValue(file.toFile(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
