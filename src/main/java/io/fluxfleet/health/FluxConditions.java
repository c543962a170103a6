package io.fluxfleet.health;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a live Flux object is Ready, read from its status the way Flux documents it. Flux objects follow kstatus
 * (fluxcd/pkg {@code apis/meta/conditions.go}: {@code ReadyCondition = "Ready"}, {@code StalledCondition = "Stalled"},
 * {@code ReconcilingCondition = "Reconciling"}, reason {@code DependencyNotReadyReason = "DependencyNotReady"}; the
 * "Conditions" sections of each API's spec, e.g. kustomize-controller {@code docs/spec/v1/kustomizations.md}):
 *
 * <table>
 *   <caption>verdicts, first match wins</caption>
 *   <tr><th>status</th><th>verdict</th></tr>
 *   <tr><td>no {@code Ready} condition</td><td>not reconciled yet</td></tr>
 *   <tr><td>{@code Stalled=True}</td><td>stalled: Flux stopped retrying until the spec changes</td></tr>
 *   <tr><td>{@code status.observedGeneration} (or the Ready condition's) below {@code metadata.generation}</td>
 *       <td>the latest spec is not reconciled yet (Ready describes an older one)</td></tr>
 *   <tr><td>{@code Ready=True}</td><td>ready</td></tr>
 *   <tr><td>{@code Ready=False}, reason {@code DependencyNotReady}</td><td>waiting for a dependency</td></tr>
 *   <tr><td>{@code Reconciling=True} and Ready not False</td><td>still reconciling</td></tr>
 *   <tr><td>otherwise</td><td>not ready, with the Ready condition's reason and message (the failure; "Flux is
 *       retrying" when Reconciling is True too)</td></tr>
 * </table>
 *
 * <p>Static objects have no status at all and are not judged: an OCI HelmRepository (since source-controller v1.2,
 * fluxcd/source-controller#1243) and notification {@code v1beta3} Alerts and Providers (static since
 * notification-controller v1.2, Flux 2.2).
 */
final class FluxConditions {
    static final String READY = "Ready";
    static final String STALLED = "Stalled";
    static final String RECONCILING = "Reconciling";
    static final String DEPENDENCY_NOT_READY = "DependencyNotReady";

    /** The verdict: ready or not, and what the status says. */
    record Verdict(boolean ready, String detail) {}

    private FluxConditions() {}

    /** Whether Flux gives this object a status at all. */
    static boolean isStatic(String kind, String apiVersion, Map<String, Object> spec) {
        return ("HelmRepository".equals(kind) && spec != null && "oci".equals(spec.get("type")))
                || (apiVersion.endsWith("/v1beta3") && ("Alert".equals(kind) || "Provider".equals(kind)));
    }

    @SuppressWarnings("unchecked")
    static Verdict evaluate(Map<String, Object> live) {
        Map<String, Object> metadata = (Map<String, Object>) live.getOrDefault("metadata", Map.of());
        Map<String, Object> status = (Map<String, Object>) live.get("status");
        List<Map<String, Object>> conditions = status == null ? List.of()
                : (List<Map<String, Object>>) status.getOrDefault("conditions", List.of());
        Optional<Map<String, Object>> ready = condition(conditions, READY);
        if (ready.isEmpty()) {
            return new Verdict(false, "no Ready condition: not reconciled yet (is the controller running?)");
        }
        Optional<Map<String, Object>> stalled = condition(conditions, STALLED);
        if (stalled.isPresent() && "True".equals(stalled.get().get("status"))) {
            return new Verdict(false, "stalled (" + stalled.get().get("reason") + "): " + stalled.get().get("message")
                    + " — Flux does not retry until the spec or its inputs change");
        }
        long generation = number(metadata.get("generation"), -1);
        long observed = number(ready.get().get("observedGeneration"),
                status == null ? -1 : number(status.get("observedGeneration"), -1));
        if (generation > 0 && observed >= 0 && observed < generation) {
            return new Verdict(false, "generation " + generation + " not reconciled yet (last observed " + observed
                    + "); Ready describes an older spec");
        }
        String readyStatus = String.valueOf(ready.get().get("status"));
        String reason = String.valueOf(ready.get().get("reason"));
        String message = String.valueOf(ready.get().get("message"));
        if ("True".equals(readyStatus)) {
            return new Verdict(true, message);
        }
        if (DEPENDENCY_NOT_READY.equals(reason)) {
            return new Verdict(false, "waiting for a dependency: " + message);
        }
        Optional<Map<String, Object>> reconciling = condition(conditions, RECONCILING);
        boolean retrying = reconciling.isPresent() && "True".equals(reconciling.get().get("status"));
        if (retrying && !"False".equals(readyStatus)) {
            return new Verdict(false, "still reconciling (" + reconciling.get().get("reason") + "): "
                    + reconciling.get().get("message"));
        }
        return new Verdict(false, "not ready (" + reason + "): " + message + (retrying ? " (Flux is retrying)" : ""));
    }

    private static Optional<Map<String, Object>> condition(List<Map<String, Object>> conditions, String type) {
        return conditions.stream().filter(c -> type.equals(c.get("type"))).findFirst();
    }

    private static long number(Object value, long otherwise) {
        return value instanceof Number n ? n.longValue() : otherwise;
    }
}
