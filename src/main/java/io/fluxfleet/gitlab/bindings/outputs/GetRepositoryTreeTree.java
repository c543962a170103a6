package io.fluxfleet.gitlab.bindings.outputs;

import com.pulumi.core.annotations.CustomType;
import java.util.Optional;

/** Nested output {@code gitlab:index/getRepositoryTreeTree:getRepositoryTreeTree}. */
@CustomType
public final class GetRepositoryTreeTree {
    private String mode;
    private String name;
    private String nodeId;
    private String path;
    private String type;

    private GetRepositoryTreeTree() {
    }

    /** Unix access mode of the file in the repository. */
    public String mode() {
        return this.mode;
    }

    /** Name of the blob or tree in the repository */
    public String name() {
        return this.name;
    }

    /** The SHA-1 hash of the tree or blob in the repository. */
    public String nodeId() {
        return this.nodeId;
    }

    /** Path of the object inside of the repository. */
    public String path() {
        return this.path;
    }

    /** Type of object in the repository. */
    public String type() {
        return this.type;
    }

    public static Builder builder() {
        return new Builder();
    }

    @CustomType.Builder
    public static final class Builder {
        private String mode;
        private String name;
        private String nodeId;
        private String path;
        private String type;

        @CustomType.Setter
        public Builder mode(String mode) {
            this.mode = mode;
            return this;
        }

        @CustomType.Setter
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        @CustomType.Setter
        public Builder nodeId(String nodeId) {
            this.nodeId = nodeId;
            return this;
        }

        @CustomType.Setter
        public Builder path(String path) {
            this.path = path;
            return this;
        }

        @CustomType.Setter
        public Builder type(String type) {
            this.type = type;
            return this;
        }

        public GetRepositoryTreeTree build() {
            GetRepositoryTreeTree o = new GetRepositoryTreeTree();
            o.mode = mode;
            o.name = name;
            o.nodeId = nodeId;
            o.path = path;
            o.type = type;
            return o;
        }
    }
}
