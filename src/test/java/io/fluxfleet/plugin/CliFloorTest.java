package io.fluxfleet.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CLI floor. The engine's side is modelled from its sources: the engine answers {@code RequirePulumiVersion} by
 * comparing its own version with the range and refusing with "Pulumi CLI version X does not satisfy the version range
 * "R"" (pulumi/pulumi, the language tests' {@code RequirePulumiVersion} and the integration test that matches that
 * message); a CLI without the RPC answers UNIMPLEMENTED, which pulumi-java 1.36.1 {@code DeploymentImpl.requirePulumiVersion}
 * turns into "The installed version of the CLI does not support the `RequirePulumiVersion` RPC. Please upgrade the
 * Pulumi CLI." Ranges use blang/semver syntax (">=3.257.0").
 */
class CliFloorTest {

    /** A fake engine that applies the range to a given CLI version, as the real one does. */
    private static void engine(String cliVersion, String range) {
        assertTrue(range.startsWith(">="), range);
        if (compare(cliVersion, range.substring(2)) < 0) {
            throw new RuntimeException("Pulumi CLI version " + cliVersion + " does not satisfy the version range \"" + range + "\"");
        }
    }

    private static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < 3; i++) {
            int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @ParameterizedTest
    @CsvSource({"3.257.0", "3.274.1", "3.300.0", "4.0.0"})
    void aCliAtOrAboveTheFloorPasses(String cli) {
        List<String> asked = new ArrayList<>();
        CliFloor.require(range -> {
            asked.add(range);
            engine(cli, range);
        });
        assertEquals(List.of(">=3.257.0"), asked);
    }

    @ParameterizedTest
    @CsvSource({"3.256.9", "3.214.1", "3.100.0"})
    void anOlderCliIsRefusedWithTheFloorAndTheEnginesAnswer(String cli) {
        var e = assertThrows(CliFloor.UnsupportedCliException.class, () -> CliFloor.require(range -> engine(cli, range)));
        assertTrue(e.getMessage().startsWith("fluxfleet needs the Pulumi CLI 3.257.0 or newer"), e.getMessage());
        assertTrue(e.getMessage().contains("Pulumi CLI version " + cli + " does not satisfy the version range \">=3.257.0\""),
                e.getMessage());
        assertTrue(e.getMessage().contains("pulumi version"), "says how to check: " + e.getMessage());
    }

    @Test
    void aCliWithoutTheRpcIsRefusedToo() {
        var e = assertThrows(CliFloor.UnsupportedCliException.class, () -> CliFloor.require(range -> {
            throw new RuntimeException("The installed version of the CLI does not support the `RequirePulumiVersion` RPC."
                    + " Please upgrade the Pulumi CLI.");
        }));
        assertTrue(e.getMessage().contains("does not support the `RequirePulumiVersion` RPC"), e.getMessage());
        assertTrue(e.getMessage().contains("3.257.0 or newer"), e.getMessage());
    }

    @Test
    void aWrappedFailureIsReportedByItsCause() {
        var e = assertThrows(CliFloor.UnsupportedCliException.class, () -> CliFloor.require(range -> {
            throw new CompletionException(new IllegalStateException("engine unreachable"));
        }));
        assertTrue(e.getMessage().contains("engine unreachable"), e.getMessage());
    }

    /** The CI image runs pulumi for previews and deployments: its CLI must be at or above the floor. */
    @Test
    void theCiPulumiImageSatisfiesTheFloor() throws Exception {
        JsonNode ci = new ObjectMapper(new YAMLFactory()).readTree(Path.of(".gitlab-ci.yml").toFile());
        String image = ci.path(".pulumi").path("image").asText();
        assertTrue(image.startsWith("pulumi/pulumi-java:"), image);
        String tag = image.substring(image.indexOf(':') + 1);
        assertTrue(tag.matches("\\d+\\.\\d+\\.\\d+"), "an exact CLI version: " + tag);
        assertTrue(compare(tag, CliFloor.MINIMUM) >= 0, image + " is older than the floor " + CliFloor.MINIMUM);
        CliFloor.require(range -> engine(tag, range));
    }
}
