package io.fluxfleet.notifications;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;

import io.fluxfleet.config.Environment;
import io.fluxfleet.config.FluxFleetConfig.Tenant;
import io.fluxfleet.flux.FluxPlatform;
import io.fluxfleet.flux.FluxKind;
import io.fluxfleet.flux.FluxObject;
import io.fluxfleet.flux.FluxSpecs.AlertSpec;
import io.fluxfleet.flux.FluxSpecs.ObjectRef;
import io.fluxfleet.flux.FluxSpecs.ProviderSpec;
import io.fluxfleet.flux.FluxSpecs.Ref;
import io.fluxfleet.kube.Kube;
import io.fluxfleet.naming.Names;
import io.fluxfleet.naming.Names.Layer;
import io.fluxfleet.tenancy.TenantEnvironment;

import java.util.List;
import java.util.Map;

/**
 * Delivery a tenant can see: Flux posts the result of every reconciliation of the tenant's Kustomizations and
 * HelmReleases back to the GitLab commit it applied, as a commit status.
 *
 * <p>With {@code --no-cross-namespace-refs} an Alert only receives events of objects in its own namespace, and its
 * Provider and the Provider's token Secret must be there too. A tenant's objects live in two namespaces (the
 * platform layers in {@code flux-system}, the apps layer in the tenant's), so there is one Secret, Provider and
 * Alert in each: in {@code flux-system} for the tenant's {@code cluster} and {@code shared} Kustomizations only
 * (other tenants' objects live there too), in the tenant's namespace for every Kustomization and HelmRelease. With the
 * platform project ({@code layers.source: platform}) those two layers' statuses belong to its commits, and
 * {@code PlatformLayers} posts them with one pair for the fleet: this component then has only the tenant's pair.
 *
 * <p>The status name (GitLab's key for a status on a commit) is set by the Provider's {@code commitStatusExpr}:
 * {@code flux/<env>/<kind>/<name>}. Flux's default would end in the Provider's UID, which differs per cluster but
 * says nothing; with the environment in the key, dev, preprod and prod can never overwrite each other's status on
 * a commit they share (a merge promoted from branch to branch). The Alert's {@code eventMetadata} adds the
 * environment to every event as well.
 *
 * <p>No object here or in the tenant's Kustomizations carries {@code event.toolkit.fluxcd.io/commit}: a Kustomization's
 * events name the revision its GitRepository fetched from the Provider's own project, and such an annotation (or a
 * {@code commit} key in {@code eventMetadata}) would win over it (README "Flux versions", {@code
 * CommitStatusRoutingTest}). A tenant's HelmReleases post only if the tenant annotates them with the commit: their
 * events' revision is the chart version.
 */
public final class CommitStatus extends ComponentResource {
    /** Identity in the engine (a changed token changes every child's URN), kept from when this lived in infra. */
    public static final String TYPE = "fluxfleet:infra:CommitStatus";
    /** The key of the token in the Provider's Secret, as the gitlab provider reads it. */
    public static final String TOKEN_KEY = "token";

    private final List<FluxObject> alerts;

    /**
     * What a tenant's commit statuses take.
     *
     * @param kube              the cluster's provider, the tenant's protection, and labels
     * @param tenant            the tenant
     * @param flux              the installation whose CRDs and namespace the objects need
     * @param tenantEnvironment the tenant's namespace and Kustomizations, whose events are reported
     * @param projectUrl        the web URL of the tenant's GitLab project, where statuses are posted
     * @param token             the GitLab token (scope {@code api}) the platform layers' statuses are posted with
     *                            from {@code flux-system}, a Pulumi secret
     * @param tenantToken         the tenant's own token, for its namespace's Provider: the one secret of the pair a
     *                            tenant can read, so it is never the shared one; none leaves the namespace without a
     *                            Provider, Alert and token Secret
     * @param platformLayers      whether the tenant's cluster and shared layers read its own project, so their
     *                            statuses belong to its commits (the pair in flux-system); with the platform project
     *                            ({@code layers.source: platform}) they belong to that project's commits and
     *                            {@code PlatformLayers} posts them
     */
    public record Args(Kube kube, Tenant tenant, FluxPlatform flux, TenantEnvironment tenantEnvironment,
                       String projectUrl, Output<String> token, java.util.Optional<Output<String>> tenantToken,
                       boolean platformLayers) {
        /** The one-repository layout: the platform layers' statuses go to the tenant's project. */
        public Args(Kube kube, Tenant tenant, FluxPlatform flux, TenantEnvironment tenantEnvironment,
                    String projectUrl, Output<String> token, java.util.Optional<Output<String>> tenantToken) {
            this(kube, tenant, flux, tenantEnvironment, projectUrl, token, tenantToken, true);
        }
    }

    public CommitStatus(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        Environment env = args.kube().environment();
        Tenant tenant = args.tenant();
        TenantEnvironment tenantEnvironment = args.tenantEnvironment();
        Map<Layer, FluxObject> layers = tenantEnvironment.kustomizations();
        Output<List<ObjectRef>> platformSources = Output.tuple(layers.get(Layer.CLUSTER).objectName(),
                layers.get(Layer.SHARED).objectName()).applyValue(t -> List.of(
                        ObjectRef.of(FluxKind.KUSTOMIZATION, t.t1, null),
                        ObjectRef.of(FluxKind.KUSTOMIZATION, t.t2, null)));
        Output<List<ObjectRef>> tenantSources = Output.of(List.of(
                ObjectRef.of(FluxKind.KUSTOMIZATION, "*", null),
                ObjectRef.of(FluxKind.HELM_RELEASE, "*", null)));
        List<FluxObject> pairs = new java.util.ArrayList<>();
        if (args.platformLayers()) {
            pairs.add(pair(args, Names.FLUX_NAMESPACE, args.flux().namespace(), platformSources, args.token()));
        }
        args.tenantToken().ifPresent(token ->
                pairs.add(pair(args, tenant.namespace(), tenantEnvironment.namespace(), tenantSources, token)));
        this.alerts = List.copyOf(pairs);
        registerOutputs(Map.of("statusKey", Output.of(statusKeyPrefix(env) + "<kind>/<name>")));
    }

    /** The token Secret, Provider and Alert in one namespace; returns the Alert. */
    private FluxObject pair(Args args, String namespace, Resource namespaceResource,
                            Output<List<ObjectRef>> eventSources, Output<String> token) {
        return pair(this, args.kube(), args.tenant(), args.flux(), args.projectUrl(), namespace, namespaceResource,
                eventSources, token, Names.labels(args.kube().environment(), args.tenant()));
    }

    /**
     * The token Secret, Provider and Alert that post {@code eventSources}' statuses to the project at
     * {@code address}, as children of {@code parent}; returns the Alert. {@code project} names the objects (a tenant,
     * or the platform project under its governed name).
     */
    public static FluxObject pair(com.pulumi.resources.ComponentResource parent, Kube kube, Tenant project,
                                  FluxPlatform flux, String address, String namespace, Resource namespaceResource,
                                  Output<List<ObjectRef>> eventSources, Output<String> token,
                                  Map<String, String> labels) {
        return new Pair(parent, kube, project, flux, address, labels).build(namespace, namespaceResource, eventSources,
                token);
    }

    /** What {@link #pair} builds from. */
    private record Pair(com.pulumi.resources.ComponentResource parent, Kube kube, Tenant tenant, FluxPlatform flux,
                        String address, Map<String, String> labels) {
        FluxObject build(String namespace, Resource namespaceResource, Output<List<ObjectRef>> eventSources,
                         Output<String> token) {
        Environment env = kube.environment();
        com.pulumi.resources.ComponentResource self = parent;
        String secretName = Names.statusTokenSecret(tenant);
        // the platform project's objects carry no tenant label: they are no tenant's
        Tenant labelled = labels.containsKey(Names.LABEL_TENANT) ? tenant : null;
        Secret secret = kube.tokenSecret(self, namespace, namespaceResource, labelled, secretName, TOKEN_KEY, token);
        String objectName = Names.commitStatus(tenant, env);
        FluxObject provider = new FluxObject(Names.resource(namespace, objectName), FluxKind.PROVIDER, objectName,
                namespace, labels, secret.metadata().applyValue(m -> new ProviderSpec("gitlab",
                        address, Ref.of(m.name().orElseThrow()), commitStatusExpr(env))),
                kube.child(self, flux.release()));
        return new FluxObject(Names.resource(namespace, objectName), FluxKind.ALERT, objectName, namespace,
                labels, Output.tuple(provider.objectName(), eventSources).applyValue(t ->
                        new AlertSpec(Ref.of(t.t1), "info", t.t2, Map.of("environment", env.id()))),
                kube.child(self, flux.release()));
        }
    }

    /** The CEL expression that names a status {@code flux/<env>/<kind>/<name>}. */
    public static String commitStatusExpr(Environment env) {
        return "'" + statusKeyPrefix(env) + "' + event.involvedObject.kind + '/' + event.involvedObject.name";
    }

    static String statusKeyPrefix(Environment env) {
        return "flux/" + env.id() + "/";
    }

    /** The Alerts, in flux-system and (with the tenant's own token) in the tenant's namespace. */
    public List<FluxObject> alerts() {
        return alerts;
    }
}
