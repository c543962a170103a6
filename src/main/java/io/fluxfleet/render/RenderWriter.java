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
    private static final DefaultPrettyPrinter JSON_PRETTY = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    private static final ObjectWriter JSON_WRITER = JSON.writer(JSON_PRETTY);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR))
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private RenderWriter() {}

    /** File name (relative to the output directory) to content. */
    public static Map<String, String> files(RenderResult result) {
        return files(result, true);
    }

    private static Map<String, String> files(RenderResult result, boolean withLists) {
        Map<String, String> files = new TreeMap<>();
        if (withLists) {
            files.put("resources.json", resourcesJson(result));
            files.put("kubernetes.yaml", kubernetesYaml(result));
        }
        for (Recorded release : result.helmReleases()) {
            Object values = result.redact(release.inputs());
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

    /** The entries a render output directory holds; anything else in --out was not written by render. */
    public static final java.util.Set<String> OUTPUT_ENTRIES = java.util.Set.of("resources.json", "kubernetes.yaml", "helm-values");

    /** --out cannot be used: it is a link, a file, or a directory holding files render did not write. */
    public static final class UnusableOutputException extends IOException {
        UnusableOutputException(String message) {
            super(message);
        }
    }

    /**
     * Writes the review files to {@code out}, replacing a previous render there atomically: everything is written
     * to a new directory beside {@code out} first, and only a complete output is renamed into place, so a failed
     * or interrupted render leaves the previous output as it was. Nothing outside {@code out} (and the temporary
     * directory beside it) is written or deleted, and no link is followed: {@code out} itself must not be a link,
     * and a link inside a previous output is removed as a link, its target untouched. {@code resources.json} and
     * {@code kubernetes.yaml} are streamed, one resource at a time.
     *
     * @throws UnusableOutputException {@code out} is a link, not a directory, or holds files render did not write
     */
    public static void write(RenderResult result, Path out) throws IOException {
        Path target = out.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null) {
            throw new UnusableOutputException("--out must name a directory below the file system root");
        }
        if (Files.isSymbolicLink(target)) {
            throw new UnusableOutputException(io.fluxfleet.config.Shown.quoted(out.toString())
                    + " is a symbolic link: render writes only into a real directory and never follows a link");
        }
        boolean exists = Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        if (exists) {
            if (!Files.isDirectory(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new UnusableOutputException(io.fluxfleet.config.Shown.quoted(out.toString()) + " is not a directory");
            }
            try (var entries = Files.list(target)) {
                List<String> foreign = entries.map(p -> p.getFileName().toString())
                        .filter(n -> !OUTPUT_ENTRIES.contains(n)).sorted().limit(5).toList();
                if (!foreign.isEmpty()) {
                    throw new UnusableOutputException(io.fluxfleet.config.Shown.quoted(out.toString())
                            + " holds files render did not write (" + foreign.stream()
                            .map(io.fluxfleet.config.Shown::quoted).collect(java.util.stream.Collectors.joining(", "))
                            + "): render replaces the whole directory, so give a new or empty one, or a previous render's");
                }
            }
        }
        Files.createDirectories(parent);
        String name = target.getFileName().toString();
        Path staging = Files.createTempDirectory(parent, "." + name + ".rendering-");
        try {
            writeInto(result, staging);
            if (exists) {
                Path previous = parent.resolve("." + name + ".previous-" + staging.getFileName().toString()
                        .substring(("." + name + ".rendering-").length()));
                Files.move(target, previous, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                try {
                    Files.move(staging, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    Files.move(previous, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    throw e;
                }
                deleteTree(previous);
            } else {
                Files.move(staging, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            if (Files.exists(staging, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                deleteTree(staging);
            }
        }
    }

    private static void writeInto(RenderResult result, Path dir) throws IOException {
        try (var stream = newFile(dir.resolve("resources.json"))) {
            writeResourcesJson(result, stream);
        }
        try (var writer = new java.io.OutputStreamWriter(newFile(dir.resolve("kubernetes.yaml")), StandardCharsets.UTF_8)) {
            writeKubernetesYaml(result, writer);
        }
        Path helm = Files.createDirectory(dir.resolve("helm-values"));
        for (var file : helmValues(result).entrySet()) {
            if (!file.getKey().matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?\\.yaml")) {
                throw new IllegalStateException("a Helm release name is not a DNS label: "
                        + io.fluxfleet.config.Shown.quoted(file.getKey()));
            }
            try (var stream = newFile(helm.resolve(file.getKey()))) {
                stream.write(file.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** A new file: never an existing one, never through a link. */
    private static java.io.OutputStream newFile(Path file) throws IOException {
        return new java.io.BufferedOutputStream(Files.newOutputStream(file, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE, java.nio.file.LinkOption.NOFOLLOW_LINKS), 1 << 16);
    }

    /** Deletes a tree without following links: a link is removed, its target left alone. */
    static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes attrs)
                    throws IOException {
                Files.delete(file);
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
    }

    /** helm-values file name (the release name, which the loader holds to a DNS label) to content. */
    private static Map<String, String> helmValues(RenderResult result) {
        Map<String, String> files = new TreeMap<>();
        for (Map.Entry<String, String> e : files(result, false).entrySet()) {
            if (e.getKey().startsWith("helm-values/")) {
                files.put(e.getKey().substring("helm-values/".length()), e.getValue());
            }
        }
        return files;
    }

    static String resourcesJson(RenderResult result) {
        var out = new java.io.ByteArrayOutputStream();
        try {
            writeResourcesJson(result, out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** resources.json, one row at a time: the same bytes as writing the whole list at once. */
    static void writeResourcesJson(RenderResult result, java.io.OutputStream out) throws IOException {
        try (var generator = JSON.getFactory().createGenerator(out)) {
            generator.configure(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            generator.setPrettyPrinter(((DefaultPrettyPrinter) JSON_PRETTY).createInstance());
            generator.writeStartArray();
            for (Recorded r : result.resources()) {
                JSON.writeValue(generator, row(r, result));
            }
            generator.writeEndArray();
            generator.writeRaw("\n");
        }
    }

    /** One resource as resources.json records it: its URN identity, the options a plan needs, its inputs. */
    private static Map<String, Object> row(Recorded r, RenderResult result) {
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
        row.put("inputs", result.redact(r.inputs()));
        return row;
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
        java.io.StringWriter out = new java.io.StringWriter();
        try {
            writeKubernetesYaml(result, out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString();
    }

    static void writeKubernetesYaml(RenderResult result, java.io.Writer out) throws IOException {
        for (Recorded r : result.kubernetesObjects()) {
            Map<String, Object> object = new LinkedHashMap<>();
            Map<?, ?> inputs = (Map<?, ?>) result.redact(r.inputs());
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
