package io.fluxfleet;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.resources.CustomResourceOptions;

import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.config.FluxFleetConfig.Tenant;
import io.fluxfleet.flux.FluxInstall;
import io.fluxfleet.flux.FluxSources;
import io.fluxfleet.flux.FluxSpecs.ObjectRef;
import io.fluxfleet.infra.CommitStatus;
import io.fluxfleet.infra.Logging;
import io.fluxfleet.infra.Monitoring;
import io.fluxfleet.infra.SharedChart;
import io.fluxfleet.infra.Webhooks;
import io.fluxfleet.kube.Kube;
import io.fluxfleet.registry.HarborAccess;
import io.fluxfleet.tenancy.TenantEnvironment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds one environment's desired state from its parsed config. The same code runs under
 * {@code pulumi up} and under the offline {@code render}; tests call it directly with the mock engine.
 */
public final class FluxFleetStack {
    private FluxFleetStack() {}

    public static void build(Context ctx, FluxFleetConfig config) {
        String env = config.environment().id();
        Kube kube = new Kube(provider(config), config.protect(), config.environment());

        FluxInstall flux = new FluxInstall("flux", config, kube, kube.component(null, List.of()));
        HarborAccess harbor = new HarborAccess("harbor", config.harbor(), kube, flux.namespace(),
                kube.component(null, List.of()));
        FluxSources sources = new FluxSources("sources", config, kube, flux, harbor.fluxSecret(), kube.component(null, List.of()));
        Monitoring monitoring = new Monitoring("monitoring", config, kube, flux, sources, harbor, kube.component(null, List.of()));
        Logging logging = new Logging("logging", config, kube, flux, sources, harbor, kube.component(null, List.of()));
        // shared manifests are applied after the charts (and so their CRDs) are ready
        Output<List<ObjectRef>> sharedPrerequisites = SharedChart.healthChecks(List.of(monitoring.chart(), logging.chart()));
        Map<Tenant, TenantEnvironment> tenants = new LinkedHashMap<>();
        for (Tenant tenant : config.tenants()) {
            TenantEnvironment tenantEnvironment = new TenantEnvironment("tenant-" + tenant.name(), config, tenant, kube,
                    flux, Output.of(tenant.gitUsername()), Output.ofSecret(tenant.gitPassword().reveal()),
                    sharedPrerequisites, kube.component(null, List.of()));
            tenants.put(tenant, tenantEnvironment);
            config.statusToken(tenant).ifPresentOrElse(
                    token -> new CommitStatus("commit-status-" + tenant.name(), config, tenant, kube, flux, tenantEnvironment,
                            Output.ofSecret(token.reveal()), kube.component(null, List.of())),
                    () -> ctx.log().warn("tenant " + tenant.name() + ": no commit statuses are posted to GitLab; set"
                            + " gitlab.statusToken or tenants[].statusToken (a token with scope api) to turn them on"));
        }

        if (config.webhooks().enabled()) {
            Webhooks webhooks = new Webhooks("webhooks", config, kube, flux, tenants, gitlabProvider(config),
                    kube.component(null, List.of()));
            ctx.export("webhookUrls", webhooks.hookUrls());
        }

        ctx.export("environment", Output.of(env));
        ctx.export("branch", Output.of(config.environment().branch()));
        ctx.export("fluxChartVersion", Output.of(config.flux().chartVersion()));
        ctx.export("tenants", Output.of(config.tenants().stream().map(Tenant::name).toList()));
        ctx.export("protected", Output.of(config.protect()));
        ctx.export("suspended", Output.of(config.suspend()));
        ctx.export("grafanaAdminPassword", monitoring.grafanaAdminPassword());
    }

    /**
     * The explicit provider for the GitLab instance: its API URL and, when {@code gitlab.token} is set, that token (a
     * secret; otherwise the provider reads {@code GITLAB_TOKEN}).
     */
    static io.fluxfleet.gitlab.bindings.Provider gitlabProvider(FluxFleetConfig config) {
        var args = io.fluxfleet.gitlab.bindings.ProviderArgs.builder().baseUrl(config.gitlab().apiUrl());
        config.gitlab().governance().token().ifPresent(t -> args.token(Output.ofSecret(t.reveal())));
        return new io.fluxfleet.gitlab.bindings.Provider("gitlab", args.build(),
                CustomResourceOptions.builder().protect(config.protect()).build());
    }

    /**
     * The explicit provider for the environment's cluster: a named kubeconfig context, or a whole kubeconfig
     * held as a secret. Config validation guarantees one of them, so this never falls back to the current
     * kubectl context.
     */
    static Provider provider(FluxFleetConfig config) {
        var args = ProviderArgs.builder().enableServerSideApply(true);
        config.cluster().context().ifPresent(args::context);
        config.cluster().kubeconfig().ifPresent(k -> args.kubeconfig(Output.ofSecret(k.reveal())));
        return new Provider("kubernetes-" + config.environment().id(), args.build(),
                CustomResourceOptions.builder().protect(config.protect()).build());
    }
}
