package io.fluxfleet.gitlab;

import com.pulumi.context.LoggingContext;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.fluxfleet.config.Environment;
import io.fluxfleet.config.FluxFleetConfig.Tenant;
import io.fluxfleet.config.GitLabGovernanceSettings;
import io.fluxfleet.config.GitLabGovernanceSettings.Edition;
import io.fluxfleet.gitlab.bindings.GitlabFunctions;
import io.fluxfleet.gitlab.bindings.inputs.GetGroupArgs;
import io.fluxfleet.gitlab.bindings.inputs.GetUserArgs;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What every part of {@link GitLabGovernance} shares within one stack: the arguments, the component every child is
 * parented to, the edition the protections are written for, and the group and user IDs looked up once per run.
 * Protection, approvals, shares, seeds and merge checks each take this scope and nothing else from the component.
 */
final class GovernanceScope {
    private final GitLabGovernance.Args args;
    private final Resource parent;
    private final Edition edition;
    private final Map<String, Output<Integer>> groupIds = new HashMap<>();
    private final Map<String, Output<Integer>> userIds = new HashMap<>();

    GovernanceScope(GitLabGovernance.Args args, Resource parent, Edition edition) {
        this.args = args;
        this.parent = parent;
        this.edition = edition;
    }

    GitLabGovernance.Args args() {
        return args;
    }

    Environment environment() {
        return args.environment();
    }

    GitLabGovernanceSettings settings() {
        return args.settings();
    }

    LoggingContext log() {
        return args.log();
    }

    Edition edition() {
        return edition;
    }

    /** Whether {@code project} is the platform project ({@code layers.project}) rather than a tenant's. */
    boolean isPlatformProject(Tenant project) {
        return args.layers().fromPlatform() && project.name().equals(io.fluxfleet.config.Layers.PLATFORM_KEY);
    }

    /**
     * Whether GitLab's {@code pathWithNamespace} is the platform project's, compared as GitLab finds a project
     * (ignoring case: gitlabhq app/models/concerns/routable.rb, find_by_full_path).
     */
    boolean isPlatformProjectPath(String pathWithNamespace) {
        return args.layers().fromPlatform() && args.layers().project().filter(pathWithNamespace::equalsIgnoreCase).isPresent();
    }

    /** The files fluxfleet seeds in {@code project} on this stack's branch ({@link SeedFiles}). */
    List<SeedFiles.Seed> seeds(Tenant project) {
        return isPlatformProject(project)
                ? SeedFiles.platformSeeds(project, environment(), settings(), args.tenants())
                : SeedFiles.seeds(project, environment(), settings(), args.layers());
    }

    /**
     * The paths of {@code project} only the platform team may approve, because a cluster-admin layer reads them: the
     * platform project's layers and governance files; a tenant's cluster and shared paths in the one-repository
     * layout; none of a tenant's when the layers read the platform project (a tenant's CODEOWNERS then guards nothing
     * that runs as cluster-admin, so a tenant's edit of it must not stop the stack).
     */
    List<String> platformPaths(Tenant project) {
        if (isPlatformProject(project)) {
            return SeedFiles.platformProjectPaths();
        }
        return args.layers().fromPlatform() ? List.of() : SeedFiles.platformPaths(project);
    }

    /**
     * The groups the owner stack shares into {@code project}: every team's and rule's group into a tenant's, only the
     * platform team's and the rules' groups into the platform project ({@code platformProjectSharedGroups}).
     */
    List<String> sharedGroups(Tenant project) {
        return isPlatformProject(project) ? settings().platformProjectSharedGroups() : settings().sharedGroups();
    }

    /** The CODEOWNERS fluxfleet seeds in {@code project}. */
    String codeowners(Tenant project) {
        return isPlatformProject(project) ? SeedFiles.platformCodeowners(settings().teams())
                : SeedFiles.codeowners(project, settings().teams());
    }

    /** Whether this stack shares the groups into the projects: the owner of the project-wide settings, licensed. */
    boolean sharesGroups() {
        GitLabGovernanceSettings s = args.settings();
        return s.tier().hasApprovals() && s.projectSettings().writtenBy(args.environment());
    }

    /**
     * Every child: parented to the component, through the stack's GitLab provider, protected in prod unless the
     * tenant is retiring (its resources must be deletable by the next run).
     */
    CustomResourceOptions.Builder options(Tenant tenant, String importId) {
        return CustomResourceOptions.builder()
                .parent(parent)
                .provider(args.provider())
                .protect(args.protect() && !tenant.retire() && !tenant.moving())
                .retainOnDelete(tenant.moving())
                .importId(importId);
    }

    /** The ID of a group by its full path, looked up once per run. */
    Output<Integer> groupId(String fullPath) {
        return groupIds.computeIfAbsent(fullPath, this::lookupGroup);
    }

    /** The ID of a user by username, looked up once per run. */
    Output<Integer> userId(String username) {
        return userIds.computeIfAbsent(username, this::lookupUser);
    }

    Output<List<Integer>> groupIds(List<String> fullPaths) {
        return ids(fullPaths, this::groupId);
    }

    Output<List<Integer>> userIds(List<String> usernames) {
        return ids(usernames, this::userId);
    }

    private static Output<List<Integer>> ids(List<String> names, Function<String, Output<Integer>> id) {
        return Output.all(names.stream().map(id).toList());
    }

    private Output<Integer> lookupGroup(String fullPath) {
        return GitlabFunctions.getGroup(GetGroupArgs.builder().fullPath(fullPath).build(), invokeOptions())
                .applyValue(g -> g.groupId());
    }

    private Output<Integer> lookupUser(String username) {
        return GitlabFunctions.getUser(GetUserArgs.builder().username(username).build(), invokeOptions())
                .applyValue(u -> u.userId());
    }

    private InvokeOptions invokeOptions() {
        return InvokeOptions.builder().parent(parent).provider(args.provider()).build();
    }
}
