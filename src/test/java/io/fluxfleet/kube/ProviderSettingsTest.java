package io.fluxfleet.kube;

import io.fluxfleet.render.Recorded;
import io.fluxfleet.render.RenderResult;
import io.fluxfleet.testing.Stacks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three provider switches, each against the rule that makes it necessary, applied to what the committed stacks
 * register.
 */
class ProviderSettingsTest {

    /**
     * pulumi-kubernetes 4.32.0 provider/pkg/provider/diff.go, {@code forceNewProperties}: for a Secret, "if
     * clients.IsSecret(obj) && (!k.enableSecretMutable || clients.IsImmutable(obj))" then {@code .type},
     * {@code .stringData} and {@code .data} force a replacement.
     */
    static Set<String> secretReplaceProperties(boolean enableSecretMutable, boolean immutable) {
        return !enableSecretMutable || immutable ? Set.of("type", "stringData", "data") : Set.of();
    }

    /**
     * pulumi/pulumi pkg/resource/deploy/step_generator.go: "if diff.Replace() ... if new.Protect && old.Protect" the
     * step fails with "unable to replace resource … as it is currently marked for protection".
     */
    static boolean engineRefusesReplacement(boolean replace, boolean protect) {
        return replace && protect;
    }

    private static Map<String, Object> provider(RenderResult result, String env) {
        return result.find("pulumi:providers:kubernetes", "kubernetes-" + env).inputs();
    }

    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void rotatingACredentialUpdatesEverySecretInPlaceEvenWhereItIsProtected(String env) {
        RenderResult result = Stacks.render(Stacks.committed(env));
        boolean mutable = "true".equals(provider(result, env).get("enableSecretMutable"));
        assertTrue(mutable, "enableSecretMutable");
        List<Recorded> secrets = result.ofType("kubernetes:core/v1:Secret");
        assertFalse(secrets.isEmpty());
        for (Recorded secret : secrets) {
            boolean immutable = Boolean.TRUE.equals(secret.inputs().get("immutable"));
            Set<String> replaceOn = secretReplaceProperties(mutable, immutable);
            assertEquals(Set.of(), replaceOn, secret.name() + ": a new token or password must not replace the Secret");
            assertFalse(engineRefusesReplacement(!replaceOn.isEmpty(), secret.protect()), secret.name());
        }
    }

    /** Without the switch, the first rotation in prod would stop at the first Secret: the reason it is on. */
    @Test
    void withoutTheSwitchARotationInProdWouldFail() {
        RenderResult result = Stacks.render(Stacks.committed("prod"));
        Recorded secret = result.ofType("kubernetes:core/v1:Secret").get(0);
        assertTrue(secret.protect(), "prod protects every resource");
        Set<String> replaceOn = secretReplaceProperties(false, false);
        assertTrue(replaceOn.contains("stringData"), "every fluxfleet Secret is written through stringData");
        assertTrue(secret.inputs().containsKey("stringData"));
        assertTrue(engineRefusesReplacement(!replaceOn.isEmpty(), secret.protect()));
    }

    /**
     * pulumi-kubernetes 4.32.0 provider/pkg/await/await.go, {@code Creation}: with server-side apply, create is an
     * apply patch (an upsert) only "if c.ServerSideApply && (c.UpsertExistingObjects || kinds.IsPatchResource(...))";
     * otherwise it is a client-side create, and an object that exists fails with AlreadyExists ("Intentional upsert: set
     * upsertExistingObjects on the provider"). fluxfleet's retained objects (retainOnDelete) are the ones it expects
     * to find existing: Rancher's cattle-* namespaces, and its own objects left by a destroy.
     */
    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void objectsThatMayAlreadyExistAreCreatedByUpsert(String env) {
        RenderResult result = Stacks.render(Stacks.committed(env));
        Map<String, Object> provider = provider(result, env);
        boolean ssa = "true".equals(provider.get("enableServerSideApply"));
        boolean upsert = "true".equals(provider.get("upsertExistingObjects"));
        List<Recorded> adopted = result.resources().stream().filter(Recorded::retainOnDelete).toList();
        assertTrue(adopted.stream().anyMatch(r -> r.type().equals("kubernetes:core/v1:Namespace")
                && r.name().startsWith("cattle-")), "Rancher's namespaces are adopted");
        for (Recorded r : adopted) {
            assertTrue(ssa && upsert, r.name() + " may exist before fluxfleet: its create must be an upsert");
        }
    }

    /**
     * await.go {@code patchForce}: the {@code pulumi.com/patchForce} annotation, else the provider's
     * {@code enablePatchForce}, decides whether an apply takes over fields other managers own. It stays off for the
     * stack, and no fluxfleet object opts in, so a conflict with Rancher or Flux stops the run instead of being
     * overwritten.
     */
    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void conflictsWithOtherFieldManagersAreNotForced(String env) {
        RenderResult result = Stacks.render(Stacks.committed(env));
        assertEquals("false", provider(result, env).get("enablePatchForce"));
        for (Recorded r : result.resources()) {
            if (r.type().startsWith("kubernetes:") && r.inputs().get("metadata") instanceof Map<?, ?> metadata
                    && metadata.get("annotations") instanceof Map<?, ?> annotations) {
                assertNotEquals("true", annotations.get("pulumi.com/patchForce"), r.name());
            }
        }
    }
}
