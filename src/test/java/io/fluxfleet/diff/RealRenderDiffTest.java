package io.fluxfleet.diff;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxfleet.diff.RenderDiff.Change;
import io.fluxfleet.diff.RenderDiff.StackDiff;
import io.fluxfleet.diff.RenderDiff.Status;
import io.fluxfleet.render.RenderCommand;
import io.fluxfleet.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The diff of real {@code fluxfleet render} output: two configs are rendered by the render command, as the
 * CI script does, and compared. This keeps the diff honest about the render's actual format; the
 * hand-made fixtures in {@link RenderDiffTest} cover what the render cannot produce yet (GitLab approval
 * rules) and the malformed cases.
 */
class RealRenderDiffTest {

    private static Path render(Path dir, String side, String stack, ObjectNode config) throws IOException {
        Path stackFile = Stacks.writeStackFile(Files.createDirectories(dir.resolve(side + "-config")), stack, config);
        Path out = dir.resolve(side);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = RenderCommand.run(new String[]{"--stack", stack, "--config", stackFile.toString(), "--out", out.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        return out;
    }

    private static String note(StackDiff diff) {
        return MergeRequestNote.render(List.of(new MergeRequestNote.Section(diff, Optional.empty())),
                Optional.empty(), Optional.empty());
    }

    @Test
    void addingATenantOnlyAddsThatTenantsResources(@TempDir Path dir) throws IOException {
        Path old = render(dir, "old", "dev", Stacks.minimal("dev", 1));
        Path current = render(dir, "new", "dev", Stacks.minimal("dev", 2));

        StackDiff diff = RenderDiff.compare("dev", old, current);

        assertTrue(diff.count(Status.ADDED) >= 5, "namespace, secrets, sources, kustomizations: " + diff.resources());
        assertEquals(0, diff.count(Status.REMOVED));
        for (Change c : diff.resources()) {
            if (c.status() == Status.ADDED) {
                assertTrue(c.name().contains("tenant2"), c.type() + " " + c.name());
            }
        }
        assertTrue(diff.objects().stream().anyMatch(c -> c.status() == Status.ADDED
                && c.type().equals("Namespace") && c.name().equals("tenant2")), diff.objects()::toString);
        assertTrue(diff.warnings().isEmpty(), diff.warnings()::toString);
        assertNoSecretIn(note(diff));
    }

    @Test
    void changingAGitPasswordIsAChangedSecretAndNeverShowsTheValue(@TempDir Path dir) throws IOException {
        // with deploy tokens off, the configured password is what the cluster Secret holds
        ObjectNode before = Stacks.minimal("dev", 1);
        ((ObjectNode) before.get("gitlab")).putObject("deployToken").put("enabled", false);
        ObjectNode changed = before.deepCopy();
        ((ObjectNode) changed.withArray("tenants").get(0)).put("gitPassword", "glpat-rotated-password-0003");
        Path old = render(dir, "old", "dev", before);
        Path current = render(dir, "new", "dev", changed);

        StackDiff diff = RenderDiff.compare("dev", old, current);
        String note = note(diff);

        assertFalse(diff.resources().isEmpty());
        assertTrue(diff.resources().stream().allMatch(c -> c.label().equals("changed (secret)")), diff.resources()::toString);
        assertTrue(diff.resources().stream().anyMatch(c -> c.name().equals("flux-system/gitlab-auth-tenant1")),
                diff.resources()::toString);
        assertTrue(note.contains("| changed (secret) | `kubernetes:core/v1:Secret` | `flux-system/gitlab-auth-tenant1` |"), note);
        assertFalse(note.contains("glpat-rotated-password-0003"), note);
        assertNoSecretIn(note);
        assertTrue(diff.warnings().isEmpty(), "the render's placeholders pass the guard: " + diff.warnings());
    }

    @Test
    void changingApprovalsChangesOnlyTheApprovalRule(@TempDir Path dir) throws IOException {
        ObjectNode one = Stacks.minimal("prod", 1);
        ((ObjectNode) one.get("gitlab")).put("tier", "premium").put("approvals", 1)
                .putObject("approvers").putArray("groups").add("your-org/platform-team");
        // The approver group is not a CODEOWNERS group here, so every stack must list it for the owner to share.
        ((ObjectNode) one.get("gitlab")).putObject("projectSettings").putArray("sharedGroups").add("your-org/platform-team");
        ObjectNode two = one.deepCopy();
        ((ObjectNode) two.get("gitlab")).put("approvals", 2);

        StackDiff diff = RenderDiff.compare("prod", render(dir, "old", "prod", one), render(dir, "new", "prod", two));
        String note = note(diff);

        assertEquals(0, diff.count(Status.ADDED));
        assertEquals(0, diff.count(Status.REMOVED));
        assertEquals(1, diff.count(Status.CHANGED), diff.resources()::toString);
        assertTrue(diff.resources().get(0).name().contains("tenant1"), diff.resources()::toString);
        assertTrue(note.contains("`gitlab:index/projectApprovalRule:ProjectApprovalRule`"), note);
        assertTrue(note.contains("-  approvalsRequired: 1\n+  approvalsRequired: 2"), note);
    }

    @Test
    void changingTheProfileChangesQuotasAndFluxButAddsNothing(@TempDir Path dir) throws IOException {
        ObjectNode bigger = Stacks.minimal("dev", 1);
        bigger.putObject("profile").put("cpu", "3");
        Path old = render(dir, "old", "dev", Stacks.minimal("dev", 1));
        Path current = render(dir, "new", "dev", bigger);

        StackDiff diff = RenderDiff.compare("dev", old, current);

        assertEquals(0, diff.count(Status.ADDED));
        assertEquals(0, diff.count(Status.REMOVED));
        assertTrue(diff.count(Status.CHANGED) >= 1, diff.resources()::toString);
        assertTrue(diff.resources().stream().noneMatch(Change::secret), diff.resources()::toString);
        assertTrue(diff.resources().stream().flatMap(c -> c.diff().stream()).anyMatch(l -> l.startsWith("+") && l.contains("3")),
                diff.resources()::toString);
    }

    @Test
    void theSameConfigRenderedTwiceHasNoChange(@TempDir Path dir) throws IOException {
        Path old = render(dir, "old", "prod", Stacks.minimal("prod", 2));
        Path current = render(dir, "new", "prod", Stacks.minimal("prod", 2));

        StackDiff diff = RenderDiff.compare("prod", old, current);

        assertFalse(diff.hasChanges(), diff.resources()::toString);
        assertTrue(note(diff).contains("No change to its resources or Kubernetes objects."));
    }

    private static void assertNoSecretIn(String note) {
        assertFalse(note.contains(Stacks.GIT_PASSWORD), "git password leaked");
        assertFalse(note.contains(Stacks.HARBOR_PASSWORD), "harbor password leaked");
    }
}
