package io.fluxfleet.gitlab;

import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;

import io.fluxfleet.config.Environment;
import io.fluxfleet.gitlab.bindings.ProjectHook;
import io.fluxfleet.gitlab.bindings.ProjectHookArgs;
import io.fluxfleet.naming.GitLabNames;

/**
 * The GitLab side of a Flux webhook Receiver: a project hook that calls the Receiver on pushes to the environment's
 * branch only, over verified TLS, with the Receiver's token. The Kubernetes side is
 * {@link io.fluxfleet.notifications.Webhooks}, which registers the hooks as its children so their URNs stay where
 * they have always been.
 */
public final class ReceiverHooks {
    /** GitLab's wildcard strategy: the branch filter is a branch name (or a pattern), matched exactly here. */
    public static final String BRANCH_FILTER_STRATEGY = "wildcard";

    private ReceiverHooks() {}

    /**
     * One Receiver's hook.
     *
     * @param projectId    the tenant's numeric GitLab project ID, which the hook addresses the project by (a path
     *                     would break when the project is renamed or moved, as for every other GitLab resource)
     * @param environment  the environment whose branch the hook is filtered to
     * @param namespace    the Receiver's namespace
     * @param receiverName the Receiver's name
     * @param url          the Receiver's public URL, a secret
     * @param token        the Receiver's token, a secret
     */
    public record Hook(String projectId, Environment environment, String namespace, String receiverName,
                       Output<String> url, Output<String> token) {}

    /** Registers {@code hook} under the Pulumi name {@code name}; {@code options} carry parent, provider, protection. */
    public static ProjectHook create(String name, Hook hook, CustomResourceOptions options) {
        Environment env = hook.environment();
        return new ProjectHook(name, ProjectHookArgs.builder()
                .project(hook.projectId())
                .url(hook.url())
                .token(hook.token())
                .name(GitLabNames.projectHook(env, hook.namespace()))
                .description("Flux Receiver " + hook.namespace() + "/" + hook.receiverName() + " (fluxfleet, "
                        + env.id() + ")")
                .pushEvents(true)
                .pushEventsBranchFilter(env.branch())
                .branchFilterStrategy(BRANCH_FILTER_STRATEGY)
                .mergeRequestsEvents(false)
                .tagPushEvents(false)
                .enableSslVerification(true)
                .build(), options);
    }
}
