package io.fluxfleet.gitlab;

import io.fluxfleet.config.GitLabGovernanceSettings;
import com.fasterxml.jackson.databind.JsonNode;
import io.fluxfleet.config.Environment;
import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.config.FluxFleetConfig.Tenant;
import io.fluxfleet.gitlab.SeedFiles.Seed;
import io.fluxfleet.testing.GovernanceConfigs;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The content of the seeded files: the guide's CODEOWNERS with the configured teams, and the validation pipeline. */
class SeedFilesTest {
    private static final FluxFleetConfig CONFIG = GovernanceConfigs.load(GovernanceConfigs.premium("dev"));
    private static final Tenant TENANT = CONFIG.tenants().get(0);

    private static Seed seed(Environment env, String role) {
        return SeedFiles.seeds(TENANT, env, CONFIG.gitlab().governance()).stream()
                .filter(s -> s.role().equals(role)).findFirst().orElseThrow();
    }

    @Test
    void codeownersFollowsTheGuideWithTheConfiguredTeams() {
        assertEquals("""
                # Seeded by fluxfleet. Change it with a merge request; fluxfleet never rewrites it.
                # Owners come from the fluxfleet config (gitlab.teams).

                # Global code owners
                * @your-org/platform-team @your-org/devops-team

                # Environment-specific owners
                /clusters/tenant1/dev-cluster/ @your-org/dev-team
                /clusters/tenant1/preprod-cluster/ @your-org/qa-team @your-org/dev-team
                /clusters/tenant1/prod-cluster/ @your-org/platform-team @your-org/devops-team @your-org/security-team

                # Shared infrastructure
                /shared/ @your-org/platform-team @your-org/devops-team

                # Tenant applications
                /tenants/tenant1/ @your-org/app-team @bob @your-org/dev-team

                # Governance: code owners and the validation pipeline
                /.gitlab/ @your-org/platform-team @your-org/security-team
                /.gitlab-ci.yml @your-org/platform-team @your-org/devops-team @your-org/security-team

                # Cluster-admin layers and governance files: the platform team approves every change here
                [Platform approval]
                /clusters/tenant1/dev-cluster/ @your-org/platform-team
                /clusters/tenant1/preprod-cluster/ @your-org/platform-team
                /clusters/tenant1/prod-cluster/ @your-org/platform-team
                /shared/ @your-org/platform-team
                /CODEOWNERS @your-org/platform-team
                /docs/CODEOWNERS @your-org/platform-team
                /.gitlab/CODEOWNERS @your-org/platform-team
                /.gitlab/ @your-org/platform-team
                /.gitlab-ci.yml @your-org/platform-team
                /.sourceignore @your-org/platform-team
                /clusters/.sourceignore @your-org/platform-team
                /clusters/tenant1/.sourceignore @your-org/platform-team
                """, seed(Environment.DEV, "codeowners").content());
    }

    @Test
    void theFirstEnvironmentSeedsEveryEnvironmentOnceAndTheOthersOnlyCheckThePolicyFiles() {
        List<String> dev = SeedFiles.seeds(TENANT, Environment.DEV, CONFIG.gitlab().governance()).stream()
                .map(Seed::path).toList();
        assertEquals(List.of(".gitlab/CODEOWNERS", ".gitlab-ci.yml", "clusters/tenant1/dev-cluster/kustomization.yaml",
                "clusters/tenant1/preprod-cluster/kustomization.yaml", "clusters/tenant1/prod-cluster/kustomization.yaml",
                "shared/kustomization.yaml", "tenants/tenant1/kustomization.yaml"), dev,
                "dev holds every seed, so preprod and prod inherit them by promotion");
        assertTrue(SeedFiles.writesSeeds(Environment.DEV));
        for (Environment later : java.util.Arrays.stream(Environment.values()).skip(1).toList()) {
            assertFalse(SeedFiles.writesSeeds(later));
            for (String role : List.of("codeowners", "gitlab-ci")) {
                assertEquals(seed(Environment.DEV, role), seed(later, role), role);
            }
            assertEquals("clusters/tenant1/" + later.id() + "-cluster/kustomization.yaml",
                    seed(later, "cluster-kustomization").path());
            assertEquals(seed(Environment.DEV, later.id() + "-cluster-kustomization").content(),
                    seed(later, "cluster-kustomization").content());
        }
    }

    @Test
    void thePipelineBuildsEveryKustomizationValidatesItAndScansItWithPinnedImages() throws IOException {
        String ci = seed(Environment.DEV, "gitlab-ci").content();
        assertTrue(ci.startsWith(SeedFiles.MARKER));
        JsonNode pipeline = GovernanceConfigs.YAML.readTree(ci);
        assertEquals(List.of("build", "validate", "security"), texts(pipeline.get("stages")));
        assertEquals("2.8.5", pipeline.at("/variables/FLUX_VERSION").asText());

        JsonNode build = pipeline.get("kustomize-build");
        assertEquals("alpine/k8s:1.34.5", build.at("/image/name").asText());
        String buildScript = build.get("script").get(0).asText();
        assertTrue(buildScript.contains("find . -name kustomization.yaml"), "every kustomization, wherever it is");
        assertTrue(buildScript.contains("kubectl kustomize \"$dir\""));
        assertEquals("rendered/", build.at("/artifacts/paths/0").asText());

        JsonNode validate = pipeline.get("schema-validate");
        assertEquals(GitLabGovernanceSettings.DEFAULT_KUBECONFORM_IMAGE, validate.at("/image/name").asText());
        assertEquals(List.of("kustomize-build"), texts(validate.get("needs")));
        String validateScript = String.join("\n", texts(validate.get("script")));
        assertTrue(validateScript.contains("releases/download/v${FLUX_VERSION}/crd-schemas.tar.gz"),
                "Flux CRD schemas of the pinned Flux release");
        assertTrue(validateScript.contains("-strict") && validateScript.contains("-schema-location /tmp/flux-crd-schemas"));

        JsonNode trivy = pipeline.get("trivy-config");
        assertEquals("aquasec/trivy:0.74.0", trivy.at("/image/name").asText());
        assertTrue(trivy.get("script").get(0).asText().startsWith("trivy config --exit-code 1"));

        assertEquals("$CI_PIPELINE_SOURCE == \"merge_request_event\"", pipeline.at("/workflow/rules/0/if").asText(),
                "merge request pipelines, for 'pipeline must succeed'");
        assertFalse(ci.contains("1.24"), "no image from the guide's Kubernetes 1.24");
        assertFalse(ci.contains(":latest"));
    }

    @Test
    void kustomizationSeedsAreEmptyAndMarked() throws IOException {
        for (String role : List.of("cluster-kustomization", "shared-kustomization", "tenant-kustomization")) {
            Seed seed = seed(Environment.DEV, role);
            assertTrue(SeedFiles.seededByFluxfleet(seed.content()));
            assertFalse(seed.policy());
            JsonNode k = GovernanceConfigs.YAML.readTree(seed.content());
            assertEquals("Kustomization", k.get("kind").asText());
            assertEquals(0, k.get("resources").size());
        }
        assertFalse(SeedFiles.seededByFluxfleet("resources: []\n# Seeded by fluxfleet.\n"), "only a first-line marker counts");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    /** Role owners are accepted; anything that only looks like one is refused (it would be another owner or entry). */
    @Test
    void roleOwnersAreAcceptedAndLookAlikesRefused() {
        String file = new SeedFiles.CodeOwners().rule("/a/", List.of(List.of("@@developer", "@@maintainers", "@@owner")))
                .toString();
        assertEquals("/a/ @@developer @@maintainers @@owner\n", file);
        for (String hostile : List.of("@@admin", "@@reporter", "@@", "@@@developer", "@@developer\n* @evil",
                "@@developer @evil", "@@Developer", "@@developerx")) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> new SeedFiles.CodeOwners().rule("/a/", List.of(List.of(hostile))), hostile);
        }
    }
}
