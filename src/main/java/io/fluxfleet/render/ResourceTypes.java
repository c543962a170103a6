package io.fluxfleet.render;

import java.util.List;
import java.util.Set;

/**
 * Every Pulumi type token fluxfleet registers, exactly: the engine double ({@link MockEngine}) refuses any other, so
 * a mistyped token, or a resource type added without review, fails the render and the tests rather than passing
 * silently. {@code ResourceTypesTest} holds this list to the program: every token the committed stacks and the
 * scenario tests register, every binding's {@code @ResourceType}, every Flux kind and every component's token is here,
 * and nothing else is.
 *
 * <p>Adding a resource type to the program means adding its token here, in this one list.
 *
 * <p>Besides the list, the engine accepts one reserved module, {@value #TEST_SCAFFOLDING}: components a test builds
 * around the component it tests (a parent for children that need one). The program never declares a token there
 * ({@code ResourceTypesTest} checks that production code declares exactly {@link #EMITTED}).
 */
public final class ResourceTypes {
    /** The tokens, by provider, sorted within each group. */
    public static final List<String> EMITTED = List.of(
            // fluxfleet's components (ComponentResource type tokens)
            "fluxfleet:admission:TenantAdmission",
            "fluxfleet:flux:FluxInstall",
            "fluxfleet:flux:FluxNetworkPolicies",
            "fluxfleet:flux:FluxSources",
            "fluxfleet:gitlab:GitLabGovernance",
            "fluxfleet:infra:CommitStatus",
            "fluxfleet:infra:Logging",
            "fluxfleet:infra:Monitoring",
            "fluxfleet:infra:Webhooks",
            "fluxfleet:layers:PlatformLayers",
            "fluxfleet:registry:HarborAccess",
            "fluxfleet:tenancy:TenantEnvironment",
            // GitLab (pulumi-gitlab 10.1.1)
            "gitlab:index/branch:Branch",
            "gitlab:index/branchProtection:BranchProtection",
            "gitlab:index/project:Project",
            "gitlab:index/projectApprovalRule:ProjectApprovalRule",
            "gitlab:index/projectDeployToken:ProjectDeployToken",
            "gitlab:index/projectHook:ProjectHook",
            "gitlab:index/projectLevelMrApprovals:ProjectLevelMrApprovals",
            "gitlab:index/projectShareGroup:ProjectShareGroup",
            "gitlab:index/repositoryFile:RepositoryFile",
            // Kubernetes built-in kinds and the Helm release
            "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy",
            "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding",
            "kubernetes:core/v1:LimitRange",
            "kubernetes:core/v1:Namespace",
            "kubernetes:core/v1:ResourceQuota",
            "kubernetes:core/v1:Secret",
            "kubernetes:core/v1:ServiceAccount",
            "kubernetes:helm.sh/v3:Release",
            "kubernetes:networking.k8s.io/v1:NetworkPolicy",
            "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
            "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
            // Flux custom resources (flux.FluxKind)
            "kubernetes:helm.toolkit.fluxcd.io/v2:HelmRelease",
            "kubernetes:kustomize.toolkit.fluxcd.io/v1:Kustomization",
            "kubernetes:notification.toolkit.fluxcd.io/v1:Receiver",
            "kubernetes:notification.toolkit.fluxcd.io/v1beta3:Alert",
            "kubernetes:notification.toolkit.fluxcd.io/v1beta3:Provider",
            "kubernetes:source.toolkit.fluxcd.io/v1:GitRepository",
            "kubernetes:source.toolkit.fluxcd.io/v1:HelmRepository",
            "kubernetes:source.toolkit.fluxcd.io/v1:OCIRepository",
            // the explicit providers
            "pulumi:providers:gitlab",
            "pulumi:providers:kubernetes",
            // random (pulumi-random 4.16.8)
            "random:index/randomPassword:RandomPassword");

    /** The reserved module of test scaffolding components: {@code fluxfleet:test:<Name>}. */
    public static final String TEST_SCAFFOLDING = "fluxfleet:test:";

    private static final Set<String> SET = Set.copyOf(EMITTED);

    private ResourceTypes() {}

    /** Whether fluxfleet registers resources of this type. */
    public static boolean emitted(String type) {
        return SET.contains(type);
    }

    /** Whether the engine double accepts a registration of this type: one the program emits, or test scaffolding. */
    public static boolean accepted(String type) {
        return emitted(type) || type.startsWith(TEST_SCAFFOLDING) && type.length() > TEST_SCAFFOLDING.length()
                && type.indexOf(':', TEST_SCAFFOLDING.length()) < 0;
    }
}
