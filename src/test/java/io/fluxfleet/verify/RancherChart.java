package io.fluxfleet.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.marcnuri.helm.Helm;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * A packaged Rancher chart from {@code src/test/resources/rancher-charts/} (see SOURCES.md there), unpacked and
 * rendered in-process by Helm 3 (helm-java) as {@code helm template} does, hooks included: like {@link FluxChart},
 * the {@code helm.sh/hook} annotation key is renamed in every template (sub-charts' included) before rendering and
 * restored after, because helm-java's {@code template} drops hooks. Namespaced objects without a namespace get the
 * release namespace, as Helm applies them. The {@code validate-*.yaml} templates, which only ask a live cluster and
 * make no objects, are left out. Renders are memoised per (chart, release, namespace, values).
 */
public final class RancherChart {
    /** The Kubernetes version rendered against: inside every chart's {@code kubeVersion} range (105.x: >= 1.28). */
    public static final String KUBE_VERSION = "1.31.0";
    public static final String FOLDER = "rancher-charts";
    public static final String MONITORING = "rancher-monitoring-105.1.0-rc.1+up61.3.2.tgz";
    public static final String MONITORING_CRD = "rancher-monitoring-crd-105.1.0-rc.1+up61.3.2.tgz";
    public static final String LOGGING = "rancher-logging-105.0.0-rc.1+up4.8.0.tgz";
    public static final String LOGGING_CRD = "rancher-logging-crd-105.0.0-rc.1+up4.8.0.tgz";

    private static final Pattern HOOK_KEY = Pattern.compile("helm\\.sh/hook(?=[\"']?\\s*:)");
    /**
     * The charts' {@code validate-*.yaml} templates make no objects: they {@code lookup} the live cluster (PSPs, CRDs)
     * and {@code fail} the install when something is missing. helm-java's template has no cluster to ask, so the
     * render leaves them out.
     */
    private static final Pattern VALIDATE_TEMPLATE = Pattern.compile(".*/templates/validate-[^/]*\\.yaml");
    /**
     * A call of {@code lookup}. {@code helm template} runs client-only, where Helm's lookup returns an empty map
     * (helm/helm {@code pkg/engine/engine.go}: without a cluster connection the lookup function returns an empty
     * map), but helm-java 0.0.21's template dials a cluster and fails; the render replaces {@code lookup} with
     * {@code and (dict)}, which Go templates evaluate to its first empty argument: the same empty map.
     */
    private static final Pattern LOOKUP = Pattern.compile("\\blookup(?=\\s)");
    private static final String HOOK_STAND_IN = "fluxfleet-test.invalid/helm-hook";
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final Map<String, List<Map<String, Object>>> RENDERS = new ConcurrentHashMap<>();

    private RancherChart() {}

    /** Every object the chart renders with these values, hooks included, in Helm's order; read-only. */
    public static List<Map<String, Object>> render(String packageName, String release, String namespace,
                                                   Map<String, Object> values) {
        String key;
        try {
            key = packageName + "\n" + release + "\n" + namespace + "\n" + CANONICAL.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("chart values are not a plain tree: " + e.getMessage(), e);
        }
        return RENDERS.computeIfAbsent(key, k -> renderNow(packageName, release, namespace, values));
    }

    /** A file of the package (e.g. {@code rancher-monitoring/values.yaml}), as bytes. */
    public static byte[] file(String packageName, String path) {
        try (InputStream in = Files.newInputStream(Fixtures.path(FOLDER + "/" + packageName))) {
            byte[] content = untar(in).get(path);
            if (content == null) {
                throw new AssertionError(packageName + " has no " + path);
            }
            return content;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the package has a {@code crds/} folder, the only CRDs Helm's install/upgrade CRD policy governs. */
    public static boolean hasCrdsFolder(String packageName) {
        try (InputStream in = Files.newInputStream(Fixtures.path(FOLDER + "/" + packageName))) {
            return untar(in).keySet().stream().anyMatch(p -> p.split("/").length > 2 && p.split("/")[1].equals("crds"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files of a {@code .tgz} (a package, or one nested in it), by path. */
    public static Map<String, byte[]> untar(InputStream gzipped) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] all = new GZIPInputStream(gzipped).readAllBytes();
        int at = 0;
        String longName = null;
        while (at + 512 <= all.length) {
            byte[] header = java.util.Arrays.copyOfRange(all, at, at + 512);
            if (header[0] == 0) {
                break;
            }
            String name = cString(header, 0, 100);
            String prefix = cString(header, 345, 155);
            long size = Long.parseLong(cString(header, 124, 12).trim().isEmpty() ? "0" : cString(header, 124, 12).trim(), 8);
            char type = (char) header[156];
            byte[] body = java.util.Arrays.copyOfRange(all, at + 512, at + 512 + (int) size);
            at += 512 + (int) ((size + 511) / 512 * 512);
            if (type == 'L') {
                longName = cString(body, 0, body.length);
                continue;
            }
            if (type == 'x') {
                for (String record : new String(body, StandardCharsets.UTF_8).split("\n")) {
                    int eq = record.indexOf('=');
                    if (eq > 0 && record.substring(record.indexOf(' ') + 1, eq).equals("path")) {
                        longName = record.substring(eq + 1);
                    }
                }
                continue;
            }
            if (type == 'g') {
                continue;
            }
            String path = longName != null ? longName : prefix.isEmpty() ? name : prefix + "/" + name;
            longName = null;
            if (type == '0' || type == 0) {
                files.put(path, body);
            }
        }
        return files;
    }

    private static String cString(byte[] bytes, int offset, int length) {
        int end = offset;
        while (end < offset + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static List<Map<String, Object>> renderNow(String packageName, String release, String namespace,
                                                       Map<String, Object> values) {
        Path work = null;
        try {
            work = Files.createTempDirectory("rancher-render");
            Path chart = null;
            int renamed = 0;
            try (InputStream in = Files.newInputStream(Fixtures.path(FOLDER + "/" + packageName))) {
                for (Map.Entry<String, byte[]> e : untar(in).entrySet()) {
                    Path target = work.resolve(e.getKey()).normalize();
                    if (!target.startsWith(work)) {
                        throw new IllegalStateException("package path escapes the folder: " + e.getKey());
                    }
                    if (VALIDATE_TEMPLATE.matcher(e.getKey()).matches()) {
                        continue;
                    }
                    Files.createDirectories(target.getParent());
                    byte[] content = e.getValue();
                    if (e.getKey().contains("/templates/")) {
                        String text = new String(content, StandardCharsets.UTF_8);
                        String replaced = HOOK_KEY.matcher(text).replaceAll(HOOK_STAND_IN);
                        replaced = LOOKUP.matcher(replaced).replaceAll("and (dict)");
                        renamed += replaced.equals(text) ? 0 : 1;
                        content = replaced.getBytes(StandardCharsets.UTF_8);
                    }
                    Files.write(target, content);
                    if (e.getKey().chars().filter(c -> c == '/').count() == 1 && e.getKey().endsWith("/Chart.yaml")) {
                        chart = target.getParent();
                    }
                }
            }
            if (chart == null) {
                throw new IllegalStateException(packageName + " has no top-level Chart.yaml");
            }
            Path valuesFile = work.resolve("fluxfleet-values.yaml");
            Fixtures.YAML.writeValue(valuesFile.toFile(), values);
            String yaml = new Helm(chart).template()
                    .withName(release)
                    .withNamespace(namespace)
                    .withKubeVersion(KUBE_VERSION)
                    .withValuesFile(valuesFile)
                    .call();
            List<Map<String, Object>> objects = new ArrayList<>();
            for (Map<String, Object> object : Fixtures.yamlDocuments(yaml)) {
                objects.add(inNamespace(restoreHook(object), namespace));
            }
            if (renamed > 0 && objects.stream().noneMatch(RancherChart::isHook)) {
                throw new IllegalStateException(packageName + ": hooks renamed but none rendered; check the workaround");
            }
            return KubeObjects.deepUnmodifiable(objects);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(work);
        }
    }

    /** Whether Helm runs the object as a hook rather than as part of the release. */
    public static boolean isHook(Map<String, Object> object) {
        return FluxChart.isHook(object);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> restoreHook(Map<String, Object> object) {
        if (KubeObjects.at(object, "metadata.annotations") instanceof Map<?, ?> annotations
                && annotations.containsKey(HOOK_STAND_IN)) {
            Map<String, Object> restored = new LinkedHashMap<>();
            ((Map<String, Object>) annotations).forEach((k, v) -> restored.put(k.equals(HOOK_STAND_IN) ? "helm.sh/hook" : k, v));
            ((Map<String, Object>) object.get("metadata")).put("annotations", restored);
        }
        return object;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> inNamespace(Map<String, Object> object, String namespace) {
        if (!KubeSchemaValidator.CLUSTER_SCOPED.contains(object.get("kind")) && !isClusterScopedExtra(object)
                && object.get("metadata") instanceof Map<?, ?> metadata && !metadata.containsKey("namespace")) {
            ((Map<String, Object>) metadata).put("namespace", namespace);
        }
        return object;
    }

    private static boolean isClusterScopedExtra(Map<String, Object> object) {
        return List.of("ClusterFlow", "ClusterOutput", "Logging", "FluentbitAgent", "MutatingWebhookConfiguration",
                "ValidatingWebhookConfiguration", "APIService", "PodSecurityPolicy").contains(object.get("kind"));
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp folder is harmless
        }
    }

    /** The CRDs a {@code -crd} package installs: its templates rendered, and any {@code files/crd-manifest.tgz}. */
    public static List<Map<String, Object>> crds(String packageName) {
        List<Map<String, Object>> crds = new ArrayList<>();
        String chartName = packageName.substring(0, packageName.indexOf("-10"));
        try {
            byte[] nested = null;
            try (InputStream in = Files.newInputStream(Fixtures.path(FOLDER + "/" + packageName))) {
                nested = untar(in).get(chartName + "/files/crd-manifest.tgz");
            }
            if (nested != null) {
                for (Map.Entry<String, byte[]> e : untar(new ByteArrayInputStream(nested)).entrySet()) {
                    if (e.getKey().endsWith(".yaml")) {
                        crds.addAll(Fixtures.yamlDocuments(new String(e.getValue(), StandardCharsets.UTF_8)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Map<String, Object> object : render(packageName, chartName, "cattle-system", Map.of())) {
            crds.add(object);
        }
        return crds.stream().filter(o -> "CustomResourceDefinition".equals(o.get("kind"))).toList();
    }
}
