package io.fluxfleet.shard;

import io.fluxfleet.config.ConfigLoader;
import io.fluxfleet.config.RawConfig;
import io.fluxfleet.plan.PlannedResource;
import io.fluxfleet.render.RenderResult;
import io.fluxfleet.render.RenderWriter;
import io.fluxfleet.render.Renderer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The sharded prod of src/test/resources/shards (platform prod, shards a and b), copied and edited per test. */
final class ShardLayouts {
    static final Path FIXTURES = Path.of("src/test/resources/shards");
    static final List<String> FILES = List.of("Pulumi.prod.yaml", "Pulumi.prod-tenants-a.yaml", "Pulumi.prod-tenants-b.yaml");

    private ShardLayouts() {}

    /** The fixture layout copied into {@code dir}. */
    static Path copy(Path dir) {
        try {
            for (String file : FILES) {
                Files.copy(FIXTURES.resolve(file), dir.resolve(file));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A shard stack file listing {@code tenantsYaml} (the entries, indented as under fluxfleet:tenants). */
    static void writeShard(Path dir, String shard, String tenantsYaml) {
        try {
            Files.writeString(dir.resolve("Pulumi.prod-tenants-" + shard + ".yaml"),
                    "config:\n  fluxfleet:platform: prod\n  fluxfleet:tenants:\n" + tenantsYaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String tenant(String name, String... extra) {
        // each tenant with its own commit-status token and Harbor robot, as the committed stacks and shard fixtures
        StringBuilder yaml = new StringBuilder("    - name: " + name + "\n      project: your-org/" + name + "-gitops\n"
                + "      statusToken:\n      harbor:\n        username: robot$" + name + "-prod\n        password:\n");
        for (String line : extra) {
            yaml.append("      ").append(line).append('\n');
        }
        return yaml.toString();
    }

    /** Renders stack {@code stack} from {@code dir}: a shard through {@link ShardRender}, any other stack directly. */
    static RenderResult render(Path dir, String stack) {
        Path file = dir.resolve("Pulumi." + stack + ".yaml");
        RawConfig raw = RawConfig.fromStackFile(file);
        if (ShardProgram.isShard(raw)) {
            return ShardRender.render(stack, file, raw, w -> { }).result();
        }
        return Renderer.render(ConfigLoader.load(stack, raw));
    }

    /** A render as {@code fluxfleet plan} reads it: its resources.json. */
    static List<PlannedResource> planned(RenderResult result) {
        try {
            return PlannedResource.parse(RenderWriter.files(result).get("resources.json"), result.stack());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
