package io.fluxfleet.gitlab.bindings.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.InvokeArgs;
import java.util.Optional;

/** The arguments of {@code gitlab:index/getGroup:getGroup}. */
public final class GetGroupArgs extends InvokeArgs {
    public static final GetGroupArgs Empty = new GetGroupArgs();

    /** The full path of the group. */
    @Import(name = "fullPath")
    private Output<String> fullPath;

    public Optional<Output<String>> fullPath() {
        return Optional.ofNullable(this.fullPath);
    }

    /** The ID of the group. */
    @Import(name = "groupId")
    private Output<Integer> groupId;

    public Optional<Output<Integer>> groupId() {
        return Optional.ofNullable(this.groupId);
    }

    private GetGroupArgs() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final GetGroupArgs $ = new GetGroupArgs();

        public Builder fullPath(Output<String> fullPath) {
            $.fullPath = fullPath;
            return this;
        }

        public Builder fullPath(String fullPath) {
            return fullPath(Output.of(fullPath));
        }

        public Builder groupId(Output<Integer> groupId) {
            $.groupId = groupId;
            return this;
        }

        public Builder groupId(Integer groupId) {
            return groupId(Output.of(groupId));
        }

        /** @throws MissingRequiredPropertyException when a required input is missing */
        public GetGroupArgs build() {
            return $;
        }
    }
}
