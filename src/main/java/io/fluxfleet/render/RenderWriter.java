package io.fluxfleet.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a {@link RenderResult} into the review files. All content is computed in memory first and only
 * then written, with secrets redacted and keys sorted, so the same config gives the same bytes.
 */
public final class RenderWriter {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final ObjectWriter JSON_WRITER = JSON.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR))
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private RenderWriter() {}

    /** File name (relative to the output directory) to content. */
    public static Map<String, String> files(RenderResult result) {
        Map<String, String> files = new TreeMap<>();
        files.put("resources.json", resourcesJson(result));
        files.put("kubernetes.yaml", kubernetesYaml(result));
        for (Recorded release : result.helmReleases()) {
            Object values = RenderResult.redact(release.inputs());
            Map<?, ?> inputs = (Map<?, ?>) values;
            String releaseName = String.valueOf(inputs.containsKey("name") ? inputs.get("name") : release.name());
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("chart", inputs.get("chart"));
            doc.put("version", inputs.get("version"));
            Object repo = inputs.get("repositoryOpts");
            doc.put("repository", repo instanceof Map<?, ?> m ? m.get("repo") : null);
            doc.put("namespace", inputs.get("namespace"));
            doc.put("values", inputs.get("values"));
            files.put("helm-values/" + releaseName + ".yaml", yaml(doc));
        }
        return files;
    }

    public static void write(RenderResult result, Path out) throws IOException {
        Map<String, String> files = files(result);
        Files.createDirectories(out);
        Files.deleteIfExists(out.resolve("resources.json"));
        Files.deleteIfExists(out.resolve("kubernetes.yaml"));
        Path helm = out.resolve("helm-values");
        if (Files.isDirectory(helm)) {
            try (var stale = Files.list(helm)) {
                for (Path p : stale.toList()) {
                    Files.delete(p);
                }
            }
        }
        for (var file : files.entrySet()) {
            Path target = out.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
        }
    }

    static String resourcesJson(RenderResult result) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Recorded r : result.resources()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("type", r.type());
            row.put("name", r.name());
            row.put("urn", r.urn());
            if (!r.custom()) {
                row.put("component", true);
            }
            if (!r.parent().isEmpty()) {
                row.put("parent", r.parent());
            }
            if (!r.providerUrn().isEmpty()) {
                row.put("provider", r.providerUrn());
            }
            Map<String, Object> options = options(r);
            if (!options.isEmpty()) {
                row.put("options", options);
            }
            if (!r.dependencies().isEmpty()) {
                row.put("dependencies", r.dependencies().stream().distinct().sorted().toList());
            }
            row.put("inputs", RenderResult.redact(r.inputs()));
            rows.add(row);
        }
        try {
            return JSON_WRITER.writeValueAsString(rows) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The resource options the engine's plan depends on, each only when it differs from the engine's default, so
     * that a render records exactly what {@code fluxfleet plan} needs (see {@code io.fluxfleet.plan}).
     */
    static Map<String, Object> options(Recorded r) {
        Map<String, Object> options = new TreeMap<>();
        if (r.protect()) {
            options.put("protect", true);
        }
        if (r.retainOnDelete()) {
            options.put("retainOnDelete", true);
        }
        if (r.deleteBeforeReplace() != null) {
            options.put("deleteBeforeReplace", r.deleteBeforeReplace());
        }
        if (!r.replaceOnChanges().isEmpty()) {
            options.put("replaceOnChanges", r.replaceOnChanges().stream().sorted().toList());
        }
        if (!r.ignoreChanges().isEmpty()) {
            options.put("ignoreChanges", r.ignoreChanges().stream().sorted().toList());
        }
        if (!r.aliases().isEmpty()) {
            options.put("aliases", r.aliases());
        }
        if (!r.importId().isEmpty()) {
            options.put("import", r.importId());
        }
        return options;
    }

    static String kubernetesYaml(RenderResult result) {
        StringBuilder out = new StringBuilder();
        for (Recorded r : result.kubernetesObjects()) {
            Map<String, Object> object = new LinkedHashMap<>();
            Map<?, ?> inputs = (Map<?, ?>) RenderResult.redact(r.inputs());
            object.put("apiVersion", inputs.get("apiVersion"));
            object.put("kind", inputs.get("kind"));
            object.put("metadata", inputs.get("metadata"));
            inputs.forEach((k, v) -> {
                if (!object.containsKey(String.valueOf(k))) {
                    object.put(String.valueOf(k), v);
                }
            });
            out.append("---\n").append(yaml(object));
        }
        return out.toString();
    }

    static String yaml(Object value) {
        try {
            return YAML.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts per kind, for the summary render prints. */
    public static Map<String, Integer> countsByKind(RenderResult result) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Recorded r : result.resources()) {
            String type = r.type();
            String kind = type.substring(type.lastIndexOf(':') + 1);
            String group = type.startsWith("kubernetes:") ? "" : type.substring(0, type.indexOf(':')) + " ";
            if (type.startsWith("pulumi:providers:")) {
                kind = "provider " + kind;
                group = "";
            }
            counts.merge(group + kind, 1, Integer::sum);
        }
        return counts;
    }
}
