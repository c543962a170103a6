package io.fluxfleet.gitlab;

import io.fluxfleet.config.Environment;
import io.fluxfleet.config.FluxFleetConfig.Tenant;
import io.fluxfleet.config.GitLabGovernanceSettings;
import io.fluxfleet.naming.GitLabNames;
import io.fluxfleet.naming.Names;
import io.fluxfleet.naming.Names.Layer;

import java.util.ArrayList;
import java.util.List;

import static io.fluxfleet.gitlab.BlockYaml.flow;
import static io.fluxfleet.gitlab.BlockYaml.literal;
import static io.fluxfleet.gitlab.BlockYaml.map;
import static io.fluxfleet.gitlab.BlockYaml.plain;
import static io.fluxfleet.gitlab.BlockYaml.quoted;
import static io.fluxfleet.gitlab.BlockYaml.seq;

/**
 * The files fluxfleet seeds in a tenant's GitOps repository: the CODEOWNERS and validation pipeline that branch
 * protection and "pipeline must succeed" rely on, and an empty {@code kustomization.yaml} in each path a Flux
 * Kustomization of the environment reconciles, so Flux has something valid to apply before the tenant adds
 * anything.
 *
 * <p>Each seed starts with {@link #MARKER}: that is how a later run tells a file fluxfleet wrote from one the tenant
 * wrote, which fluxfleet never touches. Seeds are committed once, on the first environment branch, and reach the
 * others by promotion: no environment branch has a commit the branch before it lacks.
 */
public final class SeedFiles {
    /** The first line of every seeded file. */
    public static final String MARKER = "# Seeded by fluxfleet.";

    /** One seeded file: a stable role (part of its Pulumi name), its repository path and content. */
    public record Seed(String role, String path, String content, boolean policy) {}

    private SeedFiles() {}

    /**
     * The files fluxfleet looks for on {@code environment}'s branch of {@code tenant}'s project, CODEOWNERS first.
     * They are committed once, by the stack of the first environment ({@link Environment#first()}), on its branch: the
     * policy files, the shared and tenant kustomizations and the cluster kustomization of every environment. The later
     * environment branches are created from the branch before them and inherit these commits, so promotions
     * fast-forward (see {@code GitLabGovernance}); their stacks only report on the policy files and their own cluster
     * directory.
     */
    public static List<Seed> seeds(Tenant tenant, Environment environment, GitLabGovernanceSettings settings) {
        List<Seed> seeds = new ArrayList<>(List.of(
                new Seed("codeowners", ".gitlab/CODEOWNERS", codeowners(tenant, settings.teams()), true),
                new Seed("gitlab-ci", ".gitlab-ci.yml", pipeline(settings.ci()), true),
                kustomization("cluster-kustomization", tenant, environment, Layer.CLUSTER)));
        if (writesSeeds(environment)) {
            for (Environment other : Environment.values()) {
                if (other != environment) {
                    seeds.add(kustomization(GitLabNames.clusterSeedRole(other), tenant, other, Layer.CLUSTER));
                }
            }
            seeds.add(kustomization("shared-kustomization", tenant, environment, Layer.SHARED));
            seeds.add(kustomization("tenant-kustomization", tenant, environment, Layer.APPS));
        }
        return List.copyOf(seeds);
    }

    /**
     * The seeds of a tenant's project when the cluster-admin layers read the platform project
     * ({@code layers.source: platform}): the policy files and, committed once by the first environment's stack, the
     * apps kustomization. The {@code clusters/} and {@code shared/} seeds are the platform project's now; those an
     * earlier run committed stay in the repository (seeds are {@code retainOnDelete}: dropping one from the program
     * never touches the file).
     */
    public static List<Seed> seeds(Tenant tenant, Environment environment, GitLabGovernanceSettings settings,
                                   io.fluxfleet.config.Layers layers) {
        if (!layers.fromPlatform()) {
            return seeds(tenant, environment, settings);
        }
        List<Seed> seeds = new ArrayList<>(List.of(
                new Seed("codeowners", ".gitlab/CODEOWNERS", codeowners(tenant, settings.teams()), true),
                new Seed("gitlab-ci", ".gitlab-ci.yml", pipeline(settings.ci()), true)));
        if (writesSeeds(environment)) {
            seeds.add(kustomization("tenant-kustomization", tenant, environment, Layer.APPS));
        }
        return List.copyOf(seeds);
    }

    /**
     * The seeds of the platform project ({@code layers.project}): its CODEOWNERS (the platform team owns every path),
     * the validation pipeline, and an empty {@code kustomization.yaml} in every directory a tenant's cluster or shared
     * Kustomization reads ({@code clusters/<tenant>/<env>-cluster/}, {@code shared/<tenant>/}), so none is missing.
     * As in a tenant's project, the first environment's stack commits them once (every environment's cluster
     * directory); the later stacks only report their own. A tenant added after the branch is protected gets no seed
     * (fluxfleet never writes to a protected branch): the stack reports the missing directory for a merge request.
     *
     * @param tenants the tenants whose directories are seeded (the stack's; none in a sharded platform stack)
     */
    public static List<Seed> platformSeeds(Tenant platform, Environment environment, GitLabGovernanceSettings settings,
                                           List<Tenant> tenants) {
        List<Seed> seeds = new ArrayList<>(List.of(
                new Seed("codeowners", ".gitlab/CODEOWNERS", platformCodeowners(settings.teams()), true),
                new Seed("gitlab-ci", ".gitlab-ci.yml", pipeline(settings.ci()), true)));
        io.fluxfleet.config.Layers layers = io.fluxfleet.config.Layers.platform(platform.project());
        for (Tenant tenant : tenants) {
            seeds.add(platformKustomization(GitLabNames.platformSeedRole(tenant, GitLabNames.clusterSeedRole(environment)),
                    Names.kustomizationPath(tenant, environment, Layer.CLUSTER)));
            if (writesSeeds(environment)) {
                for (Environment other : Environment.values()) {
                    if (other != environment) {
                        seeds.add(platformKustomization(GitLabNames.platformSeedRole(tenant, GitLabNames.clusterSeedRole(other)),
                                Names.kustomizationPath(tenant, other, Layer.CLUSTER)));
                    }
                }
                seeds.add(platformKustomization(GitLabNames.platformSeedRole(tenant, "shared-kustomization"),
                        Names.kustomizationPath(tenant, environment, Layer.SHARED, layers)));
            }
        }
        return List.copyOf(seeds);
    }

    /**
     * The platform project's CODEOWNERS: the platform team owns every path, in its own section as well, so no later
     * entry (a merge request adding {@code /clusters/x/ @someone}) can make a change approvable without it.
     */
    public static String platformCodeowners(GitLabGovernanceSettings.Teams teams) {
        CodeOwners file = new CodeOwners();
        file.comment(MARKER.substring(2) + " Change it with a merge request; fluxfleet never rewrites it.");
        file.comment("Owners come from the fluxfleet config (gitlab.teams.platform).").blank();
        file.comment("The platform project: every tenant's cluster-admin layers (clusters/, shared/). Grant access to");
        file.comment("the platform team only.");
        file.rule("*", teams.platform()).blank();
        file.comment("The platform team approves every change here");
        file.section("Platform approval");
        file.rule("*", teams.platform());
        return file.toString();
    }

    /**
     * The paths only the platform team may approve in the platform project: the two layers' directories, every
     * CODEOWNERS location GitLab reads, the {@code .gitlab/} directory and the pipeline.
     */
    public static List<String> platformProjectPaths() {
        List<String> paths = new ArrayList<>(List.of("/clusters/", "/shared/"));
        CodeOwnersLocations.FILE_PATHS.forEach(p -> paths.add("/" + p));
        paths.add("/.gitlab/");
        paths.add("/.gitlab-ci.yml");
        return List.copyOf(paths);
    }

    private static Seed platformKustomization(String role, String path) {
        return new Seed(role, path.replaceFirst("^\\./", "") + "/kustomization.yaml", KUSTOMIZATION, false);
    }

    /** Whether {@code environment}'s stack commits the seeds: only the first environment's, once, on its branch. */
    public static boolean writesSeeds(Environment environment) {
        return environment == Environment.first();
    }

    public static boolean seededByFluxfleet(String content) {
        return content != null && content.startsWith(MARKER);
    }

    /** A repository path (no leading {@code ./}) of a tenant's Kustomization layer. */
    static String directory(Tenant tenant, Environment environment, Layer layer) {
        return Names.kustomizationPath(tenant, environment, layer).replaceFirst("^\\./", "");
    }

    /**
     * The guide's CODEOWNERS (section 9.1) with the teams from config. GitLab applies the last matching pattern, so
     * the specific paths follow the global owners. The governance files themselves (this file and the pipeline)
     * belong to the platform and security teams, so a tenant cannot approve a change to its own checks.
     */
    public static String codeowners(Tenant tenant, GitLabGovernanceSettings.Teams teams) {
        CodeOwners file = new CodeOwners();
        file.comment(MARKER.substring(2) + " Change it with a merge request; fluxfleet never rewrites it.");
        file.comment("Owners come from the fluxfleet config (gitlab.teams).").blank();
        file.comment("Global code owners").rule("*", teams.platform(), teams.devops()).blank();
        file.comment("Environment-specific owners");
        for (Environment e : Environment.values()) {
            file.rule(dir(tenant, e, Layer.CLUSTER), e.codeOwners().stream().map(teams::of).toList());
        }
        file.blank().comment("Shared infrastructure")
                .rule(dir(tenant, Environment.first(), Layer.SHARED), teams.platform(), teams.devops()).blank();
        file.comment("Tenant applications").rule(dir(tenant, Environment.first(), Layer.APPS), teams.app(), teams.dev()).blank();
        file.comment("Governance: code owners and the validation pipeline");
        file.rule("/.gitlab/", teams.platform(), teams.security());
        file.rule("/.gitlab-ci.yml", teams.platform(), teams.devops(), teams.security());
        file.blank();
        // A path matched in several sections needs an approval from each (CodeOwnersLocations): whoever owns a
        // cluster-admin layer above, the platform team must approve it too, and so every CODEOWNERS location GitLab
        // reads (a new /CODEOWNERS would replace this file) and the pipeline.
        file.comment("Cluster-admin layers and governance files: the platform team approves every change here");
        file.section("Platform approval");
        for (String path : platformPaths(tenant)) {
            file.rule(path, teams.platform());
        }
        for (String path : sourceIgnores(tenant)) {
            file.rule(path, teams.platform());
        }
        return file.toString();
    }

    /**
     * The {@code .sourceignore} files that can hide a cluster-admin layer's files from Flux: the one at the root and
     * one in each directory above a cluster directory. source-controller reads every {@code .sourceignore} in the
     * repository, each for its own directory and everything below (fluxcd/pkg sourceignore.go,
     * {@code LoadIgnorePatterns}, recursive; fluxcd/source-controller#1007, "Add note about sourceignore recursion"),
     * and leaves the matched files out of the artifact the Kustomizations read: a hidden {@code kustomization.yaml}
     * makes kustomize-controller generate one from every manifest in the directory, dropping the platform's patches.
     * Those inside a cluster or shared directory are already the platform team's; a tenant's own under
     * {@code tenants/<tenant>/} stays the tenant's.
     */
    static List<String> sourceIgnores(Tenant tenant) {
        java.util.Set<String> paths = new java.util.TreeSet<>();
        for (String dir : platformPaths(tenant)) {
            if (dir.endsWith("/")) {
                for (int at = dir.indexOf('/'); at >= 0 && at < dir.length() - 1; at = dir.indexOf('/', at + 1)) {
                    paths.add(dir.substring(0, at + 1) + ".sourceignore");
                }
            }
        }
        return List.copyOf(paths);
    }

    /**
     * The paths only the platform team may approve in a tenant's repository: what the cluster-admin layers read (the
     * cluster directory of every environment, the shared directory), every CODEOWNERS location GitLab reads
     * ({@link CodeOwnersLocations#FILE_PATHS}), the {@code .gitlab/} directory and the pipeline.
     */
    public static List<String> platformPaths(Tenant tenant) {
        List<String> paths = new ArrayList<>();
        for (Environment e : Environment.values()) {
            paths.add(dir(tenant, e, Layer.CLUSTER));
        }
        paths.add(dir(tenant, Environment.first(), Layer.SHARED));
        CodeOwnersLocations.FILE_PATHS.forEach(p -> paths.add("/" + p));
        paths.add("/.gitlab/");
        paths.add("/.gitlab-ci.yml");
        return List.copyOf(paths);
    }

    private static String dir(Tenant tenant, Environment environment, Layer layer) {
        return "/" + directory(tenant, environment, layer) + "/";
    }

    /**
     * A CODEOWNERS file built line by line. GitLab's syntax (doc/user/project/codeowners/reference.md): a line is
     * a comment ({@code #}), a section, or a path pattern followed by owners separated by white space; a space in a
     * path is escaped with a backslash, and a line break ends the entry. So a path may hold no line break and no
     * leading {@code #}/{@code [}/{@code ^}, and an owner is one token ({@code @user}, {@code @group/sub}, a role
     * of direct project members {@code @@developer}/{@code @@maintainer}/{@code @@owner} with the plural accepted
     * (reference.md, "Add a role as a Code Owner": "Only Developer, Maintainer, and Owner roles are available";
     * Premium and Ultimate like every code owner), an e-mail): anything else would make a second entry or change whose
     * approval a path needs, and is refused. The config accepts the same owners ({@code gitlab.teams}).
     */
    static final class CodeOwners {
        private static final java.util.regex.Pattern OWNER = java.util.regex.Pattern.compile(
                "@[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*|@@(developer|maintainer|owner)s?"
                        + "|[^@\\s]+@[^@\\s]+");
        private final StringBuilder out = new StringBuilder();

        CodeOwners comment(String text) {
            if (text.contains("\n") || text.contains("\r")) {
                throw new IllegalArgumentException("a CODEOWNERS comment holds a line break");
            }
            out.append("# ").append(text).append('\n');
            return this;
        }

        /** A section header: GitLab requires an approval from each section whose entries match a changed path. */
        CodeOwners section(String name) {
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9 _-]*")) {
                throw new IllegalArgumentException("not a CODEOWNERS section name: " + io.fluxfleet.config.Shown.quoted(name));
            }
            out.append('[').append(name).append("]\n");
            return this;
        }

        CodeOwners blank() {
            out.append('\n');
            return this;
        }

        @SafeVarargs
        final CodeOwners rule(String path, List<String>... owners) {
            return rule(path, java.util.Arrays.asList(owners));
        }

        CodeOwners rule(String path, List<List<String>> owners) {
            if (path.isEmpty() || path.chars().anyMatch(c -> c < 0x20 || c == 0x7f) || "#[^".indexOf(path.charAt(0)) >= 0) {
                throw new IllegalArgumentException("not a CODEOWNERS path: " + io.fluxfleet.config.Shown.quoted(path));
            }
            List<String> all = owners.stream().flatMap(List::stream).distinct().toList();
            for (String owner : all) {
                if (!OWNER.matcher(owner).matches()) {
                    throw new IllegalArgumentException("not a CODEOWNERS owner: " + io.fluxfleet.config.Shown.quoted(owner));
                }
            }
            out.append(path.replace("\\", "\\\\").replace(" ", "\\ ")).append(' ').append(String.join(" ", all)).append('\n');
            return this;
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }

    /**
     * The validation pipeline: every directory with a {@code kustomization.yaml} must build; the built objects must
     * match the Kubernetes and Flux CRD schemas (kubeconform, strict, with the schemas Flux publishes for its
     * release); Trivy's misconfiguration scan must find nothing HIGH or CRITICAL. Runs for merge requests and
     * branch pushes (not both for one push), so "pipeline must succeed" has a pipeline to wait for.
     */
    static String pipeline(GitLabGovernanceSettings.Ci ci) {
        String build = """
                set -eu
                mkdir -p rendered
                dirs=$(find . -name kustomization.yaml -not -path './.git/*' -exec dirname {} \\; | sort)
                if [ -z "$dirs" ]; then echo "no kustomization.yaml in the repository"; exit 1; fi
                for dir in $dirs; do
                  out="rendered/$(echo "${dir#./}" | tr '/' '_').yaml"
                  echo "kubectl kustomize $dir"
                  kubectl kustomize "$dir" > "$out"
                done
                """;
        var document = map(
                "workflow", map("rules", seq(
                        map("if", "$CI_PIPELINE_SOURCE == \"merge_request_event\""),
                        map("if", "$CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS", "when", "never"),
                        map("if", "$CI_COMMIT_BRANCH"))),
                "stages", seq(plain("build"), plain("validate"), plain("security")),
                "variables", map("FLUX_VERSION", quoted(ci.fluxVersion())),
                "kustomize-build", map(
                        "stage", "build",
                        "image", image(ci.kubectlImage()),
                        "script", seq(literal(build)),
                        "artifacts", map("paths", seq(plain("rendered/")), "expire_in", "1 week")),
                "schema-validate", map(
                        "stage", "validate",
                        "needs", flow(plain("kustomize-build")),
                        "image", image(ci.kubeconformImage()),
                        "script", seq(
                                plain("mkdir -p /tmp/flux-crd-schemas/master-standalone-strict"),
                                plain("wget -qO- \"https://github.com/fluxcd/flux2/releases/download/v${FLUX_VERSION}"
                                        + "/crd-schemas.tar.gz\" | tar -xzf - -C /tmp/flux-crd-schemas/master-standalone-strict"),
                                plain("/kubeconform -strict -summary -ignore-missing-schemas -schema-location default"
                                        + " -schema-location /tmp/flux-crd-schemas rendered/*.yaml"))),
                "trivy-config", map(
                        "stage", "security",
                        "needs", flow(),
                        "image", image(ci.trivyImage()),
                        "script", seq(plain("trivy config --exit-code 1 --severity HIGH,CRITICAL ."))));
        return BlockYaml.write(List.of(MARKER + " Change it with a merge request; fluxfleet never rewrites it.",
                "# Validates every kustomization in this GitOps repository before Flux applies it."), document);
    }

    /** A job's image, with the entrypoint cleared so the script runs in a shell. */
    private static BlockYaml.MapNode image(String reference) {
        return map("name", plain(reference), "entrypoint", flow(quoted("")));
    }

    private static final String KUSTOMIZATION = MARKER + " It is yours: add resources here; fluxfleet never rewrites it.\n"
            + "apiVersion: kustomize.config.k8s.io/v1beta1\n"
            + "kind: Kustomization\n"
            + "resources: []\n";

    private static Seed kustomization(String role, Tenant tenant, Environment environment, Layer layer) {
        return new Seed(role, directory(tenant, environment, layer) + "/kustomization.yaml", KUSTOMIZATION, false);
    }
}
