package io.fluxfleet.gitlab.bindings;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;
import java.util.Optional;

/** The inputs of {@link Branch}, by their wire names in the provider schema. */
public final class BranchArgs extends ResourceArgs {
    public static final BranchArgs Empty = new BranchArgs();

    /** Indicates whether the branch is kept once the resource destroyed (must be applied before a destroy). */
    @Import(name = "keepOnDestroy")
    private Output<Boolean> keepOnDestroy;

    public Optional<Output<Boolean>> keepOnDestroy() {
        return Optional.ofNullable(this.keepOnDestroy);
    }

    /** The name for this branch. */
    @Import(name = "name")
    private Output<String> name;

    public Optional<Output<String>> name() {
        return Optional.ofNullable(this.name);
    }

    /** The ID or full path of the project which the branch is created against. */
    @Import(name = "project", required = true)
    private Output<String> project;

    public Output<String> project() {
        return this.project;
    }

    /** The ref which the branch is created from. */
    @Import(name = "ref", required = true)
    private Output<String> ref;

    public Output<String> ref() {
        return this.ref;
    }

    private BranchArgs() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final BranchArgs $ = new BranchArgs();

        public Builder keepOnDestroy(Output<Boolean> keepOnDestroy) {
            $.keepOnDestroy = keepOnDestroy;
            return this;
        }

        public Builder keepOnDestroy(Boolean keepOnDestroy) {
            return keepOnDestroy(Output.of(keepOnDestroy));
        }

        public Builder name(Output<String> name) {
            $.name = name;
            return this;
        }

        public Builder name(String name) {
            return name(Output.of(name));
        }

        public Builder project(Output<String> project) {
            $.project = project;
            return this;
        }

        public Builder project(String project) {
            return project(Output.of(project));
        }

        public Builder ref(Output<String> ref) {
            $.ref = ref;
            return this;
        }

        public Builder ref(String ref) {
            return ref(Output.of(ref));
        }

        /** @throws MissingRequiredPropertyException when a required input is missing */
        public BranchArgs build() {
            if ($.project == null) {
                throw new MissingRequiredPropertyException("BranchArgs", "project");
            }
            if ($.ref == null) {
                throw new MissingRequiredPropertyException("BranchArgs", "ref");
            }
            return $;
        }
    }
}
