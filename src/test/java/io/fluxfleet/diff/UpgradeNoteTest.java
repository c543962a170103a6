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
            RenderWriter.write(Renderer.render(Stacks.committed(env)), dir.resolve("out"));
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
        // The old render fingerprinted secrets without a key, the new one with a key (issue 20): those pairs cannot be
        // compared, so a resource whose only difference is a secret's fingerprint is a no-op, not an update (56, 8).
        // The admission component with a policy and a binding per concern are created; the tenant's Namespace gains
        // its Pod Security labels (an update)
        int admission = 1 + 2 * io.fluxfleet.admission.AdmissionPolicies.CONCERNS.size();
        assertTrue(note.contains("| `prod` | " + (6 + admission) + " | 64 | 5 | **refused** · 56 no-op, " + (6 + admission)
                        + " create, 8 update, 5 delete (retain"),
        // 8 of the updates are the await annotations (issue 22) on the old render's sources, charts and Kustomizations
                "prod's summary row: the five old prod seeds refused, nothing replaced:\n" + note);
    }
}
