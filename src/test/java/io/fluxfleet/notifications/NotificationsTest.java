package io.fluxfleet.notifications;

import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;

import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.flux.FluxInstall;
import io.fluxfleet.flux.FluxKind;
import io.fluxfleet.gitlab.GitLabGovernance;
import io.fluxfleet.kube.Kube;
import io.fluxfleet.render.Recorded;
import io.fluxfleet.render.RenderResult;
import io.fluxfleet.tenancy.TenantEnvironment;
import io.fluxfleet.testing.Components;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.fluxfleet.testing.Components.one;
import static io.fluxfleet.testing.Components.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Commit statuses and webhook Receivers, each built alone from its {@code Args} next to one tenant. */
class NotificationsTest {
    private static final String SECRET = "kubernetes:core/v1:Secret";
    private static final String PROVIDER = FluxKind.PROVIDER.typeToken();
    private static final String ALERT = FluxKind.ALERT.typeToken();
    private static final String RECEIVER = FluxKind.RECEIVER.typeToken();
    private static final String HOOK = "gitlab:index/projectHook:ProjectHook";

    private record Tenant(FluxInstall flux, TenantEnvironment environment) {
        static Tenant of(Kube kube, FluxFleetConfig config) {
            FluxInstall flux = new FluxInstall("flux", new FluxInstall.Args(kube, "2.17.0",
                    "https://fluxcd-community.github.io/helm-charts", "5m", 10, Map.of()), kube.component());
            TenantEnvironment environment = new TenantEnvironment("tenant-team-a", new TenantEnvironment.Args(kube,
                    TEAM, flux, config.profile(), config.harbor(), "https://git.example.test/group/team-a-gitops.git",
                    new TenantEnvironment.Reconcile("1m", "10m", "2m", "5m", false), Output.of("flux"), Output.ofSecret("pw"),
                    Output.of(List.of()), config.quota()), kube.component());
            return new Tenant(flux, environment);
        }
    }

    private static final FluxFleetConfig.Tenant TEAM = new FluxFleetConfig.Tenant("team-a", "group/team-a-gitops", "flux",
            java.util.Optional.empty(), java.util.Optional.empty(), false);

    @Test
    void commitStatusPostsBothNamespacesEventsToTheProjectWithTheSecretToken() {
        RenderResult result = Components.build((kube, config) -> {
            Tenant tenant = Tenant.of(kube, config);
            new CommitStatus("commit-status-team-a", new CommitStatus.Args(kube, TEAM, tenant.flux(),
                    tenant.environment(), "https://git.example.test/group/team-a-gitops", Output.ofSecret("status-token"),
                    java.util.Optional.of(Output.ofSecret("status-token"))),
                    kube.component());
        });
        List<Recorded> children = Components.children(result, CommitStatus.TYPE, "commit-status-team-a");
        assertEquals(Set.of(
                SECRET + " flux-system/gitlab-status-team-a", SECRET + " team-a/gitlab-status-team-a",
                PROVIDER + " flux-system/team-a-dev-commit-status", PROVIDER + " team-a/team-a-dev-commit-status",
                ALERT + " flux-system/team-a-dev-commit-status", ALERT + " team-a/team-a-dev-commit-status"),
                Components.typesAndNames(children));
        Recorded secret = one(children, SECRET, "team-a/gitlab-status-team-a");
        assertInstanceOf(Recorded.SecretValue.class, secret.inputs().get("stringData"));
        assertEquals(Map.of(CommitStatus.TOKEN_KEY, "status-token"), path(secret, "stringData"));
        assertEquals(Map.of("type", "gitlab", "address", "https://git.example.test/group/team-a-gitops",
                "secretRef", Map.of("name", "gitlab-status-team-a"),
                "commitStatusExpr", CommitStatus.commitStatusExpr(io.fluxfleet.config.Environment.DEV)),
                path(one(children, PROVIDER, "team-a/team-a-dev-commit-status"), "spec"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> platform = (List<Map<String, Object>>) path(one(children, ALERT,
                "flux-system/team-a-dev-commit-status"), "spec", "eventSources");
        assertEquals(List.of("team-a-dev-cluster", "team-a-dev-shared"), platform.stream().map(s -> s.get("name")).toList(),
                "in flux-system only the tenant's own Kustomizations report, not other tenants' objects");
    }

    @Test
    void webhooksMakeAReceiverAndAGitLabHookPerGitRepositoryWithOneGeneratedToken() {
        RenderResult result = Components.build((kube, config) -> {
            Tenant tenant = Tenant.of(kube, config);
            var gitlab = GitLabGovernance.provider("gitlab-dev", config.gitlab(), CustomResourceOptions.builder().build());
            new Webhooks("webhooks", new Webhooks.Args(tenant.flux(), "hooks.example.test", gitlab,
                    List.of(new Webhooks.Target(TEAM, kube, tenant.environment(), "4242"))), kube.component());
        });
        List<Recorded> children = Components.children(result, Webhooks.TYPE, "webhooks");
        assertEquals(Set.of(
                "random:index/randomPassword:RandomPassword webhook-token-team-a",
                SECRET + " flux-system/gitlab-webhook-team-a", SECRET + " team-a/gitlab-webhook-team-a",
                RECEIVER + " flux-system/team-a-dev-gitlab-push", RECEIVER + " team-a/team-a-dev-gitlab-push",
                HOOK + " flux-system/team-a-dev-gitlab-push", HOOK + " team-a/team-a-dev-gitlab-push"),
                Components.typesAndNames(children));
        Recorded hook = one(children, HOOK, "team-a/team-a-dev-gitlab-push");
        assertEquals("4242", path(hook, "project"), "the hook addresses the project by its ID");
        assertEquals("flux-dev-team-a", path(hook, "name"));
        assertEquals("dev", path(hook, "pushEventsBranchFilter"));
        assertEquals(true, path(hook, "enableSslVerification"));
        assertEquals(false, path(hook, "mergeRequestsEvents"));
        assertInstanceOf(Recorded.SecretValue.class, hook.inputs().get("url"), "the URL carries the token's digest");
        assertInstanceOf(Recorded.SecretValue.class, hook.inputs().get("token"));
        String token = (String) path(hook, "token");
        assertEquals("https://hooks.example.test" + Webhooks.webhookPath(token, "team-a-dev-gitlab-push", "team-a"),
                path(hook, "url"));
        assertTrue(hook.providerUrn().contains("pulumi:providers:gitlab::gitlab-dev"), hook.providerUrn());
        assertEquals(Map.of("type", "gitlab", "events", List.of(Webhooks.PUSH_EVENT),
                "resources", List.of(Map.of("apiVersion", "source.toolkit.fluxcd.io/v1", "kind", "GitRepository",
                        "name", "team-a-dev")), "secretRef", Map.of("name", "gitlab-webhook-team-a")),
                path(one(children, RECEIVER, "team-a/team-a-dev-gitlab-push"), "spec"));
    }
}
