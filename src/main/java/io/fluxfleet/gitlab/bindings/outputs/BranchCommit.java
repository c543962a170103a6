package io.fluxfleet.gitlab.bindings.outputs;

import com.pulumi.core.annotations.CustomType;
import java.util.List;
import java.util.Optional;

/** Nested output {@code gitlab:index/BranchCommit:BranchCommit}. */
@CustomType
public final class BranchCommit {
    private String authorEmail;
    private String authorName;
    private String authoredDate;
    private String committedDate;
    private String committerEmail;
    private String committerName;
    private String id;
    private String message;
    private List<String> parentIds;
    private String shortId;
    private String title;

    private BranchCommit() {
    }

    /** The email of the author. */
    public Optional<String> authorEmail() {
        return Optional.ofNullable(this.authorEmail);
    }

    /** The name of the author. */
    public Optional<String> authorName() {
        return Optional.ofNullable(this.authorName);
    }

    /** The date which the commit was authored (format: yyyy-MM-ddTHH:mm:ssZ). */
    public Optional<String> authoredDate() {
        return Optional.ofNullable(this.authoredDate);
    }

    /** The date at which the commit was pushed (format: yyyy-MM-ddTHH:mm:ssZ). */
    public Optional<String> committedDate() {
        return Optional.ofNullable(this.committedDate);
    }

    /** The email of the user that committed. */
    public Optional<String> committerEmail() {
        return Optional.ofNullable(this.committerEmail);
    }

    /** The name of the user that committed. */
    public Optional<String> committerName() {
        return Optional.ofNullable(this.committerName);
    }

    /** The unique id assigned to the commit by Gitlab. */
    public Optional<String> id() {
        return Optional.ofNullable(this.id);
    }

    /** The commit message */
    public Optional<String> message() {
        return Optional.ofNullable(this.message);
    }

    /** The id of the parents of the commit */
    public Optional<List<String>> parentIds() {
        return Optional.ofNullable(this.parentIds);
    }

    /** The short id assigned to the commit by Gitlab. */
    public Optional<String> shortId() {
        return Optional.ofNullable(this.shortId);
    }

    /** The title of the commit */
    public Optional<String> title() {
        return Optional.ofNullable(this.title);
    }

    public static Builder builder() {
        return new Builder();
    }

    @CustomType.Builder
    public static final class Builder {
        private String authorEmail;
        private String authorName;
        private String authoredDate;
        private String committedDate;
        private String committerEmail;
        private String committerName;
        private String id;
        private String message;
        private List<String> parentIds;
        private String shortId;
        private String title;

        @CustomType.Setter
        public Builder authorEmail(String authorEmail) {
            this.authorEmail = authorEmail;
            return this;
        }

        @CustomType.Setter
        public Builder authorName(String authorName) {
            this.authorName = authorName;
            return this;
        }

        @CustomType.Setter
        public Builder authoredDate(String authoredDate) {
            this.authoredDate = authoredDate;
            return this;
        }

        @CustomType.Setter
        public Builder committedDate(String committedDate) {
            this.committedDate = committedDate;
            return this;
        }

        @CustomType.Setter
        public Builder committerEmail(String committerEmail) {
            this.committerEmail = committerEmail;
            return this;
        }

        @CustomType.Setter
        public Builder committerName(String committerName) {
            this.committerName = committerName;
            return this;
        }

        @CustomType.Setter
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        @CustomType.Setter
        public Builder message(String message) {
            this.message = message;
            return this;
        }

        @CustomType.Setter
        public Builder parentIds(List<String> parentIds) {
            this.parentIds = parentIds;
            return this;
        }

        @CustomType.Setter
        public Builder shortId(String shortId) {
            this.shortId = shortId;
            return this;
        }

        @CustomType.Setter
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public BranchCommit build() {
            BranchCommit o = new BranchCommit();
            o.authorEmail = authorEmail;
            o.authorName = authorName;
            o.authoredDate = authoredDate;
            o.committedDate = committedDate;
            o.committerEmail = committerEmail;
            o.committerName = committerName;
            o.id = id;
            o.message = message;
            o.parentIds = parentIds;
            o.shortId = shortId;
            o.title = title;
            return o;
        }
    }
}
