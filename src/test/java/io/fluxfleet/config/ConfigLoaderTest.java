package io.fluxfleet.config;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fluxfleet.testing.Stacks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {

    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void committedStackFilesAreValid(String stack) {
        FluxFleetConfig config = Stacks.committed(stack);
        assertEquals(stack, config.environment().id());
        assertEquals("tenant1", config.tenants().get(0).name());
        assertEquals("node-role.com/platform-worker", config.platformWorkers().taintKey());
        assertTrue(config.cluster().context().isPresent(), "the stack files name a context, never the current one");
    }

    @Test
    void defaultsComeFromTheEnvironment() {
        FluxFleetConfig dev = Stacks.load("dev", Stacks.minimal("dev", 1));
        FluxFleetConfig prod = Stacks.load("prod", Stacks.minimal("prod", 1));
        assertEquals(new FluxFleetConfig.Profile("1", "2Gi", "7d", "30s", "10Gi"), dev.profile());
        assertEquals(new FluxFleetConfig.Profile("4", "8Gi", "30d", "10s", "50Gi"), prod.profile());
        assertEquals("2.18.3", dev.flux().chartVersion());
        assertEquals("NoExecute", dev.platformWorkers().taintEffect());
        assertTrue(prod.protect());
        assertFalse(dev.protect());
    }

    @Test
    void environmentDefaultsToTheStackName() {
        ObjectNode config = Stacks.minimal("preprod", 1);
        config.remove("environment");
        assertEquals(Environment.PREPROD, Stacks.load("preprod", config).environment());
    }

    @Test
    void prodMayBeUnprotectedOnlyExplicitly() {
        ObjectNode config = Stacks.minimal("prod", 1);
        config.put("allowDestroy", true);
        assertFalse(Stacks.load("prod", config).protect());
    }

    @Test
    void secretKeysAreSecretEvenWhenWrittenPlain() {
        FluxFleetConfig config = Stacks.load("dev", Stacks.minimal("dev", 1));
        assertInstanceOf(Secret.class, config.harbor().password());
        assertEquals("[secret]", config.tenants().get(0).gitPassword().orElseThrow().toString());
        assertEquals(Stacks.GIT_PASSWORD, config.tenants().get(0).gitPassword().orElseThrow().reveal());
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                bad("unknown environment", c -> c.put("environment", "staging"), "fluxfleet:environment"),
                bad("no cluster", c -> c.remove("cluster"), "fluxfleet:cluster.context"),
                bad("context and kubeconfig", c -> ((ObjectNode) c.get("cluster")).put("kubeconfig", "apiVersion: v1"),
                        "fluxfleet:cluster.kubeconfig"),
                // cluster.id: the provider's clusterIdentifier (README "Day 2", trap 1)
                bad("no cluster id", c -> ((ObjectNode) c.get("cluster")).remove("id"), "fluxfleet:cluster.id"),
                bad("cluster id in capitals", c -> ((ObjectNode) c.get("cluster")).put("id", "C-M-Prod"), "fluxfleet:cluster.id"),
                bad("cluster id a server URL", c -> ((ObjectNode) c.get("cluster")).put("id", "https://10.0.0.1:6443"),
                        "fluxfleet:cluster.id"),
                bad("cluster id with a newline", c -> ((ObjectNode) c.get("cluster")).put("id", "c-m-1\nc-m-2"),
                        "fluxfleet:cluster.id"),
                bad("cluster id empty", c -> ((ObjectNode) c.get("cluster")).put("id", ""), "fluxfleet:cluster.id"),
                bad("cluster id a list", c -> ((ObjectNode) c.get("cluster")).putArray("id").add("a"), "fluxfleet:cluster.id"),
                bad("guide's taint typo", c -> c.putObject("platformWorkers").put("taintKey", "node-role..com/platform-worker"),
                        "fluxfleet:platformWorkers.taintKey"),
                bad("bad label key", c -> c.putObject("platformWorkers").put("labelKey", "Node Role"),
                        "fluxfleet:platformWorkers.labelKey"),
                bad("bad taint effect", c -> c.putObject("platformWorkers").put("taintEffect", "NoRun"),
                        "fluxfleet:platformWorkers.taintEffect"),
                bad("bad duration", c -> c.putObject("flux").put("gitInterval", "1 minute"), "fluxfleet:flux.gitInterval"),
                bad("chart version range", c -> c.putObject("flux").put("chartVersion", "^2.18"), "fluxfleet:flux.chartVersion"),
                bad("misspelt nested key", c -> c.putObject("flux").put("chartVersoin", "2.18.3"), "fluxfleet:flux.chartVersoin"),
                bad("misspelt top-level key", c -> c.put("tenant", "x"), "fluxfleet:tenant"),
                bad("bad quantity", c -> c.putObject("profile").put("memory", "2GB"), "fluxfleet:profile.memory"),
                bad("missing tenants", c -> c.remove("tenants"), "fluxfleet:tenants"),
                bad("tenant not DNS-1123", c -> tenant(c, 0).put("name", "Tenant_1"), "fluxfleet:tenants[0].name"),
                bad("tenant is a system namespace", c -> tenant(c, 0).put("name", "flux-system"), "fluxfleet:tenants[0].name"),
                bad("duplicate tenant", c -> tenant(c, 1).put("name", "tenant1"), "fluxfleet:tenants[1].name"),
                bad("tenant without project", c -> tenant(c, 0).remove("project"), "fluxfleet:tenants[0].project"),
                bad("malformed project", c -> tenant(c, 0).put("project", "tenant1-gitops"), "fluxfleet:tenants[0].project"),
                bad("git password without deploy tokens", c -> {
                    tenant(c, 0).remove("gitPassword");
                    ((ObjectNode) c.get("gitlab")).putObject("deployToken").put("enabled", false);
                }, "fluxfleet:tenants[0].gitPassword"),
                bad("unknown tenant key", c -> tenant(c, 0).put("namespce", "x"), "fluxfleet:tenants[0].namespce"),
                bad("harbor host with scheme", c -> ((ObjectNode) c.get("harbor")).put("host", "https://harbor.example.com"),
                        "fluxfleet:harbor.host"),
                bad("harbor without password", c -> ((ObjectNode) c.get("harbor")).remove("password"), "fluxfleet:harbor.password"),
                bad("gitlab url over http", c -> ((ObjectNode) c.get("gitlab")).put("url", "http://gitlab.example.com"),
                        "fluxfleet:gitlab.url"),
                bad("boolean that is not", c -> c.put("allowDestroy", "yes"), "fluxfleet:allowDestroy"),
                bad("freeze that is not a boolean", c -> c.put("suspend", "now"), "fluxfleet:suspend"),
                bad("rancher chart range", c -> c.putObject("infra").put("monitoringChartVersion", "^109.0.0"),
                        "fluxfleet:infra.monitoringChartVersion"),
                bad("rancher chart of another Rancher line", c -> c.putObject("infra").put("loggingChartVersion",
                        "110.0.0+up4.10.0-rancher.24"), "fluxfleet:infra.loggingChartVersion"),
                bad("rancher patch release as the line", c -> c.putObject("infra").put("rancherVersion", "2.14.3"),
                        "fluxfleet:infra.rancherVersion"),
                bad("custom chart as latest", c -> c.putObject("infra").put("customMonitoringChartVersion", "latest"),
                        "fluxfleet:infra.customMonitoringChartVersion"),
                bad("image outside Harbor", c -> images(c).put("customGrafanaPlugins", "docker.io/grafana/plugins:1.0.0"),
                        "fluxfleet:infra.images.customGrafanaPlugins"),
                bad("image without registry", c -> images(c).put("customDashboardExporter", "custom-dashboard-exporter:2.3.1"),
                        "fluxfleet:infra.images.customDashboardExporter"),
                bad("fluentd by digest only", c -> images(c).put("customFluentd", "harbor.example.com/your-org/custom-fluentd@sha256:"
                        + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"), "fluxfleet:infra.images.customFluentd"),
                bad("misspelt image key", c -> images(c).put("customFluentD", "harbor.example.com/your-org/custom-fluentd:1.4.2"),
                        "fluxfleet:infra.images.customFluentD"),
                bad("webhooks without host", c -> c.putObject("webhooks").put("enabled", true), "fluxfleet:webhooks.ingressHost"),
                bad("webhook host with scheme", c -> c.putObject("webhooks").put("enabled", true)
                        .put("ingressHost", "https://flux-webhook.example.com"), "fluxfleet:webhooks.ingressHost"),
                bad("webhook host with port", c -> c.putObject("webhooks").put("enabled", true)
                        .put("ingressHost", "flux-webhook.example.com:8443"), "fluxfleet:webhooks.ingressHost"));
    }

    private static ObjectNode images(ObjectNode config) {
        return config.putObject("infra").putObject("images");
    }

    private static Arguments bad(String description, Consumer<ObjectNode> breakIt, String key) {
        return Arguments.of(description, breakIt, key);
    }

    private static ObjectNode tenant(ObjectNode config, int index) {
        return (ObjectNode) config.get("tenants").get(index);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigs")
    void badConfigIsRefusedNamingTheKey(String description, Consumer<ObjectNode> breakIt, String key) {
        ObjectNode config = Stacks.minimal("dev", 2);
        breakIt.accept(config);
        ConfigException e = assertThrows(ConfigException.class, () -> Stacks.load("dev", config));
        assertTrue(e.problems().stream().anyMatch(p -> p.key().equals(key)),
                () -> description + ": expected a problem at " + key + ", got " + e.problems());
        assertTrue(e.getMessage().contains(key), e.getMessage());
        assertTrue(e.getMessage().contains("pulumi config set"), "the message says how to fix it");
    }

    /** Prod refuses images that do not pin one build; the message names the key and what to write instead. */
    @ParameterizedTest
    @ValueSource(strings = {"customDashboardExporter", "customGrafanaPlugins", "customFluentd", "customFluentbit"})
    void prodRefusesLatestAndUntaggedImages(String key) {
        for (String image : List.of("harbor.example.com/your-org/" + key.toLowerCase() + ":latest",
                "harbor.example.com/your-org/" + key.toLowerCase())) {
            ObjectNode config = Stacks.minimal("prod", 1);
            images(config).put(key, image);
            ConfigException e = assertThrows(ConfigException.class, () -> Stacks.load("prod", config));
            Problem problem = e.problems().stream().filter(p -> p.key().equals("fluxfleet:infra.images." + key))
                    .findFirst().orElseThrow(() -> new AssertionError(image + ": " + e.problems()));
            assertTrue(problem.message().contains("prod refuses ':latest' and untagged images"), problem.message());
            assertTrue(e.getMessage().contains("fluxfleet:infra.images." + key + ": '" + image + "'"), e.getMessage());
            // dev and preprod take the same reference (a moving tag is a choice there, not an accident in prod);
            // rancher-logging's images need some tag in every environment
            boolean loggingImageWithoutTag = key.startsWith("customFluent")
                    && ImageReference.parse(image).orElseThrow().tag().isEmpty();
            for (String env : List.of("dev", "preprod")) {
                ObjectNode lower = Stacks.minimal(env, 1);
                images(lower).put(key, image);
                if (!loggingImageWithoutTag) {
                    assertEquals(image, imageOf(Stacks.load(env, lower), key));
                }
            }
        }
    }

    private static String imageOf(FluxFleetConfig config, String key) {
        FluxFleetConfig.Images images = config.infra().images();
        return (switch (key) {
            case "customDashboardExporter" -> images.customDashboardExporter();
            case "customGrafanaPlugins" -> images.customGrafanaPlugins();
            case "customFluentd" -> images.customFluentd();
            default -> images.customFluentbit();
        }).map(ImageReference::toString).orElse(null);
    }

    @Test
    void sharedInfrastructureDefaultsFollowTheRancherLine() {
        FluxFleetConfig config = Stacks.load("dev", Stacks.minimal("dev", 1));
        assertEquals("2.14", config.infra().rancherVersion());
        assertEquals("109.0.2+up80.9.1-rancher.8", config.infra().monitoringChartVersion());
        assertEquals("109.0.1+up4.10.0-rancher.24", config.infra().loggingChartVersion());
        assertTrue(config.infra().customMonitoringChartVersion().isEmpty());
        assertTrue(config.infra().images().customFluentd().isEmpty());
        assertFalse(config.suspend());
        assertFalse(config.webhooks().enabled());
        assertTrue(config.statusToken(config.tenants().get(0)).isEmpty());

        ObjectNode newer = Stacks.minimal("dev", 1);
        newer.putObject("infra").put("rancherVersion", "2.15").put("monitoringChartVersion", "110.0.0+up80.9.1-rancher.14")
                .put("loggingChartVersion", "110.0.0+up4.10.0-rancher.24");
        assertEquals("110.0.0+up80.9.1-rancher.14", Stacks.load("dev", newer).infra().monitoringChartVersion());
        // the default charts belong to 2.14, so another line without its own versions is refused for both
        ObjectNode mismatched = Stacks.minimal("dev", 1);
        mismatched.putObject("infra").put("rancherVersion", "2.13");
        ConfigException e = assertThrows(ConfigException.class, () -> Stacks.load("dev", mismatched));
        assertEquals(List.of("fluxfleet:infra.monitoringChartVersion", "fluxfleet:infra.loggingChartVersion"),
                e.problems().stream().map(Problem::key).toList());
        assertTrue(e.getMessage().contains("is a chart for Rancher 2.14 (chart major 109), but fluxfleet:infra.rancherVersion"
                + " is 2.13: use a 108.x release"), e.getMessage());
    }

    @Test
    void statusTokensAreSecretsAndTheSharedOneIsTheFallback() {
        FluxFleetConfig config = Stacks.load("dev", Stacks.withSharedInfra(Stacks.minimal("dev", 2)));
        assertEquals(Stacks.TENANT1_STATUS_TOKEN, config.statusToken(config.tenants().get(0)).orElseThrow().reveal());
        assertEquals(Stacks.STATUS_TOKEN, config.statusToken(config.tenants().get(1)).orElseThrow().reveal());
        assertEquals("[secret]", config.gitlab().statusToken().orElseThrow().toString());
        assertEquals("harbor.example.com/your-org/custom-fluentd", config.infra().images().customFluentd().orElseThrow().repository());
        assertEquals(java.util.Optional.of("longhorn"), config.infra().storageClass());
    }

    @Test
    void everyProblemIsReportedTogether() {
        ObjectNode config = Stacks.yaml("""
                environment: staging
                platformWorkers: {taintKey: node-role..com/platform-worker, taintEffect: NoRun}
                flux: {gitInterval: 1 minute}
                profile: {memory: 2GB}
                harbor: {host: https://harbor.example.com, username: robot, password: x}
                gitlab: {url: http://gitlab.example.com}
                allowDestroy: maybe
                tenants:
                  - {name: Tenant_1, project: tenant1-gitops, gitPassword: x}
                  - {name: t2, project: org/t2, gitPassword: x}
                  - {name: t2, project: org/t2, gitPassword: x}
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> Stacks.load("dev", config));
        List<String> keys = e.problems().stream().map(Problem::key).toList();
        assertEquals(List.of("fluxfleet:environment", "fluxfleet:cluster.context", "fluxfleet:cluster.id", "fluxfleet:allowDestroy",
                "fluxfleet:flux.gitInterval", "fluxfleet:platformWorkers.taintKey", "fluxfleet:platformWorkers.taintEffect",
                // no layers: the default, platform, needs layers.project; and with it the free tier is no risk
                "fluxfleet:profile.memory", "fluxfleet:layers.project", "fluxfleet:gitlab.url", "fluxfleet:harbor.host",
                "fluxfleet:tenants[0].name",
                "fluxfleet:tenants[0].project", "fluxfleet:tenants[2].name"), keys);
    }

    @Test
    void unknownKeysSuggestTheClosestKnownKey() {
        ObjectNode config = Stacks.minimal("dev", 1);
        config.putObject("platformWorkers").put("taintEfect", "NoExecute");
        ConfigException e = assertThrows(ConfigException.class, () -> Stacks.load("dev", config));
        assertTrue(e.getMessage().contains("did you mean 'taintEffect'?"), e.getMessage());
    }

    @Test
    void secretValuesNeverAppearInErrors() {
        ObjectNode config = Stacks.minimal("dev", 1);
        ((ObjectNode) config.get("harbor")).putObject("password").put("nested", Stacks.HARBOR_PASSWORD);
        ConfigException e = assertThrows(ConfigException.class, () -> Stacks.load("dev", config));
        assertFalse(e.getMessage().contains(Stacks.HARBOR_PASSWORD), e.getMessage());
    }

    @Test
    void plainTextSecretsAreAcceptedWithAWarningThatSaysHowToEncrypt() {
        List<String> warnings = new java.util.ArrayList<>();
        ConfigLoader.load("dev", Stacks.raw(Stacks.minimal("dev", 1)), warnings::add);
        warnings.removeIf(w -> freeTierAcknowledgement(w) || internetWideEgress(w));
        assertEquals(List.of(
                "fluxfleet:harbor.password carries a secret but is stored in plain text; encrypt it with"
                        + " `pulumi config set --secret --path harbor.password <value> -s dev`",
                "fluxfleet:tenants[0].gitPassword carries a secret but is stored in plain text; encrypt it with"
                        + " `pulumi config set --secret --path 'tenants[0].gitPassword' <value> -s dev`"), warnings);
        warnings.forEach(w -> assertFalse(w.contains(Stacks.HARBOR_PASSWORD) || w.contains(Stacks.GIT_PASSWORD)));
    }

    /** Issue 20: a strict environment (prod) refuses plain-text secrets, all at once, naming key and command only. */
    @Test
    void plainTextSecretsAreRefusedInAStrictEnvironment() {
        ObjectNode config = Stacks.minimal("prod", 1);
        RawConfig plain = new RawConfig("test stack", Stacks.raw(config).values());
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load("prod", plain, w -> {}));
        assertEquals(List.of("fluxfleet:harbor.password", "fluxfleet:tenants[0].gitPassword"),
                e.problems().stream().map(Problem::key).toList());
        assertTrue(e.getMessage().contains("`pulumi config set --secret --path harbor.password <value> -s prod`"),
                e.getMessage());
        assertTrue(e.getMessage().contains("the prod environment refuses"), e.getMessage());
        assertFalse(e.getMessage().contains(Stacks.HARBOR_PASSWORD) || e.getMessage().contains(Stacks.GIT_PASSWORD));
        // the legitimate path: the same secrets stored encrypted load without a word
        List<String> warnings = new java.util.ArrayList<>();
        ConfigLoader.load("prod", new RawConfig("test stack", plain.values(), java.util.Set.of("harbor", "tenants")),
                warnings::add);
        assertEquals(List.of(), warnings);
    }

    @Test
    void encryptedSecretsDoNotWarn(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        List<String> warnings = new java.util.ArrayList<>();
        // the committed dev stack once every secret it names is set, as `pulumi config set --secret` writes them
        String text = java.nio.file.Files.readString(Stacks.stackFile("dev"))
                .replaceAll("(?m)^(\\s+)(\\w+): +# secret: .*$", "$1$2:\n$1  secure: v1:AAECAwQFBgcICQoL:c2VjcmV0");
        assertFalse(text.contains("# secret:"), text);
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("Pulumi.dev.yaml"), text);
        ConfigLoader.load("dev", RawConfig.fromStackFile(file), warnings::add);
        warnings.removeIf(ConfigLoaderTest::internetWideEgress);
        assertEquals(List.of(), warnings);
        // the engine's list of encrypted keys counts too
        ObjectNode config = Stacks.minimal("dev", 1);
        RawConfig raw = Stacks.raw(config);
        RawConfig engine = new RawConfig(raw.source(), raw.values(), java.util.Set.of("harbor", "tenants"));
        ConfigLoader.load("dev", engine, warnings::add);
        warnings.removeIf(w -> freeTierAcknowledgement(w) || internetWideEgress(w));
        assertEquals(List.of(), warnings);
    }

    /** The warnings every non-strict stack gets for its default network ranges (EgressAllowlistTest checks them). */
    static boolean internetWideEgress(String warning) {
        return warning.matches("fluxfleet:network\\.(egressCidrs|apiServerCidrs) allows the whole Internet .*");
    }

    /** The warning every free-tier test stack gets for its acknowledgement (PlatformLayerGuardTest checks it). */
    static boolean freeTierAcknowledgement(String warning) {
        return warning.startsWith("WARNING: fluxfleet:gitlab.acceptTenantDrivenClusterAdmin is true");
    }

    @Test
    void theEngineConfigIsReadFromTheLanguageHostEnvironment() {
        RawConfig raw = RawConfig.fromPulumiEnvironment("dev", java.util.Map.of(
                "PULUMI_CONFIG", "{\"fluxfleet:environment\":\"dev\",\"fluxfleet:allowDestroy\":\"true\","
                        + "\"fluxfleet:tenants\":\"[{\\\"name\\\":\\\"t1\\\"}]\",\"kubernetes:context\":\"x\"}",
                "PULUMI_CONFIG_SECRET_KEYS", "[\"fluxfleet:tenants\"]"));
        assertEquals(java.util.Set.of("environment", "allowDestroy", "tenants"), raw.values().keySet());
        assertEquals("t1", raw.values().get("tenants").get(0).get("name").asText());
        assertEquals(java.util.Set.of("tenants"), raw.encryptedKeys());
    }
}
