package io.fluxfleet.gitlab.bindings.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.InvokeArgs;
import java.util.Optional;

/** The arguments of {@code gitlab:index/getUser:getUser}. */
public final class GetUserArgs extends InvokeArgs {
    public static final GetUserArgs Empty = new GetUserArgs();

    /** The username of the user. */
    @Import(name = "username")
    private Output<String> username;

    public Optional<Output<String>> username() {
        return Optional.ofNullable(this.username);
    }

    /** The ID of the user. */
    @Import(name = "userId")
    private Output<Integer> userId;

    public Optional<Output<Integer>> userId() {
        return Optional.ofNullable(this.userId);
    }

    private GetUserArgs() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final GetUserArgs $ = new GetUserArgs();

        public Builder username(Output<String> username) {
            $.username = username;
            return this;
        }

        public Builder username(String username) {
            return username(Output.of(username));
        }

        public Builder userId(Output<Integer> userId) {
            $.userId = userId;
            return this;
        }

        public Builder userId(Integer userId) {
            return userId(Output.of(userId));
        }

        /** @throws MissingRequiredPropertyException when a required input is missing */
        public GetUserArgs build() {
            return $;
        }
    }
}
