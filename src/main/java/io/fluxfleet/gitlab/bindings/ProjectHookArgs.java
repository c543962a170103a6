package io.fluxfleet.gitlab.bindings;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;
import io.fluxfleet.gitlab.bindings.inputs.ProjectHookCustomHeaderArgs;
import java.util.List;
import java.util.Optional;

/** The inputs of {@link ProjectHook}, by their wire names in the provider schema. */
public final class ProjectHookArgs extends ResourceArgs {
    public static final ProjectHookArgs Empty = new ProjectHookArgs();

    /** The name or id of the project to add the hook to. */
    @Import(name = "project", required = true)
    private Output<String> project;

    public Output<String> project() {
        return this.project;
    }

    /** The url of the hook to invoke. */
    @Import(name = "url", required = true)
    private Output<String> url;

    public Output<String> url() {
        return this.url;
    }

    /** Name of the project webhook. */
    @Import(name = "name")
    private Output<String> name;

    public Optional<Output<String>> name() {
        return Optional.ofNullable(this.name);
    }

    /** Description of the webhook. */
    @Import(name = "description")
    private Output<String> description;

    public Optional<Output<String>> description() {
        return Optional.ofNullable(this.description);
    }

    /** A token to present when invoking the hook. */
    @Import(name = "token")
    private Output<String> token;

    public Optional<Output<String>> token() {
        return Optional.ofNullable(this.token);
    }

    /** Invoke the hook for push events. */
    @Import(name = "pushEvents")
    private Output<Boolean> pushEvents;

    public Optional<Output<Boolean>> pushEvents() {
        return Optional.ofNullable(this.pushEvents);
    }

    /** Invoke the hook for push events on matching branches only. */
    @Import(name = "pushEventsBranchFilter")
    private Output<String> pushEventsBranchFilter;

    public Optional<Output<String>> pushEventsBranchFilter() {
        return Optional.ofNullable(this.pushEventsBranchFilter);
    }

    /** Filter push events by branch. */
    @Import(name = "branchFilterStrategy")
    private Output<String> branchFilterStrategy;

    public Optional<Output<String>> branchFilterStrategy() {
        return Optional.ofNullable(this.branchFilterStrategy);
    }

    /** Invoke the hook for merge requests events. */
    @Import(name = "mergeRequestsEvents")
    private Output<Boolean> mergeRequestsEvents;

    public Optional<Output<Boolean>> mergeRequestsEvents() {
        return Optional.ofNullable(this.mergeRequestsEvents);
    }

    /** Invoke the hook for tag push events. */
    @Import(name = "tagPushEvents")
    private Output<Boolean> tagPushEvents;

    public Optional<Output<Boolean>> tagPushEvents() {
        return Optional.ofNullable(this.tagPushEvents);
    }

    /** Invoke the hook for pipeline events. */
    @Import(name = "pipelineEvents")
    private Output<Boolean> pipelineEvents;

    public Optional<Output<Boolean>> pipelineEvents() {
        return Optional.ofNullable(this.pipelineEvents);
    }

    /** Enable SSL verification when invoking the hook. */
    @Import(name = "enableSslVerification")
    private Output<Boolean> enableSslVerification;

    public Optional<Output<Boolean>> enableSslVerification() {
        return Optional.ofNullable(this.enableSslVerification);
    }

    /** Custom headers for the project webhook. */
    @Import(name = "customHeaders")
    private Output<List<ProjectHookCustomHeaderArgs>> customHeaders;

    public Optional<Output<List<ProjectHookCustomHeaderArgs>>> customHeaders() {
        return Optional.ofNullable(this.customHeaders);
    }

    private ProjectHookArgs() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final ProjectHookArgs $ = new ProjectHookArgs();

        public Builder project(Output<String> project) {
            $.project = project;
            return this;
        }

        public Builder project(String project) {
            return project(Output.of(project));
        }

        public Builder url(Output<String> url) {
            $.url = url;
            return this;
        }

        public Builder url(String url) {
            return url(Output.of(url));
        }

        public Builder name(Output<String> name) {
            $.name = name;
            return this;
        }

        public Builder name(String name) {
            return name(Output.of(name));
        }

        public Builder description(Output<String> description) {
            $.description = description;
            return this;
        }

        public Builder description(String description) {
            return description(Output.of(description));
        }

        /** Marks the value secret whichever way it is given. */
        public Builder token(Output<String> token) {
            $.token = token.asSecret();
            return this;
        }

        public Builder token(String token) {
            return token(Output.ofSecret(token));
        }

        public Builder pushEvents(Output<Boolean> pushEvents) {
            $.pushEvents = pushEvents;
            return this;
        }

        public Builder pushEvents(Boolean pushEvents) {
            return pushEvents(Output.of(pushEvents));
        }

        public Builder pushEventsBranchFilter(Output<String> pushEventsBranchFilter) {
            $.pushEventsBranchFilter = pushEventsBranchFilter;
            return this;
        }

        public Builder pushEventsBranchFilter(String pushEventsBranchFilter) {
            return pushEventsBranchFilter(Output.of(pushEventsBranchFilter));
        }

        public Builder branchFilterStrategy(Output<String> branchFilterStrategy) {
            $.branchFilterStrategy = branchFilterStrategy;
            return this;
        }

        public Builder branchFilterStrategy(String branchFilterStrategy) {
            return branchFilterStrategy(Output.of(branchFilterStrategy));
        }

        public Builder mergeRequestsEvents(Output<Boolean> mergeRequestsEvents) {
            $.mergeRequestsEvents = mergeRequestsEvents;
            return this;
        }

        public Builder mergeRequestsEvents(Boolean mergeRequestsEvents) {
            return mergeRequestsEvents(Output.of(mergeRequestsEvents));
        }

        public Builder tagPushEvents(Output<Boolean> tagPushEvents) {
            $.tagPushEvents = tagPushEvents;
            return this;
        }

        public Builder tagPushEvents(Boolean tagPushEvents) {
            return tagPushEvents(Output.of(tagPushEvents));
        }

        public Builder pipelineEvents(Output<Boolean> pipelineEvents) {
            $.pipelineEvents = pipelineEvents;
            return this;
        }

        public Builder pipelineEvents(Boolean pipelineEvents) {
            return pipelineEvents(Output.of(pipelineEvents));
        }

        public Builder enableSslVerification(Output<Boolean> enableSslVerification) {
            $.enableSslVerification = enableSslVerification;
            return this;
        }

        public Builder enableSslVerification(Boolean enableSslVerification) {
            return enableSslVerification(Output.of(enableSslVerification));
        }

        public Builder customHeaders(Output<List<ProjectHookCustomHeaderArgs>> customHeaders) {
            $.customHeaders = customHeaders;
            return this;
        }

        public Builder customHeaders(List<ProjectHookCustomHeaderArgs> customHeaders) {
            return customHeaders(Output.of(customHeaders));
        }

        public Builder customHeaders(ProjectHookCustomHeaderArgs... customHeaders) {
            return customHeaders(List.of(customHeaders));
        }

        /** @throws MissingRequiredPropertyException when a required input is missing */
        public ProjectHookArgs build() {
            if ($.project == null) {
                throw new MissingRequiredPropertyException("ProjectHookArgs", "project");
            }
            if ($.url == null) {
                throw new MissingRequiredPropertyException("ProjectHookArgs", "url");
            }
            return $;
        }
    }
}
