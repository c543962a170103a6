package io.fluxfleet.config;

import io.fluxfleet.config.FluxFleetConfig.Await;
import io.fluxfleet.config.FluxFleetConfig.Flux;
import io.fluxfleet.config.FluxFleetConfig.Infra;

/**
 * Reads {@code fluxfleet:await}. Its timeout becomes the Kubernetes provider's {@code pulumi.com/timeoutSeconds}
 * annotation, which the provider reads with Go's {@code strconv.Atoi} (pulumi-kubernetes v4.32.0
 * {@code provider/pkg/metadata/overrides.go}, {@code TimeoutDuration}: an unparsable value silently falls back to the
 * 10-minute default), so it is held to the whole seconds an {@code int} holds ({@link Validators#helmTimeout}).
 */
final class AwaitConfig {
    private AwaitConfig() {}

    static Await read(Fields f, Environment environment, Flux flux, Infra infra) {
        boolean enabled = f.bool("enabled", Await.DEFAULT_ENABLED);
        boolean tenantApps = f.bool("tenantApps", Await.DEFAULT_TENANT_APPS);
        String timeout = f.checked("timeout", environment.awaitTimeout(), Validators::helmTimeout);
        if (Validators.helmTimeout(timeout).isEmpty() && (enabled || tenantApps)) {
            long seconds = Validators.seconds(timeout);
            shorterThan(f, timeout, seconds, "infra.timeout", infra.timeout(),
                    "a shared chart's install may still be running when pulumi up gives up on it");
            shorterThan(f, timeout, seconds, "flux.timeout", flux.timeout(),
                    "a Kustomization's apply may still be running when pulumi up gives up on it");
        }
        if (tenantApps && !enabled) {
            f.problem("tenantApps", "is true while " + f.key("enabled") + " is false: the apps layers wait for the"
                    + " platform layers, so awaiting them alone would wait on objects nobody awaits; turn both on");
        }
        f.finish();
        return new Await(enabled, tenantApps, timeout);
    }

    private static void shorterThan(Fields f, String timeout, long seconds, String otherKey, String other, String why) {
        if (Validators.helmTimeout(other).isEmpty() && seconds < Validators.seconds(other)) {
            f.problem("timeout", Shown.quoted(timeout) + " is shorter than " + RawConfig.NAMESPACE + ":" + otherKey
                    + " (" + other + "): " + why + "; give at least " + other);
        }
    }
}
