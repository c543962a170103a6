package io.fluxfleet.infra;

import java.util.List;
import java.util.Map;

/** The ClusterRoles the shared charts render for a committed stack, for the tenant-rights evaluation. */
public final class ChartRoles {
    private ChartRoles() {}

    /** rancher-monitoring's ClusterRoles, rendered with the values the stack gives the chart. */
    public static List<Map<String, Object>> monitoring(String env) {
        return RancherCharts.render(env).get("rancher-monitoring").objects().stream()
                .filter(o -> "ClusterRole".equals(o.get("kind"))).toList();
    }
}
