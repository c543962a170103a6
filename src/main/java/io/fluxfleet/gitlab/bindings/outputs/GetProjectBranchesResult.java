package io.fluxfleet.gitlab.bindings.outputs;

import com.pulumi.core.annotations.CustomType;
import java.util.List;
import java.util.Optional;

/** The result of {@code gitlab:index/getProjectBranches:getProjectBranches}: a project's branches, optionally filtered. */
@CustomType
public final class GetProjectBranchesResult {
    private List<GetProjectBranchesBranch> branches;
    private String id;
    private String project;
    private String regex;
    private String search;

    private GetProjectBranchesResult() {
    }

    /** The list of branches of the project, as defined below. */
    public List<GetProjectBranchesBranch> branches() {
        return this.branches;
    }

    /** The ID of this datasource. */
    public String id() {
        return this.id;
    }

    /** ID or URL-encoded path of the project owned by the authenticated user. */
    public String project() {
        return this.project;
    }

    /** Regex pattern to filter the returned branches by name. */
    public Optional<String> regex() {
        return Optional.ofNullable(this.regex);
    }

    /** A search string to filter branches by name. */
    public Optional<String> search() {
        return Optional.ofNullable(this.search);
    }

    public static Builder builder() {
        return new Builder();
    }

    @CustomType.Builder
    public static final class Builder {
        private List<GetProjectBranchesBranch> branches;
        private String id;
        private String project;
        private String regex;
        private String search;

        @CustomType.Setter
        public Builder branches(List<GetProjectBranchesBranch> branches) {
            this.branches = branches;
            return this;
        }

        @CustomType.Setter
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        @CustomType.Setter
        public Builder project(String project) {
            this.project = project;
            return this;
        }

        @CustomType.Setter
        public Builder regex(String regex) {
            this.regex = regex;
            return this;
        }

        @CustomType.Setter
        public Builder search(String search) {
            this.search = search;
            return this;
        }

        public GetProjectBranchesResult build() {
            GetProjectBranchesResult o = new GetProjectBranchesResult();
            o.branches = branches;
            o.id = id;
            o.project = project;
            o.regex = regex;
            o.search = search;
            return o;
        }
    }
}
