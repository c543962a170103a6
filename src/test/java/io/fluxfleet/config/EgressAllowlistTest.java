package io.fluxfleet.config;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fluxfleet.testing.Stacks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code network.egressCidrs} and {@code network.apiServerCidrs}, where flux-system may go on TCP 443: explicit
 * allowlists in a strict environment (prod), never the whole Internet there; elsewhere the defaults (0.0.0.0/0 minus
 * the cluster's ranges) stay, warned.
 */
class EgressAllowlistTest {
    @Test
    void prodWithoutAllowlistsIsRefusedNamingTheCommands() {
        ObjectNode config = Stacks.minimal("prod", 1);
        config.remove("network");
        ConfigException e = assertThrows(ConfigException.class, () -> Stacks.load("prod", config));
        for (String key : List.of("egressCidrs", "apiServerCidrs")) {
            assertTrue(e.problems().stream().anyMatch(p -> p.key().equals("fluxfleet:network." + key)
                    && p.message().contains("is required in prod")
                    && p.message().contains("pulumi config set --path 'network." + key + "[0]' <cidr> -s prod")), e.getMessage());
        }
    }

    /** The API server's rule opens 443 too: an Internet-wide apiServerCidrs would undo egressCidrs. */
    @Test
    void prodRefusesAnInternetWideApiServerRange() {
        ObjectNode config = Stacks.minimal("prod", 1);
        ((ObjectNode) config.get("network")).putArray("apiServerCidrs").add("0.0.0.0/0");
        ConfigException e = assertThrows(ConfigException.class, () -> Stacks.load("prod", config));
        assertTrue(e.problems().stream().anyMatch(p -> p.key().equals("fluxfleet:network.apiServerCidrs[0]")
                && p.message().contains("is the whole Internet")), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"0.0.0.0/0, 0", "::/0, 1"})
    void prodRefusesTheWholeInternet(String cidr, int index) {
        ObjectNode config = Stacks.minimal("prod", 1);
        var list = ((ObjectNode) config.get("network")).putArray("egressCidrs");
        if (index == 1) {
            list.add("203.0.113.0/24");
        }
        list.add(cidr);
        ConfigException e = assertThrows(ConfigException.class, () -> Stacks.load("prod", config));
        assertTrue(e.problems().stream().anyMatch(p -> p.key().equals("fluxfleet:network.egressCidrs[" + index + "]")
                && p.message().contains("is the whole Internet")), e.getMessage());
    }

    @Test
    void prodWithAnAllowlistLoadsWithoutAWarning() {
        List<String> warnings = new ArrayList<>();
        FluxFleetConfig config = ConfigLoader.load("prod", Stacks.raw(Stacks.minimal("prod", 1)), warnings::add);
        assertEquals(List.of("203.0.113.0/24"), config.network().egressCidrs());
        assertTrue(warnings.stream().noneMatch(w -> w.contains("network.")), warnings.toString());
    }

    @Test
    void devKeepsTheDefaultWithAWarningUntilNarrowed() {
        List<String> warnings = new ArrayList<>();
        FluxFleetConfig config = ConfigLoader.load("dev", Stacks.raw(Stacks.minimal("dev", 1)), warnings::add);
        assertEquals(List.of("0.0.0.0/0"), config.network().egressCidrs());
        for (String key : List.of("egressCidrs", "apiServerCidrs")) {
            assertTrue(warnings.stream().anyMatch(w -> w.startsWith("fluxfleet:network." + key + " allows the whole Internet")
                    && w.contains("-s dev")), warnings.toString());
        }

        ObjectNode narrowed = Stacks.minimal("dev", 1);
        ObjectNode network = narrowed.putObject("network");
        network.putArray("egressCidrs").add("203.0.113.0/24");
        network.putArray("apiServerCidrs").add("192.0.2.0/24");
        List<String> quiet = new ArrayList<>();
        ConfigLoader.load("dev", Stacks.raw(narrowed), quiet::add);
        assertTrue(quiet.stream().noneMatch(w -> w.contains("network.")), quiet.toString());
    }
}
