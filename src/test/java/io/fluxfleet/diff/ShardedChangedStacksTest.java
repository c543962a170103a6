package io.fluxfleet.diff;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** changed-stacks in a repository with a sharded prod (platform prod, shards a and b) beside plain dev. */
class ShardedChangedStacksTest {
    private static final List<String> STACKS = List.of("dev", "prod", "prod-tenants-a", "prod-tenants-b");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
        // one tenant's change: its shard only
        "Pulumi.prod-tenants-a.yaml; prod-tenants-a",
        // a tenant moving between shards: the two shards
        "Pulumi.prod-tenants-a.yaml Pulumi.prod-tenants-b.yaml; prod-tenants-a prod-tenants-b",
        // the platform's config is every shard's
        "Pulumi.prod.yaml; prod prod-tenants-a prod-tenants-b",
        // a plain stack is unaffected by the layout next to it
        "Pulumi.dev.yaml; dev",
        // a stack whose name merely starts like another's is not its shard
        "Pulumi.prod-tenants-b.yaml README.md; prod-tenants-b",
        "src/main/java/io/fluxfleet/App.java; dev prod prod-tenants-a prod-tenants-b"})
    void aChangeTouchesTheShardsThatReadIt(String paths, String expected) {
        assertEquals(Arrays.asList(expected.split(" ")),
                List.copyOf(ChangedStacks.of(Arrays.asList(paths.split(" ")), STACKS)));
    }
}
