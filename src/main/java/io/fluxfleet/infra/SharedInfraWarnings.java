package io.fluxfleet.infra;

import io.fluxfleet.config.FluxFleetConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * Settings that are valid but cost the user something they would expect to work; the stack logs each (and
 * {@code render} lists them).
 */
public final class SharedInfraWarnings {
    /**
     * The newest fluxcd-community {@code flux2} chart line obtainable, 2.18.x, ships Flux 2.8.x and with it
     * notification-controller v1.8, which drops failed-reconciliation events for commit-status providers (fixed in
     * v1.9.0, fluxcd/notification-controller "Fix error events being dropped by commit status providers").
     */
    static final int FIRST_CHART_MINOR_WITH_FLUX_2_9 = 19;

    private SharedInfraWarnings() {}

    public static List<String> of(FluxFleetConfig config) {
        List<String> warnings = new ArrayList<>();
        if (!config.infra().rancher().enabled()) {
            warnings.add("infra.rancher.enabled is false: the monitoring chart gets no global.cattle values, so"
                    + " Grafana and Prometheus opened from Rancher (and Rancher's embedded dashboards) break and metrics"
                    + " carry no cluster_id/cluster_name; on a Rancher-managed cluster set infra.rancher.enabled,"
                    + " clusterId, clusterName and url");
        }
        String chart = config.flux().chartVersion();
        String[] parts = chart.split("\\.");
        boolean statuses = config.tenants().stream().anyMatch(t -> config.statusToken(t).isPresent());
        if (statuses && parts.length >= 2 && parts[0].equals("2") && parts[1].matches("[0-9]+")
                && Integer.parseInt(parts[1]) < FIRST_CHART_MINOR_WITH_FLUX_2_9) {
            warnings.add("flux.chartVersion " + chart + " ships Flux 2.8 or older, whose notification-controller"
                    + " (before v1.9.0) drops failed-reconciliation events for commit-status providers: GitLab commits"
                    + " show successful reconciliations only, never a failure (README \"Commit statuses on Flux 2.8\")");
        }
        warnings.addAll(io.fluxfleet.flux.FluxReleases.warnings(chart, true));
        return warnings;
    }
}
