package io.fluxfleet.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The fields {@code fluxfleet-flux-objects} bounds exist where it reads them, in the storage version of Flux v2.9.4's
 * CRDs (src/test/resources/flux-crds, SOURCES.md): a misspelt path would never be set, so its rule would never refuse.
 * Every HelmRelease action that has a timeout is among those the policy bounds.
 */
class FluxCrdFieldsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, List<String>> READ = Map.of(
            "helm.toolkit.fluxcd.io_helmreleases.yaml", List.of("timeout", "interval", "install.timeout",
                    "upgrade.timeout", "test.timeout", "rollback.timeout", "uninstall.timeout", "chart.spec.interval",
                    "dependsOn", "kubeConfig"),
            "kustomize.toolkit.fluxcd.io_kustomizations.yaml", List.of("timeout", "interval", "retryInterval",
                    "dependsOn", "kubeConfig"),
            "notification.toolkit.fluxcd.io_providers.yaml", List.of("address"),
            "source.toolkit.fluxcd.io_gitrepositories.yaml", List.of("interval", "timeout", "provider"),
            "source.toolkit.fluxcd.io_ocirepositories.yaml", List.of("interval", "timeout", "provider"));
    private static final List<String> BOUNDED_HELM_ACTIONS = List.of("install", "upgrade", "test", "rollback", "uninstall");

    @Test
    void everyFieldThePolicyReadsIsInTheSchema() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : READ.entrySet()) {
            JsonNode spec = storageSpec(e.getKey());
            for (String path : e.getValue()) {
                JsonNode node = spec;
                for (String step : path.split("\\.")) {
                    node = node.path("properties").path(step);
                }
                if (node.isMissingNode()) {
                    missing.add(e.getKey() + ": spec." + path);
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void everyHelmActionWithATimeoutIsBounded() throws IOException {
        List<String> withTimeout = new ArrayList<>();
        storageSpec("helm.toolkit.fluxcd.io_helmreleases.yaml").path("properties").fields().forEachRemaining(f -> {
            if (f.getValue().path("properties").has("timeout")) {
                withTimeout.add(f.getKey());
            }
        });
        assertEquals(BOUNDED_HELM_ACTIONS.stream().sorted().toList(), withTimeout.stream().sorted().toList());
    }

    private static JsonNode storageSpec(String file) throws IOException {
        try (InputStream in = FluxCrdFieldsTest.class.getResourceAsStream("/flux-crds/" + file)) {
            for (JsonNode version : YAML.readTree(in).path("spec").path("versions")) {
                if (version.path("storage").asBoolean()) {
                    return version.path("schema").path("openAPIV3Schema").path("properties").path("spec");
                }
            }
        }
        throw new AssertionError("no storage version in " + file);
    }
}
