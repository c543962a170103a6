package io.fluxfleet.shard;

import io.fluxfleet.FluxFleetStack;
import io.fluxfleet.config.ConfigException;
import io.fluxfleet.config.ConfigLoader;
import io.fluxfleet.config.FluxFleetConfig;
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
