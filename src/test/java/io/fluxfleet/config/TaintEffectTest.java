package io.fluxfleet.config;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fluxfleet.testing.Stacks;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A platform-worker taint of effect PreferNoSchedule is only the scheduler's preference: a tenant pod may land on a
 * platform worker anyway, and one with a nodeSelector on kubernetes.io/hostname lands there at will (red team L1). It is
 * refused, naming the key and the fix; the two effects that keep tenants off are accepted.
 */
class TaintEffectTest {
    @Test
    void preferNoScheduleIsRefusedAndTheOthersAreTaken() {
        for (String env : List.of("dev", "prod")) {
            ObjectNode config = Stacks.minimal(env, 1);
            config.putObject("platformWorkers").put("taintEffect", "PreferNoSchedule");
            ConfigException e = assertThrows(ConfigException.class, () -> Stacks.load(env, config));
            assertTrue(e.problems().stream().anyMatch(p -> p.key().equals("fluxfleet:platformWorkers.taintEffect")
                    && p.message().contains("PreferNoSchedule keeps no tenant pod off the platform workers")
                    && p.message().contains("pulumi config set --path platformWorkers.taintEffect NoExecute")),
                    e.problems().toString());
            for (String effect : List.of("NoSchedule", "NoExecute")) {
                ObjectNode ok = Stacks.minimal(env, 1);
                ok.putObject("platformWorkers").put("taintEffect", effect);
                assertEquals(effect, Stacks.load(env, ok).platformWorkers().taintEffect());
            }
        }
    }
}
