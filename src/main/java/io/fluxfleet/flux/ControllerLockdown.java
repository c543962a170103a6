package io.fluxfleet.flux;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The flags that keep every tenant object from running with a Flux controller's own identity, per controller, on top
 * of what the chart's {@code multitenancy.enabled} already adds ({@code --no-cross-namespace-refs=true} and
 * {@code --default-service-account=default} on the kustomize- and helm-controller). Each row cites where the pinned
 * controller (flux2 chart 2.18.3: kustomize-controller v1.8.3, helm-controller v1.5.3, source-controller v1.8.2)
 * defines the flag. "default" is the namespace's own {@code default} service account: an object that names no
 * account acts as that one, which holds no rights and no cloud identity, never as the controller.
 */
public final class ControllerLockdown {
    /** The service account an object without {@code serviceAccountName} falls back to: its namespace's own. */
    public static final String DEFAULT_ACCOUNT = "default";

    /**
     * fluxcd/pkg {@code auth/controller_options.go} {@code InconsistentObjectLevelConfiguration} (auth v0.38.4, used by
     * all three controllers): a controller given any {@code --default-*-service-account} that the {@code auth} package
     * reads exits at start-up unless the {@code ObjectLevelWorkloadIdentity} feature gate is on ("cannot set default
     * service accounts when the feature gate ... is not enabled"). A repeated {@code --feature-gates} flag adds to the
     * earlier one (k8s.io/component-base {@code cli/flag/map_string_bool.go} {@code Set}: the map is cleared only on
     * the first Set), so the chart's own {@code --feature-gates=ExternalArtifact=true} stays on.
     */
    public static final String WORKLOAD_IDENTITY_GATE = "--feature-gates=ObjectLevelWorkloadIdentity=true";

    /** A flag, the controller that takes it, and where its source defines it. */
    public record Flag(String valuesKey, String deployment, String arg, String source) {}

    /** Every flag fluxfleet adds, one row per controller and flag. */
    public static final List<Flag> FLAGS = List.of(
            new Flag("kustomizeController", "kustomize-controller", "--no-remote-bases=true",
                    "fluxcd/kustomize-controller v1.8.3 main.go: flag no-remote-bases (refuse kustomize remote bases)"),
            new Flag("kustomizeController", "kustomize-controller", "--default-kubeconfig-service-account=" + DEFAULT_ACCOUNT,
                    "fluxcd/kustomize-controller v1.8.3 main.go: auth.ControllerFlagDefaultKubeConfigServiceAccount"
                            + " (spec.kubeConfig with a provider and no serviceAccountName)"),
            new Flag("kustomizeController", "kustomize-controller", "--default-decryption-service-account=" + DEFAULT_ACCOUNT,
                    "fluxcd/kustomize-controller v1.8.3 main.go: auth.ControllerFlagDefaultDecryptionServiceAccount"
                            + " (spec.decryption with a KMS and no serviceAccountName)"),
            new Flag("kustomizeController", "kustomize-controller", WORKLOAD_IDENTITY_GATE,
                    "fluxcd/pkg auth v0.38.4 controller_options.go: InconsistentObjectLevelConfiguration"),
            new Flag("helmController", "helm-controller", "--default-kubeconfig-service-account=" + DEFAULT_ACCOUNT,
                    "fluxcd/helm-controller v1.5.3 main.go: auth.ControllerFlagDefaultKubeConfigServiceAccount"),
            new Flag("helmController", "helm-controller", WORKLOAD_IDENTITY_GATE,
                    "fluxcd/pkg auth v0.38.4 controller_options.go: InconsistentObjectLevelConfiguration"),
            new Flag("sourceController", "source-controller", "--default-service-account=" + DEFAULT_ACCOUNT,
                    "fluxcd/source-controller v1.8.2 main.go: auth.ControllerFlagDefaultServiceAccount (spec.provider"
                            + " on GitRepository, OCIRepository, Bucket, HelmRepository without serviceAccountName)"),
            new Flag("sourceController", "source-controller", WORKLOAD_IDENTITY_GATE,
                    "fluxcd/pkg auth v0.38.4 controller_options.go: InconsistentObjectLevelConfiguration"));

    private ControllerLockdown() {}

    /** The extra args per chart values key ({@code kustomizeController} ...), in {@link #FLAGS} order. */
    public static Map<String, List<String>> argsByValuesKey() {
        Map<String, List<String>> args = new TreeMap<>();
        for (Flag flag : FLAGS) {
            args.computeIfAbsent(flag.valuesKey(), k -> new ArrayList<>()).add(flag.arg());
        }
        return args;
    }
}
