package io.fluxfleet.naming;

import io.fluxfleet.config.Environment;
import io.fluxfleet.config.FluxFleetConfig.Tenant;

import java.util.Map;
import java.util.TreeMap;

/**
 * The one place names are made. Kubernetes {@code metadata.name}s follow the guide so that its kubectl
 * procedures keep working ({@code tenant1-dev}, {@code tenant1-dev-apps}, {@code gitlab-auth-tenant1});
 * Pulumi resource names are the Kubernetes name prefixed by its namespace, which makes them unique in a
 * stack and stable across runs. Nothing else in fluxfleet concatenates a name (GitLab's names are in
 * {@link GitLabNames}); {@code NamingRuleTest} holds the rest of the code to that.
 *
 * <p>Pulumi resource names are identity: the engine replaces a resource whose name changes. Every name here is
 * pinned by a test and by the URN golden list ({@code src/test/resources/plan/urns}).
 */
public final class Names {
    public static final String FLUX_NAMESPACE = "flux-system";
    public static final String MONITORING_NAMESPACE = "cattle-monitoring-system";
    public static final String LOGGING_NAMESPACE = "cattle-logging-system";
    public static final String FLUX_RELEASE = "flux";
    /** The service account the platform Kustomizations (cluster, shared) impersonate. */
    public static final String PLATFORM_RECONCILER = "flux-platform-reconciler";
    public static final String HARBOR_FLUX_SECRET = "harbor-auth-secret";
    public static final String HARBOR_WORKLOAD_SECRET = "harbor-registry-secret";
    public static final String RANCHER_CHARTS = "rancher-charts";
    public static final String PROMETHEUS_COMMUNITY = "prometheus-community";
    public static final String HARBOR_CHARTS = "harbor-charts";
    /** The shared charts: HelmRelease names in flux-system and Helm release names in their target namespaces. */
    public static final String RANCHER_MONITORING_CRD = "rancher-monitoring-crd";
    public static final String RANCHER_MONITORING = "rancher-monitoring";
    public static final String RANCHER_LOGGING_CRD = "rancher-logging-crd";
    public static final String RANCHER_LOGGING = "rancher-logging";
    public static final String CUSTOM_MONITORING = "custom-monitoring";
    public static final String CUSTOM_LOGGING = "custom-logging";
    /** The Secret in cattle-monitoring-system that holds Grafana's admin user and generated password. */
    public static final String GRAFANA_ADMIN_SECRET = "grafana-admin-credentials";
    /** The generated Grafana admin password (a {@code RandomPassword}). */
    public static final String GRAFANA_ADMIN_PASSWORD = "grafana-admin-password";
    /** The NetworkPolicy that denies a tenant namespace's traffic but its own and DNS. */
    public static final String DEFAULT_DENY = "default-deny";
    /** flux-system's NetworkPolicies, in place of the flux2 chart's ({@code flux/FluxNetworkPolicies}). */
    public static final String FLUX_DENY_ALL = "flux-deny-all";
    public static final String FLUX_ALLOW_INTERNAL = "flux-allow-internal";
    public static final String FLUX_ALLOW_WEBHOOK_RECEIVER = "flux-allow-webhook-receiver";
    public static final String FLUX_ALLOW_METRICS = "flux-allow-metrics";
    public static final String FLUX_ALLOW_EGRESS = "flux-allow-egress";
    /** Components of a stack. */
    public static final String FLUX_COMPONENT = "flux";
    public static final String HARBOR_COMPONENT = "harbor";
    public static final String SOURCES_COMPONENT = "sources";
    public static final String MONITORING_COMPONENT = "monitoring";
    public static final String LOGGING_COMPONENT = "logging";
    public static final String WEBHOOKS_COMPONENT = "webhooks";
    public static final String GITLAB_COMPONENT = "gitlab";
    public static final String FLUX_NETWORK_COMPONENT = "flux-network";

    public static final String LABEL_MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String LABEL_ENVIRONMENT = "fluxfleet.io/environment";
    public static final String LABEL_TENANT = "fluxfleet.io/tenant";
    /** The annotation on a tenant's Namespace listing its ingress domains, comma-separated. */
    public static final String ANNOTATION_INGRESS_DOMAINS = "fluxfleet.io/ingress-domains";
    /** The value of {@link #LABEL_MANAGED_BY} on everything fluxfleet creates. */
    public static final String MANAGED_BY = "fluxfleet";
    /** The component of the stack's admission policies. */
    public static final String ADMISSION_COMPONENT = "admission";

    /** The three Kustomization layers of a tenant, in the order they reconcile. */
    public enum Layer {
        CLUSTER, SHARED, APPS;

        public String id() {
            return name().toLowerCase();
        }
    }

    private Names() {}

    /** A Pulumi resource name: {@code <namespace>/<name>} for namespaced objects, the name otherwise. */
    public static String resource(String namespace, String name) {
        return namespace == null ? name : namespace + "/" + name;
    }

    /** The GitRepository that follows a tenant's environment branch: {@code <tenant>-<env>}. */
    public static String gitRepository(Tenant tenant, Environment environment) {
        return tenant.name() + "-" + environment.id();
    }

    /** A tenant's Kustomization: {@code <tenant>-<env>-<layer>}. */
    public static String kustomization(Tenant tenant, Environment environment, Layer layer) {
        return tenant.name() + kustomizationSuffix(environment, layer);
    }

    /** What follows the tenant's name in its Kustomization's name: {@code -<env>-<layer>}. */
    public static String kustomizationSuffix(Environment environment, Layer layer) {
        return "-" + environment.id() + "-" + layer.id();
    }

    /** The path a tenant's Kustomization reconciles in its GitOps repository. */
    public static String kustomizationPath(Tenant tenant, Environment environment, Layer layer) {
        return switch (layer) {
            case CLUSTER -> "./clusters/" + tenant.name() + "/" + environment.id() + "-cluster";
            case SHARED -> "./shared";
            case APPS -> "./tenants/" + tenant.name();
        };
    }

    /**
     * The path a tenant's Kustomization reconciles in the project its layer reads ({@code layers}): as
     * {@link #kustomizationPath(Tenant, Environment, Layer)}, except that the shared layer in the platform project is
     * {@code ./shared/<tenant>}, one directory per tenant. Several Kustomizations applying one {@code ./shared} from
     * one source would claim the same objects (Flux's owner labels name one Kustomization each) and a removed tenant's
     * Kustomization would prune objects the others still apply.
     */
    public static String kustomizationPath(Tenant tenant, Environment environment, Layer layer,
                                           io.fluxfleet.config.Layers layers) {
        return layer == Layer.SHARED && layers.fromPlatform() ? "./shared/" + tenant.name()
                : kustomizationPath(tenant, environment, layer);
    }

    /**
     * The GitRepository in {@code flux-system} that follows the platform project's environment branch:
     * {@code platform-<env>} ({@link io.fluxfleet.config.Layers#PLATFORM_KEY}, a name no tenant may take while the
     * platform project exists).
     */
    public static String platformGitRepository(Environment environment) {
        return io.fluxfleet.config.Layers.PLATFORM_KEY + "-" + environment.id();
    }

    /** The component of the platform project's objects on the cluster: {@code platform-layers}. */
    public static final String PLATFORM_LAYERS_COMPONENT = "platform-layers";

    /** The Secret holding a tenant's GitLab credentials: {@code gitlab-auth-<tenant>}. */
    public static String gitAuthSecret(Tenant tenant) {
        return "gitlab-auth-" + tenant.name();
    }

    /** A tenant's component in the stack: {@code tenant-<tenant>}. */
    public static String tenantComponent(Tenant tenant) {
        return tenantComponent(tenant.name());
    }

    /** {@link #tenantComponent(Tenant)} from the tenant's name alone, as a render records it. */
    public static String tenantComponent(String tenant) {
        return "tenant-" + tenant;
    }

    /** A tenant's commit-status component in the stack: {@code commit-status-<tenant>}. */
    public static String commitStatusComponent(Tenant tenant) {
        return commitStatusComponent(tenant.name());
    }

    /** {@link #commitStatusComponent(Tenant)} from the tenant's name alone, as a render records it. */
    public static String commitStatusComponent(String tenant) {
        return "commit-status-" + tenant;
    }

    /**
     * A Flux controller's Deployment in shard {@code shard}: {@code kustomize-controller-platform}. The chart's own
     * Deployment keeps the bare controller name; the suffix keeps the shard's pods and the chart's apart.
     */
    public static String shardDeployment(String controller, String shard) {
        return controller + "-" + shard;
    }

    /** The generated token a tenant's webhook Receivers and GitLab hooks share: {@code webhook-token-<tenant>}. */
    public static String webhookToken(Tenant tenant) {
        return webhookToken(tenant.name());
    }

    /** {@link #webhookToken(Tenant)} from the tenant's name alone, as a render records it. */
    public static String webhookToken(String tenant) {
        return "webhook-token-" + tenant;
    }

    /** The explicit Kubernetes provider of a stack: {@code kubernetes-<env>}. */
    public static String kubernetesProvider(Environment environment) {
        return "kubernetes-" + environment.id();
    }

    /** A tenant's ResourceQuota: {@code <tenant>-quota}. */
    public static String quota(Tenant tenant) {
        return tenant.name() + "-quota";
    }

    /** A tenant's LimitRange: {@code <tenant>-limits}. */
    public static String limits(Tenant tenant) {
        return tenant.name() + "-limits";
    }

    /** The service account a tenant's apps are applied as, in the tenant's namespace. */
    public static String tenantReconciler(Tenant tenant) {
        return tenant.name() + "-reconciler";
    }

    /** A tenant's commit-status Provider and Alert: {@code <tenant>-<env>-commit-status}. */
    public static String commitStatus(Tenant tenant, Environment environment) {
        return gitRepository(tenant, environment) + "-commit-status";
    }

    /** The Secret with the token a tenant's commit statuses are posted with: {@code gitlab-status-<tenant>}. */
    public static String statusTokenSecret(Tenant tenant) {
        return "gitlab-status-" + tenant.name();
    }

    /** A tenant's webhook Receiver: {@code <tenant>-<env>-gitlab-push}. */
    public static String receiver(Tenant tenant, Environment environment) {
        return gitRepository(tenant, environment) + "-gitlab-push";
    }

    /** The Secret with a tenant's webhook token: {@code gitlab-webhook-<tenant>}. */
    public static String webhookTokenSecret(Tenant tenant) {
        return "gitlab-webhook-" + tenant.name();
    }

    /** A ValidatingAdmissionPolicy and its binding (cluster-scoped, one per concern): {@code fluxfleet-<concern>}. */
    public static String admissionPolicy(String concern) {
        return "fluxfleet-" + concern;
    }

    /** The identity Kubernetes gives a service account: {@code system:serviceaccount:<namespace>:<name>}. */
    public static String serviceAccountUser(String namespace, String name) {
        return "system:serviceaccount:" + namespace + ":" + name;
    }

    /** Labels every object fluxfleet creates carries; the tenant label only on a tenant's objects. */
    public static Map<String, String> labels(Environment environment, Tenant tenant) {
        Map<String, String> labels = new TreeMap<>();
        labels.put(LABEL_MANAGED_BY, MANAGED_BY);
        labels.put(LABEL_ENVIRONMENT, environment.id());
        if (tenant != null) {
            labels.put(LABEL_TENANT, tenant.name());
        }
        return labels;
    }
}
