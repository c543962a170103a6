package io.fluxfleet.tenancy;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.LimitRange;
import com.pulumi.kubernetes.core.v1.LimitRangeArgs;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.core.v1.ResourceQuota;
import com.pulumi.kubernetes.core.v1.ResourceQuotaArgs;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.ServiceAccount;
import com.pulumi.kubernetes.core.v1.ServiceAccountArgs;
import com.pulumi.kubernetes.core.v1.inputs.LimitRangeItemArgs;
import com.pulumi.kubernetes.core.v1.inputs.LimitRangeSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ResourceQuotaSpecArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.networking.v1.NetworkPolicy;
import com.pulumi.kubernetes.networking.v1.NetworkPolicyArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyEgressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyIngressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPeerArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPortArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicySpecArgs;
import com.pulumi.kubernetes.rbac.v1.RoleBinding;
import com.pulumi.kubernetes.rbac.v1.RoleBindingArgs;
import com.pulumi.kubernetes.rbac.v1.inputs.RoleRefArgs;
import com.pulumi.kubernetes.rbac.v1.inputs.SubjectArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;

import io.fluxfleet.config.Environment;
import io.fluxfleet.config.Layers;
import io.fluxfleet.config.ObjectQuota;
import io.fluxfleet.config.FluxFleetConfig.Harbor;
import io.fluxfleet.config.FluxFleetConfig.Profile;
import io.fluxfleet.config.FluxFleetConfig.Tenant;
import io.fluxfleet.flux.FluxPlatform;
import io.fluxfleet.flux.FluxKind;
import io.fluxfleet.flux.FluxObject;
import io.fluxfleet.flux.GitSource;
import io.fluxfleet.flux.FluxSpecs.KustomizationSpec;
import io.fluxfleet.flux.FluxSpecs.ObjectRef;
import io.fluxfleet.flux.FluxSpecs.Ref;
import io.fluxfleet.flux.FluxSpecs.SourceRef;
import io.fluxfleet.flux.Readiness;
import io.fluxfleet.kube.Kube;
import io.fluxfleet.kube.Quantities;
import io.fluxfleet.naming.Names;
import io.fluxfleet.naming.Names.Layer;
import io.fluxfleet.registry.HarborAccess;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One tenant on the environment's cluster: its namespace with least-privilege RBAC, quota, limits and a
 * default-deny network policy, its Git credentials, the GitRepository that follows the environment branch,
 * and its three Kustomizations.
 *
 * <p>Flux runs with {@code --no-cross-namespace-refs}, so an object may only refer to a source in its own
 * namespace. The platform layers ({@code cluster}, {@code shared}) live in {@code flux-system} and run as
 * {@code flux-platform-reconciler}; by default they read the platform project's GitRepository there
 * ({@code layers.source: platform}, {@code PlatformLayers}), so nothing of the tenant's project runs as
 * cluster-admin; in the one-repository layout ({@code layers.source: tenant}) they read a copy of the tenant's
 * GitRepository in {@code flux-system}. The {@code apps} layer lives in the tenant's namespace, with the tenant
 * project's GitRepository, and runs as the tenant's
 * service account, which a RoleBinding limits to that namespace: a tenant can never apply anything
 * cluster-wide. Dependencies may cross namespaces, so apps still wait for shared.
 *
 * <p>The layers reconcile in order: cluster, then shared, then apps. Flux's {@code dependsOn} can only name
 * Kustomizations, so what the shared layer needs first (the shared charts' HelmReleases) is health-checked by the
 * cluster layer, and shared depends on cluster: shared's manifests are applied only once the charts, and with them
 * their CRDs, are ready.
 */
public final class TenantEnvironment extends ComponentResource {
    public static final String TYPE = "fluxfleet:tenancy:TenantEnvironment";
    /** The namespaced ClusterRole the tenant's service account is bound to in its own namespace. */
    public static final String TENANT_ROLE = "admin";

    private final Namespace namespace;
    private final Map<Layer, FluxObject> kustomizations = new TreeMap<>();
    private final java.util.Optional<FluxObject> platformSource;
    private final FluxObject tenantSource;

    /**
     * How a tenant's Flux objects reconcile.
     *
     * @param gitInterval           how often the GitRepositories are fetched
     * @param kustomizationInterval how often the Kustomizations are applied
     * @param retryInterval         how soon a failed Kustomization is retried
     * @param timeout               how long a Kustomization may take
     * @param suspend               whether the Kustomizations are suspended
     */
    public record Reconcile(String gitInterval, String kustomizationInterval, String retryInterval, String timeout,
                            boolean suspend, Readiness readiness) {
        /** Without a readiness policy: nothing is awaited. */
        public Reconcile(String gitInterval, String kustomizationInterval, String retryInterval, String timeout,
                         boolean suspend) {
            this(gitInterval, kustomizationInterval, retryInterval, timeout, suspend, Readiness.off());
        }
    }

    /**
     * What a tenant's environment takes.
     *
     * @param kube                the cluster's provider, the tenant's protection, and labels
     * @param tenant              the tenant
     * @param flux                the installation whose CRDs and namespace the tenant's objects need
     * @param profile             the environment's resource profile, the tenant's quota and limits
     * @param harbor              the registry the tenant's workloads pull from
     * @param cloneUrl            the HTTPS URL of the tenant's GitOps project
     * @param reconcile           how the tenant's Flux objects reconcile
     * @param gitUsername         the user Flux reads the tenant's project as
     * @param gitPassword         that user's password or token, a Pulumi secret
     * @param sharedPrerequisites what must be ready before the shared layer applies (health checks of the cluster
     *                            layer); none keeps shared independent of cluster
     * @param quota               the object counts and storage the namespace's quota caps besides cpu and memory
     * @param layers              where the cluster and shared layers are read from
     * @param platformSource      with {@code layers.source: platform}, the name of the GitRepository in
     *                            {@code flux-system} that follows the platform project ({@code PlatformLayers}); the
     *                            tenant then has no GitRepository or credentials in {@code flux-system}. Empty in
     *                            the one-repository layout.
     */
    public record Args(Kube kube, Tenant tenant, FluxPlatform flux, Profile profile, Harbor harbor, String cloneUrl,
                       Reconcile reconcile, Output<String> gitUsername, Output<String> gitPassword,
                       Output<List<ObjectRef>> sharedPrerequisites, ObjectQuota quota, Layers layers,
                       java.util.Optional<Output<String>> platformSource) {
        public Args {
            if (layers.fromPlatform() != platformSource.isPresent()) {
                throw new IllegalArgumentException("the platform source is given exactly when the layers read the"
                        + " platform project");
            }
        }

        /** The one-repository layout: every layer reads the tenant's project. */
        public Args(Kube kube, Tenant tenant, FluxPlatform flux, Profile profile, Harbor harbor, String cloneUrl,
                    Reconcile reconcile, Output<String> gitUsername, Output<String> gitPassword,
                    Output<List<ObjectRef>> sharedPrerequisites, ObjectQuota quota) {
            this(kube, tenant, flux, profile, harbor, cloneUrl, reconcile, gitUsername, gitPassword,
                    sharedPrerequisites, quota, Layers.tenant(), java.util.Optional.empty());
        }
    }

    public TenantEnvironment(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        Kube kube = args.kube();
        Tenant tenant = args.tenant();
        FluxPlatform flux = args.flux();
        Environment env = kube.environment();
        String ns = tenant.namespace();

        this.namespace = new Namespace(ns, NamespaceArgs.builder().metadata(namespaceMeta(kube, tenant)).build(),
                kube.child(this));
        ServiceAccount reconciler = new ServiceAccount(Names.resource(ns, Names.tenantReconciler(tenant)),
                ServiceAccountArgs.builder().metadata(kube.meta(Names.tenantReconciler(tenant), ns, tenant)).build(),
                kube.child(this, namespace));
        RoleBinding reconcilerBinding = new RoleBinding(Names.resource(ns, Names.tenantReconciler(tenant)), RoleBindingArgs.builder()
                .metadata(kube.meta(Names.tenantReconciler(tenant), ns, tenant))
                .roleRef(RoleRefArgs.builder().apiGroup("rbac.authorization.k8s.io").kind("ClusterRole")
                        .name(TENANT_ROLE).build())
                .subjects(SubjectArgs.builder().kind("ServiceAccount").name(Names.tenantReconciler(tenant))
                        .namespace(ns).build())
                .build(), kube.child(this, reconciler));
        quotaAndLimits(kube, tenant, args.profile(), args.quota());
        networkPolicy(kube, tenant);
        tenantHarbor(args.harbor(), tenant).ifPresent(robot ->
                HarborAccess.pullSecret(robot, kube, Names.HARBOR_WORKLOAD_SECRET, ns, tenant, this, namespace));

        if (args.platformSource().isPresent()) {
            // the cluster-admin layers read the platform project (issue 20): nothing of the tenant's project, and none
            // of its credentials, is in flux-system
            this.platformSource = java.util.Optional.empty();
        } else {
            Secret platformAuth = gitAuthSecret(kube, tenant, Names.FLUX_NAMESPACE, flux.namespace(), args.gitUsername(),
                    args.gitPassword());
            this.platformSource = java.util.Optional.of(gitRepository(args, Names.FLUX_NAMESPACE, platformAuth));
        }
        Output<String> platformLayersSource = args.platformSource().orElseGet(() -> platformSource.get().objectName());
        Secret tenantAuth = gitAuthSecret(kube, tenant, ns, namespace, args.gitUsername(), args.gitPassword());
        this.tenantSource = gitRepository(args, ns, tenantAuth);

        Output<List<ObjectRef>> sharedPrerequisites = args.sharedPrerequisites();
        String interval = args.reconcile().kustomizationInterval();
        String timeout = args.reconcile().timeout();
        String retryInterval = args.reconcile().retryInterval();
        Boolean suspend = args.reconcile().suspend() ? Boolean.TRUE : null;
        List<Resource> platformIdentity = flux.platformIdentity();
        FluxObject cluster = kustomization(args, kube, tenant, flux, platformIdentity, Layer.CLUSTER, Names.FLUX_NAMESPACE,
                Output.tuple(platformLayersSource, sharedPrerequisites).applyValue(t ->
                new KustomizationSpec(interval, retryInterval, timeout, Names.kustomizationPath(tenant, env, Layer.CLUSTER), true,
                        null, new SourceRef(FluxKind.GIT_REPOSITORY.kind(), t.t1), Names.PLATFORM_RECONCILER,
                        null, null, suspend, t.t2.isEmpty() ? null : t.t2)));
        FluxObject shared = kustomization(args, kube, tenant, flux, platformIdentity, Layer.SHARED, Names.FLUX_NAMESPACE,
                Output.tuple(platformLayersSource, cluster.objectName(), sharedPrerequisites).applyValue(t ->
                new KustomizationSpec(interval, retryInterval, timeout,
                        Names.kustomizationPath(tenant, env, Layer.SHARED, args.layers()), true,
                        null, new SourceRef(FluxKind.GIT_REPOSITORY.kind(), t.t1), Names.PLATFORM_RECONCILER,
                        null, t.t3.isEmpty() ? null : List.of(Ref.of(t.t2)), suspend)));
        kustomization(args, kube, tenant, flux, List.of(reconciler, reconcilerBinding), Layer.APPS, ns, Output.tuple(tenantSource.objectName(), shared.objectName(),
                reconciler.metadata().applyValue(m -> m.name().orElseThrow())).applyValue(t ->
                new KustomizationSpec(interval, retryInterval, timeout, Names.kustomizationPath(tenant, env, Layer.APPS), true,
                        null, new SourceRef(FluxKind.GIT_REPOSITORY.kind(), t.t1), t.t3, ns,
                        List.of(new Ref(t.t2, Names.FLUX_NAMESPACE)), suspend)));

        registerOutputs(Map.of(
                "namespace", namespace.metadata().applyValue(m -> m.name().orElse(ns)),
                "gitRepository", platformLayersSource));
    }

    /** The namespace's labels and annotations ({@link NamespaceMetadata}). */
    private static ObjectMetaArgs namespaceMeta(Kube kube, Tenant tenant) {
        var builder = ObjectMetaArgs.builder().name(tenant.namespace())
                .labels(NamespaceMetadata.labels(kube.environment(), tenant));
        Map<String, String> annotations = NamespaceMetadata.annotations(tenant);
        if (!annotations.isEmpty()) {
            builder.annotations(annotations);
        }
        return builder.build();
    }

    public Namespace namespace() {
        return namespace;
    }

    /**
     * The robot the tenant's pull secret holds: the tenant's own; the platform's only where the config makes that
     * exception ({@code tenants[].harbor.platformRobot}); none otherwise.
     */
    static java.util.Optional<Harbor> tenantHarbor(Harbor platform, Tenant tenant) {
        var own = tenant.harbor();
        if (own.username().isPresent()) {
            return java.util.Optional.of(new Harbor(platform.host(), own.username().get(), own.password().orElseThrow(),
                    platform.project()));
        }
        return own.platformRobot() ? java.util.Optional.of(platform) : java.util.Optional.empty();
    }

    public Map<Layer, FluxObject> kustomizations() {
        return Map.copyOf(kustomizations);
    }

    /**
     * The tenant's own GitRepository in {@code flux-system}, which the platform layers read in the one-repository
     * layout; empty when they read the platform project.
     */
    public java.util.Optional<FluxObject> platformSource() {
        return platformSource;
    }

    /** The GitRepository in the tenant's namespace the apps layer reads. */
    public FluxObject tenantSource() {
        return tenantSource;
    }

    private void quotaAndLimits(Kube kube, Tenant tenant, Profile profile, ObjectQuota objects) {
        String ns = tenant.namespace();
        Map<String, String> hard = new TreeMap<>(Map.of(
                "requests.cpu", profile.cpu(), "limits.cpu", profile.cpu(),
                "requests.memory", profile.memory(), "limits.memory", profile.memory()));
        hard.putAll(objects.hard());
        new ResourceQuota(Names.resource(ns, Names.quota(tenant)), ResourceQuotaArgs.builder()
                .metadata(kube.meta(Names.quota(tenant), ns, tenant))
                .spec(ResourceQuotaSpecArgs.builder().hard(hard).build())
                .build(), kube.child(this, namespace));
        // With a quota on limits and requests every container needs both; these defaults stay within the quota.
        String defaultCpu = Quantities.min("500m", profile.cpu());
        String defaultMemory = Quantities.min("512Mi", profile.memory());
        new LimitRange(Names.resource(ns, Names.limits(tenant)), LimitRangeArgs.builder()
                .metadata(kube.meta(Names.limits(tenant), ns, tenant))
                .spec(LimitRangeSpecArgs.builder().limits(LimitRangeItemArgs.builder()
                        .type("Container")
                        .default_(Map.of("cpu", defaultCpu, "memory", defaultMemory))
                        .defaultRequest(Map.of("cpu", Quantities.min("100m", defaultCpu),
                                "memory", Quantities.min("128Mi", defaultMemory)))
                        .max(Map.of("cpu", profile.cpu(), "memory", profile.memory()))
                        .build()).build())
                .build(), kube.child(this, namespace));
    }

    /** Deny all traffic except within the namespace, and DNS lookups to the cluster's resolver. */
    private void networkPolicy(Kube kube, Tenant tenant) {
        String ns = tenant.namespace();
        NetworkPolicyPeerArgs sameNamespace = NetworkPolicyPeerArgs.builder()
                .podSelector(LabelSelectorArgs.builder().build()).build();
        NetworkPolicyPeerArgs clusterDns = NetworkPolicyPeerArgs.builder()
                .namespaceSelector(LabelSelectorArgs.builder()
                        .matchLabels(Map.of("kubernetes.io/metadata.name", "kube-system")).build())
                .build();
        new NetworkPolicy(Names.resource(ns, Names.DEFAULT_DENY), NetworkPolicyArgs.builder()
                .metadata(kube.meta(Names.DEFAULT_DENY, ns, tenant))
                .spec(NetworkPolicySpecArgs.builder()
                        .podSelector(LabelSelectorArgs.builder().build())
                        .policyTypes("Ingress", "Egress")
                        .ingress(NetworkPolicyIngressRuleArgs.builder().from(sameNamespace).build())
                        .egress(NetworkPolicyEgressRuleArgs.builder().to(sameNamespace).build(),
                                NetworkPolicyEgressRuleArgs.builder().to(clusterDns).ports(
                                        NetworkPolicyPortArgs.builder().protocol("UDP").port(53).build(),
                                        NetworkPolicyPortArgs.builder().protocol("TCP").port(53).build()).build())
                        .build())
                .build(), kube.child(this, namespace));
    }

    private Secret gitAuthSecret(Kube kube, Tenant tenant, String ns, Resource namespaceResource,
                                 Output<String> username, Output<String> password) {
        return GitSource.auth(this, kube, Names.gitAuthSecret(tenant), ns, tenant, namespaceResource, username, password);
    }

    private FluxObject gitRepository(Args args, String ns, Secret auth) {
        Kube kube = args.kube();
        return GitSource.repository(this, kube, args.flux(), args.reconcile().readiness(),
                Names.gitRepository(args.tenant(), kube.environment()), ns, Names.labels(kube.environment(), args.tenant()),
                args.cloneUrl(), args.reconcile().gitInterval(), auth);
    }

    /**
     * A Kustomization that runs as the account {@code runsAs} (its ServiceAccount and binding): it depends on them
     * and on the Flux release, so a destroy deletes it, and its finalizer prunes as that account, before either goes.
     */
    private FluxObject kustomization(Args readinessOf, Kube kube, Tenant tenant, FluxPlatform flux, List<Resource> runsAs,
                                     Layer layer, String ns, Output<KustomizationSpec> spec) {
        String name = Names.kustomization(tenant, kube.environment(), layer);
        List<Resource> dependsOn = new java.util.ArrayList<>(List.of(flux.release()));
        dependsOn.addAll(runsAs);
        Reconcile reconcile = readinessOf.reconcile();
        Map<String, String> annotations = reconcile.readiness().annotations(FluxKind.KUSTOMIZATION, ns, name,
                layer == Layer.APPS ? Readiness.Role.TENANT_APPS : Readiness.Role.PLATFORM_KUSTOMIZATION,
                reconcile.suspend());
        // the platform layers (in flux-system) belong to the platform's Flux shard; the apps layer to the tenants'
        Map<String, String> labels = layer == Layer.APPS ? Names.labels(kube.environment(), tenant)
                : io.fluxfleet.flux.Sharding.platform(Names.labels(kube.environment(), tenant));
        FluxObject kustomization = new FluxObject(Names.resource(ns, name), FluxKind.KUSTOMIZATION, name, ns,
                labels, annotations, spec, kube.child(this, dependsOn.toArray(Resource[]::new)));
        kustomizations.put(layer, kustomization);
        return kustomization;
    }
}
