package io.fluxfleet.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fluxfleet.config.ConfigLoader;
import io.fluxfleet.config.FluxFleetConfig;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Stack configs for the GitLab tests, loaded through the real {@link ConfigLoader}: a minimal valid stack whose
 * {@code gitlab} object a test replaces or edits, written as YAML the way a stack file would hold it.
 */
public final class GovernanceConfigs {
    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    public static final String TOKEN = "glpat-governance-test-0003";

    private GovernanceConfigs() {}

    /** A valid stack of {@code env} with two tenants and the given {@code gitlab} object (YAML). */
    public static ObjectNode stack(String env, String gitlabYaml) {
        ObjectNode root = Stacks.minimal(env, 2);
        root.set("gitlab", yaml(gitlabYaml));
        return root;
    }

    /** A premium stack with approvers, teams and a token: what the governance tests run. */
    public static ObjectNode premium(String env) {
        return stack(env, """
                url: https://gitlab.example.com
                token: %s
                tier: premium
                approvers:
                  groups: [your-org/platform-team]
                  users: [alice]
                teams:
                  platform: "@your-org/platform-team"
                  devops: "@your-org/devops-team"
                  security: "@your-org/security-team"
                  qa: "@your-org/qa-team"
                  dev: "@your-org/dev-team"
                  app: "@your-org/app-team @bob"
                """.formatted(TOKEN));
    }

    public static FluxFleetConfig load(ObjectNode stack) {
        return ConfigLoader.load(stack.path("environment").asText("dev"), Stacks.raw(stack));
    }

    public static JsonNode yaml(String text) {
        try {
            JsonNode node = YAML.readTree(text);
            return node == null ? YAML.createObjectNode() : node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
