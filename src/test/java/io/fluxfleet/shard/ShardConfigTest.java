package io.fluxfleet.shard;

import io.fluxfleet.config.ConfigException;
import io.fluxfleet.config.RawConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad sharding config, one broken layout per row: the error names the key and what is wrong, before anything is
 * registered (a shard is validated with its platform's config before either render runs).
 */
class ShardConfigTest {
    /** The platform file of the fixture with its {@code fluxfleet:shards} line replaced by {@code shardsLine}. */
    private static void platform(Path dir, String shardsLine, String extra) throws Exception {
        String text = Files.readString(ShardLayouts.FIXTURES.resolve("Pulumi.prod.yaml"))
                .replace("  fluxfleet:shards: [a, b]\n", shardsLine.isEmpty() ? "" : "  " + shardsLine + "\n");
        Files.writeString(dir.resolve("Pulumi.prod.yaml"), text.replace("config:\n", "config:\n" + extra));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "shards empty                 | fluxfleet:shards: []                  | | fluxfleet:shards | is empty",
        "shard name not a DNS label   | fluxfleet:shards: [a, B_2]            | | fluxfleet:shards[1] | B_2",
        "shard name too long          | fluxfleet:shards: [a, abcdefghijklmnopqrstuvwxyz] | | fluxfleet:shards[1] | longer than 20",
        "shard named twice            | fluxfleet:shards: [a, a]              | | fluxfleet:shards[1] | duplicate shard",
        "platform keeps a tenant      | fluxfleet:shards: [a, b]              | '  fluxfleet:tenants: [{name: t9, project: g/t9}]\n' | fluxfleet:tenants | owns no tenant",
        "platform and shard at once   | fluxfleet:shards: [a, b]              | '  fluxfleet:platform: other\n' | fluxfleet:platform | not both"})
    void aBrokenPlatformIsRefusedWithItsKey(String name, String shards, String extra, String key, String message,
                                           @TempDir Path dir) throws Exception {
        platform(dir, shards, extra == null ? "" : extra.replace("\\n", "\n"));
        ConfigException e = assertThrows(ConfigException.class, () -> io.fluxfleet.config.ConfigLoader.load("prod",
                RawConfig.fromStackFile(dir.resolve("Pulumi.prod.yaml"))));
        assertTrue(e.getMessage().contains(key) && e.getMessage().contains(message), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "shard the platform does not declare | prod-tenants-c | 'fluxfleet:platform: prod' | fluxfleet:platform | does not declare the shard",
        "shard misnamed                      | tenants-a      | 'fluxfleet:platform: prod' | fluxfleet:platform | is not named",
        "shard copies a platform setting     | prod-tenants-a | 'fluxfleet:platform: prod\n  fluxfleet:suspend: true' | fluxfleet:suspend | holds only",
        "platform not a stack name           | prod-tenants-a | 'fluxfleet:platform: \"prod;rm\"' | fluxfleet:platform | not a stack name",
        "platform file missing               | qa-tenants-a   | 'fluxfleet:platform: qa' | fluxfleet:platform | is not beside this one",
        "tenant both retiring and moving     | prod-tenants-a | 'fluxfleet:platform: prod' | fluxfleet:tenants[0].moving | not both"})
    void aBrokenShardIsRefusedWithItsKey(String name, String stack, String own, String key, String message,
                                        @TempDir Path dir) throws Exception {
        ShardLayouts.copy(dir);
        String tenants = name.contains("retiring") ? ShardLayouts.tenant("tenant9", "retire: true", "moving: true")
                : ShardLayouts.tenant("tenant9");
        Path file = dir.resolve("Pulumi." + stack + ".yaml");
        Files.writeString(file, "config:\n  " + own.replace("\\n", "\n") + "\n  fluxfleet:tenants:\n" + tenants);
        RawConfig raw = RawConfig.fromStackFile(file);
        ConfigException e = assertThrows(ConfigException.class, () -> ShardRender.render(stack, file, raw, w -> { }));
        assertTrue(e.getMessage().contains(key) && e.getMessage().contains(message), e.getMessage());
    }

    /** Hostile: the same tenant in two shard files would be owned by two stacks; refused, naming the other file. */
    @Test
    void aTenantInTwoShardsIsRefused(@TempDir Path dir) throws Exception {
        ShardLayouts.copy(dir);
        ShardLayouts.writeShard(dir, "b", ShardLayouts.tenant("tenant3") + ShardLayouts.tenant("tenant2"));
        Path file = dir.resolve("Pulumi.prod-tenants-b.yaml");
        ConfigException e = assertThrows(ConfigException.class,
                () -> ShardRender.render("prod-tenants-b", file, RawConfig.fromStackFile(file), w -> { }));
        assertTrue(e.getMessage().contains("fluxfleet:tenants[1].name")
                && e.getMessage().contains("Pulumi.prod-tenants-a.yaml"), e.getMessage());
    }

    /**
     * Hostile: a tenant of shard b claiming a domain below shard a's tenant's could take over its hosts (README "Threat model", ingress-hosts); refused at once, naming the other file and key.
     * Benign: disjoint domains across the shards render.
     */
    @Test
    void anIngressDomainOverlappingAnotherShardsTenantIsRefused(@TempDir Path dir) throws Exception {
        ShardLayouts.copy(dir);
        ShardLayouts.writeShard(dir, "a", ShardLayouts.tenant("tenant1", "ingressDomains: [tenant1.apps.example.com]")
                + ShardLayouts.tenant("tenant2"));
        ShardLayouts.writeShard(dir, "b", ShardLayouts.tenant("tenant3", "ingressDomains: [shop.tenant1.apps.example.com]"));
        Path file = dir.resolve("Pulumi.prod-tenants-b.yaml");
        ConfigException e = assertThrows(ConfigException.class,
                () -> ShardRender.render("prod-tenants-b", file, RawConfig.fromStackFile(file), w -> { }));
        assertTrue(e.getMessage().contains("fluxfleet:tenants[0].ingressDomains[0]")
                && e.getMessage().contains("tenant 'tenant1' in 'Pulumi.prod-tenants-a.yaml'")
                && e.getMessage().contains("Pulumi.prod-tenants-a.yaml tenants[0].ingressDomains[0]"), e.getMessage());

        ShardLayouts.writeShard(dir, "b", ShardLayouts.tenant("tenant3", "ingressDomains: [tenant3.apps.example.com]"));
        assertEquals(List.of("tenant3"), ShardRender.render("prod-tenants-b", file, RawConfig.fromStackFile(file), w -> { })
                .config().tenants().stream().map(t -> t.name()).toList());
    }

    /** The platform's webhook host (read from the platform through the stack reference) is checked in the shard. */
    @Test
    void aShardTenantsDomainServingTheWebhookHostIsRefused(@TempDir Path dir) throws Exception {
        ShardLayouts.copy(dir);
        ShardLayouts.writeShard(dir, "b", ShardLayouts.tenant("tenant3", "ingressDomains: [prod.example.com]"));
        Path file = dir.resolve("Pulumi.prod-tenants-b.yaml");
        ConfigException e = assertThrows(ConfigException.class,
                () -> ShardRender.render("prod-tenants-b", file, RawConfig.fromStackFile(file), w -> { }));
        assertTrue(e.getMessage().contains("fluxfleet:tenants[0].ingressDomains[0]")
                && e.getMessage().contains("the Flux webhook receiver"), e.getMessage());
    }

    /** Every problem of a platform at once, not the first only. */
    @Test
    void everyProblemAtOnce(@TempDir Path dir) throws Exception {
        platform(dir, "fluxfleet:shards: [a, a, B]", "  fluxfleet:tenants: [{name: t9, project: g/t9}]\n");
        ConfigException e = assertThrows(ConfigException.class, () -> io.fluxfleet.config.ConfigLoader.load("prod",
                RawConfig.fromStackFile(dir.resolve("Pulumi.prod.yaml"))));
        for (String key : new String[] {"fluxfleet:shards[1]", "fluxfleet:shards[2]", "fluxfleet:tenants"}) {
            assertTrue(e.getMessage().contains(key), key + " in " + e.getMessage());
        }
    }
}
