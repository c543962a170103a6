package io.fluxfleet.shard;

import io.fluxfleet.config.ConfigLoader;
import io.fluxfleet.render.Recorded;
import io.fluxfleet.render.RenderResult;
import io.fluxfleet.render.Renderer;
import io.fluxfleet.testing.Stacks;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sharded prod (src/test/resources/shards): the platform stack owns Flux and the shared infrastructure and no
 * tenant; each shard owns its tenants, with the platform's config and shared charts read through its stack reference.
 */
class ShardRenderTest {
    private static RenderResult platform;
    private static RenderResult shardA;
    private static RenderResult shardB;
    private static RenderResult plainProd;

    @BeforeAll
    static void render(@TempDir Path dir) {
        ShardLayouts.copy(dir);
        platform = ShardLayouts.render(dir, "prod");
        shardA = ShardLayouts.render(dir, "prod-tenants-a");
        shardB = ShardLayouts.render(dir, "prod-tenants-b");
        plainProd = Renderer.render(Stacks.committed("prod"));
    }

    private static Set<String> tenantsOf(RenderResult result) {
        return result.ofType("fluxfleet:tenancy:TenantEnvironment").stream().map(Recorded::name).collect(Collectors.toSet());
    }

    @Test
    void thePlatformOwnsFluxAndTheSharedChartsAndNoTenant() {
        assertTrue(tenantsOf(platform).isEmpty());
        assertEquals(1, platform.ofType("fluxfleet:flux:FluxInstall").size());
        assertEquals(1, platform.ofType("fluxfleet:infra:Monitoring").size());
        assertTrue(platform.ofType("kubernetes:helm.sh/v3:Release").size() == 1);
        assertEquals(Set.of("shards", "shardConfig", "shardConfigSecretKeys", "sharedPrerequisites"),
                platform.outputs().keySet().stream().filter(k -> k.startsWith("shard") || k.equals("sharedPrerequisites"))
                        .collect(Collectors.toSet()));
    }

    @Test
    void eachShardOwnsExactlyItsTenantsAndNoPlatformResource() {
        assertEquals(Set.of("tenant-tenant1", "tenant-tenant2"), tenantsOf(shardA));
        assertEquals(Set.of("tenant-tenant3"), tenantsOf(shardB));
        for (RenderResult shard : List.of(shardA, shardB)) {
            assertTrue(shard.ofType("fluxfleet:flux:FluxInstall").isEmpty(), shard.stack());
            assertTrue(shard.ofType("kubernetes:helm.sh/v3:Release").isEmpty(), shard.stack());
            assertTrue(shard.ofType("fluxfleet:infra:Monitoring").isEmpty(), shard.stack());
            assertTrue(shard.resources().stream().allMatch(r -> r.urn().startsWith("urn:pulumi:" + shard.stack() + "::")));
        }
    }

    /**
     * With {@code layers.source: platform} the platform stack owns the platform project's GitRepository and its
     * governance; the shards' cluster and shared Kustomizations name the GitRepository, and no shard reads a tenant
     * project from flux-system or governs the platform project.
     */
    @Test
    void thePlatformProjectIsThePlatformStacksAndTheShardsNameItsSource() {
        String gitRepository = "kubernetes:source.toolkit.fluxcd.io/v1:GitRepository";
        Recorded source = platform.find(gitRepository, "flux-system/platform-prod");
        assertEquals("https://gitlab.example.com/your-org/platform-gitops.git",
                ((Map<?, ?>) source.inputs().get("spec")).get("url"));
        platform.find("gitlab:index/branch:Branch", "platform-prod-branch");
        platform.find("gitlab:index/projectDeployToken:ProjectDeployToken", "platform-prod-deploy-token");
        for (RenderResult shard : List.of(shardA, shardB)) {
            assertTrue(shard.resources().stream().noneMatch(r -> r.name().startsWith("flux-system/platform-")
                    || r.name().startsWith("platform-")), shard.stack() + ": " + shard.resources().stream()
                    .map(Recorded::name).filter(n -> n.contains("platform-")).toList());
            assertTrue(shard.ofType(gitRepository).stream().noneMatch(r -> r.name().startsWith("flux-system/")),
                    shard.stack());
            for (Recorded k : shard.ofType("kubernetes:kustomize.toolkit.fluxcd.io/v1:Kustomization")) {
                Object name = ((Map<?, ?>) ((Map<?, ?>) k.inputs().get("spec")).get("sourceRef")).get("name");
                if (k.name().startsWith("flux-system/")) {
                    assertEquals("platform-prod", name, k.name());
                } else {
                    assertFalse("platform-prod".equals(name), k.name());
                }
            }
        }
    }

    /** The shared health checks are the platform's charts, as the platform exported them: a value, not a copy. */
    @Test
    void sharedPrerequisitesFlowThroughTheStackReference() {
        Recorded cluster = shardA.find("kubernetes:kustomize.toolkit.fluxcd.io/v1:Kustomization",
                "flux-system/tenant1-prod-cluster");
        Recorded plain = plainProd.find("kubernetes:kustomize.toolkit.fluxcd.io/v1:Kustomization",
                "flux-system/tenant1-prod-cluster");
        Object checks = ((Map<?, ?>) cluster.inputs().get("spec")).get("healthChecks");
        assertEquals(((Map<?, ?>) plain.inputs().get("spec")).get("healthChecks"), checks);
        assertEquals(2, ((List<?>) checks).size());
        assertTrue(cluster.dependencies().stream().anyMatch(d -> d.endsWith("pulumi:pulumi:StackReference::"
                + ShardProgram.REFERENCE)), "tenant objects wait for the platform's state: " + cluster.dependencies());
    }

    /**
     * A tenant's objects are the same in a shard as in the one-stack prod, so moving it there changes no object. Secret
     * values compare by shape: the fixture platform's Harbor password is a different (encrypted) stand-in.
     */
    @Test
    void aTenantsObjectsAreTheSameAsInTheOneStackEnvironment() {
        Map<String, Object> sharded = byTypeAndName(shardA, "tenant1");
        Map<String, Object> plain = byTypeAndName(plainProd, "tenant1");
        assertFalse(plain.isEmpty());
        assertEquals(plain.keySet(), sharded.keySet());
        plain.forEach((key, inputs) -> assertEquals(secretsAsShape(inputs), secretsAsShape(sharded.get(key)), key));
    }

    private static String secretsAsShape(Object inputs) {
        return String.valueOf(inputs).replaceAll("\\[secret:[0-9a-f]+]", "[secret]");
    }

    /**
     * One fingerprint key for both renders: a render keys its fingerprints by its stack's name, and the shard's and
     * the one-stack render are different stacks, so equal secrets would otherwise differ.
     */
    private static final io.fluxfleet.render.Fingerprint SAME_KEY = io.fluxfleet.render.Fingerprint.of(new byte[32],
            "shard-comparison");

    private static Map<String, Object> byTypeAndName(RenderResult result, String tenant) {
        Map<String, Object> objects = new TreeMap<>();
        for (Recorded r : result.resources()) {
            if (r.custom() && !r.type().startsWith("pulumi:") && !r.type().startsWith("random:")
                    && r.name().contains(tenant)) {
                objects.put(r.type() + " " + r.name(), RenderResult.redact(r.inputs(), SAME_KEY));
            }
        }
        return objects;
    }

    /** The platform's secrets stay secrets in the shard: the GitLab token, the kubeconfig-free provider, Harbor. */
    @Test
    void thePlatformsSecretsStaySecretInTheShard() {
        Recorded gitlab = shardA.ofType("pulumi:providers:gitlab").get(0);
        assertInstanceOf(Recorded.SecretValue.class, gitlab.inputs().get("token"));
        Recorded pull = shardA.ofType("kubernetes:core/v1:Secret").stream()
                .filter(r -> r.name().endsWith("tenant1/harbor-registry-secret")).findFirst().orElseThrow();
        assertTrue(RenderResult.redact(pull.inputs(), SAME_KEY).toString().contains("[secret:"), pull.inputs().toString());
        assertTrue(platform.outputs().containsKey("shardConfig"));
        assertTrue(io.fluxfleet.render.RenderResultAccess.secret(platform.outputs().get("shardConfig")),
                "the platform exports its config as a secret");
    }

    /** The platform stack file's own validation still runs for a sharded platform (its config is the shards'). */
    @Test
    void theShardsConfigIsThePlatformsWithItsOwnTenants() {
        var config = ConfigLoader.load("prod", io.fluxfleet.config.RawConfig.fromStackFile(
                ShardLayouts.FIXTURES.resolve("Pulumi.prod.yaml")));
        assertEquals(List.of("a", "b"), config.sharding().shards());
        assertTrue(config.tenants().isEmpty());
        assertTrue(config.sharding().inheritedSecretKeys().containsAll(Set.of("gitlab", "harbor")));
    }
}
