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
}
