package io.fluxfleet.gitlab.bindings;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import java.util.List;

/**
 * A project deploy token. {@code token} is a secret and only known right after creation (not for imports).
 */
@ResourceType(type = "gitlab:index/projectDeployToken:ProjectDeployToken")
public class ProjectDeployToken extends CustomResource {
    /** True if the token is expired. */
    @Export(name = "expired", refs = {Boolean.class}, tree = "[0]")
    private Output<Boolean> expired;

    public Output<Boolean> expired() {
        return this.expired;
    }

    /** Time the token expires in RFC3339 format. */
    @Export(name = "expiresAt", refs = {String.class}, tree = "[0]")
    private Output<String> expiresAt;

    public Output<String> expiresAt() {
        return this.expiresAt;
    }

    /** A name to describe the deploy token with. */
    @Export(name = "name", refs = {String.class}, tree = "[0]")
    private Output<String> name;

    public Output<String> name() {
        return this.name;
    }

    /** The Id or full path of the project. */
    @Export(name = "project", refs = {String.class}, tree = "[0]")
    private Output<String> project;

    public Output<String> project() {
        return this.project;
    }

    /** True if the token is revoked. */
    @Export(name = "revoked", refs = {Boolean.class}, tree = "[0]")
    private Output<Boolean> revoked;

    public Output<Boolean> revoked() {
        return this.revoked;
    }

    /** The scopes of the project deploy token. */
    @Export(name = "scopes", refs = {List.class, String.class}, tree = "[0,1]")
    private Output<List<String>> scopes;

    public Output<List<String>> scopes() {
        return this.scopes;
    }

    /** The secret token. */
    @Export(name = "token", refs = {String.class}, tree = "[0]")
    private Output<String> token;

    public Output<String> token() {
        return this.token;
    }

    /** A username for the deploy token. */
    @Export(name = "username", refs = {String.class}, tree = "[0]")
    private Output<String> username;

    public Output<String> username() {
        return this.username;
    }

    /** Whether to validate if the expiration date is in the future. */
    @Export(name = "validatePastExpirationDate", refs = {Boolean.class}, tree = "[0]")
    private Output<Boolean> validatePastExpirationDate;

    public Output<Boolean> validatePastExpirationDate() {
        return this.validatePastExpirationDate;
    }

    public ProjectDeployToken(String name, ProjectDeployTokenArgs args) {
        this(name, args, null);
    }

    /** @param options merged over the defaults, which pin the plugin version; may be null */
    public ProjectDeployToken(String name, ProjectDeployTokenArgs args, CustomResourceOptions options) {
        super("gitlab:index/projectDeployToken:ProjectDeployToken", name, args, GitLabPlugin.withDefaults(options, "token"));
    }
}
