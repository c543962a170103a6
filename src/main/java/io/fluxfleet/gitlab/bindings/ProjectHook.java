package io.fluxfleet.gitlab.bindings;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import io.fluxfleet.gitlab.bindings.outputs.ProjectHookCustomHeader;
import java.util.List;

/**
 * A project webhook, e.g. a Flux Receiver notified on pushes to one branch ({@code pushEventsBranchFilter}).
 */
@ResourceType(type = "gitlab:index/projectHook:ProjectHook")
public class ProjectHook extends CustomResource {
    /** The name or id of the project to add the hook to. */
    @Export(name = "project", refs = {String.class}, tree = "[0]")
    private Output<String> project;

    public Output<String> project() {
        return this.project;
    }

    /** The id of the project for the hook. */
    @Export(name = "projectId", refs = {Integer.class}, tree = "[0]")
    private Output<Integer> projectId;

    public Output<Integer> projectId() {
        return this.projectId;
    }

    /** The id of the project hook. */
    @Export(name = "hookId", refs = {Integer.class}, tree = "[0]")
    private Output<Integer> hookId;

    public Output<Integer> hookId() {
        return this.hookId;
    }

    /** The url of the hook to invoke. */
    @Export(name = "url", refs = {String.class}, tree = "[0]")
    private Output<String> url;

    public Output<String> url() {
        return this.url;
    }

    /** Name of the project webhook. */
    @Export(name = "name", refs = {String.class}, tree = "[0]")
    private Output<String> name;

    public Output<String> name() {
        return this.name;
    }

    /** Description of the webhook. */
    @Export(name = "description", refs = {String.class}, tree = "[0]")
    private Output<String> description;

    public Output<String> description() {
        return this.description;
    }

    /** A token to present when invoking the hook. */
    @Export(name = "token", refs = {String.class}, tree = "[0]")
    private Output<String> token;

    public Output<String> token() {
        return this.token;
    }

    /** Invoke the hook for push events. */
    @Export(name = "pushEvents", refs = {Boolean.class}, tree = "[0]")
    private Output<Boolean> pushEvents;

    public Output<Boolean> pushEvents() {
        return this.pushEvents;
    }

    /** Invoke the hook for push events on matching branches only. */
    @Export(name = "pushEventsBranchFilter", refs = {String.class}, tree = "[0]")
    private Output<String> pushEventsBranchFilter;

    public Output<String> pushEventsBranchFilter() {
        return this.pushEventsBranchFilter;
    }

    /** Filter push events by branch. */
    @Export(name = "branchFilterStrategy", refs = {String.class}, tree = "[0]")
    private Output<String> branchFilterStrategy;

    public Output<String> branchFilterStrategy() {
        return this.branchFilterStrategy;
    }

    /** Invoke the hook for merge requests events. */
    @Export(name = "mergeRequestsEvents", refs = {Boolean.class}, tree = "[0]")
    private Output<Boolean> mergeRequestsEvents;

    public Output<Boolean> mergeRequestsEvents() {
        return this.mergeRequestsEvents;
    }

    /** Invoke the hook for tag push events. */
    @Export(name = "tagPushEvents", refs = {Boolean.class}, tree = "[0]")
    private Output<Boolean> tagPushEvents;

    public Output<Boolean> tagPushEvents() {
        return this.tagPushEvents;
    }

    /** Invoke the hook for pipeline events. */
    @Export(name = "pipelineEvents", refs = {Boolean.class}, tree = "[0]")
    private Output<Boolean> pipelineEvents;

    public Output<Boolean> pipelineEvents() {
        return this.pipelineEvents;
    }

    /** Enable SSL verification when invoking the hook. */
    @Export(name = "enableSslVerification", refs = {Boolean.class}, tree = "[0]")
    private Output<Boolean> enableSslVerification;

    public Output<Boolean> enableSslVerification() {
        return this.enableSslVerification;
    }

    /** Custom headers for the project webhook. */
    @Export(name = "customHeaders", refs = {List.class, ProjectHookCustomHeader.class}, tree = "[0,1]")
    private Output<List<ProjectHookCustomHeader>> customHeaders;

    public Output<List<ProjectHookCustomHeader>> customHeaders() {
        return this.customHeaders;
    }

    public ProjectHook(String name, ProjectHookArgs args) {
        this(name, args, null);
    }

    /** @param options merged over the defaults, which pin the plugin version; may be null */
    public ProjectHook(String name, ProjectHookArgs args, CustomResourceOptions options) {
        super("gitlab:index/projectHook:ProjectHook", name, args, GitLabPlugin.withDefaults(options, "signingToken", "token"));
    }
}
