package io.fluxfleet.infra;

import io.fluxfleet.verify.Fixtures;
import io.fluxfleet.verify.RancherChart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether each values key fluxfleet sets is one the chart declares: present in the package's {@code values.yaml}
 * (a sub-chart's keys under its name, from its own values.yaml), and, for rancher-monitoring, in the inventory of
 * rancher-monitoring 109.0.2+up80.9.1-rancher.8 keys in {@code rancher-charts/} (read from rancher/charts
 * {@code charts/rancher-monitoring/109.0.2+up80.9.1-rancher.8/values.yaml}, see SOURCES.md). A key whose chart
 * default is an empty map or a scalar/list takes any value below it ({@code nodeSelector: {}}); a key values.yaml
 * leaves out counts when a template reads it as {@code .Values.<key>} (rancher-logging's {@code loggingOverlay}).
 *
 * <p>Allowed although values.yaml lacks them: the {@code global.cattle} keys and {@code global.systemDefaultRegistry}
 * that Rancher's own installer sets on every chart it installs (rancher/rancher {@code pkg/controllers/dashboard/
 * helm} passes clusterId, clusterName, url and systemDefaultRegistry), read by the templates.
 */
final class ChartValuesKeys {
    static final Set<String> RANCHER_INJECTED = Set.of("global.cattle.clusterId", "global.cattle.clusterName",
            "global.cattle.url", "global.cattle.systemDefaultRegistry", "global.systemDefaultRegistry");
    static final String MONITORING_109_KEYS = "rancher-charts/rancher-monitoring-109.0.2+up80.9.1-rancher.8.values-keys.txt";

    private ChartValuesKeys() {}

    /** The value paths fluxfleet sets that the chart does not declare, as messages. */
    static List<String> unknownKeys(String packageName, Map<String, Object> values) {
        Map<String, Object> declared = declared(packageName);
        String templates = templates(packageName);
        List<String> unknown = new ArrayList<>();
        walk(values, declared, "", packageName, unknown);
        // a key values.yaml leaves out still counts when a template reads it (rancher-logging's overlays)
        unknown.removeIf(message -> templates.contains(".Values." + message.substring(message.indexOf(": ") + 2,
                message.indexOf(" is not a key"))));
        if (packageName.equals(RancherChart.MONITORING)) {
            Set<String> keys109 = monitoring109Keys();
            for (String path : paths(values, "")) {
                if (!RANCHER_INJECTED.contains(path) && keys109.stream().noneMatch(k -> k.equals(path) || path.startsWith(k + "."))) {
                    unknown.add("rancher-monitoring 109.0.2: " + path + " is not a key of its values.yaml (inventory "
                            + MONITORING_109_KEYS + ")");
                }
            }
        }
        return unknown;
    }

    @SuppressWarnings("unchecked")
    private static void walk(Map<String, Object> values, Map<String, Object> declared, String prefix, String chart,
                             List<String> unknown) {
        for (Map.Entry<String, Object> e : values.entrySet()) {
            String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (RANCHER_INJECTED.contains(path)) {
                continue;
            }
            if (!declared.containsKey(e.getKey())) {
                unknown.add(chart + ": " + path + " is not a key of the chart's values.yaml, so it does nothing");
                continue;
            }
            Object def = declared.get(e.getKey());
            if (e.getValue() instanceof Map<?, ?> m && def instanceof Map<?, ?> d && !d.isEmpty()) {
                walk((Map<String, Object>) m, (Map<String, Object>) d, path, chart, unknown);
            }
        }
    }

    /** The deepest paths fluxfleet sets that the 109 inventory speaks of: maps are walked to their leaves. */
    @SuppressWarnings("unchecked")
    private static List<String> paths(Map<String, Object> values, String prefix) {
        List<String> paths = new ArrayList<>();
        values.forEach((k, v) -> {
            String path = prefix.isEmpty() ? k : prefix + "." + k;
            if (v instanceof Map<?, ?> m && !m.isEmpty() && !k.equals("nodeSelector") && !k.equals("resources")
                    && !k.equals("storageSpec")) {
                paths.addAll(paths((Map<String, Object>) m, path));
            } else {
                paths.add(path);
            }
        });
        return paths;
    }

    /** The package's values.yaml, with each sub-chart's values.yaml merged under the sub-chart's name. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> declared(String packageName) {
        String chart = packageName.substring(0, packageName.indexOf("-10"));
        Map<String, byte[]> files;
        try (var in = Files.newInputStream(Fixtures.path(RancherChart.FOLDER + "/" + packageName))) {
            files = RancherChart.untar(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] values = files.get(chart + "/values.yaml");
        Map<String, Object> declared = new LinkedHashMap<>(values == null ? Map.of() : yaml(values));
        files.forEach((path, content) -> {
            String[] parts = path.split("/");
            if (parts.length == 4 && parts[1].equals("charts") && parts[3].equals("values.yaml")) {
                Map<String, Object> sub = new LinkedHashMap<>(yaml(content));
                if (declared.get(parts[2]) instanceof Map<?, ?> parent) {
                    sub.putAll((Map<String, Object>) parent);
                }
                declared.put(parts[2], sub);
            }
        });
        return declared;
    }

    /** Every template of the package (sub-charts' included), concatenated. */
    private static String templates(String packageName) {
        try (var in = Files.newInputStream(Fixtures.path(RancherChart.FOLDER + "/" + packageName))) {
            StringBuilder all = new StringBuilder();
            RancherChart.untar(in).forEach((path, content) -> {
                if (path.contains("/templates/")) {
                    all.append(new String(content, StandardCharsets.UTF_8)).append('\n');
                }
            });
            return all.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> yaml(byte[] content) {
        List<Map<String, Object>> docs = Fixtures.yamlDocuments(new String(content, StandardCharsets.UTF_8));
        return docs.isEmpty() ? Map.of() : docs.get(0);
    }

    static Set<String> monitoring109Keys() {
        try {
            Set<String> keys = new TreeSet<>();
            for (String line : Files.readAllLines(Fixtures.path(MONITORING_109_KEYS))) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    keys.add(line.strip());
                }
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
