package io.fluxfleet.config;

import io.fluxfleet.config.FluxFleetConfig.Cluster;
import io.fluxfleet.config.FluxFleetConfig.Flux;
import io.fluxfleet.config.FluxFleetConfig.GitLab;
import io.fluxfleet.config.FluxFleetConfig.Harbor;
import io.fluxfleet.config.FluxFleetConfig.Images;
import io.fluxfleet.config.FluxFleetConfig.Infra;
import io.fluxfleet.config.FluxFleetConfig.PlatformWorkers;
import io.fluxfleet.config.FluxFleetConfig.RancherIntegration;
import io.fluxfleet.config.FluxFleetConfig.Profile;
import io.fluxfleet.config.FluxFleetConfig.Tenant;
import io.fluxfleet.config.FluxFleetConfig.Webhooks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a stack's raw config into {@link FluxFleetConfig}. It reads and validates; the defaults it falls back to
 * are the sections' own ({@code FluxFleetConfig.*.DEFAULTS}, {@link Environment}, {@link GitLabGovernanceSettings}).
 * All problems are collected and thrown together as one {@link ConfigException}; nothing is returned half-valid.
 */
public final class ConfigLoader {
    /** What a required key that is missing or invalid reads as, so reading can go on; never returned. */
    private static final String PLACEHOLDER = "invalid";

    private ConfigLoader() {}

    public static FluxFleetConfig load(String stack, RawConfig raw) {
        return load(stack, raw, warning -> { });
    }

    /**
     * Every key path (e.g. {@code fluxfleet:tenants[].name}) reading {@code raw} asks for, valid or not: the
     * key set fluxfleet knows, for the test that holds README and Pulumi.yaml to it.
     */
    public static java.util.Set<String> keysRead(String stack, RawConfig raw) {
        java.util.Set<String> keys = new java.util.TreeSet<>();
        try {
            read(stack, raw, warning -> { }, keys);
        } catch (ConfigException e) {
            // the keys were still read
        }
        return keys;
    }

    /** Loads the config and hands each warning (e.g. a secret stored in plain text) to {@code warn}. */
    public static FluxFleetConfig load(String stack, RawConfig raw, java.util.function.Consumer<String> warn) {
        return load(stack, raw, warn, java.time.LocalDate.now(java.time.ZoneOffset.UTC));
    }

    /** As {@link #load(String, RawConfig, java.util.function.Consumer)}, judging dates against {@code today}. */
    public static FluxFleetConfig load(String stack, RawConfig raw, java.util.function.Consumer<String> warn,
                                       java.time.LocalDate today) {
        return read(stack, raw, warn, new java.util.TreeSet<>(), today);
    }

    private static FluxFleetConfig read(String stack, RawConfig raw, java.util.function.Consumer<String> warn,
                                        java.util.Set<String> keysRead) {
        return read(stack, raw, warn, keysRead, java.time.LocalDate.now(java.time.ZoneOffset.UTC));
    }

    private static FluxFleetConfig read(String stack, RawConfig raw, java.util.function.Consumer<String> warn,
                                        java.util.Set<String> keysRead, java.time.LocalDate today) {
        List<Problem> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        com.fasterxml.jackson.databind.node.ObjectNode root =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        raw.values().forEach(root::set);
        Fields.Context context = new Fields.Context(stack, raw, warnings, keysRead, today);
        Fields top = new Fields(RawConfig.NAMESPACE + ":", root, problems, context);

        Environment environment = environment(stack, top);
        Cluster cluster = cluster(top.object("cluster"));
        boolean allowDestroy = top.bool("allowDestroy", FluxFleetConfig.DEFAULT_ALLOW_DESTROY);
        Flux flux = flux(top.object("flux"));
        PlatformWorkers workers = platformWorkers(top.object("platformWorkers"));
        Profile profile = profile(top.object("profile"), environment);
        Fields layersFields = top.object("layers");
        Optional<Layers> layersRead = Layers.parse(layersFields);
        GitLab gitlab = gitlab(top.object("gitlab"), environment, layersRead);
        layersRead = Layers.credentials(layersFields, layersRead, gitlab.governance().deployToken().enabled());
        Layers layers = layersRead.orElse(Layers.tenant()); // never returned: a problem made it empty
        Harbor harbor = harbor(top.object("harbor"));
        Sharding sharding = ShardingReader.read(stack, top, raw);
        List<String> tenantKeys = new ArrayList<>();
        List<Tenant> tenants = sharding.isPlatform() ? platformTenants(top, stack)
                : tenants(top, gitlab.governance().deployToken().enabled(), environment, harbor.username(), layers,
                        gitlab.statusToken(), tenantKeys);
        Infra infra = infra(top.object("infra"), environment, harbor.host().equals(PLACEHOLDER) ? null : harbor.host());
        Webhooks webhooks = webhooks(top.object("webhooks"));
        boolean suspend = top.bool("suspend", FluxFleetConfig.DEFAULT_SUSPEND);
        FluxFleetConfig.Await await = AwaitConfig.read(top.object("await"), environment, flux, infra);
        Admission admission = Admission.parse(top.object("admission"), environment, stack,
                tenants.stream().map(Tenant::name).collect(java.util.stream.Collectors.toSet()));
        problems.addAll(IngressDomains.overlaps(ingressClaims(tenants, tenantKeys, webhooks)));
        NetworkSettings network = NetworkSettings.parse(top.object("network"), environment, stack);
        ObjectQuota quota = environment.quota().with(ObjectQuota.overrides(top.object("quota")));
        top.finish();
        StrictSecrets.refusePlaintext(environment, context.plaintextSecrets(), warnings, problems);

        java.util.Set<String> secretTexts = SecretKeys.secretTexts(raw.values());
        if (!problems.isEmpty()) {
            throw new ConfigException(raw.source(), problems.stream()
                    .map(p -> new Problem(p.key(), SecretKeys.scrub(p.message(), secretTexts))).toList());
        }
        warnings.stream().map(w -> SecretKeys.scrub(w, secretTexts)).forEach(warn);
        return new FluxFleetConfig(stack, environment, cluster, allowDestroy, flux, workers, profile, gitlab, harbor, tenants,
                infra, webhooks, suspend, sharding, await, admission, network, quota, layers);
    }

    /** The environment defaults to the stack name when that is an environment's id. */
    private static Environment environment(String stack, Fields top) {
        Optional<String> value = top.optionalString("environment");
        String id = value.orElse(stack);
        Optional<Environment> parsed = Environment.parse(id);
        if (parsed.isEmpty()) {
            top.problem("environment", value.isPresent()
                    ? "unknown environment " + Shown.quoted(id) + ": expected " + Environment.choices()
                    : "is required: stack " + Shown.quoted(stack) + " is not named " + Environment.choices()
                    + ", so set the environment");
            return Environment.first();
        }
        return parsed.get();
    }

    private static Cluster cluster(Fields f) {
        Optional<String> context = optionalChecked(f, "context", Validators::kubeContext);
        Optional<Secret> kubeconfig = f.secret("kubeconfig");
        // a context given but invalid is already reported by its check: "is required" only when it is absent
        if (context.isEmpty() && kubeconfig.isEmpty() && !f.has("context")) {
            f.problem("context", "is required: name the kubeconfig context of this environment's cluster"
                    + " (or set the whole kubeconfig as the secret " + f.key("kubeconfig") + ": `"
                    + f.setSecretCommand("kubeconfig") + "`); fluxfleet never uses the current context");
        }
        if (context.isPresent() && kubeconfig.isPresent()) {
            f.problem("kubeconfig", "set either " + f.key("context") + " or " + f.key("kubeconfig") + ", not both");
        }
        String id = "";
        if (!f.has("id")) {
            f.problem("id", "is required: " + Validators.CLUSTER_ID_MEANING + "; set it with `pulumi config set --path"
                    + " cluster.id <id>`");
        } else {
            id = optionalChecked(f, "id", Validators::clusterId).orElse("");
        }
        f.finish();
        return new Cluster(context, kubeconfig, id);
    }

    private static Flux flux(Fields f) {
        Flux d = Flux.DEFAULTS;
        String chartVersion = f.checked("chartVersion", d.chartVersion(), v ->
                v.matches("[0-9]+\\.[0-9]+\\.[0-9]+([-+][0-9A-Za-z.-]+)?") ? Optional.empty()
                        : Optional.of(Shown.quoted(v) + " is not an exact chart version such as 2.18.3 (ranges are not pinned)"));
        String repository = f.checked("chartRepository", d.chartRepository(), Validators::httpsUrl);
        boolean keepCrds = f.bool("keepCrdsOnUninstall", d.keepCrdsOnUninstall());
        boolean sourceWatcher = f.bool("sourceWatcher", d.sourceWatcher());
        String logLevel = f.checked("logLevel", d.logLevel(), v -> Flux.LOG_LEVELS.contains(v) ? Optional.empty()
                : Optional.of(Shown.quoted(v) + " is not a log level: expected " + either(Flux.LOG_LEVELS)));
        String gitInterval = f.checked("gitInterval", d.gitInterval(), Validators::duration);
        String kustomizationInterval = f.checked("kustomizationInterval", d.kustomizationInterval(), Validators::duration);
        String helmRepositoryInterval = f.checked("helmRepositoryInterval", d.helmRepositoryInterval(), Validators::duration);
        String timeout = f.checked("timeout", d.timeout(), Validators::helmTimeout);
        f.finish();
        return new Flux(chartVersion, repository, keepCrds, sourceWatcher, logLevel, gitInterval,
                kustomizationInterval, helmRepositoryInterval, timeout, d.kustomizationRetryInterval(), d.helmMaxHistory());
    }

    private static PlatformWorkers platformWorkers(Fields f) {
        PlatformWorkers d = PlatformWorkers.DEFAULTS;
        String labelKey = f.checked("labelKey", d.labelKey(), Validators::qualifiedName);
        String labelValue = f.checked("labelValue", d.labelValue(), Validators::labelValue);
        String taintKey = f.checked("taintKey", d.taintKey(), Validators::qualifiedName);
        String taintValue = f.checked("taintValue", d.taintValue(), Validators::labelValue);
        // PreferNoSchedule is a taint effect, but only a preference: the scheduler may still place a tenant's pod on a
        // platform worker, and a nodeSelector on kubernetes.io/hostname (which the admission policies cannot tell
        // from any other node) does so at will
        String effect = f.checked("taintEffect", d.taintEffect(), v -> v.equals("PreferNoSchedule")
                ? Optional.of("PreferNoSchedule keeps no tenant pod off the platform workers (the scheduler may still"
                        + " place one there, and a nodeSelector on kubernetes.io/hostname does at will): use NoSchedule or"
                        + " NoExecute, e.g. `pulumi config set --path platformWorkers.taintEffect NoExecute`")
                : PlatformWorkers.TAINT_EFFECTS.contains(v) ? Optional.empty()
                : Optional.of(Shown.quoted(v) + " is not a taint effect: expected " + either(PlatformWorkers.TAINT_EFFECTS)));
        f.finish();
        return new PlatformWorkers(labelKey, labelValue, taintKey, taintValue, effect);
    }

    /** {@code a, b or c}. */
    private static String either(List<String> values) {
        return values.size() == 1 ? values.get(0)
                : String.join(", ", values.subList(0, values.size() - 1)) + " or " + values.get(values.size() - 1);
    }

    private static Profile profile(Fields f, Environment environment) {
        Profile d = environment.profile();
        String cpu = f.checked("cpu", d.cpu(), v -> Validators.quantity(v).or(() -> atLeast(v, Flux.CPU_REQUEST, "cpu")));
        String memory = f.checked("memory", d.memory(),
                v -> Validators.quantity(v).or(() -> atLeast(v, Flux.MEMORY_REQUEST, "memory")));
        String retention = f.checked("retention", d.retention(), v -> Validators.prometheusDuration(v, false));
        String scrapeInterval = f.checked("scrapeInterval", d.scrapeInterval(), v -> Validators.prometheusDuration(v, false));
        String storage = f.checked("storage", d.storage(), Validators::quantity);
        f.finish();
        return new Profile(cpu, memory, retention, scrapeInterval, storage);
    }

    /**
     * The profile's cpu and memory are the Flux controllers' limits, and the controllers request the flux2 chart's
     * fixed requests (the most any component asks: {@code cpu: 100m}, {@code memory: 64Mi} in the chart's
     * values.yaml, which {@code FluxValues} keeps). Kubernetes refuses a pod whose limit is below its request
     * (kubernetes {@code pkg/apis/core/validation/validation.go}, {@code ValidateResourceRequirements}: "must be
     * greater than or equal to ... request"), so a smaller profile would leave Flux without controllers.
     */
    private static Optional<String> atLeast(String value, String request, String resource) {
        if (Validators.quantityValue(value).compareTo(Validators.quantityValue(request)) < 0) {
            return Optional.of(Shown.quoted(value) + " is below the " + request + " " + resource + " every Flux"
                    + " controller requests (the flux2 chart's values): Kubernetes refuses a limit below the request");
        }
        return Optional.empty();
    }

    private static GitLab gitlab(Fields f, Environment environment, Optional<Layers> layers) {
        String url = f.checked("url", GitLab.DEFAULT_URL, Validators::httpsUrl);
        GitLabGovernanceSettings governance = GitLabGovernanceSettings.parse(f, environment, layers);
        Optional<Secret> statusToken = f.secret("statusToken");
        f.finish();
        return new GitLab(url, governance, statusToken);
    }

    private static Harbor harbor(Fields f) {
        String host = f.has("host") ? f.checked("host", PLACEHOLDER, Validators::host) : f.required("host", PLACEHOLDER);
        String username = f.has("username") ? f.checked("username", PLACEHOLDER, Validators::userName)
                : f.required("username", PLACEHOLDER);
        Secret password = f.requiredSecret("password", "the password or robot token Flux and the clusters pull"
                + " from Harbor with");
        String project = f.checked("project", Harbor.DEFAULT_PROJECT, Validators::dns1123Label);
        f.finish();
        return new Harbor(host, username, password, project);
    }

    /** A platform stack (one with {@code fluxfleet:shards}) owns no tenant: each is in its shard's stack file. */
    private static List<Tenant> platformTenants(Fields top, String stack) {
        if (top.has("tenants")) {
            top.problem("tenants", "a platform stack (one with fluxfleet:shards) owns no tenant: list each in its"
                    + " shard's stack file, Pulumi." + Sharding.baseName(stack) + Sharding.SHARD_INFIX + "<shard>.yaml"
                    + " (README \"Large fleets\")");
            top.objects("tenants");
        }
        return List.of();
    }

    /**
     * @param deployTokens whether fluxfleet makes a deploy token per tenant; only without one is a tenant's
     *                     {@code gitPassword} required
     * @param keys         filled with each returned tenant's key path ({@code fluxfleet:tenants[i]}), in order
     */
    private static List<Tenant> tenants(Fields top, boolean deployTokens, Environment environment, String platformRobot,
                                        Layers layers, Optional<Secret> sharedStatusToken, List<String> keys) {
        List<Fields> entries = top.objects("tenants");
        List<Tenant> tenants = new ArrayList<>();
        if (entries == null) {
            top.problem("tenants", "is required: a list of tenants, each with at least 'name' and 'project'");
            return tenants;
        }
        Map<String, String> seen = new HashMap<>();
        for (Fields t : entries) {
            String name = t.required("name", PLACEHOLDER);
            if (!name.equals(PLACEHOLDER)) {
                Optional<String> problem = Validators.dns1123Label(name)
                        .or(() -> ReservedNamespaces.reason(name).map(why -> Shown.quoted(name) + " cannot be a tenant: "
                                + why + "; fluxfleet would adopt it and put a default-deny policy and a quota on it"))
                        .or(() -> TenantNames.tooLong(name));
                problem.ifPresent(msg -> t.problem("name", msg));
                if (layers.fromPlatform() && name.equals(Layers.PLATFORM_KEY)) {
                    t.problem("name", Shown.quoted(name) + " is the name the platform project (layers.project) is"
                            + " governed and read under while layers.source is platform: rename the tenant");
                }
                String previous = seen.putIfAbsent(name, t.path());
                if (previous != null) {
                    t.problem("name", "duplicate tenant " + Shown.quoted(name) + " (first defined at " + previous + ")");
                }
            }
            String project = t.required("project", PLACEHOLDER);
            if (!project.equals(PLACEHOLDER)) {
                Validators.projectPath(project).ifPresent(msg -> t.problem("project", msg));
                if (layers.project().filter(project::equalsIgnoreCase).isPresent()) {
                    // its Maintainers would drive the cluster-admin layers again, and both would govern one branch;
                    // compared ignoring case as GitLab finds a project (gitlabhq app/models/concerns/routable.rb,
                    // find_by_full_path: an exact match first, "If we didn't have an exact match, we perform a case
                    // insensitive search")
                    t.problem("project", Shown.quoted(project) + " is the platform project (layers.project), which"
                            + " holds every tenant's cluster-admin layers: give the tenant a project of its own");
                }
            }
            String gitUsername = t.checked("gitUsername", Tenant.DEFAULT_GIT_USERNAME, Validators::userName);
            Optional<Secret> gitPassword = deployTokens ? t.secret("gitPassword")
                    : Optional.of(t.requiredSecret("gitPassword", "while fluxfleet:gitlab.deployToken.enabled is false,"
                    + " it is the token Flux reads the project with"));
            if (layers.fromPlatform() && sameToken(gitPassword, layers.gitPassword())) {
                // the tenant's copy lands in its namespace, where it reads the Secret: a token that reads the platform
                // project (every tenant's cluster-admin layers) must stay in flux-system
                t.problem("gitPassword", "is the token Flux reads the platform project with (layers.gitPassword); its"
                        + " copy in the tenant's namespace would let the tenant read the platform project. Give the"
                        + " tenant a token that reads only its own project (a project access token or deploy token"
                        + " with read_repository), or turn gitlab.deployToken.enabled back on");
            }
            Optional<Secret> statusToken = t.secret("statusToken");
            if (sameToken(statusToken, sharedStatusToken)) {
                // the tenant's own token is copied into its namespace; the shared one (scope api, on the platform
                // project or on every tenant's) must stay in flux-system
                t.problem("statusToken", "is the shared gitlab.statusToken, which stays in flux-system: its copy in the"
                        + " tenant's namespace would hand the tenant an api-scope token on the projects it posts to. Give"
                        + " the tenant a project access token of its own project (scope api, role developer), or remove"
                        + " tenants[].statusToken");
            }
            boolean retire = t.bool("retire", Tenant.DEFAULT_RETIRE);
            boolean moving = t.bool("moving", Tenant.DEFAULT_MOVING);
            if (retire && moving) {
                t.problem("moving", "a tenant is retiring (deleted next) or moving (kept for another stack), not both");
            }
            TenantSecurity security = TenantSecurity.parse(t, environment);
            Map<String, String> quota = ObjectQuota.overrides(t.object("quota"));
            TenantHarbor harbor = TenantHarbor.parse(t.object("harbor"), name, environment, platformRobot);
            t.finish();
            tenants.add(new Tenant(name, project, gitUsername, gitPassword, statusToken, retire, moving, security, quota, harbor));
            keys.add(t.path());
        }
        return tenants;
    }

    /**
     * Whether two secrets are the same token. Offline (render) an encrypted value stands in as a fingerprint of its
     * ciphertext and an unset one as its key ({@link RawConfig}): neither says what the token is, so only values the
     * engine decrypted (or plain ones) are compared; {@code pulumi up} always has them.
     */
    private static boolean sameToken(Optional<Secret> a, Optional<Secret> b) {
        return a.isPresent() && a.equals(b) && !a.get().reveal().startsWith(RawConfig.ENCRYPTED_PREFIX)
                && !a.get().reveal().startsWith("[unset ");
    }

    /**
     * @param harborHost the registry custom images must come from; null when harbor.host itself is invalid
     */
    private static Infra infra(Fields f, Environment environment, String harborHost) {
        Infra d = Infra.DEFAULTS;
        String rancher = f.string("rancherVersion", d.rancherVersion());
        Optional<String> rancherProblem = Validators.rancherVersion(rancher);
        rancherProblem.ifPresent(msg -> f.problem("rancherVersion", msg));
        String monitoring = rancherChart(f, "monitoringChartVersion", d.monitoringChartVersion(),
                rancherProblem.isEmpty() ? rancher : null);
        String logging = rancherChart(f, "loggingChartVersion", d.loggingChartVersion(),
                rancherProblem.isEmpty() ? rancher : null);
        Optional<String> customMonitoring = optionalChecked(f, "customMonitoringChartVersion", Validators::exactVersion);
        Optional<String> customLogging = optionalChecked(f, "customLoggingChartVersion", Validators::exactVersion);
        Optional<String> storageClass = optionalChecked(f, "storageClass", Validators::dns1123Subdomain);
        String interval = f.checked("interval", d.interval(), Validators::duration);
        String timeout = f.checked("timeout", d.timeout(), Validators::duration);
        Fields i = f.object("images");
        Images images = new Images(
                image(i, "customDashboardExporter", environment, harborHost, false),
                image(i, "customGrafanaPlugins", environment, harborHost, false),
                image(i, "customFluentd", environment, harborHost, true),
                image(i, "customFluentbit", environment, harborHost, true));
        i.finish();
        RancherIntegration integration = rancherIntegration(f.object("rancher"));
        f.finish();
        return new Infra(rancher, monitoring, logging, customMonitoring, customLogging, storageClass, interval, timeout,
                images, integration);
    }

    /**
     * {@code infra.rancher}: off by default; when on, the cluster id, name and Rancher URL are required, since the
     * charts build Grafana's and Prometheus' links through Rancher's proxy from them.
     */
    private static RancherIntegration rancherIntegration(Fields f) {
        RancherIntegration d = RancherIntegration.off();
        boolean enabled = f.bool("enabled", d.enabled());
        Optional<String> clusterId = optionalChecked(f, "clusterId", Validators::rancherClusterId);
        Optional<String> clusterName = optionalChecked(f, "clusterName", Validators::rancherClusterName);
        Optional<String> url = optionalChecked(f, "url", Validators::httpsUrl);
        String registry = f.checked("systemDefaultRegistry", d.systemDefaultRegistry(), v -> v.isEmpty() ? Optional.empty() : Validators.host(v));
        if (enabled) {
            String how = " (while " + f.key("enabled") + " is true): ";
            if (!f.has("clusterId")) {
                f.problem("clusterId", "is required" + how + "Rancher's id of this environment's cluster, e.g."
                        + " c-m-7x2kq9dv (Cluster Management, or `kubectl get clusters.management.cattle.io` on the"
                        + " Rancher server); without it Grafana's Rancher proxy path becomes /k8s/clusters//...");
            }
            if (!f.has("clusterName")) {
                f.problem("clusterName", "is required" + how + "the cluster's name in Rancher, which the charts put"
                        + " on every metric as cluster_name");
            }
            if (!f.has("url")) {
                f.problem("url", "is required" + how + "Rancher's server URL, e.g. https://rancher.example.com,"
                        + " which Prometheus' and Grafana's links go through");
            }
        }
        f.finish();
        return new RancherIntegration(enabled, clusterId, clusterName, url, registry);
    }

    /** A Rancher chart version, checked against the Rancher line when that is known ({@code rancher} not null). */
    private static String rancherChart(Fields f, String name, String defaultValue, String rancher) {
        String version = f.checked(name, defaultValue, Validators::rancherChartVersion);
        if (rancher != null && !version.startsWith(Validators.rancherChartMajor(rancher) + ".")) {
            int major = Integer.parseInt(version.substring(0, version.indexOf('.')));
            f.problem(name, Shown.quoted(version) + " is a chart for Rancher 2." + (major - 95) + " (chart major " + major
                    + "), but " + f.key("rancherVersion") + " is " + rancher + ": use a "
                    + Validators.rancherChartMajor(rancher) + ".x release, or change rancherVersion");
        }
        return version;
    }

    private static Optional<String> optionalChecked(Fields f, String name, Function<String, Optional<String>> validator) {
        Optional<String> value = f.optionalString(name);
        Optional<String> error = value.flatMap(validator);
        error.ifPresent(msg -> f.problem(name, msg));
        return error.isPresent() ? Optional.empty() : value;
    }

    /**
     * One of fluxfleet's images: it must come from Harbor (the only registry the pull secrets authenticate to),
     * and a strict environment (prod) refuses a reference that does not pin one image ({@code :latest} or no tag or
     * digest at all).
     *
     * @param needsTag the chart builds the image as {@code repository:tag}, so a digest alone cannot be expressed
     */
    private static Optional<ImageReference> image(Fields f, String name, Environment environment, String harborHost,
                                                  boolean needsTag) {
        Optional<String> value = f.optionalString(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Optional<ImageReference> parsed = ImageReference.parse(value.get());
        if (parsed.isEmpty()) {
            f.problem(name, Validators.imageReference(value.get()).orElseThrow());
            return Optional.empty();
        }
        ImageReference image = parsed.get();
        boolean ok = true;
        if (harborHost != null && !image.registry().equals(harborHost)) {
            ok = false;
            f.problem(name, Shown.quoted(value.get()) + " is not in Harbor: custom images come from harbor.host (" + Shown.quoted(harborHost)
                    + "), the only registry the harbor-registry-secret pull secrets authenticate to");
        }
        if (environment.requiresPinnedImages() && !image.pinned()) {
            ok = false;
            f.problem(name, Shown.quoted(value.get()) + " is not pinned: " + environment.id() + " refuses ':latest' and untagged images; give a"
                    + " version tag (e.g. :1.4.2) or a digest (@sha256:...)");
        }
        if (needsTag && image.tag().isEmpty()) {
            ok = false;
            f.problem(name, Shown.quoted(value.get()) + " needs a tag: rancher-logging builds the image as repository:tag"
                    + " (a digest may follow the tag, e.g. :1.4.2@sha256:...)");
        }
        return ok ? Optional.of(image) : Optional.empty();
    }

    /**
     * What each owner may publish Ingress hosts for, in config order: the Flux receiver's host first (so an overlap is
     * reported at the tenant's key, the one to change), then every tenant's domains.
     */
    private static List<IngressDomains.Claim> ingressClaims(List<Tenant> tenants, List<String> tenantKeys,
                                                            Webhooks webhooks) {
        List<IngressDomains.Claim> claims = new ArrayList<>();
        if (webhooks.enabled()) {
            webhooks.ingressHost().ifPresent(host -> claims.add(new IngressDomains.Claim(
                    "the Flux webhook receiver", RawConfig.NAMESPACE + ":webhooks.ingressHost", host, false)));
        }
        for (int i = 0; i < tenants.size(); i++) {
            Tenant t = tenants.get(i);
            List<String> domains = t.security().ingressDomains();
            for (int j = 0; j < domains.size(); j++) {
                claims.add(new IngressDomains.Claim("tenant " + Shown.quoted(t.name()),
                        tenantKeys.get(i) + ".ingressDomains[" + j + "]", domains.get(j), true));
            }
        }
        return claims;
    }

    private static Webhooks webhooks(Fields f) {
        boolean enabled = f.bool("enabled", Webhooks.DEFAULTS.enabled());
        Optional<String> host = optionalChecked(f, "ingressHost", Validators::ingressHost);
        if (enabled && !f.has("ingressHost")) {
            f.problem("ingressHost", "is required when webhooks are enabled: the public host name GitLab posts push"
                    + " events to, e.g. flux-webhook.dev.example.com (an Ingress routes it to Flux's webhook-receiver)");
        }
        f.finish();
        return new Webhooks(enabled, host);
    }
}
