package io.fluxfleet.admission;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fluxfleet.admission.AdmissionSimulator.Denial;
import io.fluxfleet.admission.AdmissionSimulator.Request;
import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.flux.FluxValues;
import io.fluxfleet.infra.ChartRoles;
import io.fluxfleet.tenancy.TenantEnvironment;
import io.fluxfleet.testing.Stacks;
import io.fluxfleet.verify.FluxChart;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a tenant can and cannot do in its namespace, computed: RBAC from the role fluxfleet binds the tenant to
 * ({@link TenantEnvironment#TENANT_ROLE}, Kubernetes' default {@code admin}) with every ClusterRole aggregated into
 * it (Kubernetes' bootstrap roles, the flux2 chart's and rancher-monitoring's as the committed dev stack renders
 * them), then fluxfleet's admission policies run by the real CEL engine over the corpus request of each row.
 */
final class TenantRights {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /**
     * A row: what the tenant tries; the corpus case that is the request, or the RBAC check alone (verb, API group,
     * resource; {@code clusterScoped} when a namespaced RoleBinding can never grant it).
     */
    record Row(String action, String corpusCase, String verb, String group, String resource, boolean clusterScoped) {
        static Row of(String action, String corpusCase) {
            return new Row(action, corpusCase, null, null, null, false);
        }

        static Row rbac(String action, String verb, String group, String resource) {
            return new Row(action, null, verb, group, resource, false);
        }

        static Row cluster(String action, String verb, String group, String resource) {
            return new Row(action, null, verb, group, resource, true);
        }
    }

    static final List<Row> ROWS = List.of(
            Row.of("deploy an app from Harbor (Deployment, Service, Ingress on its domain, ConfigMap)", "benign-apps/allow-shop-deployment.yaml"),
            Row.of("run a CronJob", "benign-apps/allow-report-cronjob.yaml"),
            Row.of("install a chart with a HelmRelease", "benign-apps/allow-redis-helmrelease.yaml"),
            Row.rbac("read the Secrets of its namespace (its own Git credentials included)", "get", "", "secrets"),
            Row.rbac("exec into its pods", "create", "", "pods/exec"),
            Row.rbac("impersonate the service accounts of its namespace", "impersonate", "", "serviceaccounts"),
            Row.rbac("get a short-lived token for its service account (TokenRequest)", "create", "", "serviceaccounts/token"),
            Row.rbac("create a ServiceMonitor or PrometheusRule", "create", "monitoring.coreos.com", "servicemonitors"),
            Row.of("send Prometheus' own token to its target (bearerTokenFile)", "monitoring/deny-steal-prometheus-token.yaml"),
            Row.of("relabel a monitor's __address__ to another host", "monitoring/deny-relabel-address-to-collector.yaml"),
            Row.of("scrape static targets with a Probe", "monitoring/deny-probe-static-targets.yaml"),
            Row.rbac("change its Namespace (labels: tenant, Pod Security level, ingress domains)", "update", "", "namespaces"),
            Row.of("raise its ResourceQuota", "owned-objects/deny-patch-quota.yaml"),
            Row.of("delete its LimitRange", "owned-objects/deny-delete-limitrange.yaml"),
            Row.of("delete the default-deny NetworkPolicy", "owned-objects/deny-delete-default-deny.yaml"),
            Row.of("add an allow-all NetworkPolicy", "network-policies/deny-allow-all-ingress.yaml"),
            Row.of("admit another tenant's namespace in a NetworkPolicy", "network-policies/deny-other-tenant-namespace.yaml"),
            Row.of("admit the ingress controller's namespace on its port (admission.networkPeers, ingress)", "network-policies/allow-from-ingress-controller.yaml"),
            Row.of("reach into the ingress controller's namespace (a peer open for ingress only)", "network-policies/deny-egress-to-ingress-peer.yaml"),
            Row.of("open a peer namespace on every port", "network-policies/deny-peer-every-port.yaml"),
            Row.of("add a subject to fluxfleet's RoleBinding", "owned-objects/deny-widen-reconciler-rolebinding.yaml"),
            Row.of("bind a role to system:authenticated", "role-bindings/deny-system-authenticated.yaml"),
            Row.of("bind admin to its default service account", "role-bindings/deny-admin-to-default-serviceaccount.yaml"),
            Row.of("bind a role to system:nodes", "role-bindings/deny-system-nodes.yaml"),
            Row.of("bind a role to another namespace's service account", "role-bindings/deny-foreign-serviceaccount.yaml"),
            Row.of("point fluxfleet's GitRepository at an unreviewed branch", "owned-objects/deny-gitrepository-follows-unreviewed-branch.yaml"),
            Row.of("forge the status.artifact of fluxfleet's GitRepository", "owned-objects/deny-forge-gitrepository-status-artifact.yaml"),
            Row.of("hand Flux an artifact of its own (ExternalArtifact)", "flux-objects/deny-external-artifact.yaml"),
            Row.of("send Flux's notifications to the cloud metadata endpoint", "flux-objects/deny-provider-cloud-metadata.yaml"),
            Row.of("delete its apps Kustomization", "owned-objects/deny-delete-apps-kustomization.yaml"),
            Row.of("put fluxfleet's managed-by label on its own object", "owned-objects/deny-forge-label-on-create.yaml"),
            Row.of("annotate a platform-applied object reconcile: disabled", "platform-applied/deny-reconcile-disabled-on-platform-object.yaml"),
            Row.of("label a platform-applied object kustomize.toolkit.fluxcd.io/ssa: IfNotPresent", "platform-applied/deny-ssa-ifnotpresent-label.yaml"),
            Row.of("delete a platform-applied object", "platform-applied/deny-delete-platform-object.yaml"),
            Row.of("tolerate the platform-worker taint", "platform-nodes/deny-toleration-platform-key-exists-deployment.yaml"),
            Row.of("tolerate every taint (empty key, Exists)", "platform-nodes/deny-toleration-wildcard-pod.yaml"),
            Row.of("pin a pod to a node by nodeName", "platform-nodes/deny-nodename-pod.yaml"),
            Row.of("select platform workers by required node affinity", "platform-nodes/deny-affinity-in-deployment.yaml"),
            Row.of("run an image from Docker Hub", "images/deny-docker-hub-image.yaml"),
            Row.of("add an ephemeral debug container", "images/deny-ephemeral-debug-container.yaml"),
            Row.of("create a Service with externalIPs (CVE-2020-8554)", "external-ips/deny-service-external-ips.yaml"),
            Row.of("claim another tenant's Ingress host", "ingress-hosts/deny-other-tenants-host.yaml"),
            Row.of("catch every unmatched host with spec.defaultBackend", "ingress-hosts/deny-default-backend.yaml"),
            Row.of("inject nginx configuration (server-snippet)", "ingress-hosts/deny-nginx-server-snippet.yaml"),
            Row.of("proxy into another tenant with an ExternalName Service", "external-ips/deny-externalname-to-other-tenant.yaml"),
            Row.of("depend on another tenant's Kustomization", "flux-objects/deny-dependson-other-tenant.yaml"),
            Row.of("wait for its platform layer (dependsOn flux-system, no readyExpr)", "flux-objects/allow-apps-wait-for-shared-layer.yaml"),
            Row.of("evaluate readyExpr over a platform layer", "flux-objects/deny-readyexpr-on-platform-layer.yaml"),
            Row.of("set a 2h timeout on a Kustomization", "flux-objects/deny-unbounded-timeout.yaml"),
            Row.of("hold helm-controller for 6h with spec.upgrade.timeout", "flux-objects/deny-helmrelease-upgrade-timeout.yaml"),
            Row.of("join the platform's controller shard (sharding.fluxcd.io/key)", "flux-objects/deny-sharding-key-platform.yaml"),
            Row.of("reconcile every 5s", "flux-objects/deny-interval-too-short.yaml"),
            Row.of("use spec.kubeConfig", "flux-objects/deny-kubeconfig.yaml"),
            Row.of("pull with the controller's cloud identity (provider: aws)", "flux-objects/deny-oci-provider-aws.yaml"),
            Row.of("mint a never-expiring service-account token Secret", "service-account-tokens/deny-long-lived-token.yaml"),
            Row.cluster("create a ClusterRole, ClusterRoleBinding or admission policy", "create", "rbac.authorization.k8s.io", "clusterroles"),
            Row.cluster("read or change another tenant's namespace", "get", "", "pods"));

    private TenantRights() {}

    /** The ClusterRoles the tenant's role is made of: Kubernetes' defaults and what the charts aggregate. */
    @SuppressWarnings("unchecked")
    static Rbac rbac() {
        List<Map<String, Object>> roles = new ArrayList<>();
        try (InputStream in = TenantRights.class.getResourceAsStream("/rbac/kubernetes-default-roles.yaml")) {
            roles.addAll((List<Map<String, Object>>) YAML.readValue(in, Map.class).get("items"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FluxFleetConfig dev = Stacks.committed("dev");
        roles.addAll(FluxChart.render(FluxValues.of(dev)).ofKind("ClusterRole"));
        roles.addAll(ChartRoles.monitoring("dev"));
        return new Rbac(roles);
    }

    /** The README table. */
    static String table() throws IOException {
        Rbac rbac = rbac();
        FluxFleetConfig config = AdmissionCorpus.config();
        List<AdmissionPolicies.Policy> policies = AdmissionCorpus.policies();
        AdmissionSimulator simulator = new AdmissionSimulator();
        StringBuilder out = new StringBuilder();
        out.append("The tenant's role is `").append(TenantEnvironment.TENANT_ROLE).append("` in its namespace, made of ")
                .append(rbac.sources(TenantEnvironment.TENANT_ROLE).stream().map(r -> "`" + r + "`")
                        .collect(Collectors.joining(", ")))
                .append(".\n\n| a tenant tries to … | RBAC allows | admission | so |\n|---|---|---|---|\n");
        for (Row row : ROWS) {
            String verb;
            String group;
            String resource;
            String name = "";
            List<Denial> denials = List.of();
            if (row.corpusCase() != null) {
                Request request = AdmissionCorpus.request(config, AdmissionCorpus.ROOT.resolve(Path.of(row.corpusCase())));
                verb = switch (request.operation()) {
                    case "CREATE" -> "create";
                    case "UPDATE" -> "update";
                    case "DELETE" -> "delete";
                    default -> throw new IllegalStateException(request.operation());
                };
                group = request.group();
                resource = request.subResource().isEmpty() ? request.resource() : request.resource() + "/" + request.subResource();
                name = request.name();
                denials = simulator.admit(policies, request);
            } else {
                verb = row.verb();
                group = row.group();
                resource = row.resource();
            }
            boolean allowed = !row.clusterScoped() && rbac.allowsInNamespace(TenantEnvironment.TENANT_ROLE, verb, group, resource, name);
            String what = verb + " " + (group.isEmpty() ? "" : group + "/") + resource;
            String rbacCell = row.clusterScoped() ? "no: " + what + " outside its namespace (a RoleBinding grants none)"
                    : allowed ? "yes (" + what + ")" : "no: " + what;
            String admissionCell = row.corpusCase() == null ? "—"
                    : denials.isEmpty() ? "admitted"
                    : denials.stream().map(AdmissionSimulator.Denial::policy).distinct().map(p -> "`" + p + "` denies")
                            .collect(Collectors.joining(", "));
            String so = allowed && denials.isEmpty() ? "**can**" : "cannot";
            out.append("| ").append(row.action()).append(" | ").append(rbacCell).append(" | ").append(admissionCell)
                    .append(" | ").append(so).append(" |\n");
        }
        return out.toString();
    }
}
