package io.fluxfleet.gitlab.bindings.outputs;

import com.pulumi.core.annotations.CustomType;
import java.util.Optional;

/** The result of {@code gitlab:index/getGroup:getGroup}: a group, by full path or ID. */
@CustomType
public final class GetGroupResult {
    private String id;
    private Integer groupId;
    private String fullPath;
    private String name;

    private GetGroupResult() {
    }

    /** The ID of this datasource. */
    public String id() {
        return this.id;
    }

    /** The ID of the group. */
    public Integer groupId() {
        return this.groupId;
    }

    /** The full path of the group. */
    public String fullPath() {
        return this.fullPath;
    }

    /** The name of this group. */
    public String name() {
        return this.name;
    }

    public static Builder builder() {
        return new Builder();
    }

    @CustomType.Builder
    public static final class Builder {
        private String id;
        private Integer groupId;
        private String fullPath;
        private String name;

        @CustomType.Setter
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        @CustomType.Setter
        public Builder groupId(Integer groupId) {
            this.groupId = groupId;
            return this;
        }

        @CustomType.Setter
        public Builder fullPath(String fullPath) {
            this.fullPath = fullPath;
            return this;
        }

        @CustomType.Setter
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public GetGroupResult build() {
            GetGroupResult o = new GetGroupResult();
            o.id = id;
            o.groupId = groupId;
            o.fullPath = fullPath;
            o.name = name;
            return o;
        }
    }
}
