package io.fluxfleet.random;

import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;

import io.fluxfleet.render.Recorded;
import io.fluxfleet.render.RenderResult;
import io.fluxfleet.render.RenderWriter;
import io.fluxfleet.render.Renderer;
import io.fluxfleet.testing.Stacks;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated random binding: wire names, pinned plugin, and a result that stays secret. */
class RandomPasswordTest {
    private static final String TYPE = "random:index/randomPassword:RandomPassword";

    private static RenderResult renderPassword() {
        return Renderer.render(Stacks.load("dev", Stacks.minimal("dev", 1)), (ctx, config) -> {
            RandomPassword password = new RandomPassword("pw", RandomPasswordArgs.builder()
                    .length(24).special(true).overrideSpecial("-_").minNumeric(2).build());
            new Secret("uses-it", SecretArgs.builder()
                    .stringData(password.result().applyValue(r -> Map.of("password", r)))
                    .build());
            ctx.export("result", password.result());
        });
    }

    @Test
    void inputsUseTheProvidersWireNamesAndThePluginIsPinned() throws IOException {
        Recorded recorded = renderPassword().find(TYPE, "pw");
        assertEquals(Map.of("length", 24L, "special", true, "overrideSpecial", "-_", "minNumeric", 2L),
                RenderResult.inputs(recorded));
        try (InputStream in = RandomPlugin.class.getResourceAsStream(RandomPlugin.DESCRIPTOR)) {
            assertNotNull(in, "the language host installs the plugin from this descriptor");
            String descriptor = new String(in.readAllBytes());
            assertTrue(descriptor.contains("\"resource\": true") && descriptor.contains("\"name\": \"random\""), descriptor);
        }
        assertTrue(RandomPlugin.VERSION.matches("4\\.[0-9]+\\.[0-9]+"), RandomPlugin.VERSION);
    }

    @Test
    void theResultIsASecretWithADeterministicStandIn() {
        RenderResult first = renderPassword();
        Object stringData = first.find("kubernetes:core/v1:Secret", "uses-it").inputs().get("stringData");
        assertInstanceOf(Recorded.SecretValue.class, stringData, "a value derived from result stays secret");
        @SuppressWarnings("unchecked")
        String value = ((Map<String, String>) RenderResult.reveal(stringData)).get("password");
        assertEquals(24, value.length());
        assertEquals(RenderWriter.files(first), RenderWriter.files(renderPassword()), "the same on every run");
    }
}
