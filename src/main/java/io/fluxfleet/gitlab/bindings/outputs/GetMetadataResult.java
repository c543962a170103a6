package io.fluxfleet.gitlab.bindings.outputs;

import com.pulumi.core.annotations.CustomType;

/**
 * The result of {@code gitlab:index/getMetadata:getMetadata}: the instance's edition and version. {@code enterprise}
 * is the edition (EE), not a licence: an unlicensed EE instance reports {@code true}.
 */
@CustomType
public final class GetMetadataResult {
    private Boolean enterprise;
    private String id;
    private String revision;
    private String version;

    private GetMetadataResult() {
    }

    /** If the GitLab instance is an enterprise instance or not. */
    public Boolean enterprise() {
        return this.enterprise;
    }

    /** The id of the data source. It will always be {@code 1}. */
    public String id() {
        return this.id;
    }

    /** Revision of the GitLab instance. */
    public String revision() {
        return this.revision;
    }

    /** Version of the GitLab instance. */
    public String version() {
        return this.version;
    }

    public static Builder builder() {
        return new Builder();
    }

    @CustomType.Builder
    public static final class Builder {
        private Boolean enterprise;
        private String id;
        private String revision;
        private String version;

        @CustomType.Setter
        public Builder enterprise(Boolean enterprise) {
            this.enterprise = enterprise;
            return this;
        }

        @CustomType.Setter
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        @CustomType.Setter
        public Builder revision(String revision) {
            this.revision = revision;
            return this;
        }

        @CustomType.Setter
        public Builder version(String version) {
            this.version = version;
            return this;
        }

        public GetMetadataResult build() {
            GetMetadataResult o = new GetMetadataResult();
            o.enterprise = enterprise;
            o.id = id;
            o.revision = revision;
            o.version = version;
            return o;
        }
    }
}
