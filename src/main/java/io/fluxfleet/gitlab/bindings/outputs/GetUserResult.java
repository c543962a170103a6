package io.fluxfleet.gitlab.bindings.outputs;

import com.pulumi.core.annotations.CustomType;
import java.util.Optional;

/** The result of {@code gitlab:index/getUser:getUser}: a user, by username or ID. */
@CustomType
public final class GetUserResult {
    private String id;
    private Integer userId;
    private String username;
    private String name;
    private String state;

    private GetUserResult() {
    }

    /** The ID of this datasource. */
    public String id() {
        return this.id;
    }

    /** The ID of the user. */
    public Integer userId() {
        return this.userId;
    }

    /** The username of the user. */
    public String username() {
        return this.username;
    }

    /** The name of the user. */
    public String name() {
        return this.name;
    }

    /** Whether the user is active or blocked. */
    public String state() {
        return this.state;
    }

    public static Builder builder() {
        return new Builder();
    }

    @CustomType.Builder
    public static final class Builder {
        private String id;
        private Integer userId;
        private String username;
        private String name;
        private String state;

        @CustomType.Setter
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        @CustomType.Setter
        public Builder userId(Integer userId) {
            this.userId = userId;
            return this;
        }

        @CustomType.Setter
        public Builder username(String username) {
            this.username = username;
            return this;
        }

        @CustomType.Setter
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        @CustomType.Setter
        public Builder state(String state) {
            this.state = state;
            return this;
        }

        public GetUserResult build() {
            GetUserResult o = new GetUserResult();
            o.id = id;
            o.userId = userId;
            o.username = username;
            o.name = name;
            o.state = state;
            return o;
        }
    }
}
