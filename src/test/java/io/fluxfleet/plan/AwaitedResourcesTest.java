package io.fluxfleet.plan;

import io.fluxfleet.App;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plan names what `pulumi up` will wait for, read from the render's annotations. */
class AwaitedResourcesTest {

    @Test
    void theCommittedDevStackPlanListsItsAwaitedObjects(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("dev");
        assertEquals(0, App.run(new String[] {"render", "--stack", "dev", "--out", out.toString()}));
        List<AwaitedResources.Awaited> awaited = AwaitedResources.of(PlannedResource.read(out));
        // 2 HTTP HelmRepositories, 4 Rancher HelmReleases (+ the custom charts the stack names), per tenant 2
        // GitRepositories and the cluster and shared Kustomizations
        assertTrue(awaited.stream().anyMatch(a -> a.object().equals("Kustomization flux-system/tenant1-dev-cluster")));
        assertTrue(awaited.stream().noneMatch(a -> a.object().contains("harbor-charts")), awaited.toString());
        assertTrue(awaited.stream().noneMatch(a -> a.object().endsWith("-apps")), awaited.toString());
        assertTrue(awaited.stream().allMatch(a -> a.waitFor().equals("condition=Ready") && a.timeoutSeconds().equals("1200")));

        PrintStream oldOut = System.out;
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(text, true, StandardCharsets.UTF_8));
            assertEquals(0, App.run(new String[] {"plan", out.toString(), out.toString()}));
        } finally {
            System.setOut(oldOut);
        }
        String plan = text.toString(StandardCharsets.UTF_8);
        assertTrue(plan.contains("`pulumi up` waits for " + awaited.size() + " object(s) to be Ready"), plan);
        assertTrue(plan.contains("  Kustomization flux-system/tenant1-dev-shared  (condition=Ready, 1200 s)"), plan);
        String md = AwaitedResources.markdown(PlannedResource.read(out));
        assertTrue(md.contains("waits for " + awaited.size() + " object(s)"), md);
    }
}
