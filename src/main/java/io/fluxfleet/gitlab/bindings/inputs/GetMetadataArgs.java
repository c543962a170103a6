package io.fluxfleet.gitlab.bindings.inputs;

import com.pulumi.resources.InvokeArgs;

/** The arguments of {@code gitlab:index/getMetadata:getMetadata}: none, it describes the instance. */
public final class GetMetadataArgs extends InvokeArgs {
    public static final GetMetadataArgs Empty = new GetMetadataArgs();

    private GetMetadataArgs() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        public GetMetadataArgs build() {
            return new GetMetadataArgs();
        }
    }
}
