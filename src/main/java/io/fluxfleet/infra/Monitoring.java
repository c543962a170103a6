package io.fluxfleet.infra;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import io.fluxfleet.flux.FluxObject;
import io.fluxfleet.flux.FluxSpecs.PostRenderer;
import io.fluxfleet.kube.Kube;
import io.fluxfleet.naming.Names;
import io.fluxfleet.random.RandomPassword;
import io.fluxfleet.random.RandomPasswordArgs;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Rancher monitoring through Flux: {@code rancher-monitoring-crd}, then {@code rancher-monitoring} (Flux
 * {@code dependsOn}), then fluxfleet's {@code custom-monitoring} chart from Harbor when its version is configured.
 *
 * <p>Grafana's admin password is generated (a {@code RandomPassword}, kept as a secret in the stack's state) and
 * handed to Grafana through a Secret in {@code cattle-monitoring-system} that the chart's {@code grafana.admin}
 * values name; it never appears in the chart values or the HelmRelease. Read it with
 * {@code pulumi stack output grafanaAdminPassword --show-secrets}.
 */
public final class Monitoring extends ComponentResource {
    public static final String TYPE = "fluxfleet:infra:Monitoring";
    public static final String GRAFANA_ADMIN_USER = "admin";
    /** Long, and restricted to characters that need no quoting in an env var, an ini file or a URL. */
    static final int PASSWORD_LENGTH = 32;
    static final String PASSWORD_SPECIALS = "-_.";

    private final SharedChart crds;
    private final SharedChart chart;
    private final Optional<SharedChart> custom;
    private final RandomPassword grafanaPassword;

    /**
     * What monitoring takes.
     *
     * @param charts        what its HelmReleases share with the other shared charts
     * @param namespace     {@code cattle-monitoring-system}
     * @param rancherCharts the HelmRepository of Rancher's charts
     * @param harborCharts  the HelmRepository of fluxfleet's charts in Harbor
     * @param chartVersion  the pinned version of {@code rancher-monitoring-crd} and {@code rancher-monitoring}
     * @param crdValues     the CRD chart's values
     * @param chartValues   the chart's values, given the name of the Secret with Grafana's admin credentials
     * @param postRenderers patches for what the chart's values cannot place
     * @param custom        {@code custom-monitoring}, when configured
     */
    public record Args(SharedChart.Settings charts, Namespace namespace, FluxObject rancherCharts, FluxObject harborCharts,
                       String chartVersion, Map<String, Object> crdValues,
                       Function<String, Map<String, Object>> chartValues, List<PostRenderer> postRenderers,
                       Optional<SharedChart.Custom> custom) {}

    public Monitoring(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        Kube kube = args.charts().kube();
        Namespace namespace = args.namespace();
        String version = args.chartVersion();

        this.grafanaPassword = new RandomPassword(Names.GRAFANA_ADMIN_PASSWORD, RandomPasswordArgs.builder()
                .length(PASSWORD_LENGTH).special(true).overrideSpecial(PASSWORD_SPECIALS).minNumeric(2).minSpecial(1)
                .build(), CustomResourceOptions.builder().parent(this).protect(kube.protect()).build());
        Output<Map<String, String>> credentials = grafanaPassword.result().asSecret().applyValue(password -> {
            Map<String, String> data = new TreeMap<>();
            data.put(MonitoringValues.GRAFANA_USER_KEY, GRAFANA_ADMIN_USER);
            data.put(MonitoringValues.GRAFANA_PASSWORD_KEY, password);
            return data;
        });
        Secret grafanaAdmin = new Secret(Names.resource(Names.MONITORING_NAMESPACE, Names.GRAFANA_ADMIN_SECRET),
                SecretArgs.builder()
                        .metadata(kube.meta(Names.GRAFANA_ADMIN_SECRET, Names.MONITORING_NAMESPACE, null))
                        .type("Opaque")
                        .stringData(credentials)
                        .build(), kube.child(this, namespace));

        this.crds = SharedChart.create(this, args.charts(), new SharedChart.Args(Names.RANCHER_MONITORING_CRD, namespace,
                args.rancherCharts(), version, List.of(), Output.of(args.crdValues()), List.of()));
        this.chart = SharedChart.create(this, args.charts(), new SharedChart.Args(Names.RANCHER_MONITORING, namespace,
                args.rancherCharts(), version, List.of(crds),
                grafanaAdmin.metadata().applyValue(m -> args.chartValues().apply(m.name().orElseThrow())),
                args.postRenderers()));
        this.custom = args.custom().map(custom -> SharedChart.create(this, args.charts(), new SharedChart.Args(
                Names.CUSTOM_MONITORING, namespace, args.harborCharts(), custom.version(), List.of(chart),
                Output.of(custom.values()), List.of())));

        Map<String, Output<?>> outputs = new TreeMap<>();
        outputs.put("chartVersion", Output.of(version));
        outputs.put("helmReleases", Output.all(releases().stream().map(r -> r.release().objectName()).toList()));
        outputs.put("grafanaAdminSecret", grafanaAdmin.metadata().applyValue(m -> m.name().orElseThrow()));
        registerOutputs(outputs);
    }

    /** The CRD release, the chart release and the custom chart release (when configured), in install order. */
    public List<SharedChart> releases() {
        return custom.map(c -> List.of(crds, chart, c)).orElse(List.of(crds, chart));
    }

    /** The chart release: ready means the CRDs and the monitoring stack are in place. */
    public SharedChart chart() {
        return chart;
    }

    /** Grafana's generated admin password, a secret. */
    public Output<String> grafanaAdminPassword() {
        return grafanaPassword.result().asSecret();
    }
}
