package io.fluxfleet.plan;

import io.fluxfleet.testing.Stacks;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Trap 1 in the committed stacks: every stack names its cluster, no two stacks name the same one (two stacks whose
 * provider believes they share a cluster would fight over its objects), and the id reaches the provider.
 */
class ClusterIdTest {
    @Test
    void everyCommittedStackNamesItsOwnCluster() {
        Map<String, String> seen = new HashMap<>();
        for (String env : Stacks.environments().toList()) {
            var config = Stacks.committed(env);
            String id = config.cluster().id();
            assertFalse(id.isEmpty(), env);
            assertNull(seen.put(id, env), "cluster.id " + id + " is named by " + env + " and " + seen.get(id));
            var provider = Stacks.render(config).find("pulumi:providers:kubernetes", "kubernetes-" + env);
            assertEquals(id, provider.inputs().get("clusterIdentifier"), env);
        }
    }
}
