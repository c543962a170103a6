package io.fluxfleet.gitlab.bindings.outputs;

import com.pulumi.core.annotations.CustomType;
import java.util.List;
import java.util.Optional;

/** The result of {@code gitlab:index/getProject:getProject}: an existing project. */
@CustomType
public final class GetProjectResult {
    private String id;
    private String name;
    private String path;
    private String pathWithNamespace;
    private String defaultBranch;
    private Boolean archived;
    private Boolean emptyRepo;
    private String mergeMethod;
    private Boolean onlyAllowMergeIfPipelineSucceeds;
    private Boolean onlyAllowMergeIfAllDiscussionsAreResolved;
    private Boolean allowMergeOnSkippedPipeline;
    private String squashOption;
    private String webUrl;
    private String httpUrlToRepo;
    private List<GetProjectSharedWithGroup> sharedWithGroups;

    private GetProjectResult() {
    }

    /** The integer that uniquely identifies the project within the gitlab install. */
    public String id() {
        return this.id;
    }

    /** The name of the project. */
    public String name() {
        return this.name;
    }

    /** The path of the project. */
    public String path() {
        return this.path;
    }

    /** The path of the repository with namespace. */
    public String pathWithNamespace() {
        return this.pathWithNamespace;
    }

    /** The default branch name of the project. */
    public String defaultBranch() {
        return this.defaultBranch;
    }

    /** Whether the project is in read-only mode (archived). */
    public Boolean archived() {
        return this.archived;
    }

    /** Whether the project is empty. */
    public Boolean emptyRepo() {
        return this.emptyRepo;
    }

    /** Squash commits when merge request is merged: `never`, `always`, `default_on` or `default_off`. */
    public String squashOption() {
        return this.squashOption;
    }

    /** Merge method for the project. */
    public String mergeMethod() {
        return this.mergeMethod;
    }

    /** Whether `onlyAllowMergeIfPipelineSucceeds` is enabled for the project. */
    public Boolean onlyAllowMergeIfPipelineSucceeds() {
        return this.onlyAllowMergeIfPipelineSucceeds;
    }

    /** Whether `onlyAllowMergeIfAllDiscussionsAreResolved` is enabled for the project. */
    public Boolean onlyAllowMergeIfAllDiscussionsAreResolved() {
        return this.onlyAllowMergeIfAllDiscussionsAreResolved;
    }

    /** Whether `allowMergeOnSkippedPipeline` is enabled for the project. */
    public Boolean allowMergeOnSkippedPipeline() {
        return this.allowMergeOnSkippedPipeline;
    }

    /** URL that can be used to find the project in a browser. */
    public String webUrl() {
        return this.webUrl;
    }

    /** The HTTP clone URL of the project. */
    public String httpUrlToRepo() {
        return this.httpUrlToRepo;
    }

    /** The groups the project is shared with (invited groups), with the role each share grants at most. */
    public List<GetProjectSharedWithGroup> sharedWithGroups() {
        return this.sharedWithGroups == null ? List.of() : this.sharedWithGroups;
    }

    public static Builder builder() {
        return new Builder();
    }

    @CustomType.Builder
    public static final class Builder {
        private String id;
        private String name;
        private String path;
        private String pathWithNamespace;
        private String defaultBranch;
        private Boolean archived;
        private Boolean emptyRepo;
        private String mergeMethod;
        private Boolean onlyAllowMergeIfPipelineSucceeds;
        private Boolean onlyAllowMergeIfAllDiscussionsAreResolved;
        private Boolean allowMergeOnSkippedPipeline;
        private String squashOption;
        private String webUrl;
        private String httpUrlToRepo;
        private List<GetProjectSharedWithGroup> sharedWithGroups;

        @CustomType.Setter
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        @CustomType.Setter
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        @CustomType.Setter
        public Builder path(String path) {
            this.path = path;
            return this;
        }

        @CustomType.Setter
        public Builder pathWithNamespace(String pathWithNamespace) {
            this.pathWithNamespace = pathWithNamespace;
            return this;
        }

        @CustomType.Setter
        public Builder defaultBranch(String defaultBranch) {
            this.defaultBranch = defaultBranch;
            return this;
        }

        @CustomType.Setter
        public Builder archived(Boolean archived) {
            this.archived = archived;
            return this;
        }

        @CustomType.Setter
        public Builder emptyRepo(Boolean emptyRepo) {
            this.emptyRepo = emptyRepo;
            return this;
        }

        @CustomType.Setter
        public Builder squashOption(String squashOption) {
            this.squashOption = squashOption;
            return this;
        }

        @CustomType.Setter
        public Builder mergeMethod(String mergeMethod) {
            this.mergeMethod = mergeMethod;
            return this;
        }

        @CustomType.Setter
        public Builder onlyAllowMergeIfPipelineSucceeds(Boolean onlyAllowMergeIfPipelineSucceeds) {
            this.onlyAllowMergeIfPipelineSucceeds = onlyAllowMergeIfPipelineSucceeds;
            return this;
        }

        @CustomType.Setter
        public Builder onlyAllowMergeIfAllDiscussionsAreResolved(Boolean onlyAllowMergeIfAllDiscussionsAreResolved) {
            this.onlyAllowMergeIfAllDiscussionsAreResolved = onlyAllowMergeIfAllDiscussionsAreResolved;
            return this;
        }

        @CustomType.Setter
        public Builder allowMergeOnSkippedPipeline(Boolean allowMergeOnSkippedPipeline) {
            this.allowMergeOnSkippedPipeline = allowMergeOnSkippedPipeline;
            return this;
        }

        @CustomType.Setter
        public Builder webUrl(String webUrl) {
            this.webUrl = webUrl;
            return this;
        }

        @CustomType.Setter
        public Builder httpUrlToRepo(String httpUrlToRepo) {
            this.httpUrlToRepo = httpUrlToRepo;
            return this;
        }

        @CustomType.Setter
        public Builder sharedWithGroups(List<GetProjectSharedWithGroup> sharedWithGroups) {
            this.sharedWithGroups = sharedWithGroups;
            return this;
        }

        public GetProjectResult build() {
            GetProjectResult o = new GetProjectResult();
            o.id = id;
            o.name = name;
            o.path = path;
            o.pathWithNamespace = pathWithNamespace;
            o.defaultBranch = defaultBranch;
            o.archived = archived;
            o.emptyRepo = emptyRepo;
            o.mergeMethod = mergeMethod;
            o.onlyAllowMergeIfPipelineSucceeds = onlyAllowMergeIfPipelineSucceeds;
            o.onlyAllowMergeIfAllDiscussionsAreResolved = onlyAllowMergeIfAllDiscussionsAreResolved;
            o.allowMergeOnSkippedPipeline = allowMergeOnSkippedPipeline;
            o.squashOption = squashOption;
            o.webUrl = webUrl;
            o.httpUrlToRepo = httpUrlToRepo;
            o.sharedWithGroups = sharedWithGroups;
            return o;
        }
    }
}
