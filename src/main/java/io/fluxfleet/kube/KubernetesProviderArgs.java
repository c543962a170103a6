package io.fluxfleet.kube;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;

import java.util.Optional;

/**
 * The inputs of {@link KubernetesProvider} that fluxfleet sets, by their wire names in the pulumi-kubernetes 4.32.0
 * provider schema ({@code KubernetesSchemaTest} holds every one to it). Hand-bound because the 4.0.0 Java SDK's
 * {@code ProviderArgs} is final and predates the last three. Unlike that class, nothing here is read from the
 * environment: the provider's inputs, and so the state and the preview, are the same on a laptop and in CI.
 *
 * <p>The three behaviour switches are always sent, true or false, because an input that is present overrides the
 * provider's {@code PULUMI_K8S_*} environment variable of the same name (provider/pkg/provider/provider.go,
 * {@code Configure}: "If the provider flag is set, use that value ... This will override the ENV var"), so a stray
 * variable on a runner cannot change how a stack is applied.
 */
public final class KubernetesProviderArgs extends ResourceArgs {

    /** The kubeconfig context to use; the provider then ignores the file's current-context. */
    @Import(name = "context")
    private Output<String> context;

    /**
     * {@code cluster.id}: the provider's {@code clusterIdentifier}. pulumi-kubernetes 4.32.0 DiffConfig
     * (provider/pkg/provider/provider.go): "If clusterIdentifier is configured, we change our replacement behavior
     * to trigger when the identifier has changed" and ignores replacements while it is unchanged; adding or removing
     * it is not a replacement ("make on- and off-boarding less risky"). Without it the provider compares only the
     * active cluster of two kubeconfig inputs, so a changed context would silently keep the state of another cluster.
     */
    @Import(name = "clusterIdentifier")
    private Output<String> clusterIdentifier;

    /** The contents of a kubeconfig, always a secret. */
    @Import(name = "kubeconfig")
    private Output<String> kubeconfig;

    /** Server-side apply; the provider's default since 4.0.0, set so that no environment variable can turn it off. */
    @Import(name = "enableServerSideApply", json = true)
    private Output<Boolean> enableServerSideApply;

    /**
     * Since 4.29.0 (#2926) creating an object that already exists fails with AlreadyExists unless this is on. fluxfleet
     * adopts namespaces that exist before it (Rancher's {@code cattle-*} namespaces, a tenant's own namespace) and its
     * retained objects survive a destroy and are adopted again by the next {@code up}; both rely on create being an
     * upsert, as it was before 4.29.0. The hazard #2926 guards against (a create under a new URN adopting the object,
     * then the delete of the old URN deleting it, #2948) is guarded by the plan instead: Pulumi names are derived from
     * stable config (Names, UrnGoldenTest), and {@code fluxfleet plan} refuses a URN change over the same live object
     * that carries no alias (io.fluxfleet.plan.AdoptionGuard, README "Day 2", trap 2).
     */
    @Import(name = "upsertExistingObjects", json = true)
    private Output<Boolean> upsertExistingObjects;

    /**
     * Off. With it on, every server-side apply takes over fields another field manager owns (await.go
     * {@code patchForce}). On these clusters other managers are expected and legitimate: Rancher labels and
     * annotates the {@code cattle-*} namespaces and projects, Flux's controllers own what they apply. A conflict
     * should stop the run and be looked at, not be overwritten silently. A single object can still opt in with the
     * {@code pulumi.com/patchForce} annotation.
     */
    @Import(name = "enablePatchForce", json = true)
    private Output<Boolean> enablePatchForce;

    /**
     * On. Without it a change to a Secret's {@code data}/{@code stringData}/{@code type} replaces the Secret
     * (provider/pkg/provider/diff.go, {@code forceNewProperties}), and in prod, where every resource is protected,
     * the engine refuses to replace it: rotating a deploy token or the Harbor password would fail instead of updating
     * the Secrets in the same run. Nothing fluxfleet makes depends on replacement to roll anything: Flux and the
     * kubelet read the Secrets again. A Secret marked {@code immutable} is still replaced.
     */
    @Import(name = "enableSecretMutable", json = true)
    private Output<Boolean> enableSecretMutable;

    private KubernetesProviderArgs() {}

    public Optional<Output<String>> context() {
        return Optional.ofNullable(context);
    }

    public Optional<Output<String>> clusterIdentifier() {
        return Optional.ofNullable(clusterIdentifier);
    }

    public Optional<Output<String>> kubeconfig() {
        return Optional.ofNullable(kubeconfig);
    }

    public Optional<Output<Boolean>> enableServerSideApply() {
        return Optional.ofNullable(enableServerSideApply);
    }

    public Optional<Output<Boolean>> upsertExistingObjects() {
        return Optional.ofNullable(upsertExistingObjects);
    }

    public Optional<Output<Boolean>> enablePatchForce() {
        return Optional.ofNullable(enablePatchForce);
    }

    public Optional<Output<Boolean>> enableSecretMutable() {
        return Optional.ofNullable(enableSecretMutable);
    }

    /** A builder with fluxfleet's settings already made: server-side apply and upsert on, patch force off, Secrets mutable. */
    public static Builder builder() {
        return new Builder()
                .enableServerSideApply(true)
                .upsertExistingObjects(true)
                .enablePatchForce(false)
                .enableSecretMutable(true);
    }

    public static final class Builder {
        private final KubernetesProviderArgs $ = new KubernetesProviderArgs();

        private Builder() {}

        public Builder context(String context) {
            $.context = Output.of(context);
            return this;
        }

        public Builder clusterIdentifier(String id) {
            $.clusterIdentifier = Output.of(id);
            return this;
        }

        /** Marks the value secret whichever way it is given. */
        public Builder kubeconfig(Output<String> kubeconfig) {
            $.kubeconfig = kubeconfig.asSecret();
            return this;
        }

        public Builder enableServerSideApply(boolean enabled) {
            $.enableServerSideApply = Output.of(enabled);
            return this;
        }

        public Builder upsertExistingObjects(boolean enabled) {
            $.upsertExistingObjects = Output.of(enabled);
            return this;
        }

        public Builder enablePatchForce(boolean enabled) {
            $.enablePatchForce = Output.of(enabled);
            return this;
        }

        public Builder enableSecretMutable(boolean enabled) {
            $.enableSecretMutable = Output.of(enabled);
            return this;
        }

        public KubernetesProviderArgs build() {
            return $;
        }
    }
}
