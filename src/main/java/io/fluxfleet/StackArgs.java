package io.fluxfleet;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.resources.ProviderResource;

import io.fluxfleet.admission.AdmissionPolicies;
import io.fluxfleet.admission.TenantAdmission;
import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.config.FluxFleetConfig.Tenant;
import io.fluxfleet.flux.FluxInstall;
import io.fluxfleet.flux.FluxNetworkPolicies;
import io.fluxfleet.flux.FluxSources;
import io.fluxfleet.flux.FluxSpecs.ObjectRef;
import io.fluxfleet.flux.FluxValues;
import io.fluxfleet.infra.Logging;
import io.fluxfleet.infra.LoggingValues;
import io.fluxfleet.infra.Monitoring;
import io.fluxfleet.infra.MonitoringValues;
import io.fluxfleet.infra.SharedChart;
import io.fluxfleet.kube.Kube;
import io.fluxfleet.naming.Names;
import io.fluxfleet.notifications.CommitStatus;
import io.fluxfleet.notifications.Webhooks;
import io.fluxfleet.registry.HarborAccess;
import io.fluxfleet.tenancy.TenantEnvironment;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one place the stack's config becomes the components' {@code Args}: every component takes a typed record of
 * exactly what it uses, never the whole {@link FluxFleetConfig}, so a component can be built and tested alone and a
 * config section reaches only the code that reads it.
 */
final class StackArgs {
    private final FluxFleetConfig config;
    private final io.fluxfleet.flux.Readiness readiness;

    StackArgs(FluxFleetConfig config) {
        this.config = config;
        this.readiness = io.fluxfleet.flux.Readiness.of(config.await());
    }

    FluxInstall.Args fluxInstall(Kube kube) {
        var flux = config.flux();
        return new FluxInstall.Args(kube, flux.chartVersion(), flux.chartRepository(), flux.timeout(),
                flux.helmMaxHistory(), FluxValues.of(config));
    }

    FluxNetworkPolicies.Args fluxNetworkPolicies(Kube kube, FluxInstall flux) {
        return new FluxNetworkPolicies.Args(kube, flux, config.network(), config.webhooks().enabled());
    }

    HarborAccess.Args harborAccess(Kube kube, FluxInstall flux) {
        return new HarborAccess.Args(kube, config.harbor(), flux.namespace());
    }

    FluxSources.Args fluxSources(Kube kube, FluxInstall flux, Secret harborSecret) {
        return new FluxSources.Args(kube, flux, harborSecret, config.flux().helmRepositoryInterval(),
                FluxSources.harborChartsUrl(config.harbor().host(), config.harbor().project()), readiness);
    }

    SharedChart.Settings sharedCharts(Kube kube, FluxInstall flux) {
        return new SharedChart.Settings(kube, flux, config.infra().interval(), config.infra().timeout(),
                config.suspend(), readiness,
                io.fluxfleet.flux.FluxReleases.hasPostRenderStrategy(config.flux().chartVersion()));
    }

    Monitoring.Args monitoring(Kube kube, FluxInstall flux, FluxSources sources, HarborAccess harbor) {
        var infra = config.infra();
        return new Monitoring.Args(sharedCharts(kube, flux), harbor.platformNamespaces().get(Names.MONITORING_NAMESPACE),
                sources.rancherCharts(), sources.harborCharts(), infra.monitoringChartVersion(),
                MonitoringValues.crds(config), grafanaSecret -> MonitoringValues.chart(config, grafanaSecret),
                MonitoringValues.postRenderers(config),
                infra.customMonitoringChartVersion().map(version ->
                        new SharedChart.Custom(version, MonitoringValues.custom(config))));
    }

    Logging.Args logging(Kube kube, FluxInstall flux, FluxSources sources, HarborAccess harbor) {
        var infra = config.infra();
        return new Logging.Args(sharedCharts(kube, flux), harbor.platformNamespaces().get(Names.LOGGING_NAMESPACE),
                sources.rancherCharts(), sources.harborCharts(), infra.loggingChartVersion(),
                LoggingValues.crds(config), LoggingValues.chart(config), LoggingValues.postRenderers(config),
                infra.customLoggingChartVersion().map(version ->
                        new SharedChart.Custom(version, LoggingValues.custom(config))));
    }

    TenantAdmission.Args admission(Kube kube) {
        return new TenantAdmission.Args(kube, AdmissionPolicies.of(AdmissionPolicies.settings(config)));
    }

    /** What the render and {@code pulumi up} say about the tenants' isolation. */
    List<String> admissionWarnings() {
        List<String> warnings = new java.util.ArrayList<>();
        for (Tenant tenant : config.tenants()) {
            tenant.security().privilegedReason().ifPresent(reason -> warnings.add("tenant " + tenant.name()
                    + " runs with Pod Security privileged (exception: " + reason + "): its pods may use the host's"
                    + " namespaces, paths and devices"));
        }
        if (config.admission().deployers().isEmpty()) {
            warnings.add("admission.deployers is not set: the policies that keep fluxfleet's objects in tenant"
                    + " namespaces (owned-objects, platform-applied, network-policies, flux-objects) treat everyone"
                    + " not named as the platform as a tenant, so pulumi up will be refused changing them unless it"
                    + " authenticates in admission.platformGroups; set fluxfleet:admission.deployers to the user"
                    + " pulumi up authenticates as (README \"Threat model\")");
        }
        return warnings;
    }

    /**
     * @param platformSource the name of the platform project's GitRepository in flux-system, with
     *                       {@code layers.source: platform}; empty otherwise
     */
    TenantEnvironment.Args tenantEnvironment(Kube tenantKube, Tenant tenant, io.fluxfleet.flux.FluxPlatform flux, Output<String> gitUsername,
                                             Output<String> gitPassword, Output<List<ObjectRef>> sharedPrerequisites,
                                             java.util.Optional<Output<String>> platformSource) {
        var flux2 = config.flux();
        return new TenantEnvironment.Args(tenantKube, tenant, flux, config.profile(), config.harbor(),
                config.gitlab().cloneUrl(tenant.project()),
                new TenantEnvironment.Reconcile(flux2.gitInterval(), flux2.kustomizationInterval(),
                        flux2.kustomizationRetryInterval(), flux2.timeout(), config.suspend(), readiness),
                gitUsername, gitPassword, sharedPrerequisites, config.quota(tenant), config.layers(), platformSource);
    }

    /**
     * The platform project's objects on the cluster ({@code layers.source: platform}): its GitRepository with the
     * given credentials, its commit statuses with the shared {@code gitlab.statusToken}, its webhook when on.
     */
    io.fluxfleet.layers.PlatformLayers.Args platformLayers(Kube kube, io.fluxfleet.flux.FluxPlatform flux,
                                                           Tenant project, Output<String> gitUsername,
                                                           Output<String> gitPassword, ProviderResource gitlab,
                                                           String projectId) {
        return new io.fluxfleet.layers.PlatformLayers.Args(kube, flux, project,
                config.gitlab().cloneUrl(project.project()), config.gitlab().projectUrl(project.project()),
                config.flux().gitInterval(), readiness, gitUsername, gitPassword,
                config.gitlab().statusToken().map(token -> Output.ofSecret(token.reveal())),
                config.webhooks().enabled()
                        ? java.util.Optional.of(new io.fluxfleet.layers.PlatformLayers.Webhook(
                                config.webhooks().ingressHost().orElseThrow(), gitlab, projectId))
                        : java.util.Optional.empty());
    }

    /** What {@code pulumi up} waits for; every Flux object built from these args reports to it. */
    io.fluxfleet.flux.Readiness readiness() {
        return readiness;
    }

    /**
     * The platform layers post with the shared {@code gitlab.statusToken} when set (it stays in {@code flux-system}),
     * else with the tenant's own; the tenant's namespace only ever holds the tenant's own token.
     */
    CommitStatus.Args commitStatus(Kube tenantKube, Tenant tenant, io.fluxfleet.flux.FluxPlatform flux, TenantEnvironment environment,
                                   Output<String> token) {
        return new CommitStatus.Args(tenantKube, tenant, flux, environment, config.gitlab().projectUrl(tenant.project()),
                token, tenant.statusToken().map(own -> Output.ofSecret(own.reveal())), !config.layers().fromPlatform());
    }

    /** {@code webhooks.ingressHost} is required with {@code webhooks.enabled}; the loader has checked that. */
    Webhooks.Args webhooks(Kube kube, io.fluxfleet.flux.FluxPlatform flux, Map<Tenant, TenantEnvironment> tenants, ProviderResource gitlab,
                           Function<Tenant, String> projectId) {
        String host = config.webhooks().ingressHost().orElseThrow(() ->
                new IllegalStateException("webhooks.ingressHost is required when webhooks are enabled"));
        return new Webhooks.Args(flux, host, gitlab, tenants.entrySet().stream()
                .map(e -> new Webhooks.Target(e.getKey(), kube.withProtect(config.protect(e.getKey())), e.getValue(),
                        projectId.apply(e.getKey())))
                .toList());
    }
}
