package io.fluxfleet.diff;

import io.fluxfleet.render.RenderWriter;
import io.fluxfleet.render.Renderer;
import io.fluxfleet.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The merge request that upgrades an installation of the previous fluxfleet shows the engine's plan in its note:
 * the target branch's prod render is the previous program's (no URNs: the real c4b6dba render in
 * {@code plan/upgrade}), and the note plans it with identity inferred from this change's renders, dev's included
 * (prod no longer has seed files), as {@code fluxfleet plan --infer-from} does (io.fluxfleet.plan.UpgradeTest).
 */
class UpgradeNoteTest {
    private static final Path OLD_PROD = Path.of("src/test/resources/plan/upgrade/c4b6dba-prod/resources.json");

    @Test
    void theNotePlansAnOldFormatRenderAndLeadsWithItsRefusals(@TempDir Path stacks) throws IOException {
        Files.createDirectories(stacks.resolve("prod/old"));
        Files.copy(OLD_PROD, stacks.resolve("prod/old/resources.json"));
        for (String env : new String[] {"dev", "prod"}) {
            Path dir = Files.createDirectories(stacks.resolve(env + "/new"));
            RenderWriter.write(Renderer.render(Stacks.committedOneRepository(env)), dir.resolve("out"));
            Files.move(dir.resolve("out/resources.json"), dir.resolve("resources.json"));
            Files.move(dir.resolve("out/kubernetes.yaml"), dir.resolve("kubernetes.yaml"));
        }
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = DiffCommand.run(new String[] {"--stacks", stacks.toString()}, new PrintStream(out, true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String note = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        assertFalse(note.contains("No plan"), "the old-format render is planned, not skipped:\n" + note);
        assertTrue(note.contains("pulumi state unprotect --stack prod --yes"), note);
        for (String seed : new String[] {"codeowners", "gitlab-ci", "cluster-kustomization", "shared-kustomization",
                "tenant-kustomization"}) {
            assertTrue(note.contains("RepositoryFile::tenant1-prod-" + seed), seed + " is named in the note");
        }
        int caution = note.indexOf("**`pulumi up` will fail** for `prod`");
        assertTrue(caution > 0 && caution < note.indexOf("#### Stack"), "the refusal leads the note:\n" + note);
        // Creates: the 6 of the old-format upgrade, the admission component with a policy and a binding per concern
        // (issue 19), and the flux-network component with its 5 NetworkPolicies (issue 19). Updates: 19, among them
        // the await annotations (issue 22), the tenant Namespace's Pod Security labels and the quota's object counts;
        // a secret whose only difference is its fingerprint is a no-op (keys differ, issue 20).
        int admission = 1 + 2 * io.fluxfleet.admission.AdmissionPolicies.CONCERNS.size();
        int created = 6 + admission + 6;
        assertTrue(note.contains("| `prod` | " + created + " | 64 | 5 | **refused** · 45 no-op, " + created
                        + " create, 19 update, 5 delete (retain"),
                "prod's summary row: the five old prod seeds refused, nothing replaced:\n" + note);
    }
}
