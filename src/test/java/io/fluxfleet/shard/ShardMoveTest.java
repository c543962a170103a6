package io.fluxfleet.shard;

import io.fluxfleet.plan.Plan;
import io.fluxfleet.plan.PlannedResource;
import io.fluxfleet.plan.ShardMove;
import io.fluxfleet.render.Renderer;
import io.fluxfleet.testing.Stacks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Moving tenant2 from shard a to shard b of the sharded prod, and the one-stack prod's tenant1 into a shard, planned
 * as the engine runs each stack's {@code pulumi up}: never a delete of a live object.
 */
class ShardMoveTest {
    private static final String A = "prod-tenants-a";
    private static final String B = "prod-tenants-b";

    private static List<PlannedResource> render(Path dir, String stack) {
        return ShardLayouts.planned(ShardLayouts.render(dir, stack));
    }

    private static boolean deletesALiveObject(Plan plan) {
        return plan.steps().stream().anyMatch(s -> s.op() == Plan.Op.DELETE && !s.resource().component()
                && !s.resource().type().startsWith("pulumi:") && !s.resource().type().startsWith("random:"));
    }

    /** Step 1, `moving: true` on tenant2 in a: updates only (retainOnDelete set, protection lifted), no delete. */
    @Test
    void markingATenantMovingOnlyUpdatesItsResources(@TempDir Path before, @TempDir Path after) {
        ShardLayouts.copy(before);
        ShardLayouts.copy(after);
        ShardLayouts.writeShard(after, "a", ShardLayouts.tenant("tenant1") + ShardLayouts.tenant("tenant2", "moving: true"));
        Plan plan = Plan.up(render(before, A), render(after, A));
        assertTrue(plan.ok(), plan.refusals().toString());
        assertTrue(plan.steps().stream().noneMatch(s -> s.op().isDelete() || s.op() == Plan.Op.CREATE),
                plan.counts().toString());
        List<PlannedResource> released = render(after, A);
        List<PlannedResource> tenant2 = released.stream().filter(r -> ShardMove.live(r) && r.name().contains("tenant2"))
                .toList();
        assertFalse(tenant2.isEmpty());
        tenant2.forEach(r -> assertTrue(r.retainOnDelete() && !r.protect(), r.label() + " is retained, unprotected"));
        // the other tenant is untouched: its resources are exactly as before
        assertEquals(render(before, A).stream().filter(r -> r.name().contains("tenant1")).toList(),
                released.stream().filter(r -> r.name().contains("tenant1")).toList());
    }

    /** Step 2: tenant2 leaves a (retained) and arrives in b (adopted): both stacks' plans delete no live object. */
    @Test
    void aReleasedTenantMovesWithoutDeletingALiveObject(@TempDir Path released, @TempDir Path moved) {
        ShardLayouts.copy(released);
        ShardLayouts.writeShard(released, "a", ShardLayouts.tenant("tenant1") + ShardLayouts.tenant("tenant2", "moving: true"));
        ShardLayouts.copy(moved);
        ShardLayouts.writeShard(moved, "a", ShardLayouts.tenant("tenant1"));
        ShardLayouts.writeShard(moved, "b", ShardLayouts.tenant("tenant3") + ShardLayouts.tenant("tenant2"));
        ShardMove.Result result = ShardMove.plan(
                Map.of(A, render(released, A), B, render(released, B)),
                Map.of(A, render(moved, A), B, render(moved, B)));
        assertTrue(result.ok(), result.refusals() + " " + result.plans().get(A).refusals());
        result.plans().values().forEach(plan -> assertFalse(deletesALiveObject(plan), plan.counts().toString()));
        assertTrue(result.moves().size() >= 30, "every live object of tenant2 moves: " + result.moves().size());
        result.moves().forEach(m -> {
            assertEquals(A, m.from());
            assertEquals(B, m.to());
            assertEquals(Plan.Op.DELETE_RETAIN, m.leaves(), m.resource().label());
            assertTrue(m.resource().name().contains("tenant2"), m.resource().label());
        });
        assertTrue(result.moves().stream().anyMatch(m -> m.adoption() == ShardMove.Adoption.UPSERT));
        assertTrue(result.moves().stream().anyMatch(m -> m.adoption() == ShardMove.Adoption.IMPORT_BY_LOOKUP));
    }

    /** Hostile: skipping `moving` makes a's up delete tenant2's objects while b creates them: refused, with the fix. */
    @Test
    void aMoveWithoutReleaseIsRefused(@TempDir Path before, @TempDir Path moved) {
        ShardLayouts.copy(before);
        ShardLayouts.copy(moved);
        ShardLayouts.writeShard(moved, "a", ShardLayouts.tenant("tenant1"));
        ShardLayouts.writeShard(moved, "b", ShardLayouts.tenant("tenant3") + ShardLayouts.tenant("tenant2"));
        ShardMove.Result result = ShardMove.plan(
                Map.of(A, render(before, A), B, render(before, B)),
                Map.of(A, render(moved, A), B, render(moved, B)));
        assertFalse(result.ok());
        assertFalse(result.refusals().isEmpty());
        assertTrue(result.refusals().get(0).contains("would delete the live object")
                && result.refusals().get(0).contains("moving: true"), result.refusals().get(0));
        assertFalse(result.plans().get(A).ok(), "prod protects the objects: the engine refuses the delete too");
    }

    /** From one stack per environment to shards: prod releases tenant1, shard a adopts it; nothing live deleted. */
    @Test
    void theOneStackProdMovesItsTenantIntoAShard(@TempDir Path released, @TempDir Path sharded) throws Exception {
        java.nio.file.Files.writeString(released.resolve("Pulumi.prod.yaml"), java.nio.file.Files.readString(
                Stacks.stackFile("prod")).replace("    - name: tenant1\n      project: your-org/tenant1-gitops\n",
                "    - name: tenant1\n      project: your-org/tenant1-gitops\n      moving: true\n"));
        Plan release = Plan.up(ShardLayouts.planned(Renderer.render(Stacks.committed("prod"))), render(released, "prod"));
        assertTrue(release.ok() && release.steps().stream().noneMatch(s -> s.op().isDelete()), release.counts().toString());
        ShardLayouts.copy(sharded);
        ShardLayouts.writeShard(sharded, "a", ShardLayouts.tenant("tenant1"));
        ShardLayouts.writeShard(sharded, "b", ShardLayouts.tenant("tenant3"));
        ShardMove.Result result = ShardMove.plan(Map.of("prod", render(released, "prod")),
                Map.of("prod", render(sharded, "prod"), A, render(sharded, A), B, render(sharded, B)));
        result.plans().values().forEach(plan -> assertFalse(deletesALiveObject(plan), plan.counts().toString()));
        assertTrue(result.moves().stream().allMatch(m -> m.leaves() == Plan.Op.DELETE_RETAIN && m.to().equals(A)));
        assertTrue(result.moves().size() >= 30, String.valueOf(result.moves().size()));
    }
}
