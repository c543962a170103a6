package io.fluxfleet.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Where the cluster-admin layers ({@code cluster} and {@code shared}) are read from: {@code fluxfleet:layers}
 * (issue 20, "a tenant repository must never be able to drive cluster-admin by default").
 *
 * <pre>
 * layers:
 *   source: platform            # platform | tenant. platform (the default): every tenant's cluster and shared
 *                               # Kustomizations read one platform-owned GitLab project; tenant projects drive only
 *                               # their apps layer. tenant: the seed's one-repository layout, where each tenant's own
 *                               # project holds clusters/ and shared/, guarded only by CODEOWNERS (PlatformLayerGuard)
 *   project: your-org/platform-gitops   # the platform project (required with source: platform); one per fleet,
 *                               # the same in every stack
 *   gitUsername: flux           # the user Flux reads the platform project as, when no deploy token is made
 *   gitPassword: {secure: ...}  # that user's token: required only while gitlab.deployToken.enabled is false
 * </pre>
 *
 * @param source      where the cluster and shared layers are read from
 * @param project     the platform project's path; present exactly when {@code source} is {@link Source#PLATFORM}
 * @param gitUsername the user Flux reads the platform project as without a deploy token
 * @param gitPassword that user's password or token; by default the platform project's deploy token replaces it
 */
public record Layers(Source source, Optional<String> project, String gitUsername, Optional<Secret> gitPassword) {
    public static final Source DEFAULT_SOURCE = Source.PLATFORM;
    /**
     * The tenant name the platform project is governed under ({@code GitLabNames}, {@code Names}): a tenant may not
     * take it while the platform project exists, or the two would share Pulumi and Kubernetes names.
     */
    public static final String PLATFORM_KEY = "platform";

    /** Where the cluster-admin layers are read from. */
    public enum Source {
        /** One platform-owned project per fleet. */
        PLATFORM,
        /** Each tenant's own project (the seed's one-repository layout). */
        TENANT;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Layers {
        if ((source == Source.PLATFORM) != project.isPresent()) {
            throw new IllegalArgumentException("a platform project is named exactly when the layers' source is platform");
        }
    }

    /** The one-repository layout: tenant projects hold every layer. */
    public static Layers tenant() {
        return new Layers(Source.TENANT, Optional.empty(), DEFAULT_GIT_USERNAME, Optional.empty());
    }

    public static Layers platform(String project) {
        return new Layers(Source.PLATFORM, Optional.of(project), DEFAULT_GIT_USERNAME, Optional.empty());
    }

    public static final String DEFAULT_GIT_USERNAME = FluxFleetConfig.Tenant.DEFAULT_GIT_USERNAME;

    /**
     * The platform project as the governance and the cluster address it: a governed project under the name
     * {@link #PLATFORM_KEY}, which a tenant may not take while it exists. Empty in the one-repository layout.
     */
    public Optional<FluxFleetConfig.Tenant> platformProject() {
        return project.map(path -> new FluxFleetConfig.Tenant(PLATFORM_KEY, path, gitUsername, gitPassword));
    }

    /** Whether the cluster and shared layers read the platform project. */
    public boolean fromPlatform() {
        return source == Source.PLATFORM;
    }

    /**
     * Reads {@code source} and {@code project} of {@code fluxfleet:layers}; {@link #credentials} reads the rest and
     * finishes the object. Every problem is recorded on {@code f}, and the result is then empty, so no check that
     * depends on the layout (the tier guard) judges a layout the stack does not have.
     */
    static Optional<Layers> parse(Fields f) {
        Source source = DEFAULT_SOURCE;
        Optional<String> value = f.optionalString("source");
        if (value.isPresent()) {
            Optional<Source> parsed = java.util.Arrays.stream(Source.values())
                    .filter(s -> s.id().equals(value.get())).findFirst();
            if (parsed.isEmpty()) {
                f.problem("source", "unknown source " + Shown.quoted(value.get()) + ": expected platform (one"
                        + " platform-owned project holds every tenant's cluster and shared layers) or tenant (each"
                        + " tenant's project holds them, which needs GitLab premium or ultimate code owners)");
            }
            source = parsed.orElse(null);
        }
        Optional<String> project = f.optionalString("project");
        Optional<String> projectProblem = project.flatMap(Validators::projectPath);
        projectProblem.ifPresent(message -> f.problem("project", message));
        if (source == Source.PLATFORM && project.isEmpty() && !f.has("project")) {
            f.problem("project", "is required while " + f.key("source") + " is platform (the default): name the"
                    + " platform-owned GitLab project that holds every tenant's cluster and shared layers, the same"
                    + " in every stack (`pulumi config set --path layers.project your-org/platform-gitops`), or keep"
                    + " the one-repository layout, where each tenant's project holds them and only code owners guard"
                    + " them (GitLab premium or ultimate): `pulumi config set --path layers.source tenant`");
        }
        if (source == Source.TENANT && project.isPresent()) {
            f.problem("project", "is only read while " + f.key("source") + " is platform: remove it (`pulumi config"
                    + " rm --path layers.project`), or set layers.source to platform");
        }
        if (source == Source.PLATFORM && project.isPresent() && projectProblem.isEmpty()) {
            return Optional.of(platform(project.get()));
        }
        return source == Source.TENANT && project.isEmpty() ? Optional.of(tenant()) : Optional.empty();
    }

    /**
     * Reads the credentials Flux reads the platform project with when no deploy token is made, as a tenant's
     * ({@code tenants[].gitUsername}/{@code gitPassword}), and finishes {@code f}.
     *
     * @param deployTokens whether fluxfleet makes the platform project's deploy token; only without one is
     *                     {@code gitPassword} required (in platform mode)
     */
    static Optional<Layers> credentials(Fields f, Optional<Layers> layers, boolean deployTokens) {
        boolean platform = layers.map(Layers::fromPlatform).orElse(false);
        String gitUsername = f.checked("gitUsername", DEFAULT_GIT_USERNAME, Validators::userName);
        Optional<Secret> gitPassword = deployTokens || !platform ? f.secret("gitPassword")
                : Optional.of(f.requiredSecret("gitPassword", "while fluxfleet:gitlab.deployToken.enabled is false, it"
                + " is the token Flux reads the platform project (layers.project) with"));
        f.finish();
        return layers.map(l -> new Layers(l.source(), l.project(), gitUsername, gitPassword));
    }
}
