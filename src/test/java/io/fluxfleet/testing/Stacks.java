package io.fluxfleet.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fluxfleet.config.ConfigLoader;
import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.config.RawConfig;
import io.fluxfleet.render.RenderResult;
import io.fluxfleet.render.Renderer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Test configs: the repository's own stack files, or a minimal valid config edited per test. Every stack
 * goes through the real {@link ConfigLoader} and runs under the real mock engine via {@link Renderer}.
 */
public final class Stacks {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Plain test secrets: tests assert none of these ever appears in rendered output. */
    public static final String GIT_PASSWORD = "glpat-test-git-password-0001";
    public static final String HARBOR_PASSWORD = "harbor-test-password-0002";
    public static final String STATUS_TOKEN = "glpat-test-status-token-0004";
    public static final String TENANT1_STATUS_TOKEN = "glpat-test-tenant1-status-token-0005";

    private Stacks() {}

    /** Every environment's id: the committed stacks, one per environment ({@code Pulumi.<id>.yaml}). */
    public static java.util.stream.Stream<String> environments() {
        return java.util.Arrays.stream(io.fluxfleet.config.Environment.values()).map(io.fluxfleet.config.Environment::id);
    }

    /** The committed {@code Pulumi.<stack>.yaml} of the repository. */
    public static Path stackFile(String stack) {
        return Path.of("Pulumi." + stack + ".yaml").toAbsolutePath();
    }

    public static FluxFleetConfig committed(String stack) {
        return ConfigLoader.load(stack, RawConfig.fromStackFile(stackFile(stack)));
    }

    /**
     * The committed stack in the one-repository layout ({@code layers.source: tenant}): what an installation of an
     * earlier fluxfleet runs, so the tests of that upgrade ({@code UpgradeTest}) plan it on its own; the switch to
     * the platform project is a step of its own (README "Switching to the platform project").
     */
    public static FluxFleetConfig committedOneRepository(String stack) {
        RawConfig raw = RawConfig.fromStackFile(stackFile(stack));
        Map<String, JsonNode> values = new TreeMap<>(raw.values());
        values.put("layers", YAML.createObjectNode().put("source", "tenant"));
        return ConfigLoader.load(stack, raw.withValues(values));
    }

    /**
     * A minimal valid config for an environment, with plain test secrets, as the engine would pass it
     * (structured values as JSON), for tests to edit.
     */
    public static ObjectNode minimal(String env, int tenants) {
        ObjectNode root = YAML.createObjectNode();
        root.put("environment", env);
        root.putObject("cluster").put("context", "rancher-" + env).put("id", "c-m-" + env + "0001");
        ObjectNode harbor = root.putObject("harbor");
        harbor.put("host", "harbor.example.com");
        harbor.put("username", "robot$flux");
        harbor.put("password", HARBOR_PASSWORD);
        harbor.put("project", "your-org");
        // the one-repository layout most tests were written for; PlatformLayersTest renders the platform project's
        root.putObject("layers").put("source", "tenant");
        ObjectNode gitlab = root.putObject("gitlab").put("url", "https://gitlab.example.com");
        boolean strict = io.fluxfleet.config.Environment.parse(env)
                .map(io.fluxfleet.config.Environment::refusesTenantDrivenClusterAdmin).orElse(false);
        if (strict) {
            // a strict environment refuses a tier that leaves clusters/ and shared/ to the tenants (PlatformLayerGuard)
            gitlab.put("tier", "premium");
            gitlab.putObject("approvers").putArray("groups").add("your-org/platform-team");
            gitlab.putObject("teams").put("platform", "@your-org/platform-team");
        } else {
            // free tier, as most tests render it: the acknowledgement the free tier needs outside strict environments
            gitlab.put("acceptTenantDrivenClusterAdmin", true);
        }
        ArrayNode list = root.putArray("tenants");
        for (int i = 1; i <= tenants; i++) {
            ObjectNode t = list.addObject();
            t.put("name", "tenant" + i);
            t.put("project", "your-org/tenant" + i + "-gitops");
            t.put("gitUsername", "flux");
            t.put("gitPassword", GIT_PASSWORD);
        }
        if (env.equals("prod")) {
            // prod requires the identity pulumi up runs as (admission.deployers)
            root.putObject("admission").putArray("deployers").add("pulumi-deployer");
            // ... and the addresses Flux may reach on 443 (network.*Cidrs; TEST-NET-3 and TEST-NET-1)
            ObjectNode network = root.putObject("network");
            network.putArray("egressCidrs").add("203.0.113.0/24");
            network.putArray("apiServerCidrs").add("192.0.2.0/24");
        }
        return root;
    }

    /**
     * Adds every shared-infrastructure setting to a config: pinned custom images and charts from Harbor, a shared
     * commit-status token and tenant1's own one.
     */
    public static ObjectNode withSharedInfra(ObjectNode config) {
        ObjectNode infra = config.putObject("infra");
        infra.put("customMonitoringChartVersion", "1.3.0");
        infra.put("customLoggingChartVersion", "1.1.0");
        infra.put("storageClass", "longhorn");
        ObjectNode images = infra.putObject("images");
        images.put("customDashboardExporter", "harbor.example.com/your-org/custom-dashboard-exporter:2.3.1");
        images.put("customGrafanaPlugins", "harbor.example.com/your-org/custom-grafana-plugins:1.0.4");
        images.put("customFluentd", "harbor.example.com/your-org/custom-fluentd:1.4.2");
        images.put("customFluentbit", "harbor.example.com/your-org/custom-fluentbit:3.1.9");
        ((ObjectNode) config.get("gitlab")).put("statusToken", STATUS_TOKEN);
        ((ObjectNode) config.get("tenants").get(0)).put("statusToken", TENANT1_STATUS_TOKEN);
        return config;
    }

    public static FluxFleetConfig load(String stack, ObjectNode config) {
        return ConfigLoader.load(stack, raw(config));
    }

    /**
     * The config as the engine passes it. A strict environment's (prod) refuses plain-text secrets, so there the keys
     * that carry the test secrets are reported encrypted, as {@code pulumi config set --secret} would have stored them.
     */
    public static RawConfig raw(ObjectNode config) {
        Map<String, JsonNode> values = new TreeMap<>();
        config.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue()));
        boolean strict = io.fluxfleet.config.Environment.parse(config.path("environment").asText(""))
                .map(io.fluxfleet.config.Environment::refusesPlaintextSecrets).orElse(false);
        java.util.Set<String> encrypted = strict
                ? new java.util.TreeSet<>(java.util.Set.of("harbor", "tenants", "gitlab", "cluster")) : new java.util.TreeSet<String>();
        encrypted.retainAll(values.keySet());
        return new RawConfig("test stack", values, encrypted);
    }

    /**
     * A strict environment refuses plain-text secrets: the test secrets become {@code secure:} values as
     * {@code pulumi config set --secret} stores them (a stand-in ciphertext; render never decrypts).
     */
    private static void encryptTestSecrets(JsonNode node) {
        java.util.Set<String> secrets = java.util.Set.of(GIT_PASSWORD, HARBOR_PASSWORD, STATUS_TOKEN, TENANT1_STATUS_TOKEN);
        if (node instanceof ObjectNode object) {
            List<String> names = new java.util.ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode value = object.get(name);
                if (value.isTextual() && secrets.contains(value.asText())) {
                    object.putObject(name).put("secure", "v1:dGVzdA==:" + java.util.Base64.getEncoder()
                            .encodeToString(value.asText().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                } else {
                    encryptTestSecrets(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(Stacks::encryptTestSecrets);
        }
    }

    /** Parses YAML text of a config object (keys without the fluxfleet: prefix). */
    public static ObjectNode yaml(String text) {
        try {
            return (ObjectNode) YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RenderResult render(FluxFleetConfig config) {
        return Renderer.render(config);
    }

    /** Writes a stack file with the given config for the render command. */
    public static Path writeStackFile(Path dir, String stack, ObjectNode config) throws IOException {
        ObjectNode file = YAML.createObjectNode();
        ObjectNode cfg = file.putObject("config");
        config.fields().forEachRemaining(e -> cfg.set(RawConfig.NAMESPACE + ":" + e.getKey(), e.getValue().deepCopy()));
        if (!raw(config).encryptedKeys().isEmpty()) {
            encryptTestSecrets(cfg);
        }
        Path path = dir.resolve("Pulumi." + stack + ".yaml");
        Files.writeString(path, YAML.writeValueAsString(file));
        return path;
    }
}
