package io.fluxfleet.flux;

import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.config.Validators;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which Flux objects {@code pulumi up} waits for, through the Kubernetes provider's own await annotations
 * (pulumi-kubernetes v4.32.0, the plugin fluxfleet pins):
 * <ul>
 *   <li>{@value #WAIT_FOR}: {@code provider/pkg/metadata/overrides.go}, {@code ReadyCondition}. Without it a custom
 *       resource is "ready" as soon as the API server accepts it ({@code condition.NewImmediate}, unless
 *       {@code PULUMI_K8S_AWAIT_ALL} is set on the runner, which fluxfleet does not rely on). A value that parses as a
 *       JSON array of strings waits for all of them; anything else is one expression; each must start with
 *       {@code condition=} or {@code jsonpath=} ({@code expected a "jsonpath=" or "condition=" prefix}); an empty
 *       array is refused ({@code at least one condition must be specified}).</li>
 *   <li>{@code condition=Ready}: {@code provider/pkg/await/condition/custom.go}, {@code NewCustom} (the syntax of
 *       {@code kubectl wait --for=condition=}: type, optionally {@code =status}, default {@code True}), checked by
 *       {@code condition/kubectl.go} {@code checkCondition}: type and status compared case-insensitively, and not
 *       satisfied while the condition's (else the status') {@code observedGeneration} is below
 *       {@code metadata.generation}, so an update waits for Flux to reconcile the new spec, not the old one.</li>
 *   <li>{@value #TIMEOUT_SECONDS}: {@code overrides.go}, {@code TimeoutDuration}: whole seconds via {@code strconv.Atoi}
 *       (an invalid value is ignored, and the wait is the default {@code 10 * time.Minute} of {@code await.go}).</li>
 * </ul>
 * On timeout the provider fails the resource with {@code '<name>' timed out waiting to be Ready}
 * ({@code await/error.go}, {@code timeoutError}), after logging the condition it last saw
 * ({@code Resource has condition Ready=False (want True)}) and every Warning event of the object as
 * {@code <reason>: <message>} ({@code await/watchers.go}, {@code NewEventAggregator}): for a GitRepository with a wrong
 * deploy token that is source-controller's {@code GitOperationFailed} event with the clone error. Object names are
 * derived from the tenant ({@code <tenant>-<env>}), so the failure names the tenant.
 *
 * <p>What is awaited: every GitRepository and every HTTP HelmRepository, the shared HelmReleases and the platform
 * ({@code cluster}, {@code shared}) Kustomizations; the tenants' {@code apps} Kustomizations only with
 * {@code await.tenantApps}. Never awaited: an OCI HelmRepository (static since source-controller v1.2 / Flux 2.2: no
 * status at all, fluxcd/source-controller#1243, so {@code Ready} never appears; the HelmReleases using it are awaited
 * instead), notification objects, and a suspended object (the freeze switch: Flux does not reconcile it, so its
 * {@code observedGeneration} never catches up and the wait could only time out).
 *
 * <p>The Flux Helm release itself is a {@code helm.sh/v3:Release} with {@code atomic} and {@code waitForJobs}
 * ({@link FluxInstall}): the provider already waits for its workloads (Helm's own wait), no annotation needed.
 */
public final class Readiness {
    public static final String WAIT_FOR = "pulumi.com/waitFor";
    public static final String TIMEOUT_SECONDS = "pulumi.com/timeoutSeconds";
    /** The one expression fluxfleet awaits: Flux's kstatus-compatible Ready condition, status True. */
    public static final String READY = "condition=Ready";

    /** What a Flux object is to the platform: decides whether it blocks {@code pulumi up}. */
    public enum Role {
        GIT_SOURCE, HELM_SOURCE, OCI_HELM_SOURCE, SHARED_RELEASE, PLATFORM_KUSTOMIZATION, TENANT_APPS
    }

    /** One awaited object, for the stack outputs: {@code Kind namespace/name}. */
    public record Awaited(String kind, String namespace, String name) {
        @Override
        public String toString() {
            return kind + " " + namespace + "/" + name;
        }
    }

    private final boolean enabled;
    private final boolean tenantApps;
    private final long timeoutSeconds;
    private final List<Awaited> awaited = new ArrayList<>();

    public Readiness(boolean enabled, boolean tenantApps, long timeoutSeconds) {
        this.enabled = enabled;
        this.tenantApps = tenantApps;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** The stack's policy from its config. */
    public static Readiness of(FluxFleetConfig.Await await) {
        return new Readiness(await.enabled(), await.tenantApps(), Validators.seconds(await.timeout()));
    }

    /** Waits for nothing: components built without a policy (tests of one component) keep the old behaviour. */
    public static Readiness off() {
        return new Readiness(false, false, 0);
    }

    /** Whether an object of {@code role} blocks {@code pulumi up} (before the freeze switch is considered). */
    public boolean blocks(Role role) {
        return switch (role) {
            case OCI_HELM_SOURCE -> false;
            case TENANT_APPS -> enabled && tenantApps;
            default -> enabled;
        };
    }

    public long timeoutSeconds() {
        return timeoutSeconds;
    }

    /**
     * The annotations of one Flux object, and a note of it when awaited; empty when it is not awaited.
     *
     * @param suspended whether the object is suspended (the freeze switch)
     */
    public synchronized Map<String, String> annotations(FluxKind kind, String namespace, String name, Role role,
                                                        boolean suspended) {
        if (!blocks(role) || suspended) {
            return Map.of();
        }
        awaited.add(new Awaited(kind.kind(), namespace, name));
        Map<String, String> annotations = new TreeMap<>();
        annotations.put(WAIT_FOR, READY);
        annotations.put(TIMEOUT_SECONDS, Long.toString(timeoutSeconds));
        return annotations;
    }

    /** Every awaited object so far, sorted (the stack output {@code awaited}). */
    public synchronized List<String> awaited() {
        return awaited.stream().map(Awaited::toString).sorted().toList();
    }
}
