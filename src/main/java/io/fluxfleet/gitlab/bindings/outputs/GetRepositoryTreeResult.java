package io.fluxfleet.gitlab.bindings.outputs;

import com.pulumi.core.annotations.CustomType;
import java.util.List;
import java.util.Optional;

/** The result of {@code gitlab:index/getRepositoryTree:getRepositoryTree}: the files and directories of a ref. */
@CustomType
public final class GetRepositoryTreeResult {
    private String id;
    private String path;
    private String project;
    private Boolean recursive;
    private String ref;
    private List<GetRepositoryTreeTree> trees;

    private GetRepositoryTreeResult() {
    }

    /** The ID of this datasource. */
    public String id() {
        return this.id;
    }

    /** The path inside repository. */
    public Optional<String> path() {
        return Optional.ofNullable(this.path);
    }

    /** The ID or full path of the project owned by the authenticated user. */
    public String project() {
        return this.project;
    }

    /** Boolean value used to get a recursive tree (false by default). */
    public Optional<Boolean> recursive() {
        return Optional.ofNullable(this.recursive);
    }

    /** The name of a repository branch or tag. */
    public String ref() {
        return this.ref;
    }

    /** The list of files/directories returned by the search */
    public List<GetRepositoryTreeTree> trees() {
        return this.trees;
    }

    public static Builder builder() {
        return new Builder();
    }

    @CustomType.Builder
    public static final class Builder {
        private String id;
        private String path;
        private String project;
        private Boolean recursive;
        private String ref;
        private List<GetRepositoryTreeTree> trees;

        @CustomType.Setter
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        @CustomType.Setter
        public Builder path(String path) {
            this.path = path;
            return this;
        }

        @CustomType.Setter
        public Builder project(String project) {
            this.project = project;
            return this;
        }

        @CustomType.Setter
        public Builder recursive(Boolean recursive) {
            this.recursive = recursive;
            return this;
        }

        @CustomType.Setter
        public Builder ref(String ref) {
            this.ref = ref;
            return this;
        }

        @CustomType.Setter
        public Builder trees(List<GetRepositoryTreeTree> trees) {
            this.trees = trees;
            return this;
        }

        public GetRepositoryTreeResult build() {
            GetRepositoryTreeResult o = new GetRepositoryTreeResult();
            o.id = id;
            o.path = path;
            o.project = project;
            o.recursive = recursive;
            o.ref = ref;
            o.trees = trees;
            return o;
        }
    }
}
