package io.fluxfleet.naming;

import io.fluxfleet.config.Environment;
import io.fluxfleet.config.FluxFleetConfig.Tenant;
import io.fluxfleet.naming.Names.Layer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every name fluxfleet makes, one row each, spelled out: Pulumi names are identity (a changed name is a
 * replacement of a live object), and Kubernetes names are what the guide's kubectl procedures type. The URN golden
 * list pins the same names from the other side, for the committed stacks. A name added to {@link Names} or
 * {@link GitLabNames} without a row here fails {@link #everyNameHasARow}.
 */
class NamesTest {
    private static final Tenant T = new Tenant("team-a", "group/team-a-gitops", "flux", Optional.empty(), Optional.empty(), false);
    private static final Environment DEV = Environment.DEV;
    private static final Environment PROD = Environment.PROD;

    /** (member of Names or GitLabNames, what it makes, the name exactly). */
    static Stream<Arguments> names() {
        return Stream.of(
                row("Names.FLUX_NAMESPACE", Names.FLUX_NAMESPACE, "flux-system"),
                row("Names.PLATFORM_LAYERS_COMPONENT", Names.PLATFORM_LAYERS_COMPONENT, "platform-layers"),
                row("Names.platformGitRepository", Names.platformGitRepository(PROD), "platform-prod"),
                row("Names.MONITORING_NAMESPACE", Names.MONITORING_NAMESPACE, "cattle-monitoring-system"),
                row("Names.LOGGING_NAMESPACE", Names.LOGGING_NAMESPACE, "cattle-logging-system"),
                row("Names.FLUX_RELEASE", Names.FLUX_RELEASE, "flux"),
                row("Names.PLATFORM_RECONCILER", Names.PLATFORM_RECONCILER, "flux-platform-reconciler"),
                row("Names.HARBOR_FLUX_SECRET", Names.HARBOR_FLUX_SECRET, "harbor-auth-secret"),
                row("Names.HARBOR_WORKLOAD_SECRET", Names.HARBOR_WORKLOAD_SECRET, "harbor-registry-secret"),
                row("Names.RANCHER_CHARTS", Names.RANCHER_CHARTS, "rancher-charts"),
                row("Names.PROMETHEUS_COMMUNITY", Names.PROMETHEUS_COMMUNITY, "prometheus-community"),
                row("Names.HARBOR_CHARTS", Names.HARBOR_CHARTS, "harbor-charts"),
                row("Names.RANCHER_MONITORING_CRD", Names.RANCHER_MONITORING_CRD, "rancher-monitoring-crd"),
                row("Names.RANCHER_MONITORING", Names.RANCHER_MONITORING, "rancher-monitoring"),
                row("Names.RANCHER_LOGGING_CRD", Names.RANCHER_LOGGING_CRD, "rancher-logging-crd"),
                row("Names.RANCHER_LOGGING", Names.RANCHER_LOGGING, "rancher-logging"),
                row("Names.CUSTOM_MONITORING", Names.CUSTOM_MONITORING, "custom-monitoring"),
                row("Names.CUSTOM_LOGGING", Names.CUSTOM_LOGGING, "custom-logging"),
                row("Names.GRAFANA_ADMIN_SECRET", Names.GRAFANA_ADMIN_SECRET, "grafana-admin-credentials"),
                row("Names.GRAFANA_ADMIN_PASSWORD", Names.GRAFANA_ADMIN_PASSWORD, "grafana-admin-password"),
                row("Names.DEFAULT_DENY", Names.DEFAULT_DENY, "default-deny"),
                row("Names.FLUX_COMPONENT", Names.FLUX_COMPONENT, "flux"),
                row("Names.HARBOR_COMPONENT", Names.HARBOR_COMPONENT, "harbor"),
                row("Names.SOURCES_COMPONENT", Names.SOURCES_COMPONENT, "sources"),
                row("Names.MONITORING_COMPONENT", Names.MONITORING_COMPONENT, "monitoring"),
                row("Names.LOGGING_COMPONENT", Names.LOGGING_COMPONENT, "logging"),
                row("Names.WEBHOOKS_COMPONENT", Names.WEBHOOKS_COMPONENT, "webhooks"),
                row("Names.GITLAB_COMPONENT", Names.GITLAB_COMPONENT, "gitlab"),
                row("Names.FLUX_NETWORK_COMPONENT", Names.FLUX_NETWORK_COMPONENT, "flux-network"),
                row("Names.FLUX_DENY_ALL", Names.FLUX_DENY_ALL, "flux-deny-all"),
                row("Names.FLUX_ALLOW_INTERNAL", Names.FLUX_ALLOW_INTERNAL, "flux-allow-internal"),
                row("Names.FLUX_ALLOW_WEBHOOK_RECEIVER", Names.FLUX_ALLOW_WEBHOOK_RECEIVER, "flux-allow-webhook-receiver"),
                row("Names.FLUX_ALLOW_METRICS", Names.FLUX_ALLOW_METRICS, "flux-allow-metrics"),
                row("Names.FLUX_ALLOW_EGRESS", Names.FLUX_ALLOW_EGRESS, "flux-allow-egress"),
                row("Names.LABEL_MANAGED_BY", Names.LABEL_MANAGED_BY, "app.kubernetes.io/managed-by"),
                row("Names.LABEL_ENVIRONMENT", Names.LABEL_ENVIRONMENT, "fluxfleet.io/environment"),
                row("Names.LABEL_TENANT", Names.LABEL_TENANT, "fluxfleet.io/tenant"),
                row("Names.MANAGED_BY", Names.MANAGED_BY, "fluxfleet"),
                row("Names.ANNOTATION_INGRESS_DOMAINS", Names.ANNOTATION_INGRESS_DOMAINS, "fluxfleet.io/ingress-domains"),
                row("Names.kustomizationSuffix", Names.kustomizationSuffix(DEV, Layer.SHARED), "-dev-shared"),
                row("Names.ADMISSION_COMPONENT", Names.ADMISSION_COMPONENT, "admission"),
                row("Names.admissionPolicy", Names.admissionPolicy("images"), "fluxfleet-images"),
                row("Names.serviceAccountUser", Names.serviceAccountUser("flux-system", "flux-platform-reconciler"),
                        "system:serviceaccount:flux-system:flux-platform-reconciler"),
                row("Names.resource", Names.resource("team-a", "default-deny"), "team-a/default-deny"),
                row("Names.resource", Names.resource(null, "flux-platform-reconciler"), "flux-platform-reconciler"),
                row("Names.shardDeployment", Names.shardDeployment("kustomize-controller", "platform"), "kustomize-controller-platform"),
                row("Names.shardDeployment", Names.shardDeployment("helm-controller", "platform"), "helm-controller-platform"),
                row("Names.gitRepository", Names.gitRepository(T, DEV), "team-a-dev"),
                row("Names.kustomization", Names.kustomization(T, PROD, Layer.CLUSTER), "team-a-prod-cluster"),
                row("Names.kustomization", Names.kustomization(T, DEV, Layer.SHARED), "team-a-dev-shared"),
                row("Names.kustomization", Names.kustomization(T, DEV, Layer.APPS), "team-a-dev-apps"),
                row("Names.kustomizationPath", Names.kustomizationPath(T, PROD, Layer.CLUSTER), "./clusters/team-a/prod-cluster"),
                row("Names.kustomizationPath", Names.kustomizationPath(T, DEV, Layer.SHARED), "./shared"),
                row("Names.kustomizationPath", Names.kustomizationPath(T, DEV, Layer.APPS), "./tenants/team-a"),
                row("Names.gitAuthSecret", Names.gitAuthSecret(T), "gitlab-auth-team-a"),
                row("Names.tenantComponent", Names.tenantComponent(T), "tenant-team-a"),
                row("Names.commitStatusComponent", Names.commitStatusComponent(T), "commit-status-team-a"),
                row("Names.webhookToken", Names.webhookToken(T), "webhook-token-team-a"),
                // the forms plan uses, from a tenant's name as a render records it: the same names
                row("Names.tenantComponent", Names.tenantComponent(T.name()), "tenant-team-a"),
                row("Names.commitStatusComponent", Names.commitStatusComponent(T.name()), "commit-status-team-a"),
                row("Names.webhookToken", Names.webhookToken(T.name()), "webhook-token-team-a"),
                row("Names.kubernetesProvider", Names.kubernetesProvider(PROD), "kubernetes-prod"),
                row("Names.quota", Names.quota(T), "team-a-quota"),
                row("Names.limits", Names.limits(T), "team-a-limits"),
                row("Names.tenantReconciler", Names.tenantReconciler(T), "team-a-reconciler"),
                row("Names.commitStatus", Names.commitStatus(T, DEV), "team-a-dev-commit-status"),
                row("Names.statusTokenSecret", Names.statusTokenSecret(T), "gitlab-status-team-a"),
                row("Names.receiver", Names.receiver(T, PROD), "team-a-prod-gitlab-push"),
                row("Names.webhookTokenSecret", Names.webhookTokenSecret(T), "gitlab-webhook-team-a"),
                row("Names.labels", Names.labels(DEV, T).toString(),
                        "{app.kubernetes.io/managed-by=fluxfleet, fluxfleet.io/environment=dev, fluxfleet.io/tenant=team-a}"),
                row("Names.labels", Names.labels(PROD, null).toString(),
                        "{app.kubernetes.io/managed-by=fluxfleet, fluxfleet.io/environment=prod}"),
                row("GitLabNames.branchResource", GitLabNames.branchResource(T, PROD, "protection"), "team-a-prod-protection"),
                row("GitLabNames.projectResource", GitLabNames.projectResource(T, "mr-approvals"), "team-a-mr-approvals"),
                row("GitLabNames.groupShare", GitLabNames.groupShare(T, "platform-team"), "team-a-share-platform-team"),
                row("GitLabNames.clusterSeedRole", GitLabNames.clusterSeedRole(PROD), "prod-cluster-kustomization"),
                row("GitLabNames.platformSeedRole", GitLabNames.platformSeedRole(T, "shared-kustomization"),
                        "team-a-shared-kustomization"),
                row("GitLabNames.provider", GitLabNames.provider(DEV), "gitlab-dev"),
                row("GitLabNames.projectHook", GitLabNames.projectHook(PROD, "flux-system"), "flux-prod-flux-system"),
                row("GitLabNames.inGitLab", GitLabNames.inGitLab(PROD), "fluxfleet-prod"));
    }

    private static Arguments row(String member, String actual, String expected) {
        return Arguments.of(member, actual, expected);
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("names")
    void nameIsExactly(String member, String actual, String expected) {
        assertEquals(expected, actual, member);
    }

    @Test
    void everyNameHasARow() {
        Set<String> members = new TreeSet<>();
        for (Class<?> type : List.of(Names.class, GitLabNames.class)) {
            for (Method m : type.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers())) {
                    members.add(type.getSimpleName() + "." + m.getName());
                }
            }
            for (Field f : type.getDeclaredFields()) {
                if (Modifier.isPublic(f.getModifiers()) && f.getType() == String.class) {
                    members.add(type.getSimpleName() + "." + f.getName());
                }
            }
        }
        Set<String> covered = new TreeSet<>(names().map(a -> (String) a.get()[0]).toList());
        members.removeAll(covered);
        assertTrue(members.isEmpty(), "names without a row in NamesTest: " + members);
    }

    @Test
    void layersAreNamedInReconcileOrder() {
        assertEquals(List.of("cluster", "shared", "apps"), Arrays.stream(Layer.values()).map(Layer::id).toList());
    }
}
