package io.fluxfleet.gitlab.bindings;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;
import java.util.Optional;

/** The inputs of {@link Provider}, by their wire names in the provider schema. */
public final class ProviderArgs extends ResourceArgs {
    public static final ProviderArgs Empty = new ProviderArgs();

    /** This is the target GitLab base API endpoint. */
    @Import(name = "baseUrl")
    private Output<String> baseUrl;

    public Optional<Output<String>> baseUrl() {
        return Optional.ofNullable(this.baseUrl);
    }

    /** The OAuth2 Token, Project, Group, Personal Access Token or CI Job Token used to connect to GitLab. */
    @Import(name = "token")
    private Output<String> token;

    public Optional<Output<String>> token() {
        return Optional.ofNullable(this.token);
    }

    /** This is a file containing the ca cert to verify the gitlab instance. */
    @Import(name = "cacertFile")
    private Output<String> cacertFile;

    public Optional<Output<String>> cacertFile() {
        return Optional.ofNullable(this.cacertFile);
    }

    /** When set to true this disables SSL verification of the connection to the GitLab instance. */
    @Import(name = "insecure", json = true)
    private Output<Boolean> insecure;

    public Optional<Output<Boolean>> insecure() {
        return Optional.ofNullable(this.insecure);
    }

    /** (Experimental) By default the provider does a dummy request to get the current user in order to verify that the provider configuration is correct and the GitLab API is reachable. */
    @Import(name = "earlyAuthCheck", json = true)
    private Output<Boolean> earlyAuthCheck;

    public Optional<Output<Boolean>> earlyAuthCheck() {
        return Optional.ofNullable(this.earlyAuthCheck);
    }

    private ProviderArgs() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final ProviderArgs $ = new ProviderArgs();

        public Builder baseUrl(Output<String> baseUrl) {
            $.baseUrl = baseUrl;
            return this;
        }

        public Builder baseUrl(String baseUrl) {
            return baseUrl(Output.of(baseUrl));
        }

        /** Marks the value secret whichever way it is given. */
        public Builder token(Output<String> token) {
            $.token = token.asSecret();
            return this;
        }

        public Builder token(String token) {
            return token(Output.ofSecret(token));
        }

        public Builder cacertFile(Output<String> cacertFile) {
            $.cacertFile = cacertFile;
            return this;
        }

        public Builder cacertFile(String cacertFile) {
            return cacertFile(Output.of(cacertFile));
        }

        public Builder insecure(Output<Boolean> insecure) {
            $.insecure = insecure;
            return this;
        }

        public Builder insecure(Boolean insecure) {
            return insecure(Output.of(insecure));
        }

        public Builder earlyAuthCheck(Output<Boolean> earlyAuthCheck) {
            $.earlyAuthCheck = earlyAuthCheck;
            return this;
        }

        public Builder earlyAuthCheck(Boolean earlyAuthCheck) {
            return earlyAuthCheck(Output.of(earlyAuthCheck));
        }

        /** @throws MissingRequiredPropertyException when a required input is missing */
        public ProviderArgs build() {
            return $;
        }
    }
}
