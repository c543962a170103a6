package io.fluxfleet.layers;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ProviderResource;

import io.fluxfleet.config.Environment;
import io.fluxfleet.config.FluxFleetConfig.Tenant;
import io.fluxfleet.flux.FluxKind;
import io.fluxfleet.flux.FluxObject;
import io.fluxfleet.flux.FluxPlatform;
import io.fluxfleet.flux.GitSource;
import io.fluxfleet.flux.FluxSpecs.ObjectRef;
import io.fluxfleet.flux.Readiness;
import io.fluxfleet.kube.Kube;
import io.fluxfleet.naming.Names;
import io.fluxfleet.notifications.CommitStatus;
import io.fluxfleet.notifications.Webhooks;
import io.fluxfleet.random.RandomPassword;
import io.fluxfleet.random.RandomPasswordArgs;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The platform project on the cluster ({@code layers.source: platform}, issue 20): the one GitRepository in
 * {@code flux-system} that every tenant's {@code cluster} and {@code shared} Kustomizations read, its credentials
 * (the platform project's read-only deploy token), and, when they are on, the commit statuses and the push webhook
 * of those layers, which belong to the platform project's commits.
 *
 * <p>No tenant's project is read from {@code flux-system} then: a merge request in a tenant project reaches only the
 * tenant's {@code apps} layer, which runs as the tenant's namespace-bound service account. One GitRepository serves
 * every tenant of the environment, in a sharded environment too (the platform stack owns it; the shards' tenant
 * Kustomizations name it, {@link Names#platformGitRepository}).
 *
 * <p>Commit statuses: one Provider and Alert in {@code flux-system} for every Kustomization there (each of them reads
 * the platform project), posting to the platform project with the shared {@code gitlab.statusToken}. Webhooks: one
 * Receiver for the GitRepository and one hook on the platform project, filtered to the environment's branch.
 */
public final class PlatformLayers extends ComponentResource {
    public static final String TYPE = "fluxfleet:layers:PlatformLayers";

    private final FluxObject source;
    private Optional<Output<String>> hookUrl = Optional.empty();

    /**
     * A webhook for the platform project.
     *
     * @param ingressHost the host the flux2 chart's Ingress serves {@code /hook/} on
     * @param gitlab      the explicit GitLab provider the project hook is created with
     * @param projectId   the platform project's numeric ID (an offline render: its path)
     */
    public record Webhook(String ingressHost, ProviderResource gitlab, String projectId) {}

    /**
     * What the platform project's objects take.
     *
     * @param kube        the cluster's provider, the stack's protection, and labels
     * @param flux        the installation whose CRDs and namespace the objects need
     * @param project     the platform project, under its governed name ({@code Layers#platformProject})
     * @param cloneUrl    its HTTPS clone URL
     * @param projectUrl  its web URL, where commit statuses are posted
     * @param gitInterval how often the GitRepository is fetched
     * @param readiness   what {@code pulumi up} waits for
     * @param gitUsername the user Flux reads the project as (the deploy token's)
     * @param gitPassword that user's token, a secret
     * @param statusToken the token (scope {@code api}) the statuses are posted with; none posts none
     * @param webhook     the push webhook, when webhooks are on
     */
    public record Args(Kube kube, FluxPlatform flux, Tenant project, String cloneUrl, String projectUrl,
                       String gitInterval, Readiness readiness, Output<String> gitUsername, Output<String> gitPassword,
                       Optional<Output<String>> statusToken, Optional<Webhook> webhook) {}

    public PlatformLayers(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        Kube kube = args.kube();
        Environment env = kube.environment();
        String ns = Names.FLUX_NAMESPACE;
        Map<String, String> labels = Names.labels(env, null);
        Secret auth = GitSource.auth(this, kube, Names.gitAuthSecret(args.project()), ns, null, args.flux().namespace(),
                args.gitUsername(), args.gitPassword());
        this.source = GitSource.repository(this, kube, args.flux(), args.readiness(), Names.platformGitRepository(env), ns,
                labels, args.cloneUrl(), args.gitInterval(), auth);
        // every Kustomization in flux-system reads the platform project: its statuses belong to that project's commits
        args.statusToken().ifPresent(token -> CommitStatus.pair(this, kube, args.project(), args.flux(),
                args.projectUrl(), ns, args.flux().namespace(),
                Output.of(List.of(ObjectRef.of(FluxKind.KUSTOMIZATION, "*", null))), token, labels));
        args.webhook().ifPresent(hook -> {
            RandomPassword token = new RandomPassword(Names.webhookToken(args.project()), RandomPasswordArgs.builder()
                    .length(Webhooks.TOKEN_LENGTH).special(false).build(),
                    CustomResourceOptions.builder().parent(this).protect(kube.protect()).build());
            hookUrl = Optional.of(Webhooks.receiver(this, kube, args.project(), labels, args.flux(), hook.ingressHost(),
                    hook.gitlab(), hook.projectId(), ns, args.flux().namespace(), source, token.result().asSecret()));
        });
        registerOutputs(Map.of("gitRepository", source.objectName()));
    }

    /** The platform project's hook URL (a secret), when webhooks are on. */
    public Optional<Output<String>> hookUrl() {
        return hookUrl;
    }

    /** The GitRepository every tenant's cluster and shared Kustomizations read. */
    public FluxObject source() {
        return source;
    }
}
