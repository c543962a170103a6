package io.fluxfleet.gitlab.bindings.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;
import java.util.Optional;

/** Nested input {@code gitlab:index/ProjectHookCustomHeader:ProjectHookCustomHeader}. */
public final class ProjectHookCustomHeaderArgs extends ResourceArgs {
    public static final ProjectHookCustomHeaderArgs Empty = new ProjectHookCustomHeaderArgs();

    /** Key of the custom header. */
    @Import(name = "key", required = true)
    private Output<String> key;

    public Output<String> key() {
        return this.key;
    }

    /** Value of the custom header. */
    @Import(name = "value", required = true)
    private Output<String> value;

    public Output<String> value() {
        return this.value;
    }

    private ProjectHookCustomHeaderArgs() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final ProjectHookCustomHeaderArgs $ = new ProjectHookCustomHeaderArgs();

        public Builder key(Output<String> key) {
            $.key = key;
            return this;
        }

        public Builder key(String key) {
            return key(Output.of(key));
        }

        public Builder value(Output<String> value) {
            $.value = value;
            return this;
        }

        public Builder value(String value) {
            return value(Output.of(value));
        }

        /** @throws MissingRequiredPropertyException when a required input is missing */
        public ProjectHookCustomHeaderArgs build() {
            if ($.key == null) {
                throw new MissingRequiredPropertyException("ProjectHookCustomHeaderArgs", "key");
            }
            if ($.value == null) {
                throw new MissingRequiredPropertyException("ProjectHookCustomHeaderArgs", "value");
            }
            return $;
        }
    }
}
