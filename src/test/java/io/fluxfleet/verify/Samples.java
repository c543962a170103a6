package io.fluxfleet.verify;

import java.util.List;
import java.util.Map;

/**
 * Hand-written valid objects of every kind fluxfleet emits, shaped like a tenant's objects. Each call
 * returns a fresh mutable tree, so a test can break it.
 */
final class Samples {
    private Samples() {}

    static Map<String, Object> gitRepository() {
        return yaml("""
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: GitRepository
                metadata:
                  name: tenant1-dev
                  namespace: flux-system
                  labels:
                    app.kubernetes.io/managed-by: fluxfleet
                    fluxfleet.io/tenant: tenant1
                spec:
                  interval: 1m
                  timeout: 60s
                  url: https://gitlab.example.com/tenants/tenant1.git
                  ref:
                    branch: main
                  secretRef:
                    name: tenant1-dev-git
                """);
    }

    static Map<String, Object> helmRepository() {
        return yaml("""
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: HelmRepository
                metadata:
                  name: tenant1-charts
                  namespace: flux-system
                spec:
                  type: default
                  interval: 10m
                  timeout: 60s
                  url: https://charts.example.com/stable
                  secretRef:
                    name: tenant1-charts-auth
                """);
    }

    static Map<String, Object> ociHelmRepository() {
        return yaml("""
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: HelmRepository
                metadata:
                  name: tenant1-oci-charts
                  namespace: flux-system
                spec:
                  type: oci
                  interval: 10m
                  url: oci://registry.example.com/charts
                  secretRef:
                    name: tenant1-registry
                """);
    }

    static Map<String, Object> ociRepository() {
        return yaml("""
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: OCIRepository
                metadata:
                  name: tenant1-manifests
                  namespace: flux-system
                spec:
                  interval: 5m
                  url: oci://registry.example.com/manifests/tenant1
                  ref:
                    tag: "1.4.0"
                  secretRef:
                    name: tenant1-registry
                """);
    }

    static Map<String, Object> kustomization() {
        return yaml("""
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata:
                  name: tenant1-dev
                  namespace: flux-system
                  labels:
                    fluxfleet.io/tenant: tenant1
                spec:
                  interval: 10m
                  retryInterval: 1m
                  timeout: 5m
                  path: ./clusters/dev
                  prune: true
                  wait: true
                  sourceRef:
                    kind: GitRepository
                    name: tenant1-dev
                  serviceAccountName: tenant1-reconciler
                  targetNamespace: tenant1
                  dependsOn:
                    - name: platform-dev
                """);
    }

    static Map<String, Object> helmRelease() {
        return yaml("""
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata:
                  name: tenant1-podinfo
                  namespace: flux-system
                spec:
                  interval: 10m
                  releaseName: podinfo
                  targetNamespace: tenant1
                  serviceAccountName: tenant1-reconciler
                  chart:
                    spec:
                      chart: podinfo
                      version: "6.x"
                      interval: 1h
                      sourceRef:
                        kind: HelmRepository
                        name: tenant1-charts
                  install:
                    remediation:
                      retries: 3
                  upgrade:
                    remediation:
                      retries: 3
                      strategy: rollback
                  values:
                    replicaCount: 2
                    anything:
                      goes: [here, 1, true]
                """);
    }

    static Map<String, Object> alert() {
        return yaml("""
                apiVersion: notification.toolkit.fluxcd.io/v1beta3
                kind: Alert
                metadata:
                  name: tenant1-dev
                  namespace: flux-system
                spec:
                  providerRef:
                    name: tenant1-slack
                  eventSeverity: error
                  eventSources:
                    - kind: Kustomization
                      name: "*"
                    - kind: GitRepository
                      name: tenant1-dev
                """);
    }

    static Map<String, Object> provider() {
        return yaml("""
                apiVersion: notification.toolkit.fluxcd.io/v1beta3
                kind: Provider
                metadata:
                  name: tenant1-slack
                  namespace: flux-system
                spec:
                  type: slack
                  channel: tenant1-alerts
                  secretRef:
                    name: tenant1-slack-webhook
                """);
    }

    static Map<String, Object> receiver() {
        return yaml("""
                apiVersion: notification.toolkit.fluxcd.io/v1
                kind: Receiver
                metadata:
                  name: tenant1-dev
                  namespace: flux-system
                spec:
                  type: gitlab
                  events: ["Push Hook", "Tag Push Hook"]
                  secretRef:
                    name: tenant1-webhook-token
                  resources:
                    - kind: GitRepository
                      name: tenant1-dev
                """);
    }

    static Map<String, Object> namespace() {
        return yaml("""
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: tenant1
                  labels:
                    fluxfleet.io/tenant: tenant1
                """);
    }

    static Map<String, Object> secret() {
        return yaml("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: tenant1-dev-git
                  namespace: flux-system
                type: Opaque
                data:
                  username: Zmx1eA==
                  password: c2VjcmV0
                """);
    }

    static Map<String, Object> serviceAccount() {
        return yaml("""
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: tenant1-reconciler
                  namespace: tenant1
                """);
    }

    static Map<String, Object> roleBinding() {
        return yaml("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata:
                  name: tenant1-reconciler
                  namespace: tenant1
                roleRef:
                  apiGroup: rbac.authorization.k8s.io
                  kind: ClusterRole
                  name: admin
                subjects:
                  - kind: ServiceAccount
                    name: tenant1-reconciler
                    namespace: tenant1
                """);
    }

    static Map<String, Object> clusterRoleBinding() {
        return yaml("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata:
                  name: tenant1-view
                roleRef:
                  apiGroup: rbac.authorization.k8s.io
                  kind: ClusterRole
                  name: view
                subjects:
                  - kind: ServiceAccount
                    name: tenant1-reconciler
                    namespace: tenant1
                  - kind: Group
                    apiGroup: rbac.authorization.k8s.io
                    name: tenant1-developers
                """);
    }

    static Map<String, Object> networkPolicy() {
        return yaml("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: allow-ingress-controller
                  namespace: tenant1
                spec:
                  podSelector: {}
                  policyTypes: [Ingress]
                  ingress:
                    - from:
                        - namespaceSelector:
                            matchLabels:
                              kubernetes.io/metadata.name: ingress-nginx
                      ports:
                        - protocol: TCP
                          port: 8080
                        - port: http
                """);
    }

    static Map<String, Object> resourceQuota() {
        return yaml("""
                apiVersion: v1
                kind: ResourceQuota
                metadata:
                  name: tenant1
                  namespace: tenant1
                spec:
                  hard:
                    requests.cpu: "4"
                    requests.memory: 8Gi
                    limits.memory: 16Gi
                    pods: 50
                """);
    }

    static Map<String, Object> limitRange() {
        return yaml("""
                apiVersion: v1
                kind: LimitRange
                metadata:
                  name: tenant1
                  namespace: tenant1
                spec:
                  limits:
                    - type: Container
                      default:
                        cpu: 500m
                        memory: 512Mi
                      defaultRequest:
                        cpu: 100m
                        memory: 128Mi
                """);
    }

    static List<Map<String, Object>> fluxObjects() {
        return List.of(gitRepository(), helmRepository(), ociHelmRepository(), ociRepository(), kustomization(),
                helmRelease(), alert(), provider(), receiver());
    }

    static List<Map<String, Object>> coreObjects() {
        return List.of(namespace(), secret(), serviceAccount(), roleBinding(), clusterRoleBinding(), networkPolicy(),
                resourceQuota(), limitRange());
    }

    static Map<String, Object> yaml(String text) {
        return KubeObjects.deepCopy(Fixtures.yamlDocuments(text).get(0));
    }
}
