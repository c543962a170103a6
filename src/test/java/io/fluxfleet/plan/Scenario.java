package io.fluxfleet.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fluxfleet.FluxFleetStack;
import io.fluxfleet.config.ConfigLoader;
import io.fluxfleet.config.RawConfig;
import io.fluxfleet.config.GitLabGovernanceSettings;
import io.fluxfleet.gitlab.GitLabLookup;
import io.fluxfleet.gitlab.SeedFiles;
import io.fluxfleet.render.RenderWriter;
import io.fluxfleet.render.Renderer;
import io.fluxfleet.testing.Stacks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A stack file run through render as {@code pulumi up} would run it, for the plan scenarios: the committed
 * {@code Pulumi.<env>.yaml}, edited per scenario, written out as a stack file and loaded back through the real
 * loader, then rendered with a chosen date (deploy-token windows) and a chosen view of GitLab.
 */
final class Scenario {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 30);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Scenario() {}

    /** The committed stack file's config, keys without the {@code fluxfleet:} prefix, to edit. */
    /** {@link #committed} in the one-repository layout ({@code Stacks#committedOneRepository}). */
    static ObjectNode committedOneRepository(String env) {
        ObjectNode config = committed(env);
        config.putObject("layers").put("source", "tenant");
        return config;
    }

    static ObjectNode committed(String env) {
        try {
            ObjectNode file = (ObjectNode) YAML.readTree(Stacks.stackFile(env).toFile());
            ObjectNode config = YAML.createObjectNode();
            file.get("config").fields().forEachRemaining(e ->
                    config.set(e.getKey().substring(RawConfig.NAMESPACE.length() + 1), e.getValue().deepCopy()));
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GitLab before the first up: every project exists, nothing of fluxfleet's yet. */
    static GitLabLookup greenfield() {
        return GitLabLookup.greenfield();
    }

    /**
     * GitLab after an up: the branch exists and is protected, every seed is there with fluxfleet's marker, except
     * the paths in {@code rewritten}, which the tenant has rewritten without it.
     */
    static GitLabLookup afterUp(Set<String> rewritten) {
        return new GitLabLookup() {
            @Override
            public Optional<GitLabGovernanceSettings.Edition> edition() {
                return Optional.empty();
            }

            @Override
            public GitLabLookup.ProjectFacts project(String path, String branch, String source, List<String> seeds) {
                Map<String, String> files = new LinkedHashMap<>();
                for (String seed : seeds) {
                    if (seed.equals("CODEOWNERS") || seed.equals("docs/CODEOWNERS")) {
                        continue; // read too, to see which CODEOWNERS GitLab applies; fluxfleet seeds neither
                    }
                    files.put(seed, rewritten.contains(seed) ? "# the tenant's own\n" : SeedFiles.MARKER + " as seeded\n");
                }
                return new GitLabLookup.ProjectFacts(path, path, "main", false, true, true, true, files, List.of(),
                        Optional.empty(), Optional.empty(), Optional.empty());
            }
        };
    }

    /** Renders {@code config} as stack {@code env}, as a run on {@code today} seeing GitLab as {@code gitlab}. */
    static List<PlannedResource> up(String env, ObjectNode config, LocalDate today, GitLabLookup gitlab) {
        try {
            Path dir = Files.createTempDirectory("fluxfleet-scenario");
            Path file = Stacks.writeStackFile(dir, env, config);
            var loaded = ConfigLoader.load(env, RawConfig.fromStackFile(file));
            var result = Renderer.render(loaded, (ctx, c) ->
                    FluxFleetStack.build(ctx, c, new FluxFleetStack.Runtime(provider -> gitlab, today)));
            Files.delete(file);
            Files.delete(dir);
            return PlannedResource.parse(RenderWriter.files(result).get("resources.json"), env);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A second run of an unchanged GitLab: what every run after the first sees. */
    static List<PlannedResource> up(String env, ObjectNode config) {
        return up(env, config, TODAY, afterUp(Set.of()));
    }

    /** Adds a tenant {@code name} with project {@code your-org/<name>-gitops}. */
    static ObjectNode withTenant(ObjectNode config, String name) {
        ObjectNode copy = config.deepCopy();
        ObjectNode t = ((com.fasterxml.jackson.databind.node.ArrayNode) copy.get("tenants")).addObject();
        t.put("name", name);
        t.put("project", "your-org/" + name + "-gitops");
        return copy;
    }

    /** The same resources with one changed: used to model the state an older fluxfleet wrote. */
    static List<PlannedResource> protectWhere(List<PlannedResource> resources, java.util.function.Predicate<PlannedResource> which) {
        return resources.stream().map(r -> which.test(r) ? new PlannedResource(r.urn(), r.type(), r.name(), r.component(),
                r.parent(), r.provider(), true, r.retainOnDelete(), r.deleteBeforeReplace(), r.replaceOnChanges(),
                r.ignoreChanges(), r.aliases(), r.importId(), r.dependencies(), r.inputs()) : r).toList();
    }
}
