package io.fluxfleet.gitlab.bindings.outputs;

import com.pulumi.core.annotations.CustomType;
import java.util.Optional;

/** Nested output {@code gitlab:index/getProjectBranchesBranch:getProjectBranchesBranch}. */
@CustomType
public final class GetProjectBranchesBranch {
    private String name;
    private Boolean protected_;
    private Boolean default_;
    private Boolean merged;
    private Boolean canPush;
    private Boolean developersCanMerge;
    private Boolean developersCanPush;
    private String webUrl;

    private GetProjectBranchesBranch() {
    }

    /** The name of the branch. */
    public String name() {
        return this.name;
    }

    /** Bool, true if branch has branch protection. */
    public Boolean protected_() {
        return this.protected_;
    }

    /** Bool, true if branch is the default branch for the project. */
    public Boolean default_() {
        return this.default_;
    }

    /** Bool, true if the branch has been merged into its parent. */
    public Boolean merged() {
        return this.merged;
    }

    /** Bool, true if you can push to the branch. */
    public Boolean canPush() {
        return this.canPush;
    }

    /** Bool, true if developer level access allows to merge branch. */
    public Boolean developersCanMerge() {
        return this.developersCanMerge;
    }

    /** Bool, true if developer level access allows git push. */
    public Boolean developersCanPush() {
        return this.developersCanPush;
    }

    /** URL that can be used to find the branch in a browser. */
    public String webUrl() {
        return this.webUrl;
    }

    public static Builder builder() {
        return new Builder();
    }

    @CustomType.Builder
    public static final class Builder {
        private String name;
        private Boolean protected_;
        private Boolean default_;
        private Boolean merged;
        private Boolean canPush;
        private Boolean developersCanMerge;
        private Boolean developersCanPush;
        private String webUrl;

        @CustomType.Setter
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        @CustomType.Setter("protected")
        public Builder protected_(Boolean protected_) {
            this.protected_ = protected_;
            return this;
        }

        @CustomType.Setter("default")
        public Builder default_(Boolean default_) {
            this.default_ = default_;
            return this;
        }

        @CustomType.Setter
        public Builder merged(Boolean merged) {
            this.merged = merged;
            return this;
        }

        @CustomType.Setter
        public Builder canPush(Boolean canPush) {
            this.canPush = canPush;
            return this;
        }

        @CustomType.Setter
        public Builder developersCanMerge(Boolean developersCanMerge) {
            this.developersCanMerge = developersCanMerge;
            return this;
        }

        @CustomType.Setter
        public Builder developersCanPush(Boolean developersCanPush) {
            this.developersCanPush = developersCanPush;
            return this;
        }

        @CustomType.Setter
        public Builder webUrl(String webUrl) {
            this.webUrl = webUrl;
            return this;
        }

        public GetProjectBranchesBranch build() {
            GetProjectBranchesBranch o = new GetProjectBranchesBranch();
            o.name = name;
            o.protected_ = protected_;
            o.default_ = default_;
            o.merged = merged;
            o.canPush = canPush;
            o.developersCanMerge = developersCanMerge;
            o.developersCanPush = developersCanPush;
            o.webUrl = webUrl;
            return o;
        }
    }
}
