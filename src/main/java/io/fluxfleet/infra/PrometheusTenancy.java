package io.fluxfleet.infra;

import io.fluxfleet.naming.Names;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What keeps a tenant's monitors and rules from turning Prometheus against the platform: rancher-monitoring's
 * {@code prometheus.prometheusSpec} values, each landing on the Prometheus custom resource under the same name
 * (rancher-monitoring {@code templates/prometheus/prometheus.yaml}). The field meanings are prometheus-operator's
 * ({@code Documentation/api-reference/api.md}, {@code monitoring.coreos.com/v1} PrometheusSpec / CommonPrometheusFields):
 * <ul>
 *   <li>{@code arbitraryFSAccessThroughSMs} is deliberately left open ({@value #FILE_ACCESS_DENIED} is false): with
 *       {@code deny: true} the operator rejects every ServiceMonitor whose endpoint names {@code bearerTokenFile} or a
 *       {@code tlsConfig} file, in any namespace (prometheus-operator {@code pkg/prometheus/resource_selector.go}
 *       {@code checkServiceMonitor} / {@code testForArbitraryFSAccess}), and the chart's own kubelet, apiserver and
 *       coredns monitors authenticate exactly that way: rendered, deny drops all three ({@code PrometheusTenancyTest}),
 *       and with them node, container and API-server metrics. A tenant monitor that names a file in the Prometheus
 *       container (its service-account token sent to the tenant's pod) is instead refused at admission in tenant
 *       namespaces, where the platform's monitors never are: the contract {@link #TENANT_MONITOR_FILE_FIELDS};</li>
 *   <li>{@code ignoreNamespaceSelectors: true}: a monitor's {@code namespaceSelector} is ignored, so it discovers
 *       targets only in its own namespace (the chart then moves its own kubelet, apiserver, coredns ... monitors into
 *       their targets' namespaces, templates/exporters/&#42;/servicemonitor.yaml);</li>
 *   <li>{@code enforcedNamespaceLabel: namespace}: every metric a monitor scrapes, and every rule and the series its
 *       expression reads, carries {@code namespace=<the object's namespace>}: a tenant's rules see only its own
 *       namespace's series and cannot forge another's. The platform's own monitors and rules (namespaces no tenant
 *       can write, {@link #PLATFORM_NAMESPACES}) are listed in {@code excludedFromEnforcement}, since their series
 *       carry the scraped objects' namespaces (kube-state-metrics, the kubelet's cAdvisor);</li>
 *   <li>{@code enforcedSampleLimit}, {@code enforcedTargetLimit}, {@code enforcedLabelLimit},
 *       {@code enforcedLabelNameLengthLimit}, {@code enforcedLabelValueLengthLimit}: per-scrape caps no monitor can
 *       raise (a lower per-monitor limit still wins); a scrape over a cap fails instead of filling the TSDB.</li>
 * </ul>
 */
public final class PrometheusTenancy {
    /** Whether {@code arbitraryFSAccessThroughSMs.deny} is set: no, see the class comment. */
    public static final boolean FILE_ACCESS_DENIED = false;
    /**
     * The monitor fields that read a file inside Prometheus' container, which an admission policy refuses on
     * ServiceMonitors in tenant namespaces (the fields {@code testForArbitraryFSAccess} tests; PodMonitor and Probe
     * endpoints only take the file-less {@code SafeTLSConfig} and no {@code bearerTokenFile}).
     */
    public static final List<String> TENANT_MONITOR_FILE_FIELDS = List.of("spec.endpoints[].bearerTokenFile",
            "spec.endpoints[].tlsConfig.caFile", "spec.endpoints[].tlsConfig.certFile", "spec.endpoints[].tlsConfig.keyFile");
    /** The label {@code enforcedNamespaceLabel} writes: the one Kubernetes dashboards already group by. */
    public static final String NAMESPACE_LABEL = "namespace";
    /**
     * Per scrape: samples (kube-state-metrics of a 100-tenant cluster stays well below), targets per monitor (one per
     * node for the kubelet and node-exporter jobs), labels per series, label name and value lengths (kube-state-metrics
     * turns object labels into {@code label_<key>}, and a Kubernetes label key may be 317 characters).
     */
    public static final int SAMPLE_LIMIT = 200_000;
    public static final int TARGET_LIMIT = 2_000;
    public static final int LABEL_LIMIT = 64;
    public static final int LABEL_NAME_LENGTH_LIMIT = 512;
    public static final int LABEL_VALUE_LENGTH_LIMIT = 4_096;
    /** Namespaces whose monitors and rules are the platform's: no tenant role reaches them. */
    public static final List<String> PLATFORM_NAMESPACES = List.of(Names.MONITORING_NAMESPACE, Names.LOGGING_NAMESPACE,
            Names.FLUX_NAMESPACE, "kube-system", "default");
    /** The kinds {@code excludedFromEnforcement} takes (prometheus-operator ObjectReference {@code resource}). */
    public static final List<String> ENFORCED_RESOURCES = List.of("podmonitors", "probes", "prometheusrules", "servicemonitors");

    private PrometheusTenancy() {}

    /** Puts the settings on {@code prometheus.prometheusSpec} of rancher-monitoring's values. */
    public static void put(Map<String, Object> prometheusSpec) {
        prometheusSpec.put("arbitraryFSAccessThroughSMs", Map.of("deny", FILE_ACCESS_DENIED));
        prometheusSpec.put("ignoreNamespaceSelectors", true);
        prometheusSpec.put("enforcedNamespaceLabel", NAMESPACE_LABEL);
        List<Map<String, Object>> excluded = new ArrayList<>();
        for (String namespace : PLATFORM_NAMESPACES) {
            for (String resource : ENFORCED_RESOURCES) {
                Map<String, Object> ref = new TreeMap<>();
                ref.put("group", "monitoring.coreos.com");
                ref.put("resource", resource);
                ref.put("namespace", namespace);
                excluded.add(ref);
            }
        }
        prometheusSpec.put("excludedFromEnforcement", excluded);
        prometheusSpec.put("enforcedSampleLimit", SAMPLE_LIMIT);
        prometheusSpec.put("enforcedTargetLimit", TARGET_LIMIT);
        prometheusSpec.put("enforcedLabelLimit", LABEL_LIMIT);
        prometheusSpec.put("enforcedLabelNameLengthLimit", LABEL_NAME_LENGTH_LIMIT);
        prometheusSpec.put("enforcedLabelValueLengthLimit", LABEL_VALUE_LENGTH_LIMIT);
    }
}
