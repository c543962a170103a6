package io.fluxfleet.notifications;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ProviderResource;
import com.pulumi.resources.Resource;

import io.fluxfleet.config.Environment;
import io.fluxfleet.config.FluxFleetConfig.Tenant;
import io.fluxfleet.flux.FluxPlatform;
import io.fluxfleet.flux.FluxKind;
import io.fluxfleet.flux.FluxObject;
import io.fluxfleet.flux.FluxSpecs.ObjectRef;
import io.fluxfleet.flux.FluxSpecs.ReceiverSpec;
import io.fluxfleet.flux.FluxSpecs.Ref;
import io.fluxfleet.gitlab.ReceiverHooks;
import io.fluxfleet.kube.Kube;
import io.fluxfleet.naming.Names;
import io.fluxfleet.random.RandomPassword;
import io.fluxfleet.random.RandomPasswordArgs;
import io.fluxfleet.tenancy.TenantEnvironment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * GitLab push webhooks, so a merge reconciles at once instead of at the next poll ({@code webhooks.enabled}).
 *
 * <p>The flux2 chart's own Ingress ({@link io.fluxfleet.flux.FluxValues}, {@code notificationController.webhookReceiver})
 * routes {@code /hook/} on {@code webhooks.ingressHost} to its {@code webhook-receiver} Service (Flux's network
 * policies already admit that traffic). Per tenant a generated token (a
 * {@code RandomPassword}) authenticates GitLab's calls; with {@code --no-cross-namespace-refs} a Receiver may only
 * name GitRepositories in its own namespace, so there is a Receiver (and a copy of the token Secret) next to each
 * of the tenant's GitRepositories (in its namespace, and in {@code flux-system} in the one-repository layout; the
 * platform project's Receiver is {@code PlatformLayers}'), and a GitLab project hook for each, filtered to the
 * environment's branch
 * ({@link ReceiverHooks}, registered here as before so its URN stays).
 *
 * <p>Flux serves a Receiver at {@code /hook/<sha256(token + name + namespace)>}; {@link #webhookPath} computes it the
 * same way, as an Output of the secret token, so the hook URL is a secret too.
 */
public final class Webhooks extends ComponentResource {
    /** Identity in the engine (a changed token changes every child's URN), kept from when this lived in infra. */
    public static final String TYPE = "fluxfleet:infra:Webhooks";
    public static final String HOOK_PATH_PREFIX = "/hook/";
    public static final String PUSH_EVENT = "Push Hook";
    public static final String TOKEN_KEY = "token";
    public static final int TOKEN_LENGTH = 40;

    private final Map<String, Output<String>> hookUrls = new TreeMap<>();

    /**
     * One tenant's Receivers.
     *
     * @param tenant      the tenant
     * @param kube        the cluster's provider, the tenant's protection, and labels
     * @param environment the tenant's namespace and GitRepositories, which the Receivers reconcile
     * @param projectId   the tenant's numeric GitLab project ID, which the hooks address the project by
     */
    public record Target(Tenant tenant, Kube kube, TenantEnvironment environment, String projectId) {}

    /**
     * What webhooks take.
     *
     * @param flux        the installation whose CRDs and namespace the Receivers need
     * @param ingressHost the host the flux2 chart's Ingress serves {@code /hook/} on
     * @param gitlab      the explicit GitLab provider the project hooks are created with
     * @param tenants     the tenants, in the order of the stack's config
     */
    public record Args(FluxPlatform flux, String ingressHost, ProviderResource gitlab, List<Target> tenants) {}

    public Webhooks(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        for (Target target : args.tenants()) {
            Tenant tenant = target.tenant();
            Kube tenantKube = target.kube();
            RandomPassword token = new RandomPassword(Names.webhookToken(tenant), RandomPasswordArgs.builder()
                    .length(TOKEN_LENGTH).special(false).build(),
                    CustomResourceOptions.builder().parent(this).protect(tenantKube.protect()).build());
            Output<String> secretToken = token.result().asSecret();
            // with the platform project (layers.source: platform) nothing in flux-system reads the tenant's project
            target.environment().platformSource().ifPresent(source -> receiver(args, target, Names.FLUX_NAMESPACE,
                    args.flux().namespace(), source, secretToken));
            receiver(args, target, tenant.namespace(), target.environment().namespace(),
                    target.environment().tenantSource(), secretToken);
        }
        registerOutputs(Map.of("hookUrls", hookUrls()));
    }

    /** The token Secret, the Receiver for one GitRepository, and its GitLab project hook. */
    private void receiver(Args args, Target target, String namespace, Resource namespaceResource, FluxObject source,
                          Output<String> token) {
        Tenant tenant = target.tenant();
        Kube kube = target.kube();
        String receiverName = Names.receiver(tenant, kube.environment());
        hookUrls.put(Names.resource(namespace, receiverName), receiver(this, kube, tenant,
                Names.labels(kube.environment(), tenant), args.flux(), args.ingressHost(), args.gitlab(),
                target.projectId(), namespace, namespaceResource, source, token));
    }

    /**
     * The token Secret, the Receiver for {@code source} and the GitLab project hook on project {@code projectId}, as
     * children of {@code parent}; returns the hook's URL, a secret. {@code project} names the objects (a tenant, or
     * the platform project under its governed name); {@code labels} are theirs.
     */
    public static Output<String> receiver(ComponentResource parent, Kube kube, Tenant project,
                                          Map<String, String> labels, FluxPlatform flux, String ingressHost,
                                          ProviderResource gitlab, String projectId, String namespace,
                                          Resource namespaceResource, FluxObject source, Output<String> token) {
        Environment env = kube.environment();
        String secretName = Names.webhookTokenSecret(project);
        Tenant labelled = labels.containsKey(Names.LABEL_TENANT) ? project : null;
        Secret secret = kube.tokenSecret(parent, namespace, namespaceResource, labelled, secretName, TOKEN_KEY, token);
        String receiverName = Names.receiver(project, env);
        FluxObject receiver = new FluxObject(Names.resource(namespace, receiverName), FluxKind.RECEIVER, receiverName,
                namespace, labels, Output.tuple(source.objectName(),
                        secret.metadata().applyValue(m -> m.name().orElseThrow())).applyValue(t -> new ReceiverSpec(
                        "gitlab", List.of(PUSH_EVENT), List.of(ObjectRef.of(FluxKind.GIT_REPOSITORY, t.t1, null)),
                        Ref.of(t.t2))),
                kube.child(parent, flux.release()));
        Output<String> url = Output.tuple(token, receiver.objectName()).applyValue(t ->
                "https://" + ingressHost + webhookPath(t.t1, t.t2, namespace)).asSecret();
        ReceiverHooks.create(Names.resource(namespace, receiverName),
                new ReceiverHooks.Hook(projectId, env, namespace, receiverName, url, token),
                CustomResourceOptions.builder().parent(parent).provider(gitlab).protect(kube.protect()).build());
        return url;
    }

    /**
     * The path Flux's notification controller serves a Receiver at: {@code /hook/} and the hex SHA-256 of the token,
     * the Receiver's name and its namespace, concatenated.
     */
    public static String webhookPath(String token, String receiverName, String namespace) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((token + receiverName + namespace).getBytes(StandardCharsets.UTF_8));
            return HOOK_PATH_PREFIX + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each Receiver's public hook URL, by {@code <namespace>/<receiver>}; a secret. */
    public Output<Map<String, String>> hookUrls() {
        List<String> keys = new ArrayList<>(hookUrls.keySet());
        return io.fluxfleet.output.Outputs.all(keys.stream().map(hookUrls::get).toList()).applyValue(urls -> {
            Map<String, String> byReceiver = new TreeMap<>();
            for (int i = 0; i < keys.size(); i++) {
                byReceiver.put(keys.get(i), urls.get(i));
            }
            return byReceiver;
        }).asSecret();
    }
}
