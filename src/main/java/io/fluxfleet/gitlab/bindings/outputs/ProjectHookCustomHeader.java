package io.fluxfleet.gitlab.bindings.outputs;

import com.pulumi.core.annotations.CustomType;
import java.util.Optional;

/** Nested output {@code gitlab:index/ProjectHookCustomHeader:ProjectHookCustomHeader}. */
@CustomType
public final class ProjectHookCustomHeader {
    private String key;
    private String value;

    private ProjectHookCustomHeader() {
    }

    /** Key of the custom header. */
    public String key() {
        return this.key;
    }

    /** Value of the custom header. */
    public String value() {
        return this.value;
    }

    public static Builder builder() {
        return new Builder();
    }

    @CustomType.Builder
    public static final class Builder {
        private String key;
        private String value;

        @CustomType.Setter
        public Builder key(String key) {
            this.key = key;
            return this;
        }

        @CustomType.Setter
        public Builder value(String value) {
            this.value = value;
            return this;
        }

        public ProjectHookCustomHeader build() {
            ProjectHookCustomHeader o = new ProjectHookCustomHeader();
            o.key = key;
            o.value = value;
            return o;
        }
    }
}
