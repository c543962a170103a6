package io.fluxfleet.gitlab;

import io.fluxfleet.config.Environment;
import io.fluxfleet.config.FluxFleetConfig.Tenant;
import io.fluxfleet.naming.Names;
import io.fluxfleet.naming.Names.Layer;

import java.util.ArrayList;
import java.util.List;

/**
 * The files fluxfleet seeds in a tenant's GitOps repository: the CODEOWNERS and validation pipeline that branch
 * protection and "pipeline must succeed" rely on, and an empty {@code kustomization.yaml} in each path a Flux
 * Kustomization of the environment reconciles, so Flux has something valid to apply before the tenant adds
 * anything.
 *
 * <p>Each seed starts with {@link #MARKER}: that is how a later run tells a file fluxfleet wrote from one the tenant
 * wrote, which fluxfleet never touches. Seeds are committed once, on the first environment branch, and reach the
 * others by promotion: no environment branch has a commit the branch before it lacks.
 */
public final class SeedFiles {
    /** The first line of every seeded file. */
    public static final String MARKER = "# Seeded by fluxfleet.";

    /** One seeded file: a stable role (part of its Pulumi name), its repository path and content. */
    public record Seed(String role, String path, String content, boolean policy) {}

    private SeedFiles() {}

    /**
     * The files fluxfleet looks for on {@code environment}'s branch of {@code tenant}'s project, CODEOWNERS first.
     * They are committed once, by the stack of the first environment ({@link Environment#DEV}), on its branch: the
     * policy files, the shared and tenant kustomizations and the cluster kustomization of every environment. The later
     * environment branches are created from the branch before them and inherit these commits, so promotions
     * fast-forward (see {@code GitLabGovernance}); their stacks only report on the policy files and their own cluster
     * directory.
     */
    public static List<Seed> seeds(Tenant tenant, Environment environment, GitLabGovernanceSettings settings) {
        List<Seed> seeds = new ArrayList<>(List.of(
                new Seed("codeowners", ".gitlab/CODEOWNERS", codeowners(tenant, settings.teams()), true),
                new Seed("gitlab-ci", ".gitlab-ci.yml", pipeline(settings.ci()), true),
                kustomization("cluster-kustomization", tenant, environment, Layer.CLUSTER)));
        if (writesSeeds(environment)) {
            for (Environment other : Environment.values()) {
                if (other != environment) {
                    seeds.add(kustomization(other.id() + "-cluster-kustomization", tenant, other, Layer.CLUSTER));
                }
            }
            seeds.add(kustomization("shared-kustomization", tenant, environment, Layer.SHARED));
            seeds.add(kustomization("tenant-kustomization", tenant, environment, Layer.APPS));
        }
        return List.copyOf(seeds);
    }

    /** Whether {@code environment}'s stack commits the seeds: only the first environment's, once, on its branch. */
    public static boolean writesSeeds(Environment environment) {
        return environment == Environment.values()[0];
    }

    public static boolean seededByFluxfleet(String content) {
        return content != null && content.startsWith(MARKER);
    }

    /** A repository path (no leading {@code ./}) of a tenant's Kustomization layer. */
    static String directory(Tenant tenant, Environment environment, Layer layer) {
        return Names.kustomizationPath(tenant, environment, layer).replaceFirst("^\\./", "");
    }

    /**
     * The guide's CODEOWNERS (section 9.1) with the teams from config. GitLab applies the last matching pattern, so
     * the specific paths follow the global owners. The governance files themselves (this file and the pipeline)
     * belong to the platform and security teams, so a tenant cannot approve a change to its own checks.
     */
    static String codeowners(Tenant tenant, GitLabGovernanceSettings.Teams teams) {
        StringBuilder s = new StringBuilder();
        s.append(MARKER).append(" Change it with a merge request; fluxfleet never rewrites it.\n");
        s.append("# Owners come from the fluxfleet config (gitlab.teams).\n\n");
        s.append("# Global code owners\n");
        s.append("* ").append(join(teams.platform(), teams.devops())).append("\n\n");
        s.append("# Environment-specific owners\n");
        for (Environment e : Environment.values()) {
            String owners = switch (e) {
                case DEV -> join(teams.dev());
                case PREPROD -> join(teams.qa(), teams.dev());
                case PROD -> join(teams.platform(), teams.devops(), teams.security());
            };
            s.append('/').append(directory(tenant, e, Layer.CLUSTER)).append("/ ").append(owners).append('\n');
        }
        s.append("\n# Shared infrastructure\n");
        s.append('/').append(directory(tenant, Environment.DEV, Layer.SHARED)).append("/ ")
                .append(join(teams.platform(), teams.devops())).append("\n\n");
        s.append("# Tenant applications\n");
        s.append('/').append(directory(tenant, Environment.DEV, Layer.APPS)).append("/ ")
                .append(join(teams.app(), teams.dev())).append("\n\n");
        s.append("# Governance: code owners and the validation pipeline\n");
        s.append("/.gitlab/ ").append(join(teams.platform(), teams.security())).append('\n');
        s.append("/.gitlab-ci.yml ").append(join(teams.platform(), teams.devops(), teams.security())).append('\n');
        return s.toString();
    }

    /**
     * The validation pipeline: every directory with a {@code kustomization.yaml} must build; the built objects must
     * match the Kubernetes and Flux CRD schemas (kubeconform, strict, with the schemas Flux publishes for its
     * release); Trivy's misconfiguration scan must find nothing HIGH or CRITICAL. Runs for merge requests and
     * branch pushes (not both for one push), so "pipeline must succeed" has a pipeline to wait for.
     */
    static String pipeline(GitLabGovernanceSettings.Ci ci) {
        return MARKER + " Change it with a merge request; fluxfleet never rewrites it.\n"
                + "# Validates every kustomization in this GitOps repository before Flux applies it.\n"
                + """
                workflow:
                  rules:
                    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
                    - if: $CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS
                      when: never
                    - if: $CI_COMMIT_BRANCH

                stages:
                  - build
                  - validate
                  - security

                variables:
                  FLUX_VERSION: "%s"

                kustomize-build:
                  stage: build
                  image:
                    name: %s
                    entrypoint: [""]
                  script:
                    - |
                      set -eu
                      mkdir -p rendered
                      dirs=$(find . -name kustomization.yaml -not -path './.git/*' -exec dirname {} \\; | sort)
                      if [ -z "$dirs" ]; then echo "no kustomization.yaml in the repository"; exit 1; fi
                      for dir in $dirs; do
                        out="rendered/$(echo "${dir#./}" | tr '/' '_').yaml"
                        echo "kubectl kustomize $dir"
                        kubectl kustomize "$dir" > "$out"
                      done
                  artifacts:
                    paths:
                      - rendered/
                    expire_in: 1 week

                schema-validate:
                  stage: validate
                  needs: [kustomize-build]
                  image:
                    name: %s
                    entrypoint: [""]
                  script:
                    - mkdir -p /tmp/flux-crd-schemas/master-standalone-strict
                    - wget -qO- "https://github.com/fluxcd/flux2/releases/download/v${FLUX_VERSION}/crd-schemas.tar.gz" | tar -xzf - -C /tmp/flux-crd-schemas/master-standalone-strict
                    - /kubeconform -strict -summary -ignore-missing-schemas -schema-location default -schema-location /tmp/flux-crd-schemas rendered/*.yaml

                trivy-config:
                  stage: security
                  needs: []
                  image:
                    name: %s
                    entrypoint: [""]
                  script:
                    - trivy config --exit-code 1 --severity HIGH,CRITICAL .
                """.formatted(ci.fluxVersion(), ci.kubectlImage(), ci.kubeconformImage(), ci.trivyImage());
    }

    private static Seed kustomization(String role, Tenant tenant, Environment environment, Layer layer) {
        String content = MARKER + " It is yours: add resources here; fluxfleet never rewrites it.\n"
                + "apiVersion: kustomize.config.k8s.io/v1beta1\n"
                + "kind: Kustomization\n"
                + "resources: []\n";
        return new Seed(role, directory(tenant, environment, layer) + "/kustomization.yaml", content, false);
    }

    @SafeVarargs
    private static String join(List<String>... teams) {
        return String.join(" ", java.util.Arrays.stream(teams).flatMap(List::stream).distinct().toList());
    }
}
