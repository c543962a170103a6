package io.fluxfleet.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The value types accept nothing the receiving system's own schema refuses: the patterns are read from the CRDs
 * themselves (Flux v2.9.4 CRDs, the Prometheus CRD rancher-monitoring installs; src/test/resources/SOURCES.md),
 * and every value a validator accepts from a corpus of valid and hostile strings must match them.
 */
class ReceivingSystemRulesTest {
    private static final List<String> CORPUS = List.of("1m", "10m", "1h", "1h30m", "0.5s", "100ms", "1.5h", "30s", "7d",
            "720h", "1y", "2w", "1m30s", "0", "0s", "1h1d", "1.5m", "2562047h", "2562048h", "300000y", "", " 1m", "1m ",
            "1M", "1 m", "-1m", "+1m", "1e3s", "1h\n", "1\u0661m", "10s\u200b", "1ms1s", "1s1ms", "1d1h1m1s1ms",
            "9223372036854775807ms", "99999999999999999999s");

    private static JsonNode crd(String resource) throws IOException {
        try (InputStream in = ReceivingSystemRulesTest.class.getResourceAsStream(resource)) {
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    private static JsonNode spec(JsonNode crd) {
        return crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema").path("properties")
                .path("spec").path("properties");
    }

    @Test
    void fluxDurationsFitEveryFluxCrdThatTakesThem() throws IOException {
        List<Pattern> patterns = new ArrayList<>();
        JsonNode kustomization = spec(crd("/flux-crds/kustomize.toolkit.fluxcd.io_kustomizations.yaml"));
        JsonNode helmRelease = spec(crd("/flux-crds/helm.toolkit.fluxcd.io_helmreleases.yaml"));
        for (JsonNode field : List.of(kustomization.path("interval"), kustomization.path("timeout"),
                kustomization.path("retryInterval"), helmRelease.path("interval"), helmRelease.path("timeout"),
                spec(crd("/flux-crds/source.toolkit.fluxcd.io_gitrepositories.yaml")).path("interval"),
                spec(crd("/flux-crds/source.toolkit.fluxcd.io_helmrepositories.yaml")).path("interval"))) {
            assertTrue(field.has("pattern"), field.toString());
            patterns.add(Pattern.compile(field.get("pattern").asText()));
        }
        int accepted = 0;
        for (String value : CORPUS) {
            if (Validators.duration(value).isEmpty()) {
                accepted++;
                for (Pattern p : patterns) {
                    assertTrue(p.matcher(value).matches(), "accepted " + Shown.quoted(value) + " but the CRD refuses it: " + p);
                }
            }
        }
        assertTrue(accepted >= 8, "the corpus exercises acceptance too");
        assertEquals(Optional.empty(), Validators.duration("2562047h"));
        assertFalse(Validators.duration("2562048h").isEmpty(), "the CRD pattern takes it, Go's parser does not");
    }

    @Test
    void prometheusDurationsFitThePrometheusCrd() throws IOException {
        JsonNode prometheus = spec(crd("/prometheus-operator-crds/crd-prometheuses.yaml"));
        List<Pattern> patterns = List.of(Pattern.compile(prometheus.path("retention").path("pattern").asText()),
                Pattern.compile(prometheus.path("scrapeInterval").path("pattern").asText()));
        int accepted = 0;
        for (String value : CORPUS) {
            if (Validators.prometheusDuration(value, false).isEmpty()) {
                accepted++;
                for (Pattern p : patterns) {
                    assertTrue(p.matcher(value).matches(), "accepted " + Shown.quoted(value) + " but the CRD refuses it: " + p);
                }
            }
        }
        assertTrue(accepted >= 6, "the corpus exercises acceptance too");
        assertTrue(patterns.get(0).matcher("1.5m").matches() == false && Validators.prometheusDuration("1.5m", false).isPresent());
    }
}
