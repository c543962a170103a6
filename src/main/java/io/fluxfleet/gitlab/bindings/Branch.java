package io.fluxfleet.gitlab.bindings;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import io.fluxfleet.gitlab.bindings.outputs.BranchCommit;
import java.util.List;

/**
 * A repository branch, created from {@code ref}. The provider sets {@code ref} in state only on creation, so an
 * imported branch needs {@code ignoreChanges("ref")}.
 */
@ResourceType(type = "gitlab:index/branch:Branch")
public class Branch extends CustomResource {
    /** The name for this branch. */
    @Export(name = "name", refs = {String.class}, tree = "[0]")
    private Output<String> name;

    public Output<String> name() {
        return this.name;
    }

    /** The ID or full path of the project which the branch is created against. */
    @Export(name = "project", refs = {String.class}, tree = "[0]")
    private Output<String> project;

    public Output<String> project() {
        return this.project;
    }

    /** The ref which the branch is created from. */
    @Export(name = "ref", refs = {String.class}, tree = "[0]")
    private Output<String> ref;

    public Output<String> ref() {
        return this.ref;
    }

    /** Indicates whether the branch is kept once the resource destroyed (must be applied before a destroy). */
    @Export(name = "keepOnDestroy", refs = {Boolean.class}, tree = "[0]")
    private Output<Boolean> keepOnDestroy;

    public Output<Boolean> keepOnDestroy() {
        return this.keepOnDestroy;
    }

    /** Bool, true if branch has branch protection. */
    @Export(name = "protected", refs = {Boolean.class}, tree = "[0]")
    private Output<Boolean> protected_;

    public Output<Boolean> protected_() {
        return this.protected_;
    }

    /** Bool, true if branch is the default branch for the project. */
    @Export(name = "default", refs = {Boolean.class}, tree = "[0]")
    private Output<Boolean> default_;

    public Output<Boolean> default_() {
        return this.default_;
    }

    /** Bool, true if you can push to the branch. */
    @Export(name = "canPush", refs = {Boolean.class}, tree = "[0]")
    private Output<Boolean> canPush;

    public Output<Boolean> canPush() {
        return this.canPush;
    }

    /** Bool, true if developer level access allows to merge branch. */
    @Export(name = "developerCanMerge", refs = {Boolean.class}, tree = "[0]")
    private Output<Boolean> developerCanMerge;

    public Output<Boolean> developerCanMerge() {
        return this.developerCanMerge;
    }

    /** Bool, true if developer level access allows git push. */
    @Export(name = "developerCanPush", refs = {Boolean.class}, tree = "[0]")
    private Output<Boolean> developerCanPush;

    public Output<Boolean> developerCanPush() {
        return this.developerCanPush;
    }

    /** Bool, true if the branch has been merged into its parent. */
    @Export(name = "merged", refs = {Boolean.class}, tree = "[0]")
    private Output<Boolean> merged;

    public Output<Boolean> merged() {
        return this.merged;
    }

    /** The url of the created branch (https). */
    @Export(name = "webUrl", refs = {String.class}, tree = "[0]")
    private Output<String> webUrl;

    public Output<String> webUrl() {
        return this.webUrl;
    }

    /** The commit associated with the branch ref. */
    @Export(name = "commits", refs = {List.class, BranchCommit.class}, tree = "[0,1]")
    private Output<List<BranchCommit>> commits;

    public Output<List<BranchCommit>> commits() {
        return this.commits;
    }

    public Branch(String name, BranchArgs args) {
        this(name, args, null);
    }

    /** @param options merged over the defaults, which pin the plugin version; may be null */
    public Branch(String name, BranchArgs args, CustomResourceOptions options) {
        super("gitlab:index/branch:Branch", name, args, GitLabPlugin.withDefaults(options));
    }
}
