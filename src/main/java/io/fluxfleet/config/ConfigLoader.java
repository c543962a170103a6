package io.fluxfleet.config;

import io.fluxfleet.config.FluxFleetConfig.Cluster;
import io.fluxfleet.config.FluxFleetConfig.Flux;
import io.fluxfleet.config.FluxFleetConfig.GitLab;
import io.fluxfleet.config.FluxFleetConfig.Harbor;
import io.fluxfleet.config.FluxFleetConfig.PlatformWorkers;
import io.fluxfleet.config.FluxFleetConfig.Profile;
import io.fluxfleet.config.FluxFleetConfig.Tenant;
import io.fluxfleet.gitlab.GitLabGovernanceSettings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a stack's raw config into {@link FluxFleetConfig}, with every default in one place. All problems
 * are collected and thrown together as one {@link ConfigException}; nothing is returned half-valid.
 */
public final class ConfigLoader {
    public static final String DEFAULT_CHART_VERSION = "2.18.3";
    public static final String DEFAULT_CHART_REPOSITORY = "https://fluxcd-community.github.io/helm-charts";
    public static final String DEFAULT_PLATFORM_KEY = "node-role.com/platform-worker";
    private static final Set<String> TAINT_EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");
    private static final Set<String> LOG_LEVELS = Set.of("debug", "info", "error");
    private static final String PLACEHOLDER = "invalid";

    private ConfigLoader() {}

    public static FluxFleetConfig load(String stack, RawConfig raw) {
        return load(stack, raw, warning -> { });
    }

    /** Loads the config and hands each warning (e.g. a secret stored in plain text) to {@code warn}. */
    public static FluxFleetConfig load(String stack, RawConfig raw, java.util.function.Consumer<String> warn) {
        List<Problem> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        com.fasterxml.jackson.databind.node.ObjectNode root =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        raw.values().forEach(root::set);
        Fields top = new Fields(RawConfig.NAMESPACE + ":", root, problems, new Fields.Context(raw, warnings));

        Environment environment = environment(stack, top);
        Cluster cluster = cluster(top.object("cluster"));
        boolean allowDestroy = top.bool("allowDestroy", false);
        Flux flux = flux(top.object("flux"));
        PlatformWorkers workers = platformWorkers(top.object("platformWorkers"));
        Profile profile = profile(top.object("profile"), environment);
        GitLab gitlab = gitlab(top.object("gitlab"), environment);
        Harbor harbor = harbor(top.object("harbor"));
        List<Tenant> tenants = tenants(top);
        top.finish();

        if (!problems.isEmpty()) {
            throw new ConfigException(raw.source(), problems);
        }
        warnings.forEach(warn);
        return new FluxFleetConfig(stack, environment, cluster, allowDestroy, flux, workers, profile, gitlab, harbor, tenants);
    }

    /** The environment defaults to the stack name when that is one of dev, preprod or prod. */
    private static Environment environment(String stack, Fields top) {
        Optional<String> value = top.optionalString("environment");
        String id = value.orElse(stack);
        Optional<Environment> parsed = Environment.parse(id);
        if (parsed.isEmpty()) {
            top.problem("environment", value.isPresent()
                    ? "unknown environment '" + id + "': expected dev, preprod or prod"
                    : "is required: stack '" + stack + "' is not named dev, preprod or prod, so set the environment");
            return Environment.DEV;
        }
        return parsed.get();
    }

    private static Cluster cluster(Fields f) {
        Optional<String> context = f.optionalString("context");
        Optional<Secret> kubeconfig = f.secret("kubeconfig");
        if (context.isEmpty() && kubeconfig.isEmpty()) {
            f.problem("context", "is required: name the kubeconfig context of this environment's cluster"
                    + " (or set the secret " + f.key("kubeconfig") + "); fluxfleet never uses the current context");
        }
        if (context.isPresent() && kubeconfig.isPresent()) {
            f.problem("kubeconfig", "set either " + f.key("context") + " or " + f.key("kubeconfig") + ", not both");
        }
        f.finish();
        return new Cluster(context, kubeconfig);
    }

    private static Flux flux(Fields f) {
        String chartVersion = f.checked("chartVersion", DEFAULT_CHART_VERSION, v ->
                v.matches("[0-9]+\\.[0-9]+\\.[0-9]+([-+][0-9A-Za-z.-]+)?") ? Optional.empty()
                        : Optional.of("'" + v + "' is not an exact chart version such as 2.18.3 (ranges are not pinned)"));
        String repository = f.checked("chartRepository", DEFAULT_CHART_REPOSITORY, Validators::httpsUrl);
        boolean keepCrds = f.bool("keepCrdsOnUninstall", true);
        boolean sourceWatcher = f.bool("sourceWatcher", false);
        String logLevel = f.checked("logLevel", "info", v -> LOG_LEVELS.contains(v) ? Optional.empty()
                : Optional.of("'" + v + "' is not a log level: expected debug, info or error"));
        String gitInterval = f.checked("gitInterval", "1m", Validators::duration);
        String kustomizationInterval = f.checked("kustomizationInterval", "10m", Validators::duration);
        String helmRepositoryInterval = f.checked("helmRepositoryInterval", "1h", Validators::duration);
        String timeout = f.checked("timeout", "5m", Validators::duration);
        f.finish();
        return new Flux(chartVersion, repository, keepCrds, sourceWatcher, logLevel, gitInterval,
                kustomizationInterval, helmRepositoryInterval, timeout);
    }

    private static PlatformWorkers platformWorkers(Fields f) {
        String labelKey = f.checked("labelKey", DEFAULT_PLATFORM_KEY, Validators::qualifiedName);
        String labelValue = f.checked("labelValue", "true", Validators::labelValue);
        String taintKey = f.checked("taintKey", DEFAULT_PLATFORM_KEY, Validators::qualifiedName);
        String taintValue = f.checked("taintValue", "true", Validators::labelValue);
        String effect = f.checked("taintEffect", "NoExecute", v -> TAINT_EFFECTS.contains(v) ? Optional.empty()
                : Optional.of("'" + v + "' is not a taint effect: expected NoSchedule, PreferNoSchedule or NoExecute"));
        f.finish();
        return new PlatformWorkers(labelKey, labelValue, taintKey, taintValue, effect);
    }

    /** Profile defaults per environment, from the guide's environment-specific configurations. */
    public static Profile defaultProfile(Environment environment) {
        return switch (environment) {
            case DEV -> new Profile("1", "2Gi", "7d", "30s", "10Gi");
            case PREPROD -> new Profile("2", "4Gi", "14d", "15s", "20Gi");
            case PROD -> new Profile("4", "8Gi", "30d", "10s", "50Gi");
        };
    }

    private static Profile profile(Fields f, Environment environment) {
        Profile d = defaultProfile(environment);
        String cpu = f.checked("cpu", d.cpu(), Validators::quantity);
        String memory = f.checked("memory", d.memory(), Validators::quantity);
        String retention = f.checked("retention", d.retention(), v -> v.matches("[0-9]+(ms|s|m|h|d|w|y)")
                ? Optional.empty() : Optional.of("'" + v + "' is not a Prometheus retention such as '7d' or '720h'"));
        String scrapeInterval = f.checked("scrapeInterval", d.scrapeInterval(), Validators::duration);
        String storage = f.checked("storage", d.storage(), Validators::quantity);
        f.finish();
        return new Profile(cpu, memory, retention, scrapeInterval, storage);
    }

    private static GitLab gitlab(Fields f, Environment environment) {
        String url = f.checked("url", "https://gitlab.com", Validators::httpsUrl);
        GitLabGovernanceSettings governance = GitLabGovernanceSettings.parse(f, environment);
        f.finish();
        return new GitLab(url, governance);
    }

    private static Harbor harbor(Fields f) {
        String host = f.has("host") ? f.checked("host", PLACEHOLDER, Validators::host) : f.required("host", PLACEHOLDER);
        String username = f.required("username", PLACEHOLDER);
        Optional<Secret> password = f.secret("password");
        if (password.isEmpty() && !f.has("password")) {
            f.problem("password", "is required (set it with `pulumi config set --secret --path harbor.password`)");
        }
        String project = f.checked("project", "library", Validators::dns1123Label);
        f.finish();
        return new Harbor(host, username, password.orElse(new Secret(PLACEHOLDER)), project);
    }

    private static List<Tenant> tenants(Fields top) {
        List<Fields> entries = top.objects("tenants");
        List<Tenant> tenants = new ArrayList<>();
        if (entries == null) {
            top.problem("tenants", "is required: a list of tenants, each with at least 'name' and 'project'");
            return tenants;
        }
        Map<String, String> seen = new HashMap<>();
        Set<String> reserved = Set.of("flux-system", "kube-system", "kube-public", "kube-node-lease", "default",
                "cattle-system", "cattle-monitoring-system", "cattle-logging-system");
        for (Fields t : entries) {
            String name = t.required("name", PLACEHOLDER);
            if (!name.equals(PLACEHOLDER)) {
                Validators.dns1123Label(name).ifPresent(msg -> t.problem("name", msg));
                if (reserved.contains(name)) {
                    t.problem("name", "'" + name + "' is a system namespace and cannot be a tenant");
                }
                String previous = seen.putIfAbsent(name, t.path());
                if (previous != null) {
                    t.problem("name", "duplicate tenant '" + name + "' (first defined at " + previous + ")");
                }
            }
            String project = t.required("project", PLACEHOLDER);
            if (!project.equals(PLACEHOLDER)) {
                Validators.projectPath(project).ifPresent(msg -> t.problem("project", msg));
            }
            String gitUsername = t.string("gitUsername", "flux");
            Optional<Secret> gitPassword = t.secret("gitPassword");
            if (gitPassword.isEmpty() && !t.has("gitPassword")) {
                t.problem("gitPassword", "is required: the token Flux reads the project with (set it with"
                        + " `pulumi config set --secret --path '" + t.path().substring(RawConfig.NAMESPACE.length() + 1)
                        + ".gitPassword'`)");
            }
            t.finish();
            tenants.add(new Tenant(name, project, gitUsername, gitPassword.orElse(new Secret(PLACEHOLDER))));
        }
        return tenants;
    }
}
