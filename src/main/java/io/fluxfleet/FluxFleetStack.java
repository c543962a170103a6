package io.fluxfleet;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;

import io.fluxfleet.admission.TenantAdmission;
import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.config.FluxFleetConfig.Tenant;
import io.fluxfleet.flux.FluxInstall;
import io.fluxfleet.flux.FluxPlatform;
import io.fluxfleet.flux.FluxNetworkPolicies;
import io.fluxfleet.flux.FluxSources;
import io.fluxfleet.flux.FluxSpecs.ObjectRef;
import io.fluxfleet.infra.Logging;
import io.fluxfleet.infra.Monitoring;
import io.fluxfleet.infra.SharedChart;
import io.fluxfleet.infra.SharedInfraWarnings;
import io.fluxfleet.kube.Kube;
import io.fluxfleet.kube.Retain;
import com.pulumi.resources.ComponentResourceOptions;
import io.fluxfleet.naming.GitLabNames;
import io.fluxfleet.naming.Names;
import io.fluxfleet.notifications.CommitStatus;
import io.fluxfleet.notifications.Webhooks;
import io.fluxfleet.registry.HarborAccess;
import io.fluxfleet.tenancy.TenantEnvironment;

import com.pulumi.resources.ProviderResource;

import io.fluxfleet.gitlab.GitLabGovernance;
import io.fluxfleet.gitlab.GitLabLookup;
import io.fluxfleet.gitlab.ProviderLookup;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.fluxfleet.layers.PlatformLayers;

/**
 * Builds one environment's desired state from its parsed config. The same code runs under
 * {@code pulumi up} and under the offline {@code render}; tests call it directly with the mock engine.
 */
public final class FluxFleetStack {
    private FluxFleetStack() {}

    /**
     * What differs between a real run and the offline render: how facts about GitLab projects are read (a real
     * run asks GitLab through the stack's provider; render assumes every project is new), and today's date,
     * from which deploy-token expiry windows are computed.
     */
    public record Runtime(Function<ProviderResource, GitLabLookup> gitlabLookup, LocalDate today,
                          Optional<String> pipelineProject) {
        /** A run outside a GitLab pipeline. */
        public Runtime(Function<ProviderResource, GitLabLookup> gitlabLookup, LocalDate today) {
            this(gitlabLookup, today, Optional.empty());
        }

        /**
         * This runtime in the process environment {@code environment}: inside a GitLab pipeline its project
         * ({@code CI_PROJECT_PATH}) is fluxfleet's own unless {@code gitlab.selfProject} names one
         * ({@link io.fluxfleet.gitlab.SelfProject#pipelineProject}).
         */
        public Runtime in(java.util.Map<String, String> environment) {
            return new Runtime(gitlabLookup, today, io.fluxfleet.gitlab.SelfProject.pipelineProject(environment));
        }

        public static Runtime live() {
            return new Runtime(ProviderLookup::new, LocalDate.now(ZoneOffset.UTC));
        }

        public static Runtime offline() {
            return new Runtime(provider -> GitLabLookup.greenfield(), LocalDate.now(ZoneOffset.UTC));
        }
    }

    public static void build(Context ctx, FluxFleetConfig config, Runtime runtime) {
        String env = config.environment().id();
        Kube kube = new Kube(Kube.explicitProvider(config), config.protect(), config.environment());
        StackArgs args = new StackArgs(config);

        var gitlabProvider = gitlabProvider(config);
        GitLabGovernance governance = governance(ctx, config, runtime, gitlabProvider, config.layers().fromPlatform());

        FluxInstall flux = new FluxInstall(Names.FLUX_COMPONENT, args.fluxInstall(kube), kube.component());
        new FluxNetworkPolicies(Names.FLUX_NETWORK_COMPONENT, args.fluxNetworkPolicies(kube, flux), kube.component());
        HarborAccess harbor = new HarborAccess(Names.HARBOR_COMPONENT, args.harborAccess(kube, flux), kube.component());
        FluxSources sources = new FluxSources(Names.SOURCES_COMPONENT, args.fluxSources(kube, flux, harbor.fluxSecret()),
                kube.component());
        Monitoring monitoring = new Monitoring(Names.MONITORING_COMPONENT, args.monitoring(kube, flux, sources, harbor),
                kube.component());
        Logging logging = new Logging(Names.LOGGING_COMPONENT, args.logging(kube, flux, sources, harbor),
                kube.component());
        SharedInfraWarnings.of(config).forEach(warning -> ctx.log().warn(warning));
        new TenantAdmission(Names.ADMISSION_COMPONENT, args.admission(kube), kube.component());
        args.admissionWarnings().forEach(warning -> ctx.log().warn(warning));
        // shared manifests are applied after the charts (and so their CRDs) are ready
        Output<List<ObjectRef>> sharedPrerequisites = SharedChart.healthChecks(List.of(monitoring.chart(), logging.chart()));
        Optional<Output<String>> platformSource = platformLayers(ctx, config, args, kube, flux, governance, gitlabProvider);
        if (config.sharding().isPlatform()) {
            // the tenants are the shards' (README "Large fleets"): export what they read through a stack reference
            io.fluxfleet.shard.PlatformExports.export(ctx, config, sharedPrerequisites);
        } else {
            tenants(ctx, config, args, kube, flux, sharedPrerequisites, governance, gitlabProvider, platformSource);
        }

        ctx.export("environment", Output.of(env));
        ctx.export("branch", Output.of(config.environment().branch()));
        ctx.export("fluxChartVersion", Output.of(config.flux().chartVersion()));
        ctx.export("tenants", Output.of(config.tenants().stream().map(Tenant::name).toList()));
        ctx.export("protected", Output.of(config.protect()));
        ctx.export("suspended", Output.of(config.suspend()));
        ctx.export("grafanaAdminPassword", monitoring.grafanaAdminPassword());
        // what `pulumi up` waited for (the provider's pulumi.com/waitFor annotations, flux.Readiness)
        ctx.export("awaited", Output.of(args.readiness().awaited()));
        ctx.export("awaitTimeoutSeconds", Output.of((int) args.readiness().timeoutSeconds()));
    }

    /**
     * A tenant shard ({@code <platform>-tenants-<shard>}): its tenants' Kubernetes objects, GitLab governance, commit
     * statuses and webhooks, with its own providers to the platform's cluster and GitLab instance. Flux and the shared
     * infrastructure are the platform stack's: {@code platform} (the stack reference the shard read its config
     * through) stands in for them as what every tenant object depends on, and {@code sharedPrerequisites} are the
     * platform's shared charts, exported by it.
     */
    public static void buildShard(Context ctx, FluxFleetConfig config, Runtime runtime, FluxPlatform platform,
                                  Output<List<ObjectRef>> sharedPrerequisites) {
        Kube kube = new Kube(Kube.explicitProvider(config), config.protect(), config.environment());
        StackArgs args = new StackArgs(config);
        var gitlabProvider = gitlabProvider(config);
        GitLabGovernance governance = governance(ctx, config, runtime, gitlabProvider, false);
        // the platform project's GitRepository is the platform stack's; the shard's Kustomizations name it
        Optional<Output<String>> platformSource = config.layers().fromPlatform()
                ? Optional.of(Output.of(Names.platformGitRepository(config.environment()))) : Optional.empty();
        tenants(ctx, config, args, kube, platform, sharedPrerequisites, governance, gitlabProvider, platformSource);
        ctx.export("environment", Output.of(config.environment().id()));
        ctx.export("platform", Output.of(config.sharding().platform().orElseThrow()));
        ctx.export("shard", Output.of(config.sharding().shard().orElseThrow()));
        ctx.export("tenants", Output.of(config.tenants().stream().map(Tenant::name).toList()));
        ctx.export("protected", Output.of(config.protect()));
        ctx.export("awaited", Output.of(args.readiness().awaited()));
        ctx.export("awaitTimeoutSeconds", Output.of((int) args.readiness().timeoutSeconds()));
    }

    private static ProviderResource gitlabProvider(FluxFleetConfig config) {
        return GitLabGovernance.provider(GitLabNames.provider(config.environment()), config.gitlab(),
                CustomResourceOptions.builder().protect(config.protect()).build());
    }

    /** @param platformProject whether this stack governs the platform project (never a shard: its platform stack does) */
    private static GitLabGovernance governance(Context ctx, FluxFleetConfig config, Runtime runtime,
                                               ProviderResource gitlabProvider, boolean platformProject) {
        return new GitLabGovernance(Names.GITLAB_COMPONENT, new GitLabGovernance.Args(config.environment(),
                config.tenants(), config.gitlab().governance(), gitlabProvider, runtime.gitlabLookup().apply(gitlabProvider),
                ctx.log(), runtime.today(), config.protect(), config.layers(), platformProject,
                io.fluxfleet.gitlab.SelfProject.resolve(config.gitlab().governance().selfProject(),
                        runtime.pipelineProject())),
                com.pulumi.resources.ComponentResourceOptions.builder().protect(config.protect()).build());
    }

    /**
     * With {@code layers.source: platform}, the platform project's GitRepository (with its credentials, commit
     * statuses and webhook) that every tenant's cluster and shared layers read; returns its name. In the platform stack
     * of a sharded environment too: the shards' Kustomizations name it. Empty in the one-repository layout.
     */
    private static Optional<Output<String>> platformLayers(Context ctx, FluxFleetConfig config, StackArgs args, Kube kube,
                                                           FluxPlatform flux, GitLabGovernance governance,
                                                           ProviderResource gitlabProvider) {
        Optional<Tenant> project = config.layers().platformProject();
        if (project.isEmpty()) {
            return Optional.empty();
        }
        GitLabGovernance.DeployTokenAccess credentials = gitCredentials(ctx, project.get(), governance);
        if (config.gitlab().statusToken().isEmpty()) {
            ctx.log().warn("the platform project " + project.get().project() + ": no commit statuses of the cluster and"
                    + " shared layers are posted to GitLab; set gitlab.statusToken (a token with scope api on that"
                    + " project) to turn them on");
        }
        PlatformLayers layers = new PlatformLayers(Names.PLATFORM_LAYERS_COMPONENT, args.platformLayers(kube, flux,
                project.get(), credentials.username(), credentials.token(), gitlabProvider,
                governance.projectId(project.get()).orElse(project.get().project())), kube.component());
        layers.hookUrl().ifPresent(url -> ctx.export("platformWebhookUrl", url));
        return Optional.of(layers.source().objectName());
    }

    /** Every tenant of the stack: its environment, commit statuses, and (when on) webhooks. */
    private static void tenants(Context ctx, FluxFleetConfig config, StackArgs args, Kube kube, FluxPlatform flux,
                                Output<List<ObjectRef>> sharedPrerequisites, GitLabGovernance governance,
                                ProviderResource gitlabProvider, Optional<Output<String>> platformSource) {
        Map<Tenant, TenantEnvironment> tenants = new LinkedHashMap<>();
        for (Tenant tenant : config.tenants()) {
            Kube tenantKube = kube.withProtect(config.protect(tenant));
            if (tenant.retire()) {
                ctx.log().warn(config.protect()
                        ? "tenant " + tenant.name() + " is retiring: this up lifts the protection of its resources;"
                                + " remove it from fluxfleet:tenants in the next change, and that up deletes them"
                                + " (README \"Removing a tenant from prod\")"
                        : "tenant " + tenant.name() + " is marked retire, which changes nothing in this stack: nothing"
                                + " here is protected, so removing it from fluxfleet:tenants deletes its resources directly");
            }
            if (tenant.moving()) {
                ctx.log().warn("tenant " + tenant.name() + " is moving: this up marks its resources retainOnDelete and"
                        + " lifts their protection; then move it to the other stack's file, and the two stacks' next ups"
                        + " hand its objects over without deleting them (README \"Large fleets\")");
            }
            var components = tenant.moving() ? ComponentResourceOptions.merge(tenantKube.component(),
                    ComponentResourceOptions.builder().resourceTransformations(Retain.onDelete(name -> true)).build())
                    : tenantKube.component();
            GitLabGovernance.DeployTokenAccess credentials = gitCredentials(ctx, tenant, governance);
            TenantEnvironment tenantEnvironment = new TenantEnvironment(Names.tenantComponent(tenant),
                    args.tenantEnvironment(tenantKube, tenant, flux, credentials.username(), credentials.token(),
                            sharedPrerequisites, platformSource), components);
            tenants.put(tenant, tenantEnvironment);
            // with the platform project, the shared token posts the platform layers' statuses there (PlatformLayers);
            // a tenant's own token posts its apps layer's
            var statusToken = config.layers().fromPlatform() ? tenant.statusToken()
                    : config.gitlab().statusToken().or(tenant::statusToken);
            statusToken.ifPresentOrElse(
                    token -> new CommitStatus(Names.commitStatusComponent(tenant), args.commitStatus(tenantKube, tenant,
                            flux, tenantEnvironment, Output.ofSecret(token.reveal())), components),
                    () -> ctx.log().warn(config.layers().fromPlatform()
                            ? "tenant " + tenant.name() + ": its apps layer posts no commit statuses to GitLab; set"
                                    + " tenants[].statusToken (a project access token of " + tenant.project() + ", scope"
                                    + " api, role developer) to turn them on"
                            : "tenant " + tenant.name() + ": no commit statuses are posted to GitLab; set"
                                    + " gitlab.statusToken or tenants[].statusToken (a token with scope api) to turn them on"));
            if (tenant.statusToken().isEmpty() && config.gitlab().statusToken().isPresent()
                    && !config.layers().fromPlatform()) {
                ctx.log().warn("tenant " + tenant.name() + ": its apps layer posts no commit statuses: the shared"
                        + " gitlab.statusToken stays in flux-system and is never copied into a tenant namespace; set"
                        + " tenants[].statusToken (a project access token of " + tenant.project() + ", scope api, role"
                        + " developer) to turn them on");
            }
        }
        if (config.webhooks().enabled()) {
            java.util.Set<String> moving = new java.util.HashSet<>();
            for (Tenant tenant : config.tenants()) {
                if (tenant.moving()) {
                    // a moving tenant's token, token Secrets, Receivers and project hooks (Webhooks names them so)
                    moving.add(Names.webhookToken(tenant));
                    for (String ns : List.of(Names.FLUX_NAMESPACE, tenant.namespace())) {
                        moving.add(Names.resource(ns, Names.webhookTokenSecret(tenant)));
                        moving.add(Names.resource(ns, Names.receiver(tenant, config.environment())));
                    }
                }
            }
            var options = moving.isEmpty() ? kube.component() : ComponentResourceOptions.merge(kube.component(),
                    ComponentResourceOptions.builder().resourceTransformations(Retain.onDelete(moving::contains)).build());
            Webhooks webhooks = new Webhooks(Names.WEBHOOKS_COMPONENT, args.webhooks(kube, flux, tenants, gitlabProvider,
                    t -> governance.projectId(t).orElse(t.project())), options);
            ctx.export("webhookUrls", webhooks.hookUrls());
        }
    }

    /**
     * The credentials a tenant's Flux reads its project with: the deploy token fluxfleet made for this
     * environment (so rotating it updates the cluster Secret in the same run), else the configured password.
     */
    static GitLabGovernance.DeployTokenAccess gitCredentials(Context ctx, Tenant tenant, GitLabGovernance governance) {
        var token = governance.deployToken(tenant);
        if (token.isPresent()) {
            if (tenant.gitPassword().isPresent()) {
                ctx.log().warn(tenant.name() + ": the deploy token replaces the configured gitPassword, which is unused"
                        + " (set fluxfleet:gitlab.deployToken.enabled to false to use it)");
            }
            return token.get();
        }
        if (tenant.gitPassword().isPresent()) {
            return new GitLabGovernance.DeployTokenAccess(Output.of(tenant.gitUsername()),
                    Output.ofSecret(tenant.gitPassword().get().reveal()));
        }
        ctx.log().warn(tenant.name() + ": no deploy token could be made yet and no gitPassword is set, so Flux cannot"
                + " read " + tenant.project() + " until the next `pulumi up`");
        return new GitLabGovernance.DeployTokenAccess(Output.of(tenant.gitUsername()), Output.ofSecret(""));
    }

}
