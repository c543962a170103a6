package io.fluxfleet.gitlab.bindings.outputs;

import com.pulumi.core.annotations.CustomType;
import java.util.Optional;

/** The result of {@code gitlab:index/getRepositoryFile:getRepositoryFile}: one file of a ref; fails when it does not exist. */
@CustomType
public final class GetRepositoryFileResult {
    private String blobId;
    private String commitId;
    private String content;
    private String contentSha256;
    private String encoding;
    private Boolean executeFilemode;
    private String fileName;
    private String filePath;
    private String id;
    private String lastCommitId;
    private String project;
    private String ref;
    private Integer size;

    private GetRepositoryFileResult() {
    }

    /** The blob id. */
    public String blobId() {
        return this.blobId;
    }

    /** The commit id. */
    public String commitId() {
        return this.commitId;
    }

    /** File content. */
    public String content() {
        return this.content;
    }

    /** File content sha256 digest. */
    public String contentSha256() {
        return this.contentSha256;
    }

    /** The file content encoding. */
    public String encoding() {
        return this.encoding;
    }

    /** Enables or disables the execute flag on the file. */
    public Boolean executeFilemode() {
        return this.executeFilemode;
    }

    /** The filename. */
    public String fileName() {
        return this.fileName;
    }

    /** The full path of the file. */
    public String filePath() {
        return this.filePath;
    }

    /** The ID of this datasource. */
    public String id() {
        return this.id;
    }

    /** The last known commit id. */
    public String lastCommitId() {
        return this.lastCommitId;
    }

    /** The name or ID of the project. */
    public String project() {
        return this.project;
    }

    /** The name of branch, tag or commit. */
    public String ref() {
        return this.ref;
    }

    /** The file size. */
    public Integer size() {
        return this.size;
    }

    public static Builder builder() {
        return new Builder();
    }

    @CustomType.Builder
    public static final class Builder {
        private String blobId;
        private String commitId;
        private String content;
        private String contentSha256;
        private String encoding;
        private Boolean executeFilemode;
        private String fileName;
        private String filePath;
        private String id;
        private String lastCommitId;
        private String project;
        private String ref;
        private Integer size;

        @CustomType.Setter
        public Builder blobId(String blobId) {
            this.blobId = blobId;
            return this;
        }

        @CustomType.Setter
        public Builder commitId(String commitId) {
            this.commitId = commitId;
            return this;
        }

        @CustomType.Setter
        public Builder content(String content) {
            this.content = content;
            return this;
        }

        @CustomType.Setter
        public Builder contentSha256(String contentSha256) {
            this.contentSha256 = contentSha256;
            return this;
        }

        @CustomType.Setter
        public Builder encoding(String encoding) {
            this.encoding = encoding;
            return this;
        }

        @CustomType.Setter
        public Builder executeFilemode(Boolean executeFilemode) {
            this.executeFilemode = executeFilemode;
            return this;
        }

        @CustomType.Setter
        public Builder fileName(String fileName) {
            this.fileName = fileName;
            return this;
        }

        @CustomType.Setter
        public Builder filePath(String filePath) {
            this.filePath = filePath;
            return this;
        }

        @CustomType.Setter
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        @CustomType.Setter
        public Builder lastCommitId(String lastCommitId) {
            this.lastCommitId = lastCommitId;
            return this;
        }

        @CustomType.Setter
        public Builder project(String project) {
            this.project = project;
            return this;
        }

        @CustomType.Setter
        public Builder ref(String ref) {
            this.ref = ref;
            return this;
        }

        @CustomType.Setter
        public Builder size(Integer size) {
            this.size = size;
            return this;
        }

        public GetRepositoryFileResult build() {
            GetRepositoryFileResult o = new GetRepositoryFileResult();
            o.blobId = blobId;
            o.commitId = commitId;
            o.content = content;
            o.contentSha256 = contentSha256;
            o.encoding = encoding;
            o.executeFilemode = executeFilemode;
            o.fileName = fileName;
            o.filePath = filePath;
            o.id = id;
            o.lastCommitId = lastCommitId;
            o.project = project;
            o.ref = ref;
            o.size = size;
            return o;
        }
    }
}
