package io.fluxfleet.config;

import io.fluxfleet.gitlab.GitLabGovernanceSettings;

import java.util.List;
import java.util.Optional;

/**
 * A stack's whole configuration, parsed once and validated in full. Everything that builds resources
 * takes these records; nothing reads Pulumi config a second time.
 *
 * @param stack        the Pulumi stack name
 * @param environment  the environment this stack converges
 * @param cluster      how to reach the environment's cluster
 * @param allowDestroy whether a prod stack may be destroyed (otherwise its resources are protected)
 */
public record FluxFleetConfig(
        String stack,
        Environment environment,
        Cluster cluster,
        boolean allowDestroy,
        Flux flux,
        PlatformWorkers platformWorkers,
        Profile profile,
        GitLab gitlab,
        Harbor harbor,
        List<Tenant> tenants) {

    public FluxFleetConfig {
        tenants = List.copyOf(tenants);
    }

    /** Prod resources are protected against {@code pulumi destroy} unless the stack explicitly allows it. */
    public boolean protect() {
        return environment == Environment.PROD && !allowDestroy;
    }

    /** Exactly one of a kubeconfig context name or a whole kubeconfig (a secret). */
    public record Cluster(Optional<String> context, Optional<Secret> kubeconfig) {}

    /**
     * The flux2 Helm chart and the Flux objects' timing.
     *
     * @param keepCrdsOnUninstall annotate the chart's CRDs with {@code helm.sh/resource-policy: keep}, so
     *                            uninstalling the chart never deletes the CRDs and with them every Flux object
     */
    public record Flux(
            String chartVersion,
            String chartRepository,
            boolean keepCrdsOnUninstall,
            boolean sourceWatcher,
            String logLevel,
            String gitInterval,
            String kustomizationInterval,
            String helmRepositoryInterval,
            String timeout) {}

    /** The label every platform-worker node carries and the taint that keeps other pods off them. */
    public record PlatformWorkers(String labelKey, String labelValue, String taintKey, String taintValue, String taintEffect) {}

    /**
     * The environment profile: compute per tenant namespace and for Flux's controllers, and the monitoring
     * settings the shared layer uses.
     */
    public record Profile(String cpu, String memory, String retention, String scrapeInterval, String storage) {}

    /**
     * The GitLab instance that hosts every tenant's GitOps project, and how this stack governs the environment's
     * branch in each project ({@code gitlab.*} keys besides {@code url}, see {@link GitLabGovernanceSettings}).
     */
    public record GitLab(String url, GitLabGovernanceSettings governance) {
        /** The REST API base URL the GitLab provider takes (it must end with a slash). */
        public String apiUrl() {
            return url + "/api/v4/";
        }

        /** The HTTPS clone URL of a project. */
        public String cloneUrl(String projectPath) {
            return url + "/" + projectPath + ".git";
        }
    }

    /**
     * The Harbor registry: custom images and OCI charts.
     *
     * @param project the Harbor project that holds fluxfleet's OCI charts
     */
    public record Harbor(String host, String username, Secret password, String project) {}

    /**
     * A tenant: a namespace on the cluster and a GitOps project in GitLab.
     *
     * @param gitUsername the user Flux authenticates to GitLab as
     * @param gitPassword the password or token for that user
     */
    public record Tenant(String name, String project, String gitUsername, Secret gitPassword) {
        /** The tenant's namespace: its name. */
        public String namespace() {
            return name;
        }
    }
}
