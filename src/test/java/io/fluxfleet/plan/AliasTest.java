package io.fluxfleet.plan;

import com.pulumi.core.Alias;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResourceOptions;

import io.fluxfleet.render.RenderWriter;
import io.fluxfleet.render.Renderer;
import io.fluxfleet.testing.Stacks;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A renamed resource is a replacement unless it carries an alias to its old name: render records the alias as the
 * engine resolves it (name, type and parent defaulting to the resource's own), and the plan matches it.
 */
class AliasTest {

    private static List<PlannedResource> render(String name, boolean alias) throws IOException {
        var result = Renderer.render(Stacks.committed("dev"), (ctx, c) -> {
            var provider = new Provider("k8s", ProviderArgs.builder().context("c").build());
            var options = CustomResourceOptions.builder().provider(provider);
            if (alias) {
                options.aliases(Alias.builder().name("old-name").build());
            }
            new Namespace(name, NamespaceArgs.builder().metadata(ObjectMetaArgs.builder().name("team").build()).build(),
                    options.build());
        });
        return PlannedResource.parse(RenderWriter.files(result).get("resources.json"), name);
    }

    @Test
    void anAliasTurnsARenameIntoANoOp() throws IOException {
        List<PlannedResource> before = render("old-name", false);
        Plan renamed = Plan.up(before, render("new-name", false));
        assertEquals(1, renamed.counts().get(Plan.Op.CREATE));
        assertEquals(1, renamed.counts().get(Plan.Op.DELETE));
        Plan aliased = Plan.up(before, render("new-name", true));
        assertTrue(aliased.noChanges(), PlanReport.text(aliased));
        assertTrue(aliased.steps().stream().anyMatch(s -> s.note().contains("by its alias")));
    }
}
