package io.fluxfleet.gitlab.bindings;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;

/**
 * A group invited to ("shared with") a project with a maximum role. Every input replaces the share. Import ID:
 * {@code <project>:<group id>}.
 */
@ResourceType(type = "gitlab:index/projectShareGroup:ProjectShareGroup")
public class ProjectShareGroup extends CustomResource {
    /** Share expiration date. Format: {@code YYYY-MM-DD}. */
    @Export(name = "expiresAt", refs = {String.class}, tree = "[0]")
    private Output<String> expiresAt;

    public Output<String> expiresAt() {
        return this.expiresAt;
    }

    /** The access level to grant the group for the project. */
    @Export(name = "groupAccess", refs = {String.class}, tree = "[0]")
    private Output<String> groupAccess;

    public Output<String> groupAccess() {
        return this.groupAccess;
    }

    /** The id of the group. */
    @Export(name = "groupId", refs = {Integer.class}, tree = "[0]")
    private Output<Integer> groupId;

    public Output<Integer> groupId() {
        return this.groupId;
    }

    /** The ID or URL-encoded path of the project. */
    @Export(name = "project", refs = {String.class}, tree = "[0]")
    private Output<String> project;

    public Output<String> project() {
        return this.project;
    }

    public ProjectShareGroup(String name, ProjectShareGroupArgs args) {
        this(name, args, null);
    }

    /** @param options merged over the defaults, which pin the plugin version; may be null */
    public ProjectShareGroup(String name, ProjectShareGroupArgs args, CustomResourceOptions options) {
        super("gitlab:index/projectShareGroup:ProjectShareGroup", name, args, GitLabPlugin.withDefaults(options));
    }
}
