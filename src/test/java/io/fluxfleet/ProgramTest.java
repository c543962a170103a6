package io.fluxfleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fluxfleet.config.ConfigException;
import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.gitlab.GitLabGovernance;
import io.fluxfleet.render.Recorded;
import io.fluxfleet.render.RenderResult;
import io.fluxfleet.render.Renderer;
import io.fluxfleet.testing.Stacks;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Pulumi program as the language host runs it: config arrives in {@code PULUMI_CONFIG} (structured values
 * as JSON text, secrets decrypted) and {@code PULUMI_CONFIG_SECRET_KEYS}, and must give the same resources as
 * the offline render of the same stack file.
 */
class ProgramTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The committed stack file as the engine would hand it over, with secrets "decrypted" to test values. */
    private static Map<String, String> engineEnvironment(String stack) throws IOException {
        JsonNode config = new ObjectMapper(new YAMLFactory()).readTree(Stacks.stackFile(stack).toFile()).get("config");
        Map<String, String> values = new TreeMap<>();
        List<String> secretKeys = new java.util.ArrayList<>();
        config.fields().forEachRemaining(e -> {
            JsonNode decrypted = decrypt(e.getValue(), e.getKey());
            if (!decrypted.equals(e.getValue())) {
                secretKeys.add(e.getKey());
            }
            values.put(e.getKey(), decrypted.isValueNode() ? decrypted.asText() : decrypted.toString());
        });
        return Map.of("PULUMI_CONFIG", JSON.writeValueAsString(values),
                "PULUMI_CONFIG_SECRET_KEYS", JSON.writeValueAsString(secretKeys));
    }

    /**
     * As the engine hands a stack's config over once the README's first-run commands have set every secret the stack
     * file names without a value ({@code token:}): each {@code pulumi config set --secret} stored a ciphertext, which
     * the engine decrypts.
     */
    private static JsonNode decrypt(JsonNode node, String path) {
        if (node.isNull() || node.isObject() && node.size() == 1 && node.has("secure")) {
            // one value per key, as distinct secrets are (a check may compare two of them)
            return TextNode.valueOf("decrypted-test-secret-" + path);
        }
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), decrypt(e.getValue(), path + "." + e.getKey())));
            return copy;
        }
        if (node.isArray()) {
            var copy = JSON.createArrayNode();
            int i = 0;
            for (JsonNode item : node) {
                copy.add(decrypt(item, path + "[" + i++ + "]"));
            }
            return copy;
        }
        return node;
    }

    @Test
    void theProgramRegistersWhatRenderShows() throws IOException {
        FluxFleetConfig committed = Stacks.committed("prod");
        Map<String, String> environment = engineEnvironment("prod");
        RenderResult program = Renderer.render(committed,
                (ctx, ignored) -> App.program(ctx, environment, FluxFleetStack.Runtime.offline()));
        RenderResult render = Stacks.render(committed);
        assertEquals(render.resources().stream().map(r -> r.type() + " " + r.name()).toList(),
                program.resources().stream().map(r -> r.type() + " " + r.name()).toList());
        // prod is protected, except deploy tokens and seed files, which normal operation replaces or drops (README "Day 2")
        assertTrue(program.resources().stream().filter(Recorded::custom)
                .filter(r -> !GitLabGovernance.LIFECYCLE_UNPROTECTED.contains(r.type()))
                .allMatch(Recorded::protect), "prod is protected, but for the deploy tokens and seeds (GitLabGovernance)");
        assertEquals(render.resources().stream().map(Recorded::protect).toList(),
                program.resources().stream().map(Recorded::protect).toList(), "the program protects what render shows");
        Recorded harbor = program.find("kubernetes:core/v1:Secret", "flux-system/harbor-auth-secret");
        assertInstanceOf(Recorded.SecretValue.class, harbor.inputs().get("stringData"));
        assertTrue(((String) ((Map<?, ?>) RenderResult.reveal(harbor.inputs().get("stringData"))).get(".dockerconfigjson"))
                .contains("decrypted-test-secret"), "the engine's decrypted value reaches the Secret, as a secret");
    }

    @Test
    void badEngineConfigFailsWithEveryProblemNamed() {
        Map<String, String> environment = Map.of("PULUMI_CONFIG",
                "{\"fluxfleet:environment\":\"staging\",\"fluxfleet:platformWorkers\":\"{\\\"taintKey\\\":\\\"node-role..com/x\\\"}\"}");
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> Renderer.render(
                Stacks.committed("dev"), (ctx, ignored) -> App.program(ctx, environment, FluxFleetStack.Runtime.offline())));
        ConfigException cause = assertInstanceOf(ConfigException.class, failure.getCause());
        List<String> keys = cause.problems().stream().map(p -> p.key()).toList();
        assertTrue(keys.containsAll(List.of("fluxfleet:environment", "fluxfleet:platformWorkers.taintKey",
                "fluxfleet:cluster.context", "fluxfleet:harbor.host", "fluxfleet:tenants")), keys.toString());
    }
}
