package io.fluxfleet.config;


import java.util.List;
import java.util.Optional;

/**
 * A stack's whole configuration, parsed once and validated in full. Everything that builds resources
 * takes these records; nothing reads Pulumi config a second time. Each section's defaults live on its record
 * ({@code DEFAULTS} and {@code DEFAULT_*}), the per-environment ones on {@link Environment}, the GitLab
 * governance ones on {@link GitLabGovernanceSettings}; {@link ConfigLoader} only reads and validates.
 *
 * @param stack        the Pulumi stack name
 * @param environment  the environment this stack converges
 * @param cluster      how to reach the environment's cluster
 * @param allowDestroy whether a prod stack may be destroyed (otherwise its resources are protected)
 * @param infra        the shared infrastructure (monitoring, logging) Flux installs from Helm charts
 * @param webhooks     GitLab push webhooks to Flux receivers
 * @param suspend      the emergency freeze: every Kustomization and HelmRelease of the stack is suspended
 * @param sharding     whether the stack is one of a sharded environment's (README "Large fleets"); plain by default
 * @param await        which Flux objects {@code pulumi up} waits for to be Ready, and for how long
 * @param admission    what the cluster's admission policies allow tenants ({@code fluxfleet:admission})
 * @param network      who may reach Flux's controllers and what they may reach ({@code fluxfleet:network})
 * @param quota        the object counts each tenant namespace's quota caps: the environment's defaults with
 *                     {@code fluxfleet:quota} on top (a tenant's own {@code quota} on top of that: {@link #quota(Tenant)})
 * @param layers       where the cluster-admin layers are read from: the platform project (default) or each tenant's
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
        List<Tenant> tenants,
        Infra infra,
        Webhooks webhooks,
        boolean suspend,
        Sharding sharding,
        Await await,
        Admission admission,

        NetworkSettings network,
        ObjectQuota quota,
        Layers layers) {

    /** {@code allowDestroy} and {@code suspend} are off unless set. */
    public static final boolean DEFAULT_ALLOW_DESTROY = false;
    public static final boolean DEFAULT_SUSPEND = false;

    public FluxFleetConfig {
        tenants = List.copyOf(tenants);
    }

    /** The token Flux posts a tenant's commit statuses with: the tenant's own, else the shared one. */
    public Optional<Secret> statusToken(Tenant tenant) {
        return tenant.statusToken().or(gitlab::statusToken);
    }

    /** The object quota of one tenant's namespace: the stack's, with the tenant's own overrides. */
    public ObjectQuota quota(Tenant tenant) {
        return quota.with(tenant.quota());
    }

    /**
     * A strict environment's (prod's) resources are protected against {@code pulumi destroy} unless the stack
     * explicitly allows it.
     */
    public boolean protect() {
        return environment.protectsResources() && !allowDestroy;
    }

    /**
     * Whether {@code tenant}'s resources are protected: as the stack's, except for a tenant marked
     * {@code retire: true}, whose protection one {@code pulumi up} lifts so that the next run, without the tenant,
     * can delete them (the engine refuses to delete a resource its state holds as protected).
     */
    public boolean protect(Tenant tenant) {
        return protect() && !tenant.retire() && !tenant.moving();
    }

    /**
     * Exactly one of a kubeconfig context name or a whole kubeconfig (a secret), and the cluster's stable identity,
     * which the Kubernetes provider compares ({@code clusterIdentifier}): a changed {@code id} replaces everything on
     * the provider, an unchanged one makes a context or kubeconfig change an update (README "Day 2", trap 1).
     */
    public record Cluster(Optional<String> context, Optional<Secret> kubeconfig, String id) {
        public Cluster(Optional<String> context, Optional<Secret> kubeconfig) {
            this(context, kubeconfig, "");
        }
    }

    /**
     * The flux2 Helm chart and the Flux objects' timing.
     *
     * @param keepCrdsOnUninstall        annotate the chart's CRDs with {@code helm.sh/resource-policy: keep}, so
     *                                   uninstalling the chart never deletes the CRDs and with them every Flux object
     * @param kustomizationRetryInterval how soon a failed Kustomization is retried ({@code spec.retryInterval}); not
     *                                   a config key
     * @param helmMaxHistory             the Helm release revisions kept for the flux2 chart ({@code maxHistory}); not
     *                                   a config key
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
            String timeout,
            String kustomizationRetryInterval,
            int helmMaxHistory) {
        public static final Flux DEFAULTS = new Flux("2.18.3", "https://fluxcd-community.github.io/helm-charts",
                true, false, "info", "1m", "10m", "1h", "5m", "2m", 10);
        public static final List<String> LOG_LEVELS = List.of("debug", "info", "error");
        /**
         * The largest requests among the flux2 chart's components (values.yaml {@code *.resources.requests}), which
         * {@code FluxValues} keeps: the least {@code profile.cpu}/{@code profile.memory} can be.
         */
        public static final String CPU_REQUEST = "100m";
        public static final String MEMORY_REQUEST = "64Mi";
    }

    /** The label every platform-worker node carries and the taint that keeps other pods off them. */
    public record PlatformWorkers(String labelKey, String labelValue, String taintKey, String taintValue, String taintEffect) {
        public static final String DEFAULT_KEY = "node-role.com/platform-worker";
        public static final PlatformWorkers DEFAULTS = new PlatformWorkers(DEFAULT_KEY, "true", DEFAULT_KEY, "true", "NoExecute");
        public static final List<String> TAINT_EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");
    }

    /**
     * The environment profile: compute per tenant namespace and for Flux's controllers, and the monitoring
     * settings the shared layer uses. Its defaults are the environment's ({@link Environment#profile()}).
     */
    public record Profile(String cpu, String memory, String retention, String scrapeInterval, String storage) {}

    /**
     * The GitLab instance that hosts every tenant's GitOps project, and how this stack governs the environment's
     * branch in each project ({@code gitlab.*} keys besides {@code url}, see {@link GitLabGovernanceSettings}).
     *
     * @param statusToken the token (scope {@code api}) Flux posts commit statuses with, for tenants without their own
     */
    public record GitLab(String url, GitLabGovernanceSettings governance, Optional<Secret> statusToken) {
        public static final String DEFAULT_URL = "https://gitlab.com";

        /** The REST API base URL the GitLab provider takes (it must end with a slash). */
        public String apiUrl() {
            return url + "/api/v4/";
        }

        /** The web URL of a project, as Flux's gitlab notification provider takes it. */
        public String projectUrl(String projectPath) {
            return url + "/" + projectPath;
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
    public record Harbor(String host, String username, Secret password, String project) {
        public static final String DEFAULT_PROJECT = "library";
    }

    /**
     * A tenant: a namespace on the cluster and a GitOps project in GitLab.
     *
     * @param gitUsername the user Flux authenticates to GitLab as, when no deploy token is made
     * @param gitPassword the password or token for that user; by default the tenant's deploy token replaces it
     * @param statusToken the token Flux posts this tenant's commit statuses with (else {@code gitlab.statusToken})
     * @param moving      leaving this stack for another shard ({@link #DEFAULT_MOVING})
     * @param security    pod security level and ingress domains ({@code tenants[].podSecurity} etc.)
     * @param quota       this tenant's overrides of the stack's object quota ({@code tenants[].quota.<resource>})
     * @param harbor      the Harbor robot the tenant's pods pull with: its own, none, or (loudly) the platform's
     */
    public record Tenant(String name, String project, String gitUsername, Optional<Secret> gitPassword,
                         Optional<Secret> statusToken, boolean retire, boolean moving, TenantSecurity security,
                         java.util.Map<String, String> quota, TenantHarbor harbor) {
        public static final String DEFAULT_GIT_USERNAME = "flux";
        public static final boolean DEFAULT_RETIRE = false;
        /**
         * {@code tenants[].moving}: the tenant is about to leave this stack for another shard of its environment
         * (README "Large fleets"): one {@code pulumi up} marks every one of its resources {@code retainOnDelete} and
         * lifts their protection, so that the next, which no longer has the tenant, drops them from this stack's
         * state and leaves the live objects for the other stack to adopt.
         */
        public static final boolean DEFAULT_MOVING = false;

        public Tenant {
            quota = java.util.Map.copyOf(quota);
        }

        /**
         * A tenant that stays in its stack, with the default isolation settings ({@link TenantSecurity#DEFAULTS}),
         * the stack's quota and no Harbor robot of its own.
         */
        public Tenant(String name, String project, String gitUsername, Optional<Secret> gitPassword,
                      Optional<Secret> statusToken, boolean retire) {
            this(name, project, gitUsername, gitPassword, statusToken, retire, DEFAULT_MOVING, TenantSecurity.DEFAULTS,
                    java.util.Map.of(), TenantHarbor.NONE);
        }

        public Tenant(String name, String project, String gitUsername, Optional<Secret> gitPassword) {
            this(name, project, gitUsername, gitPassword, Optional.empty(), false);
        }

        /** The tenant's namespace: its name. */
        public String namespace() {
            return name;
        }
    }

    /**
     * The shared infrastructure Flux installs as HelmReleases. Rancher's charts are released per Rancher minor,
     * chart major = 95 + minor (2.14 takes 109.x); the CRD chart of each takes the same version as the chart.
     *
     * @param rancherVersion               the Rancher line managing the cluster, e.g. {@code 2.14}
     * @param monitoringChartVersion       rancher-monitoring and rancher-monitoring-crd
     * @param loggingChartVersion          rancher-logging and rancher-logging-crd
     * @param customMonitoringChartVersion custom-monitoring from Harbor's OCI charts; not installed when empty
     * @param customLoggingChartVersion    custom-logging from Harbor's OCI charts; not installed when empty
     * @param storageClass                 the storage class of Prometheus' volume; the cluster default when empty
     * @param interval                     how often Flux reconciles the HelmReleases
     * @param timeout                      Helm's timeout for one install or upgrade
     * @param rancher                      the values Rancher itself gives its charts, when the integration is on
     */
    public record Infra(
            String rancherVersion,
            String monitoringChartVersion,
            String loggingChartVersion,
            Optional<String> customMonitoringChartVersion,
            Optional<String> customLoggingChartVersion,
            Optional<String> storageClass,
            String interval,
            String timeout,
            Images images,
            RancherIntegration rancher) {
        /** The current Rancher 2.14 charts, no custom charts or images, no Rancher integration. */
        public static final Infra DEFAULTS = new Infra("2.14", "109.0.2+up80.9.1-rancher.8",
                "109.0.1+up4.10.0-rancher.24", Optional.empty(), Optional.empty(), Optional.empty(), "10m", "15m",
                new Images(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                RancherIntegration.off());
    }

    /**
     * What Rancher's own installer puts under {@code global.cattle} of every cluster tool it installs: the
     * charts build Grafana's and Prometheus' proxy URLs through Rancher ({@code <url>/k8s/clusters/<clusterId>/...})
     * and the {@code cluster_id}/{@code cluster_name} metric labels from them.
     *
     * @param enabled               render the integration values; off for a cluster Rancher does not manage
     * @param clusterId             Rancher's id of this environment's downstream cluster ({@code c-m-xxxxxxxx})
     * @param clusterName           the cluster's display name in Rancher
     * @param url                   Rancher's server URL
     * @param systemDefaultRegistry the registry Rancher prefixes system images with; empty for none
     */
    public record RancherIntegration(boolean enabled, Optional<String> clusterId, Optional<String> clusterName,
                                     Optional<String> url, String systemDefaultRegistry) {
        public static RancherIntegration off() {
            return new RancherIntegration(false, Optional.empty(), Optional.empty(), Optional.empty(), "");
        }
    }

    /** fluxfleet's own images in Harbor; a chart keeps its stock image where one is not set. */
    public record Images(
            Optional<ImageReference> customDashboardExporter,
            Optional<ImageReference> customGrafanaPlugins,
            Optional<ImageReference> customFluentd,
            Optional<ImageReference> customFluentbit) {}

    /**
     * GitLab push webhooks to Flux receivers, so a push reconciles at once instead of at the next poll.
     *
     * @param ingressHost the public host name GitLab posts to (an Ingress to Flux's webhook-receiver)
     */
    public record Webhooks(boolean enabled, Optional<String> ingressHost) {
        public static final Webhooks DEFAULTS = new Webhooks(false, Optional.empty());
    }

    /**
     * What {@code pulumi up} waits for (the Kubernetes provider's {@code pulumi.com/waitFor} annotation, see
     * {@code io.fluxfleet.flux.Readiness}): the platform's Flux objects unless {@code enabled} is off, the tenants'
     * {@code apps} Kustomizations only with {@code tenantApps}, each for at most {@code timeout}.
     *
     * @param enabled    await the platform's sources, shared HelmReleases and platform Kustomizations
     * @param tenantApps also await every tenant's {@code apps} Kustomization (a tenant's broken commit then fails
     *                   the deploy)
     * @param timeout    how long one object may take to become Ready (Go duration); the environment's default
     *                   ({@link Environment#awaitTimeout()})
     */
    public record Await(boolean enabled, boolean tenantApps, String timeout) {
        public static final boolean DEFAULT_ENABLED = true;
        public static final boolean DEFAULT_TENANT_APPS = false;
    }
}
