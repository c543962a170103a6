package io.fluxfleet.changepath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxfleet.config.ConfigException;
import io.fluxfleet.config.ConfigLoader;
import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.config.Problem;
import io.fluxfleet.config.RawConfig;
import io.fluxfleet.render.Fingerprint;
import io.fluxfleet.render.RenderWriter;
import io.fluxfleet.testing.GovernanceConfigs;
import io.fluxfleet.testing.Stacks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;

/** The probes of what the program itself decides: the config loader, the fingerprints and sources of a render. */
final class ConfigProbes {
    private ConfigProbes() {}

    // --- the config loader ----------------------------------------------------------------------------------------

    /**
     * Loads a stack of {@code environment} (the test's minimal stack, {@code gitlab} replaced when given) with the
     * secrets encrypted or in plain text; a refusal must name {@code key} when the case gives one.
     */
    static String config(JsonNode in, Path tmp) {
        String env = in.path("environment").asText();
        ObjectNode stack = Stacks.minimal(env, 2);
        if (in.has("gitlab")) {
            stack.set("gitlab", GovernanceConfigs.yaml(in.get("gitlab").asText()));
        }
        Map<String, JsonNode> values = new TreeMap<>();
        stack.properties().forEach(e -> values.put(e.getKey(), e.getValue()));
        Set<String> encrypted = in.path("plaintextSecrets").asBoolean(false) ? Set.of()
                : new TreeSet<>(Set.of("harbor", "tenants", "gitlab", "cluster"));
        try {
            ConfigLoader.load(env, new RawConfig("change-path", values, encrypted), w -> { });
            return "loaded";
        } catch (ConfigException e) {
            String key = in.path("key").asText("");
            if (!key.isEmpty() && e.problems().stream().map(Problem::key).noneMatch(key::equals)) {
                throw new AssertionError("refused, but not for " + key + ": " + e.getMessage());
            }
            return "refused";
        }
    }

    // --- fingerprints in a render ---------------------------------------------------------------------------------

    /**
     * Renders the dev stack with {@code secret} as the Harbor password. {@code guess}: whether the attacker's unkeyed
     * SHA-256 of the guess, cut to 48 bits (the old fingerprint), or the secret itself appears in the render; else,
     * with {@code then}, whether the secret's fingerprint is the same in a second render with {@code then}.
     */
    static String fingerprint(JsonNode in, Path tmp) throws Exception {
        String secret = in.path("secret").asText();
        Map<String, String> first = render(secret);
        if (in.has("guess")) {
            String guess = in.get("guess").asText();
            String unkeyed = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(guess.getBytes(StandardCharsets.UTF_8))).substring(0, 12);
            String all = String.join("\n", first.values());
            if (!Fingerprint.PLACEHOLDER.matcher(all).find()) {
                throw new AssertionError("the render has no secret placeholder to attack");
            }
            // the secret is in the render if it differs, placeholders aside, from a render with another secret
            String other = String.join("\n", render(secret + "-other").values());
            boolean plain = !Fingerprint.PLACEHOLDER.matcher(all).replaceAll("[secret]")
                    .equals(Fingerprint.PLACEHOLDER.matcher(other).replaceAll("[secret]"));
            return all.contains("[secret:" + unkeyed) || plain ? "recognisable" : "not-recognisable";
        }
        Map<String, String> second = render(in.path("then").asText());
        return placeholders(first).equals(placeholders(second)) ? "same" : "changed";
    }

    private static Map<String, String> render(String harborPassword) {
        ObjectNode config = Stacks.minimal("dev", 1);
        ((ObjectNode) config.get("harbor")).put("password", harborPassword);
        return RenderWriter.files(Stacks.render(Stacks.load("dev", config)));
    }

    private static Set<String> placeholders(Map<String, String> files) {
        Set<String> out = new TreeSet<>();
        Matcher m = Fingerprint.PLACEHOLDER.matcher(String.join("\n", files.values()));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    // --- which project the cluster-admin layers read --------------------------------------------------------------

    /**
     * Renders the committed {@code stack} and compares the Git source of a tenant's {@code cluster} Kustomization
     * (applied as flux-platform-reconciler) with its {@code apps} Kustomization's: the same repository means the
     * tenant's project drives cluster-admin.
     */
    static String clusterLayerSource(JsonNode in, Path tmp) throws Exception {
        FluxFleetConfig config = Stacks.committed(in.path("stack").asText());
        JsonNode resources = new ObjectMapper().readTree(RenderWriter.files(Stacks.render(config)).get("resources.json"));
        String tenant = config.tenants().get(0).name();
        Map<String, JsonNode> byName = new TreeMap<>();
        List<JsonNode> objects = new ArrayList<>();
        resources.findParents("kind").forEach(objects::add);
        for (JsonNode o : objects) {
            byName.put(o.path("kind").asText() + "/" + o.path("metadata").path("name").asText(), o);
        }
        String cluster = sourceUrl(byName, tenant + "-" + config.environment().id() + "-cluster");
        String apps = sourceUrl(byName, tenant + "-" + config.environment().id() + "-apps");
        return cluster.equals(apps) ? "tenant-project" : "platform-project";
    }

    static String sourceUrl(Map<String, JsonNode> byName, String kustomization) {
        JsonNode k = byName.get("Kustomization/" + kustomization);
        if (k == null) {
            throw new AssertionError("no Kustomization " + kustomization + " in the render: " + byName.keySet());
        }
        JsonNode ref = k.path("spec").path("sourceRef");
        JsonNode source = byName.get(ref.path("kind").asText() + "/" + ref.path("name").asText());
        if (source == null) {
            throw new AssertionError("no source " + ref + " in the render");
        }
        return source.path("spec").path("url").asText();
    }
}
