package io.fluxfleet.gitlab.bindings;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import java.util.List;

/**
 * A GitLab project. fluxfleet never creates or deletes projects: it adopts an existing one (import) to hold a few
 * merge request settings, so only those inputs are modelled; every other input is listed in
 * {@link #UNMANAGED_INPUTS} for {@code ignoreChanges}.
 */
@ResourceType(type = "gitlab:index/project:Project")
public class Project extends CustomResource {
    /**
     * Every input of {@code gitlab:index/project:Project} v10.1.1 this binding does not model. An adopted project
     * lists them (and the modelled inputs it leaves unset) in {@code ignoreChanges}: the engine then keeps their
     * current values, so an update never resets a setting fluxfleet does not own. {@code GitLabSchemaTest} checks
     * that this list and the modelled inputs together are exactly the schema's inputs.
     */
    public static final List<String> UNMANAGED_INPUTS = List.of(
            "allowPipelineTriggerApproveDeployment", "analyticsAccessLevel", "archived",
            "autoCancelPendingPipelines", "autoDevopsDeployStrategy", "autoDevopsEnabled",
            "autoDuoCodeReviewEnabled", "autocloseReferencedIssues", "avatar", "avatarHash", "branches",
            "buildGitStrategy", "buildTimeout", "buildsAccessLevel", "ciConfigPath", "ciDefaultGitDepth",
            "ciDeletePipelinesInSeconds", "ciDisplayPipelineVariables", "ciForwardDeploymentEnabled",
            "ciForwardDeploymentRollbackAllowed", "ciIdTokenSubClaimComponents",
            "ciPipelineVariablesMinimumOverrideRole", "ciPushRepositoryForJobTokenAllowed",
            "ciRestrictPipelineCancellationRole", "ciSeparatedCaches", "containerExpirationPolicy",
            "containerRegistryAccessLevel", "description", "emailsEnabled", "environmentsAccessLevel",
            "externalAuthorizationClassificationLabel", "featureFlagsAccessLevel", "forkedFromProjectId",
            "forkingAccessLevel", "groupRunnersEnabled", "groupWithProjectTemplatesId", "importUrl",
            "importUrlPassword", "importUrlUsername", "infrastructureAccessLevel", "initializeWithReadme",
            "issueBranchTemplate", "issuesAccessLevel", "issuesTemplate", "keepLatestArtifact", "lfsEnabled",
            "maxArtifactsSize", "mergeCommitTemplate", "mergePipelinesEnabled", "mergeRequestTitleRegex",
            "mergeRequestTitleRegexDescription", "mergeRequestsAccessLevel", "mergeRequestsTemplate",
            "mergeTrainsEnabled", "mergeTrainsSkipTrainAllowed", "modelExperimentsAccessLevel",
            "modelRegistryAccessLevel", "monitorAccessLevel", "mrDefaultTargetSelf", "packageRegistryAccessLevel",
            "packagesEnabled", "pagesAccessLevel", "permanentlyDeleteOnDestroy", "preReceiveSecretDetectionEnabled",
            "preventMergeWithoutJiraIssue", "printingMergeRequestLinkEnabled", "protectMergeRequestPipelines",
            "publicBuilds", "publicJobs", "pushRules", "releasesAccessLevel", "removeSourceBranchAfterMerge",
            "repositoryAccessLevel", "repositoryStorage", "requestAccessEnabled", "requirementsAccessLevel",
            "resolveOutdatedDiffDiscussions", "resourceGroupDefaultProcessMode", "securityAndComplianceAccessLevel",
            "sharedRunnersEnabled", "skipWaitForDefaultBranchProtection", "snippetsAccessLevel",
            "squashCommitTemplate", "suggestionCommitMessage", "templateName", "templateProjectId",
            "topics", "useCustomTemplate", "visibilityLevel", "wikiAccessLevel");

    /** The name of the project. */
    @Export(name = "name", refs = {String.class}, tree = "[0]")
    private Output<String> name;

    public Output<String> name() {
        return this.name;
    }

    /** The path of the repository. */
    @Export(name = "path", refs = {String.class}, tree = "[0]")
    private Output<String> path;

    public Output<String> path() {
        return this.path;
    }

    /** The path of the repository with namespace. */
    @Export(name = "pathWithNamespace", refs = {String.class}, tree = "[0]")
    private Output<String> pathWithNamespace;

    public Output<String> pathWithNamespace() {
        return this.pathWithNamespace;
    }

    /** The namespace (group or user) of the project. */
    @Export(name = "namespaceId", refs = {Integer.class}, tree = "[0]")
    private Output<Integer> namespaceId;

    public Output<Integer> namespaceId() {
        return this.namespaceId;
    }

    /** The default branch for the project. */
    @Export(name = "defaultBranch", refs = {String.class}, tree = "[0]")
    private Output<String> defaultBranch;

    public Output<String> defaultBranch() {
        return this.defaultBranch;
    }

    /** Set the merge method. */
    @Export(name = "mergeMethod", refs = {String.class}, tree = "[0]")
    private Output<String> mergeMethod;

    public Output<String> mergeMethod() {
        return this.mergeMethod;
    }

    /** Set to true if you want allow merges only if a pipeline succeeds. */
    @Export(name = "onlyAllowMergeIfPipelineSucceeds", refs = {Boolean.class}, tree = "[0]")
    private Output<Boolean> onlyAllowMergeIfPipelineSucceeds;

    public Output<Boolean> onlyAllowMergeIfPipelineSucceeds() {
        return this.onlyAllowMergeIfPipelineSucceeds;
    }

    /** Set to true if you want allow merges only if all discussions are resolved. */
    @Export(name = "onlyAllowMergeIfAllDiscussionsAreResolved", refs = {Boolean.class}, tree = "[0]")
    private Output<Boolean> onlyAllowMergeIfAllDiscussionsAreResolved;

    public Output<Boolean> onlyAllowMergeIfAllDiscussionsAreResolved() {
        return this.onlyAllowMergeIfAllDiscussionsAreResolved;
    }

    /** Set to true if you want to treat skipped pipelines as if they finished with success. */
    @Export(name = "allowMergeOnSkippedPipeline", refs = {Boolean.class}, tree = "[0]")
    private Output<Boolean> allowMergeOnSkippedPipeline;

    public Output<Boolean> allowMergeOnSkippedPipeline() {
        return this.allowMergeOnSkippedPipeline;
    }

    /** Set to `true` to archive the project instead of deleting on destroy. */
    @Export(name = "archiveOnDestroy", refs = {Boolean.class}, tree = "[0]")
    private Output<Boolean> archiveOnDestroy;

    public Output<Boolean> archiveOnDestroy() {
        return this.archiveOnDestroy;
    }

    /** URL that can be used to find the project in a browser. */
    @Export(name = "webUrl", refs = {String.class}, tree = "[0]")
    private Output<String> webUrl;

    public Output<String> webUrl() {
        return this.webUrl;
    }

    /** URL that can be provided to `git clone` to clone the */
    @Export(name = "httpUrlToRepo", refs = {String.class}, tree = "[0]")
    private Output<String> httpUrlToRepo;

    public Output<String> httpUrlToRepo() {
        return this.httpUrlToRepo;
    }

    public Project(String name, ProjectArgs args) {
        this(name, args, null);
    }

    /** @param options merged over the defaults, which pin the plugin version; may be null */
    public Project(String name, ProjectArgs args, CustomResourceOptions options) {
        super("gitlab:index/project:Project", name, args, GitLabPlugin.withDefaults(options, "importUrlPassword", "runnersToken"));
    }
}
