package io.fluxfleet.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fluxfleet.testing.Stacks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Values each receiving system refuses are refused here, with the key named, the value shown escaped and never a
 * secret. One row per class of the hostile-input issue; the generative suite ({@link HostileInputTest}) covers
 * the combinations.
 */
class HostileValuesTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 30);
    private static final String SECRET = "s3cr3t-MARKER-value-0042";

    private static List<Problem> problems(String env, Consumer<ObjectNode> edit) {
        ObjectNode config = Stacks.minimal(env, 1);
        edit.accept(config);
        try {
            ConfigLoader.load(env, Stacks.raw(config), w -> { }, TODAY);
            return List.of();
        } catch (ConfigException e) {
            assertFalse(e.getMessage().contains(SECRET), "a secret in the message: " + e.getMessage());
            return e.problems();
        }
    }

    private static void assertProblem(List<Problem> problems, String key, String text) {
        assertTrue(problems.stream().anyMatch(p -> p.key().equals(key) && p.message().contains(text)),
                "expected a problem under " + key + " saying '" + text + "', got " + problems);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                // numbers that would wrap
                Arguments.of("approvals over 2^32 is not 1", "prod",
                        (Consumer<ObjectNode>) c -> ((ObjectNode) c.get("gitlab")).put("approvals", new java.math.BigInteger("4294967297")),
                        "fluxfleet:gitlab.approvals", "got 4294967297"),
                Arguments.of("approvals as text over int", "prod",
                        (Consumer<ObjectNode>) c -> ((ObjectNode) c.get("gitlab")).put("approvals", "99999999999999999999"),
                        "fluxfleet:gitlab.approvals", "got 99999999999999999999"),
                Arguments.of("rotation months negative", "dev",
                        (Consumer<ObjectNode>) c -> ((ObjectNode) c.get("gitlab")).putObject("deployToken").put("rotationMonths", -1),
                        "fluxfleet:gitlab.deployToken.rotationMonths", "between 1 and 6, got -1"),
                // durations
                Arguments.of("Go duration overflow", "dev",
                        (Consumer<ObjectNode>) c -> c.putObject("flux").put("gitInterval", "2562048h"),
                        "fluxfleet:flux.gitInterval", "longer than Go's longest duration"),
                Arguments.of("Helm timeout overflows an int", "dev",
                        (Consumer<ObjectNode>) c -> c.putObject("flux").put("timeout", "600000h"),
                        "fluxfleet:flux.timeout", "Helm release timeout"),
                Arguments.of("zero interval", "dev",
                        (Consumer<ObjectNode>) c -> c.putObject("flux").put("kustomizationInterval", "0s"),
                        "fluxfleet:flux.kustomizationInterval", "zero"),
                Arguments.of("fractional Prometheus interval", "dev",
                        (Consumer<ObjectNode>) c -> c.putObject("profile").put("scrapeInterval", "1.5m"),
                        "fluxfleet:profile.scrapeInterval", "not a Prometheus duration"),
                Arguments.of("Prometheus units out of order", "dev",
                        (Consumer<ObjectNode>) c -> c.putObject("profile").put("retention", "1h1d"),
                        "fluxfleet:profile.retention", "not a Prometheus duration"),
                // limits below the chart's requests
                Arguments.of("cpu below the Flux request", "dev",
                        (Consumer<ObjectNode>) c -> c.putObject("profile").put("cpu", "50m"),
                        "fluxfleet:profile.cpu", "below the 100m cpu"),
                Arguments.of("memory below the Flux request", "dev",
                        (Consumer<ObjectNode>) c -> c.putObject("profile").put("memory", "32Mi"),
                        "fluxfleet:profile.memory", "below the 64Mi memory"),
                // URLs and hosts
                Arguments.of("port over 65535", "dev",
                        (Consumer<ObjectNode>) c -> ((ObjectNode) c.get("gitlab")).put("url", "https://gitlab.example.com:99999"),
                        "fluxfleet:gitlab.url", "from 1 to 65535"),
                Arguments.of("control character in a URL path", "dev",
                        (Consumer<ObjectNode>) c -> ((ObjectNode) c.get("gitlab")).put("url", "https://gitlab.example.com/a\u0007b"),
                        "fluxfleet:gitlab.url", "control character"),
                Arguments.of("credentials in a URL", "dev",
                        (Consumer<ObjectNode>) c -> ((ObjectNode) c.get("gitlab")).put("url", "https://user:" + SECRET + "@gitlab.example.com"),
                        "fluxfleet:gitlab.url", "user information"),
                Arguments.of("IP address as Ingress host", "dev",
                        (Consumer<ObjectNode>) c -> c.putObject("webhooks").put("enabled", true).put("ingressHost", "10.1.2.3"),
                        "fluxfleet:webhooks.ingressHost", "IP address"),
                Arguments.of("upper-case harbor host", "dev",
                        (Consumer<ObjectNode>) c -> ((ObjectNode) c.get("harbor")).put("host", "Harbor.Example.com"),
                        "fluxfleet:harbor.host", "lower-case DNS name"),
                // dates
                Arguments.of("deploy token expiry in the past", "dev",
                        (Consumer<ObjectNode>) c -> ((ObjectNode) c.get("gitlab")).putObject("deployToken").put("expiresAt", "2026-11-29"),
                        "fluxfleet:gitlab.deployToken.expiresAt", "not in the future"),
                Arguments.of("deploy token expiry today", "dev",
                        (Consumer<ObjectNode>) c -> ((ObjectNode) c.get("gitlab")).putObject("deployToken").put("expiresAt", "2026-11-30"),
                        "fluxfleet:gitlab.deployToken.expiresAt", "not in the future"),
                // context and CI images
                Arguments.of("context with ESC", "dev",
                        (Consumer<ObjectNode>) c -> ((ObjectNode) c.get("cluster")).put("context", "rancher\u001b[2Kdev"),
                        "fluxfleet:cluster.context", "control or invisible"),
                Arguments.of("CI image that breaks YAML", "dev",
                        (Consumer<ObjectNode>) c -> ((ObjectNode) c.get("gitlab")).putObject("ci").put("trivyImage", "aquasec/trivy:0.74.0\n  script: [evil]"),
                        "fluxfleet:gitlab.ci.trivyImage", "not an image reference"),
                // user names sent in headers and docker configs
                Arguments.of("harbor user with a newline", "dev",
                        (Consumer<ObjectNode>) c -> ((ObjectNode) c.get("harbor")).put("username", "robot$flux\nX-Injected: 1"),
                        "fluxfleet:harbor.username", "not a user name"),
                Arguments.of("git user with a space", "dev",
                        (Consumer<ObjectNode>) c -> ((ObjectNode) c.get("tenants").get(0)).put("gitUsername", "flux bot"),
                        "fluxfleet:tenants[0].gitUsername", "not a user name"),
                // names
                Arguments.of("tenant whose Kustomization name exceeds 63", "dev",
                        (Consumer<ObjectNode>) c -> ((ObjectNode) c.get("tenants").get(0)).put("name", "t".repeat(60)),
                        "fluxfleet:tenants[0].name", "label value holds at most 63"),
                Arguments.of("reserved: cattle-", "dev",
                        (Consumer<ObjectNode>) c -> ((ObjectNode) c.get("tenants").get(0)).put("name", "cattle-fleet-system"),
                        "fluxfleet:tenants[0].name", "belong to Rancher"),
                Arguments.of("reserved: fleet-", "dev",
                        (Consumer<ObjectNode>) c -> ((ObjectNode) c.get("tenants").get(0)).put("name", "fleet-default"),
                        "fluxfleet:tenants[0].name", "Fleet"),
                Arguments.of("reserved: local", "dev",
                        (Consumer<ObjectNode>) c -> ((ObjectNode) c.get("tenants").get(0)).put("name", "local"),
                        "fluxfleet:tenants[0].name", "system namespace"),
                Arguments.of("reserved: kube-", "dev",
                        (Consumer<ObjectNode>) c -> ((ObjectNode) c.get("tenants").get(0)).put("name", "kube-flannel"),
                        "fluxfleet:tenants[0].name", "reserved for Kubernetes"),
                Arguments.of("reserved: ingress-nginx", "dev",
                        (Consumer<ObjectNode>) c -> ((ObjectNode) c.get("tenants").get(0)).put("name", "ingress-nginx"),
                        "fluxfleet:tenants[0].name", "system namespace"),
                Arguments.of("reserved: longhorn-system", "dev",
                        (Consumer<ObjectNode>) c -> ((ObjectNode) c.get("tenants").get(0)).put("name", "longhorn-system"),
                        "fluxfleet:tenants[0].name", "system namespace"),
                Arguments.of("reserved: a Rancher project namespace", "dev",
                        (Consumer<ObjectNode>) c -> ((ObjectNode) c.get("tenants").get(0)).put("name", "p-x7k2q"),
                        "fluxfleet:tenants[0].name", "Rancher generates"),
                Arguments.of("reserved: flux-system", "dev",
                        (Consumer<ObjectNode>) c -> ((ObjectNode) c.get("tenants").get(0)).put("name", "flux-system"),
                        "fluxfleet:tenants[0].name", "system namespace"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusedWithTheKeyNamed(String name, String env, Consumer<ObjectNode> edit, String key, String text) {
        assertProblem(problems(env, edit), key, text);
    }

    @Test
    void aKubeconfigPastedAsAStringIsNotEchoed() {
        String kubeconfig = "apiVersion: v1\nclusters:\n- cluster:\n    server: https://k8s\nusers:\n- user:\n    token: " + SECRET + "\n";
        List<Problem> problems = problems("dev", c -> c.put("cluster", kubeconfig));
        assertProblem(problems, "fluxfleet:cluster", "not shown: this key can hold a secret");
        assertFalse(problems.toString().contains("clusters:"), problems.toString());
    }

    @Test
    void aSecretInAWrongShapeOrUnderAnUnknownKeyIsNotEchoed() {
        List<Problem> problems = problems("dev", c -> {
            ((ObjectNode) c.get("harbor")).putObject("password").put("value", SECRET);
            ((ObjectNode) c.get("tenants").get(0)).putArray("statusToken").add(SECRET);
            c.put("harbor", c.get("harbor"));
            ((ObjectNode) c.get("gitlab")).put("tokn", SECRET);
        });
        assertProblem(problems, "fluxfleet:harbor.password", "expected a single value");
        assertProblem(problems, "fluxfleet:gitlab.tokn", "unknown key");
    }

    @Test
    void controlCharactersAndBidiOverridesAreEscaped() {
        List<Problem> problems = problems("dev", c -> ((ObjectNode) c.get("tenants").get(0))
                .put("name", "ten\u202Eant\u001b[31m"));
        String shown = problems.toString();
        assertFalse(shown.chars().anyMatch(ch -> ch == 0x1b || ch == 0x202e), shown);
        assertTrue(shown.contains("ten\\u202Eant\\u001B[31m"), shown);
    }

    @Test
    void unknownKeysWithControlCharactersAreEscapedToo() {
        List<Problem> problems = problems("dev", c -> c.put("evil\u001b]0;title\u0007", "x"));
        String shown = problems.stream().map(Problem::toString).reduce("", String::concat);
        assertFalse(shown.chars().anyMatch(ch -> ch == 0x1b || ch == 0x07), shown);
    }

    @Test
    void aBadHarborHostIsBlamedOnItselfNotOnTheImages() {
        for (String host : List.of("Harbor.Example.com", "harbor.example.com:99999", "https://harbor.example.com", "harbor.example.com/")) {
            ObjectNode config = Stacks.withSharedInfra(Stacks.minimal("dev", 1));
            ((ObjectNode) config.get("harbor")).put("host", host);
            ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                    () -> ConfigLoader.load("dev", Stacks.raw(config), w -> { }, TODAY));
            assertEquals(List.of("fluxfleet:harbor.host"), e.problems().stream().map(Problem::key).toList(), host);
        }
    }

    @Test
    void everyProblemComesOutTogether() {
        List<Problem> problems = problems("prod", c -> {
            ((ObjectNode) c.get("gitlab")).put("approvals", new java.math.BigInteger("4294967297"));
            c.putObject("flux").put("timeout", "600000h");
            ((ObjectNode) c.get("tenants").get(0)).put("name", "kube-system");
            c.putObject("profile").put("cpu", "10m");
        });
        assertEquals(4, problems.size(), problems.toString());
    }

    @Test
    void theFluxRequestsAreTheChartsLargest() throws Exception {
        // the rule comes from the chart's own values (src/test/resources/charts/flux2/values.yaml)
        JsonNode values;
        try (InputStream in = getClass().getResourceAsStream("/charts/flux2/values.yaml")) {
            values = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        BigDecimal cpu = BigDecimal.ZERO;
        BigDecimal memory = BigDecimal.ZERO;
        List<String> seen = new ArrayList<>();
        for (var it = values.fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode requests = e.getValue().path("resources").path("requests");
            if (requests.isObject()) {
                seen.add(e.getKey());
                cpu = cpu.max(Validators.quantityValue(requests.get("cpu").asText()));
                memory = memory.max(Validators.quantityValue(requests.get("memory").asText()));
            }
        }
        assertTrue(seen.size() >= 7, seen.toString());
        assertEquals(0, cpu.compareTo(Validators.quantityValue(FluxFleetConfig.Flux.CPU_REQUEST)));
        assertEquals(0, memory.compareTo(Validators.quantityValue(FluxFleetConfig.Flux.MEMORY_REQUEST)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1m", "1h30m", "2562047h", "0.5s", "100ms"})
    void goDurationsInRange(String value) {
        assertEquals(Optional.empty(), Validators.duration(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2562048h", "1h-1m", "1d", "1 m", "", "-1m", "0", "0m0s"})
    void goDurationsRefused(String value) {
        assertTrue(Validators.duration(value).isPresent(), value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"30s", "1m30s", "7d", "720h", "1y2w3d4h5m6s7ms", "10s"})
    void prometheusDurations(String value) {
        assertEquals(Optional.empty(), Validators.prometheusDuration(value, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5m", "1h1d", "1 m", "", "0", "-1s", "300000y"})
    void prometheusDurationsRefused(String value) {
        assertTrue(Validators.prometheusDuration(value, false).isPresent(), value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://gitlab.example.com", "https://gitlab.example.com:8443/group", "https://a.b/c?d=e"})
    void urls(String value) {
        assertEquals(Optional.empty(), Validators.httpsUrl(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://gitlab.example.com:0", "https://gitlab.example.com:65536", "https://g l.com",
            "https://gitlab.example.com/\u202E", "http://gitlab.example.com", "https://:443", "https://gitlab..com",
            "https://gitlab.example.com/a b", "https://[::1]"})
    void urlsRefused(String value) {
        assertTrue(Validators.httpsUrl(value).isPresent(), value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "010.000.000.001", "::1", "fe80::1", "2001:db8::1", "UPPER.example.com",
            "-x.example.com", "a_b.example.com"})
    void ingressHostsRefused(String value) {
        assertTrue(Validators.ingressHost(value).isPresent(), value);
    }

    @Test
    void aWildcardIngressHostIsADnsName() {
        assertEquals(Optional.empty(), Validators.ingressHost("*.hooks.example.com"));
    }

    @Test
    void shownEscapesAndCuts() {
        assertEquals("'a\\nb\\u001B[31m\\u202E'", Shown.quoted("a\nb\u001b[31m\u202e"));
        String cut = Shown.escaped("x".repeat(500));
        assertTrue(cut.length() < 200 && cut.endsWith("(500 characters)"), cut);
        assertEquals("'caf\u00e9 \u4e2d'", Shown.quoted("caf\u00e9 \u4e2d"), "ordinary letters stay readable");
    }

    @Test
    void secretKeysAreKnownByPathNameAndAncestry() {
        assertTrue(SecretKeys.isSecret("fluxfleet:tenants[3].gitPassword"));
        assertTrue(SecretKeys.isSecret("fluxfleet:infra.rancher.apiToken"), "keys others add are covered by name");
        assertFalse(SecretKeys.isSecret("fluxfleet:gitlab.deployToken"));
        assertTrue(SecretKeys.canHoldSecret("fluxfleet:cluster"));
        assertTrue(SecretKeys.canHoldSecret("fluxfleet:tenants[0]"));
        assertFalse(SecretKeys.canHoldSecret("fluxfleet:flux"));
        assertEquals("x [secret] y", SecretKeys.scrub("x " + SECRET + " y", SecretKeys.secretTexts(
                java.util.Map.of("harbor", Stacks.yaml("password: " + SECRET)))));
    }

    @Test
    void derivedNameLimitIsComputedFromTheNames() {
        assertEquals(63 - "-preprod-cluster".length(), TenantNames.MAX_LENGTH);
        assertEquals(Optional.empty(), TenantNames.tooLong("t".repeat(TenantNames.MAX_LENGTH)));
        assertTrue(TenantNames.tooLong("t".repeat(TenantNames.MAX_LENGTH + 1)).isPresent());
    }

    @Test
    void ordinaryTenantNamesWithReservedLookingPrefixesAreFine() {
        for (String name : List.of("payments", "p-payments", "c-shop", "user-portal", "cattle", "fleet", "kube")) {
            assertEquals(Optional.empty(), ReservedNamespaces.reason(name), name);
        }
    }

    @Test
    void theWarningForAPlainTextSecretNeverHoldsIt() {
        ObjectNode config = Stacks.minimal("dev", 1);
        List<String> warnings = new ArrayList<>();
        ConfigLoader.load("dev", Stacks.raw(config), warnings::add, TODAY);
        assertFalse(warnings.isEmpty());
        warnings.forEach(w -> assertFalse(w.contains(Stacks.GIT_PASSWORD) || w.contains(Stacks.HARBOR_PASSWORD), w));
    }

    @Test
    void nothingHalfValidIsReturned() {
        assertThrows(ConfigException.class, () -> ConfigLoader.load("dev",
                Stacks.raw(Stacks.yaml("environment: dev\ntenants: []\ngitlab: {approvals: 1e400}")), w -> { }, TODAY));
    }
}
