package io.fluxfleet.infra;

import io.fluxfleet.config.FluxFleetConfig.RancherIntegration;

import java.util.Map;

/**
 * The values Rancher's own installer gives every cluster tool under {@code global.cattle}, and
 * {@code global.systemDefaultRegistry} beside it. rancher-monitoring reads them for Prometheus' {@code externalUrl}
 * ({@code <url>/k8s/clusters/<clusterId>/...}), Grafana's Rancher proxy sub-path ({@code grafana/templates/
 * nginx-config.yaml}), and the {@code cluster_id}/{@code cluster_name} labels its ServiceMonitors relabel onto every
 * metric; both charts prefix their images with the system default registry.
 */
final class RancherValues {
    private RancherValues() {}

    static void put(Map<String, Object> values, RancherIntegration rancher) {
        if (!rancher.enabled()) {
            return;
        }
        Map<String, Object> cattle = ValueTree.node(values, "global", "cattle");
        rancher.clusterId().ifPresent(id -> cattle.put("clusterId", id));
        rancher.clusterName().ifPresent(name -> cattle.put("clusterName", name));
        rancher.url().ifPresent(url -> cattle.put("url", url));
        cattle.put("systemDefaultRegistry", rancher.systemDefaultRegistry());
        ValueTree.node(values, "global").put("systemDefaultRegistry", rancher.systemDefaultRegistry());
    }
}
