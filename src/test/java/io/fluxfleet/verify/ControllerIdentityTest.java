package io.fluxfleet.verify;

import io.fluxfleet.render.RenderResult;
import io.fluxfleet.testing.Stacks;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which identity a tenant's Flux object acts with, decided from the container args of the real flux2 chart rendered
 * with the committed dev stack's values. The decision is Flux's own, modelled here:
 * <ul>
 *   <li>applying and health-checking (kustomize-, helm-controller): fluxcd/pkg {@code runtime/client/impersonator.go}
 *       {@code GetClient} (runtime v0.100.4): {@code spec.kubeConfig} set: that kubeconfig; else
 *       {@code serviceAccountName} or {@code --default-service-account}: impersonate that account; else the
 *       controller's own client ({@code defaultClient});</li>
 *   <li>{@code spec.kubeConfig} with a provider, SOPS decryption with a KMS, {@code spec.provider} on a source:
 *       fluxcd/pkg {@code auth} (v0.38.4): the object's service account, else the controller's
 *       {@code --default-kubeconfig-service-account} / {@code --default-decryption-service-account} /
 *       {@code --default-service-account} ({@code controller_flags.go}), else the controller's own workload identity.</li>
 * </ul>
 */
class ControllerIdentityTest {
    private static final String CONTROLLER = "the controller's own identity";
    private static FluxChart stack;
    private static FluxChart stock;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void render() {
        RenderResult result = Stacks.render(Stacks.committed("dev"));
        Map<String, Object> values = (Map<String, Object>) StackVerificationTest.object(
                result.find(RenderResult.HELM_RELEASE_TYPE, "flux")).get("values");
        stack = FluxChart.render("flux", "flux-system", values);
        stock = FluxChart.render("flux", "flux-system", Map.of());
    }

    /** A tenant object that names no service account, in {@code namespace}. */
    private static String identity(FluxChart chart, String deployment, String flag, String namespace) {
        Optional<String> fallback = chart.argValue(deployment, flag).filter(v -> !v.isEmpty());
        return fallback.map(sa -> "system:serviceaccount:" + namespace + ":" + sa).orElse(CONTROLLER);
    }

    @Test
    void aTenantObjectWithoutAServiceAccountNeverActsAsAController() {
        List<String[]> paths = List.of(
                new String[] {"kustomize-controller", "--default-service-account", "Kustomization apply"},
                new String[] {"helm-controller", "--default-service-account", "HelmRelease install"},
                new String[] {"kustomize-controller", "--default-kubeconfig-service-account", "Kustomization spec.kubeConfig.provider"},
                new String[] {"helm-controller", "--default-kubeconfig-service-account", "HelmRelease spec.kubeConfig.provider"},
                new String[] {"kustomize-controller", "--default-decryption-service-account", "Kustomization spec.decryption KMS"},
                new String[] {"source-controller", "--default-service-account", "OCIRepository/Bucket/GitRepository spec.provider"});
        for (String[] path : paths) {
            assertEquals("system:serviceaccount:tenant1:default", identity(stack, path[0], path[1], "tenant1"), path[2]);
            // the hostile case as the stock chart leaves it: the tenant borrows the controller
            assertEquals(CONTROLLER, identity(stock, path[0], path[1], "tenant1"), path[2] + " (stock chart)");
        }
    }

    /** The defaults take effect only with the gate on, or the controller exits (fluxcd/pkg auth controller_options.go). */
    @Test
    void everyControllerWithAnAuthDefaultHasTheWorkloadIdentityGate() {
        for (String deployment : List.of("kustomize-controller", "helm-controller", "source-controller")) {
            List<String> args = stack.args(deployment);
            boolean authDefault = args.stream().anyMatch(a -> a.startsWith("--default-kubeconfig-service-account=")
                    || a.startsWith("--default-decryption-service-account=")
                    || (deployment.equals("source-controller") && a.startsWith("--default-service-account=")));
            boolean gate = args.stream().anyMatch(a -> a.startsWith("--feature-gates=") && a.contains("ObjectLevelWorkloadIdentity=true"));
            assertTrue(!authDefault || gate, deployment + " would exit at start-up: " + args);
            assertTrue(authDefault, deployment + " sets an auth default: " + args);
        }
        // with source-watcher on, the chart adds its own gate and ours sits beside it (repeated --feature-gates add up)
        Map<String, Object> withWatcher = new java.util.HashMap<>(Map.of("sourceWatcher", Map.of("create", true),
                "kustomizeController", Map.of("container", Map.of("additionalArgs",
                        io.fluxfleet.flux.ControllerLockdown.argsByValuesKey().get("kustomizeController")))));
        List<String> args = FluxChart.render("flux", "flux-system", withWatcher).args("kustomize-controller");
        assertTrue(args.contains("--feature-gates=ExternalArtifact=true")
                && args.contains(io.fluxfleet.flux.ControllerLockdown.WORKLOAD_IDENTITY_GATE), args.toString());
    }
}
