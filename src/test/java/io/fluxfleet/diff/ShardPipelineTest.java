package io.fluxfleet.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ci/shard-pipeline.sh: one deploy job per shard file, each its own resource_group, in a child pipeline. */
class ShardPipelineTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static JsonNode run(Path repo, String env) throws Exception {
        Files.createDirectories(repo.resolve("ci"));
        Files.copy(Path.of("ci/shard-pipeline.sh"), repo.resolve("ci/shard-pipeline.sh"));
        Process p = new ProcessBuilder("bash", repo.resolve("ci/shard-pipeline.sh").toString(), env).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        return YAML.readTree(out);
    }

    @Test
    void oneJobPerShardEachWithItsOwnResourceGroup(@TempDir Path repo) throws Exception {
        for (String f : List.of("Pulumi.prod.yaml", "Pulumi.prod-tenants-a.yaml", "Pulumi.prod-tenants-b.yaml",
                "Pulumi.dev.yaml", "Pulumi.preprod-tenants-x.yaml")) {
            Files.writeString(repo.resolve(f), "config: {}\n");
        }
        JsonNode pipeline = run(repo, "prod");
        List<String> jobs = new ArrayList<>();
        pipeline.fieldNames().forEachRemaining(jobs::add);
        assertEquals(List.of(".deploy-shard", "deploy-prod-tenants-a", "deploy-prod-tenants-b"), jobs);
        for (String shard : List.of("prod-tenants-a", "prod-tenants-b")) {
            JsonNode job = pipeline.get("deploy-" + shard);
            assertEquals(shard, job.get("resource_group").asText());
            assertEquals("ci/deploy.sh " + shard, job.get("script").get(0).asText());
        }
        JsonNode template = pipeline.get(".deploy-shard");
        assertEquals("build", template.get("needs").get(0).get("job").asText());
        assertEquals("$PARENT_PIPELINE_ID", template.get("needs").get(0).get("pipeline").asText());
        assertTrue(template.get("image").asText().matches("pulumi/pulumi-java:[0-9.]+"));
    }

    @Test
    void anEnvironmentWithoutShardsGetsAPipelineThatSaysSo(@TempDir Path repo) throws Exception {
        Files.writeString(repo.resolve("Pulumi.prod.yaml"), "config: {}\n");
        JsonNode pipeline = run(repo, "prod");
        assertTrue(pipeline.has("no-shards"), pipeline.toString());
    }

    /** .gitlab-ci.yml runs the shards after the platform, only where shard files exist, waiting for their result. */
    @Test
    void theMainPipelineTriggersTheShardsAfterThePlatform() throws Exception {
        JsonNode ci = YAML.readTree(Files.readString(Path.of(".gitlab-ci.yml")));
        assertEquals("deploy-prod", ci.get("shards-prod").get("needs").get(0).asText());
        JsonNode trigger = ci.get("deploy-prod-shards").get("trigger");
        assertEquals("depend", trigger.get("strategy").asText());
        assertEquals("shards-prod", trigger.get("include").get(0).get("job").asText());
        assertEquals("Pulumi.prod-tenants-*.yaml",
                ci.get("deploy-prod-shards").get("rules").get(0).get("exists").get(0).asText());
    }
}
