package io.fluxfleet.flux;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fluxfleet.render.Recorded;
import io.fluxfleet.render.RenderResult;
import io.fluxfleet.testing.Stacks;
import io.fluxfleet.verify.CrdSchemaValidator;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The flux2 chart version decides what the HelmReleases may carry: {@code spec.postRenderStrategy} exists from Flux
 * 2.9 (the Flux 2.9.4 HelmRelease CRD has it, the 2.18.3 chart's Flux 2.8.5 CRD does not), is set only on a release
 * whose post-renderers patch hook Jobs, and validates against the 2.9 CRD; a chart the tests did not render, and a
 * Flux that skips hooks in post-renderers, are warned about.
 */
class FluxReleasesTest {

    private static RenderResult render(String chart) {
        ObjectNode config = Stacks.withSharedInfra(Stacks.minimal("prod", 1));
        config.putObject("flux").put("chartVersion", chart);
        return Stacks.render(Stacks.load("prod", config));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> release(RenderResult render, String name) {
        Recorded r = render.find("kubernetes:helm.toolkit.fluxcd.io/v2:HelmRelease", "flux-system/" + name);
        return (Map<String, Object>) RenderResult.reveal(r.inputs());
    }

    @SuppressWarnings("unchecked")
    private static Object spec(Map<String, Object> release, String field) {
        return ((Map<String, Object>) release.get("spec")).get(field);
    }

    @Test
    void onFlux29TheHookPatchingReleaseSaysCombinedAndValidatesAgainstThe29Crd() {
        RenderResult render = render("2.19.1");
        Map<String, Object> monitoring = release(render, "rancher-monitoring");
        assertEquals("combined", spec(monitoring, "postRenderStrategy"));
        assertEquals(List.of(), CrdSchemaValidator.fluxCrds().validate(monitoring));
        // rancher-logging's post-renderer patches a Deployment, not a hook
        assertNull(spec(release(render, "rancher-logging"), "postRenderStrategy"));
        assertTrue(render.warnings().stream().anyMatch(w -> w.startsWith("flux.chartVersion 2.19.1 (Flux 2.9.5) was not"
                + " rendered by fluxfleet's tests (they render 2.18.3)")), render.warnings().toString());
    }

    @Test
    void onTheTestedFlux28TheFieldIsAbsentAsItsCrdHasNoSuchField() throws Exception {
        RenderResult render = render(FluxReleases.TESTED_CHART);
        assertNull(spec(release(render, "rancher-monitoring"), "postRenderStrategy"));
        assertTrue(render.warnings().stream().noneMatch(w -> w.contains("was not rendered")), render.warnings().toString());
        String crd = Files.readString(Path.of("src/test/resources/charts/flux2/templates/helm-controller.crds.yaml"));
        assertTrue(crd.contains("postRenderers"));
        assertFalse(crd.contains("postRenderStrategy"), "the 2.18.3 chart's HelmRelease CRD has no postRenderStrategy");
    }

    @Test
    void aFlux28ThatSkipsHooksIsWarnedAbout() {
        assertTrue(FluxReleases.warnings("2.18.5", true).stream().anyMatch(w -> w.contains("may ship Flux 2.8.6-2.8.8")
                && w.contains("fluxcd/helm-controller#1469")));
        assertTrue(FluxReleases.warnings("2.18.3", true).isEmpty());
        assertTrue(FluxReleases.warnings("2.17.2", true).stream().noneMatch(w -> w.contains("#1469")));
        assertFalse(FluxReleases.hasPostRenderStrategy("2.18.5"));
        assertTrue(FluxReleases.hasPostRenderStrategy("2.20.0"));
    }

    @Test
    void noKustomizationRunsPostBuildSoStrictSubstitutionCannotBreakIt() {
        // kustomize-controller 1.9 (Flux 2.9) makes post-build substitution strict by default
        // (fluxcd/kustomize-controller#1671); it runs only on a Kustomization with spec.postBuild
        RenderResult render = render("2.19.1");
        List<Recorded> kustomizations = render.ofType("kubernetes:kustomize.toolkit.fluxcd.io/v1:Kustomization");
        assertFalse(kustomizations.isEmpty());
        for (Recorded k : kustomizations) {
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) RenderResult.reveal(k.inputs());
            assertNull(spec(object, "postBuild"), k.name());
        }
    }
}
