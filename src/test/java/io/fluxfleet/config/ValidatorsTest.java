package io.fluxfleet.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ValidatorsTest {

    private static void check(Function<String, Optional<String>> validator, String value, boolean valid) {
        Optional<String> error = validator.apply(value);
        assertEquals(valid, error.isEmpty(), () -> "'" + value + "': " + error.orElse("accepted"));
    }

    @ParameterizedTest
    @CsvSource({
            "node-role.com/platform-worker, true",
            "platform-worker, true",
            "kubernetes.io/os, true",
            "node-role..com/platform-worker, false",
            "node-role.caas.nci.bt.com/platform-worker, true",
            "/platform-worker, false",
            "Node-Role.com/platform-worker, false",
            "node-role.com/, false",
            "node-role.com/-worker, false",
            "node-role.com/a/b, false",
    })
    void qualifiedNames(String value, boolean valid) {
        check(Validators::qualifiedName, value, valid);
    }

    @ParameterizedTest
    @CsvSource({"tenant1, true", "a, true", "tenant-1, true", "Tenant1, false", "tenant_1, false", "-tenant, false",
            "tenant-, false", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, false"})
    void dns1123Labels(String value, boolean valid) {
        check(Validators::dns1123Label, value, valid);
    }

    @ParameterizedTest
    @CsvSource({"1m, true", "30s, true", "1h30m, true", "500ms, true", "1.5h, true", "1 minute, false", "10, false",
            "1d, false", "m, false"})
    void durations(String value, boolean valid) {
        check(Validators::duration, value, valid);
    }

    @ParameterizedTest
    @CsvSource({"1, true", "500m, true", "2Gi, true", "0.5, true", "1.5Gi, true", "2GB, false", "lots, false", "-1, false"})
    void quantities(String value, boolean valid) {
        check(Validators::quantity, value, valid);
    }

    @ParameterizedTest
    @CsvSource({"your-org/tenant1-gitops, true", "group/sub/project, true", "org/_private, true",
            "tenant1-gitops, false", "org/project.git, false", "org//project, false", "org/-project, false",
            "org/pro ject, false"})
    void projectPaths(String value, boolean valid) {
        check(Validators::projectPath, value, valid);
    }

    @ParameterizedTest
    @CsvSource({"https://gitlab.com, true", "https://gitlab.example.com:8443, true", "http://gitlab.com, false",
            "https://gitlab.com/, false", "gitlab.com, false"})
    void httpsUrls(String value, boolean valid) {
        check(Validators::httpsUrl, value, valid);
    }

    @ParameterizedTest
    @CsvSource({"true, true", "'', true", "platform.worker_1, true", "-x, false", "x y, false"})
    void labelValues(String value, boolean valid) {
        check(Validators::labelValue, value, valid);
    }

    @ParameterizedTest
    @CsvSource({"109.0.2+up80.9.1-rancher.8, true", "110.0.0+up80.9.1-rancher.14, true", "108.1.0+up77.9.1, true",
            "109.0.1, true", "109.0, false", "9.0.2, false", "1090.0.2, false", "v109.0.2, false",
            "109.0.0-rc1+up80.9.1, false", "^109.0.0, false", "109.0.*, false", "109.01.0, false"})
    void rancherChartVersions(String value, boolean valid) {
        check(Validators::rancherChartVersion, value, valid);
    }

    @ParameterizedTest
    @CsvSource({"2.14, true", "2.8, true", "2.15, true", "2.7, false", "2.14.1, false", "v2.14, false", "3.0, false",
            "2.014, false"})
    void rancherVersions(String value, boolean valid) {
        check(Validators::rancherVersion, value, valid);
    }

    @ParameterizedTest
    @CsvSource({"2.8, 103", "2.13, 108", "2.14, 109", "2.15, 110"})
    void rancherChartMajorFollowsTheRancherMinor(String rancher, int major) {
        assertEquals(major, Validators.rancherChartMajor(rancher));
    }

    @ParameterizedTest
    @CsvSource({"1.3.0, true", "0.1.0-rc.1, true", "latest, false", "1.3, false", "~1.3.0, false", ">=1.0.0, false"})
    void exactVersions(String value, boolean valid) {
        check(Validators::exactVersion, value, valid);
    }

    @ParameterizedTest
    @CsvSource({
            "harbor.example.com/your-org/custom-fluentd:1.4.2, true",
            "harbor.example.com:8443/your-org/sub/custom-fluentd:v1.4.2-alpine, true",
            "harbor.example.com/your-org/custom-fluentd@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, true",
            "harbor.example.com/your-org/custom-fluentd:1.4.2@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, true",
            "harbor.example.com/your-org/custom-fluentd, true",
            "custom-fluentd:1.4.2, false",
            "your-org/custom-fluentd:1.4.2, false",
            "harbor.example.com/Your-Org/custom-fluentd:1.4.2, false",
            "harbor.example.com/your-org/custom-fluentd:, false",
            "harbor.example.com/your-org/custom-fluentd@sha256:abc, false",
            "https://harbor.example.com/your-org/custom-fluentd:1.4.2, false",
    })
    void imageReferences(String value, boolean valid) {
        check(Validators::imageReference, value, valid);
    }

    @ParameterizedTest
    @CsvSource({
            "harbor.example.com/o/i:1.4.2, true, 1.4.2",
            "harbor.example.com/o/i:latest, false, latest",
            "harbor.example.com/o/i, false, ''",
            "harbor.example.com/o/i:1.4.2@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, true,"
                    + " 1.4.2@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "harbor.example.com/o/i@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, true, ''",
    })
    void imagesArePinnedByATagOtherThanLatestOrByADigest(String value, boolean pinned, String chartTag) {
        ImageReference image = ImageReference.parse(value).orElseThrow();
        assertEquals(pinned, image.pinned(), value);
        assertEquals(chartTag, image.tagForChart().orElse(""));
        assertEquals(value, image.toString());
        assertEquals(value.startsWith("harbor.example.com/") ? "harbor.example.com" : "", image.registry());
    }
}

