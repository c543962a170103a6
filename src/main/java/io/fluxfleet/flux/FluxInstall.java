package io.fluxfleet.flux;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.core.v1.ServiceAccount;
import com.pulumi.kubernetes.core.v1.ServiceAccountArgs;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.kubernetes.rbac.v1.ClusterRoleBinding;
import com.pulumi.kubernetes.rbac.v1.ClusterRoleBindingArgs;
import com.pulumi.kubernetes.rbac.v1.inputs.RoleRefArgs;
import com.pulumi.kubernetes.rbac.v1.inputs.SubjectArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;

import io.fluxfleet.kube.Kube;
import io.fluxfleet.naming.Names;

import java.util.List;
import java.util.Map;

/**
 * Flux itself: the {@code flux-system} namespace, the pinned {@code flux2} Helm release placed on platform
 * workers, and the service account the platform Kustomizations run as.
 *
 * <p>Every Flux object of the stack depends on {@link #release()}: Pulumi then creates them after the CRDs
 * exist and, on {@code pulumi destroy}, deletes them while the controllers that run their finalizers are
 * still running, so a reset never hangs.
 */
public final class FluxInstall extends ComponentResource implements FluxPlatform {
    public static final String TYPE = "fluxfleet:flux:FluxInstall";
    public static final String CHART = "flux2";

    private final Namespace namespace;
    private final Release release;
    private final ServiceAccount platformReconciler;
    private final ClusterRoleBinding platformReconcilerBinding;

    /**
     * What Flux's installation takes.
     *
     * @param kube            the cluster's provider, protection and labels
     * @param chartVersion    the pinned {@code flux2} chart version
     * @param chartRepository the Helm repository that serves it
     * @param timeout         Helm's timeout for the release, a Flux-style duration such as {@code 5m}
     * @param helmMaxHistory  how many release revisions Helm keeps
     * @param values          the chart's values ({@link FluxValues})
     */
    public record Args(Kube kube, String chartVersion, String chartRepository, String timeout, int helmMaxHistory,
                       Map<String, Object> values) {}

    public FluxInstall(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        Kube kube = args.kube();
        this.namespace = new Namespace(Names.FLUX_NAMESPACE, NamespaceArgs.builder()
                .metadata(kube.meta(Names.FLUX_NAMESPACE, null, null))
                .build(), kube.child(this));
        Output<String> ns = namespace.metadata().applyValue(m -> m.name().orElse(Names.FLUX_NAMESPACE));

        this.release = new Release(Names.FLUX_RELEASE, ReleaseArgs.builder()
                .name(Names.FLUX_RELEASE)
                .chart(CHART)
                .version(args.chartVersion())
                .repositoryOpts(RepositoryOptsArgs.builder().repo(args.chartRepository()).build())
                .namespace(ns)
                .createNamespace(false)
                .atomic(true)
                .cleanupOnFail(true)
                .waitForJobs(true)
                .timeout(timeoutSeconds(args.timeout()))
                .maxHistory(args.helmMaxHistory())
                .values(args.values())
                .build(), kube.child(this));

        this.platformReconciler = new ServiceAccount(Names.resource(Names.FLUX_NAMESPACE, Names.PLATFORM_RECONCILER),
                ServiceAccountArgs.builder()
                        .metadata(kube.meta(Names.PLATFORM_RECONCILER, Names.FLUX_NAMESPACE, null))
                        .build(), kube.child(this, namespace));
        this.platformReconcilerBinding = new ClusterRoleBinding(Names.PLATFORM_RECONCILER, ClusterRoleBindingArgs.builder()
                .metadata(kube.meta(Names.PLATFORM_RECONCILER, null, null))
                .roleRef(RoleRefArgs.builder().apiGroup("rbac.authorization.k8s.io").kind("ClusterRole")
                        .name("cluster-admin").build())
                .subjects(SubjectArgs.builder().kind("ServiceAccount").name(Names.PLATFORM_RECONCILER)
                        .namespace(Names.FLUX_NAMESPACE).build())
                .build(), kube.child(this, platformReconciler));

        registerOutputs(Map.of("namespace", ns, "chartVersion", Output.of(args.chartVersion())));
    }

    @Override
    public Namespace namespace() {
        return namespace;
    }

    @Override
    public Release release() {
        return release;
    }

    public ServiceAccount platformReconciler() {
        return platformReconciler;
    }

    /**
     * The identity the platform layers run as: {@code flux-platform-reconciler} and its binding. Every Flux object
     * that impersonates it depends on both, so {@code pulumi destroy} deletes the object (whose finalizer prunes
     * or uninstalls as that account) before it deletes the account's rights: deleted the other way round, the
     * controller's prune or uninstall is forbidden, and the finalizer waits.
     */
    @Override
    public List<Resource> platformIdentity() {
        return List.of(platformReconciler, platformReconcilerBinding);
    }

    /** Helm's timeout in seconds, from a Flux-style duration such as {@code 5m}. */
    static int timeoutSeconds(String duration) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)").matcher(duration);
        double seconds = 0;
        while (m.find()) {
            double n = Double.parseDouble(m.group(1));
            seconds += switch (m.group(2)) {
                case "ms" -> n / 1000;
                case "s" -> n;
                case "m" -> n * 60;
                default -> n * 3600;
            };
        }
        return (int) Math.max(1, Math.round(seconds));
    }
}
