package io.fluxfleet.flux;

import io.fluxfleet.render.Recorded;
import io.fluxfleet.render.RenderResult;
import io.fluxfleet.testing.Stacks;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The render side of the platform shard: every Kustomization and HelmRelease fluxfleet puts in flux-system carries
 * {@link Sharding#KEY}={@link Sharding#PLATFORM}; nothing in a tenant namespace does (a tenant object with it would
 * be reconciled by the platform's workers, which is what the admission side refuses).
 */
class ShardingTest {
    private static final List<String> RECONCILED = List.of(
            "kubernetes:kustomize.toolkit.fluxcd.io/v1:Kustomization", "kubernetes:helm.toolkit.fluxcd.io/v2:HelmRelease");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> labels(Recorded r) {
        Map<String, Object> inputs = (Map<String, Object>) RenderResult.reveal(r.inputs());
        return (Map<String, Object>) ((Map<String, Object>) inputs.get("metadata")).get("labels");
    }

    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void platformObjectsCarryThePlatformShardAndTenantObjectsNone(String env) {
        RenderResult result = Stacks.render(Stacks.committed(env));
        int platform = 0;
        int tenant = 0;
        for (String type : RECONCILED) {
            for (Recorded r : result.ofType(type)) {
                boolean inFluxSystem = r.name().startsWith("flux-system/");
                Object shard = labels(r).get(Sharding.KEY);
                if (inFluxSystem) {
                    platform++;
                    assertEquals(Sharding.PLATFORM, shard, r.name());
                } else {
                    tenant++;
                    assertEquals(null, shard, r.name() + " is a tenant's and stays in the tenants' shard");
                }
            }
        }
        assertTrue(platform >= 4 && tenant >= 1, platform + " platform, " + tenant + " tenant objects");
        assertEquals("sharding.fluxcd.io/key=platform", Sharding.PLATFORM_SELECTOR);
        assertEquals("!sharding.fluxcd.io/key", Sharding.TENANT_SELECTOR);
    }
}
