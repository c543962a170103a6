package io.fluxfleet.shard;

import io.fluxfleet.FluxFleetStack;
import io.fluxfleet.config.ConfigException;
import io.fluxfleet.config.ConfigLoader;
import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.config.IngressDomains;
import io.fluxfleet.config.Problem;
import io.fluxfleet.config.RawConfig;
import io.fluxfleet.config.Sharding;
import io.fluxfleet.config.Shown;
import io.fluxfleet.render.RenderResult;
import io.fluxfleet.render.Renderer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The offline render of a tenant shard: the platform stack's file, beside the shard's, is rendered first, and the
 * shard's stack reference is answered with that render's outputs, as the engine answers it with the platform's
 * deployed outputs. The shard's whole config is validated before either render registers anything.
 */
public final class ShardRender {
    /**
     * A tenant belongs to one shard: listed in two shard files, two stacks would own (and, with upsert, silently take
     * over each other's) objects. The other shard files of the platform beside this one are read for their tenant names,
     * and for their tenants' Ingress domains: a domain overlapping another shard's tenant's is refused as within one
     * stack ({@link IngressDomains}).
     */
    static void checkNoTenantInTwoShards(String stack, Path shardFile, RawConfig own) {
        String prefix = "Pulumi." + Sharding.baseName(own.values().get("platform").asText()) + Sharding.SHARD_INFIX;
        List<Problem> problems = new ArrayList<>();
        var tenants = own.values().get("tenants");
        try (var siblings = Files.list(shardFile.toAbsolutePath().getParent())) {
            for (Path other : siblings.filter(f -> f.getFileName().toString().startsWith(prefix)
                    && f.getFileName().toString().endsWith(".yaml")
                    && !f.getFileName().toString().equals("Pulumi." + stack + ".yaml")).sorted().toList()) {
                var theirs = RawConfig.fromStackFile(other).values().get("tenants");
                if (tenants == null || theirs == null || !tenants.isArray() || !theirs.isArray()) {
                    continue;
                }
                String otherName = other.getFileName().toString();
                problems.addAll(IngressDomains.overlapsWith(IngressDomains.claims(tenants, RawConfig.NAMESPACE + ":", ""),
                        IngressDomains.claims(theirs, otherName + " ", " in " + Shown.quoted(otherName))));
                java.util.Set<String> names = new java.util.HashSet<>();
                theirs.forEach(t -> names.add(t.path("name").asText()));
                for (int i = 0; i < tenants.size(); i++) {
                    String name = tenants.get(i).path("name").asText();
                    if (names.contains(name)) {
                        problems.add(new Problem(RawConfig.NAMESPACE + ":tenants[" + i + "].name", "tenant "
                                + Shown.quoted(name) + " is also listed in " + Shown.quoted(other.getFileName().toString())
                                + ": a tenant belongs to one shard (to move it, README \"Large fleets\")"));
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(own.source(), problems);
        }
    }

    /** A shard's validated config and its render. */
    public record Rendered(FluxFleetConfig config, RenderResult result) {}

    private ShardRender() {}

    /** The platform stack file a shard's stack file names: {@code Pulumi.<platform>.yaml} in the same directory. */
    public static Path platformFile(Path shardFile, RawConfig own) {
        String platform = Sharding.baseName(own.values().get("platform").asText());
        return shardFile.toAbsolutePath().resolveSibling("Pulumi." + platform + ".yaml");
    }

    /**
     * Renders shard {@code stack} from its stack file's config {@code own}.
     *
     * @throws ConfigException the shard's or its platform's config is invalid, or the platform does not declare it
     */
    public static Rendered render(String stack, Path shardFile, RawConfig own, Consumer<String> warn) {
        ShardProgram.checkOwnKeys(stack, own);
        String platform = own.values().get("platform").asText();
        Path platformFile = platformFile(shardFile, own);
        if (!Files.isRegularFile(platformFile)) {
            throw new ConfigException(own.source(), List.of(new Problem(RawConfig.NAMESPACE + ":platform",
                    "names the platform stack " + Shown.quoted(platform) + ", whose stack file "
                            + Shown.quoted(platformFile.getFileName().toString()) + " is not beside this one")));
        }
        checkNoTenantInTwoShards(stack, shardFile, own);
        List<String> platformWarnings = new ArrayList<>();
        FluxFleetConfig platformConfig = ConfigLoader.load(Sharding.baseName(platform),
                RawConfig.fromStackFile(platformFile), platformWarnings::add);
        Map<String, String> inherited = new TreeMap<>();
        platformConfig.sharding().inherited().forEach((k, v) -> inherited.put(k, v.toString()));
        FluxFleetConfig config = ConfigLoader.load(stack, ShardProgram.merge(stack, own, platform, inherited,
                List.copyOf(platformConfig.sharding().inheritedSecretKeys()), platformConfig.sharding().shards(),
                platformConfig.environment().id()), warn);
        RenderResult platformRender = Renderer.render(platformConfig);
        RenderResult result = Renderer.renderShard(stack, platform, platformRender,
                ctx -> ShardProgram.run(ctx, own, FluxFleetStack.Runtime.offline(), ignored -> { }));
        return new Rendered(config, result);
    }
}
