package io.fluxfleet.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxfleet.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * {@code fluxfleet:layers} (issue 20): by default the cluster-admin layers read one platform project, which must be
 * named; the one-repository layout is an explicit {@code source: tenant} and keeps the tier guard.
 */
class LayersConfigTest {
    private static final String PLATFORM = "your-org/platform-gitops";

    /** The minimal dev stack on the free tier without the acceptance, with {@code layers} set by {@code edit}. */
    private static ObjectNode free(String env, Consumer<ObjectNode> layers) {
        ObjectNode stack = Stacks.minimal(env, 2);
        ObjectNode gitlab = stack.putObject("gitlab").put("url", "https://gitlab.example.com");
        if (env.equals("prod")) {
            gitlab.put("tier", "free");
        }
        stack.remove("layers");
        layers.accept(stack);
        return stack;
    }

    /** One broken stack per row: the key the error must name, and a phrase of the message (the fix). */
    static Stream<Arguments> broken() {
        return Stream.of(
                arguments("no layers at all: the default source, platform, needs the project",
                        (Consumer<ObjectNode>) s -> { }, "fluxfleet:layers.project",
                        "`pulumi config set --path layers.source tenant`"),
                arguments("source platform said out loud, no project",
                        (Consumer<ObjectNode>) s -> s.putObject("layers").put("source", "platform"),
                        "fluxfleet:layers.project", "`pulumi config set --path layers.project your-org/platform-gitops`"),
                arguments("unknown source",
                        (Consumer<ObjectNode>) s -> s.putObject("layers").put("source", "platfrom").put("project", PLATFORM),
                        "fluxfleet:layers.source", "unknown source 'platfrom': expected platform"),
                arguments("malformed project path",
                        (Consumer<ObjectNode>) s -> s.putObject("layers").put("project", "platform-gitops"),
                        "fluxfleet:layers.project", "is not a GitLab project path"),
                arguments("a project with source tenant is a contradiction",
                        (Consumer<ObjectNode>) s -> s.putObject("layers").put("source", "tenant").put("project", PLATFORM),
                        "fluxfleet:layers.project", "only read while fluxfleet:layers.source is platform"),
                arguments("a tenant may not take the platform project's name",
                        (Consumer<ObjectNode>) s -> {
                            s.putObject("layers").put("project", PLATFORM);
                            ((ObjectNode) s.get("tenants").get(0)).put("name", "platform");
                        }, "fluxfleet:tenants[0].name", "rename the tenant"),
                arguments("a tenant may not use the platform project as its own",
                        (Consumer<ObjectNode>) s -> {
                            s.putObject("layers").put("project", PLATFORM);
                            ((ObjectNode) s.get("tenants").get(1)).put("project", "Your-Org/Platform-GitOps");
                        }, "fluxfleet:tenants[1].project", "is the platform project"),
                arguments("an unknown key under layers",
                        (Consumer<ObjectNode>) s -> s.putObject("layers").put("project", PLATFORM).put("projet", "x/y"),
                        "fluxfleet:layers.projet", "projet"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void aBrokenLayersSectionNamesItsKey(String why, Consumer<ObjectNode> layers, String key, String phrase) {
        ConfigException e = assertThrows(ConfigException.class, () -> Stacks.load("dev", free("dev", layers)));
        List<Problem> named = e.problems().stream().filter(p -> p.key().equals(key)).toList();
        assertEquals(1, named.size(), e.getMessage());
        assertTrue(named.get(0).message().contains(phrase) || e.getMessage().contains(phrase), e.getMessage());
        // a broken layers section is not read as the one-repository layout: the free tier is not judged on a guess
        assertFalse(e.problems().stream().anyMatch(p -> p.key().equals("fluxfleet:gitlab.tier")), e.getMessage());
    }

    @Test
    void everyProblemComesOutTogether() {
        ObjectNode stack = free("dev", s -> s.putObject("layers").put("source", "both").put("gitUsername", "not a user"));
        ((ObjectNode) stack.get("harbor")).put("host", "https://harbor.example.com");
        ((ObjectNode) stack.get("tenants").get(1)).put("project", "no-group");
        ConfigException e = assertThrows(ConfigException.class, () -> Stacks.load("dev", stack));
        assertEquals(List.of("fluxfleet:layers.source", "fluxfleet:layers.gitUsername", "fluxfleet:harbor.host",
                "fluxfleet:tenants[1].project"), e.problems().stream().map(Problem::key).toList(), e.getMessage());
    }

    @Test
    void withoutDeployTokensThePlatformProjectNeedsItsPassword() {
        ObjectNode stack = free("dev", s -> s.putObject("layers").put("project", PLATFORM));
        ((ObjectNode) stack.get("gitlab")).putObject("deployToken").put("enabled", false);
        ConfigException e = assertThrows(ConfigException.class, () -> Stacks.load("dev", stack));
        assertEquals(List.of("fluxfleet:layers.gitPassword"), e.problems().stream().map(Problem::key).toList(),
                e.getMessage());

        ((ObjectNode) stack.get("layers")).put("gitPassword", "glpat-platform-read-0001");
        FluxFleetConfig config = Stacks.load("dev", stack);
        assertEquals("glpat-platform-read-0001", config.layers().platformProject().orElseThrow().gitPassword()
                .orElseThrow().reveal());
    }

    /**
     * Red team: without deploy tokens, one bot token for the platform project and a tenant would copy a token that
     * reads the platform project (every tenant's cluster-admin layers) into the tenant's namespace, where the tenant
     * reads its Secret and can point a GitRepository of its own at the platform project. Refused, naming the tenant's
     * key and never the value.
     */
    @Test
    void aTenantMayNotReadItsProjectWithThePlatformProjectsToken() {
        ObjectNode stack = free("dev", s -> s.putObject("layers").put("project", PLATFORM)
                .put("gitPassword", "glpat-shared-bot-0001"));
        ((ObjectNode) stack.get("gitlab")).putObject("deployToken").put("enabled", false);
        ((ObjectNode) stack.get("tenants").get(1)).put("gitPassword", "glpat-shared-bot-0001");
        ConfigException e = assertThrows(ConfigException.class, () -> Stacks.load("dev", stack));
        assertEquals(List.of("fluxfleet:tenants[1].gitPassword"), e.problems().stream().map(Problem::key).toList(),
                e.getMessage());
        assertTrue(e.getMessage().contains("the token Flux reads the platform project with (layers.gitPassword)"),
                e.getMessage());
        assertFalse(e.getMessage().contains("glpat-shared-bot-0001"), "the secret is never echoed");

        ((ObjectNode) stack.get("tenants").get(1)).put("gitPassword", "glpat-tenant2-read-0001");
        assertEquals("glpat-shared-bot-0001", Stacks.load("dev", stack).layers().platformProject().orElseThrow()
                .gitPassword().orElseThrow().reveal());
    }

    /** Red team: the shared status token (scope api) is never copied into a tenant's namespace, not even as its own. */
    @Test
    void aTenantsStatusTokenMayNotBeTheSharedOne() {
        ObjectNode stack = free("dev", s -> s.putObject("layers").put("project", PLATFORM));
        ((ObjectNode) stack.get("gitlab")).put("statusToken", "glpat-status-shared-0001");
        ((ObjectNode) stack.get("tenants").get(0)).put("statusToken", "glpat-status-shared-0001");
        ConfigException e = assertThrows(ConfigException.class, () -> Stacks.load("dev", stack));
        assertEquals(List.of("fluxfleet:tenants[0].statusToken"), e.problems().stream().map(Problem::key).toList(),
                e.getMessage());
        assertFalse(e.getMessage().contains("glpat-status-shared-0001"), "the secret is never echoed");

        ((ObjectNode) stack.get("tenants").get(0)).put("statusToken", "glpat-status-tenant1-0001");
        assertEquals("glpat-status-tenant1-0001", Stacks.load("dev", stack).tenants().get(0).statusToken().orElseThrow()
                .reveal());
    }

    /**
     * The free tier is refused in the one-repository layout (PlatformLayerGuardTest); with the platform project the
     * tenants drive only their apps layer, so it is accepted without the acknowledgement, in every environment.
     */
    @Test
    void thePlatformProjectNeedsNoAcknowledgementOnTheFreeTier() {
        for (String env : List.of("dev", "preprod", "prod")) {
            List<String> warnings = new ArrayList<>();
            FluxFleetConfig config = ConfigLoader.load(env, Stacks.raw(free(env, s -> s.putObject("layers")
                    .put("project", PLATFORM))), warnings::add);
            assertTrue(config.layers().fromPlatform(), env);
            assertEquals(PLATFORM, config.layers().project().orElseThrow());
            assertEquals(GitLabGovernanceSettings.Tier.FREE, config.gitlab().governance().tier());
            assertFalse(warnings.stream().anyMatch(w -> w.contains("cluster-admin")), warnings.toString());
        }
        // the same stack in the one-repository layout is refused, as before
        ConfigException e = assertThrows(ConfigException.class, () -> Stacks.load("dev",
                free("dev", s -> s.putObject("layers").put("source", "tenant"))));
        assertEquals(List.of("fluxfleet:gitlab.tier"), e.problems().stream().map(Problem::key).toList());
    }

    @Test
    void theAcknowledgementHasNoEffectWithThePlatformProject() {
        ObjectNode stack = free("dev", s -> s.putObject("layers").put("project", PLATFORM));
        ((ObjectNode) stack.get("gitlab")).put("acceptTenantDrivenClusterAdmin", true);
        List<String> warnings = new ArrayList<>();
        ConfigLoader.load("dev", Stacks.raw(stack), warnings::add);
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("fluxfleet:gitlab.acceptTenantDrivenClusterAdmin has"
                + " no effect while layers.source is platform")), warnings.toString());
    }

    @Test
    void theCommittedStacksReadThePlatformProject() {
        for (String env : List.of("dev", "preprod", "prod")) {
            Layers layers = Stacks.committed(env).layers();
            assertEquals(Layers.platform(PLATFORM), layers, env);
        }
    }
}
