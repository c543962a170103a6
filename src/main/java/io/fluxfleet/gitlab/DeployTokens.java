package io.fluxfleet.gitlab;

import io.fluxfleet.config.Environment;
import io.fluxfleet.config.FluxFleetConfig.Tenant;
import io.fluxfleet.gitlab.GitLabGovernance.DeployTokenAccess;
import io.fluxfleet.gitlab.GitLabLookup.ProjectFacts;
import io.fluxfleet.gitlab.bindings.ProjectDeployToken;
import io.fluxfleet.gitlab.bindings.ProjectDeployTokenArgs;
import io.fluxfleet.naming.GitLabNames;

import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The read-only deploy token a tenant's Flux reads its project with, rotated per window: the new token exists before
 * the old one is revoked, and it is never {@code protect}ed (see {@link GitLabGovernance#LIFECYCLE_UNPROTECTED}).
 */
final class DeployTokens {
    static final String DEPLOY_TOKEN_SCOPE = "read_repository";
    private static final int TOKEN_EXPIRY_WARNING_DAYS = 30;

    private final GovernanceScope scope;

    DeployTokens(GovernanceScope scope) {
        this.scope = scope;
    }

    DeployTokenAccess token(Tenant tenant, ProjectFacts facts) {
        Environment env = scope.environment();
        LocalDate today = scope.args().today();
        LocalDate expiry = scope.settings().deployToken().expiry(today);
        if (!expiry.isAfter(today.plusDays(TOKEN_EXPIRY_WARNING_DAYS))) {
            scope.log().warn(tenant.project() + ": the " + env.id() + " deploy token expires on " + expiry
                    + "; set a later fluxfleet:gitlab.deployToken.expiresAt (or remove it to rotate automatically).");
        }
        ProjectDeployToken token = new ProjectDeployToken(GitLabNames.branchResource(tenant, env, "deploy-token"),
                ProjectDeployTokenArgs.builder()
                        .project(facts.id())
                        .name(GitLabNames.inGitLab(env))
                        .scopes(DEPLOY_TOKEN_SCOPE)
                        .expiresAt(expiry.atStartOfDay(ZoneOffset.UTC).toInstant().toString())
                        .build(),
                // A deploy token cannot be changed in place; the new one exists before the old one is revoked.
                scope.options(tenant, null).replaceOnChanges("name", "scopes", "expiresAt")
                        // replaced every rotation window, which the engine refuses for a protected resource
                        .protect(false)
                        .build());
        return new DeployTokenAccess(token.username(), token.token().asSecret());
    }
}
