package io.fluxfleet.plan;

import io.fluxfleet.plan.Plan.Op;
import io.fluxfleet.plan.Plan.Step;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Upgrading a prod installation made by the previous fluxfleet (c4b6dba, before issues 10 and 12): its state has the
 * deploy token and five seed files per tenant protected, seeds on prod, the protection in the CE access-level fields
 * and merge method {@code rebase_merge}. The old side is that program's render of the committed prod stack
 * ({@code src/test/resources/plan/upgrade/c4b6dba-prod}, SOURCES.md); the new side is today's program on the same
 * stack file, as a run against the GitLab the old one left behind. README "Upgrading from an earlier fluxfleet".
 */
class UpgradeTest {
    private static final Path OLD = Path.of("src/test/resources/plan/upgrade/c4b6dba-prod/resources.json");
    private static final String OLD_SHA256 = "30057c1539afbe04d5a157704a2eedea1f0b1bf859e11b1030e7b9bb3a3ca94d";
    private static final String FILE = "gitlab:index/repositoryFile:RepositoryFile";
    private static final Pattern QUOTED_URN = Pattern.compile("'(urn:pulumi:[^']+)'");

    static List<PlannedResource> oldState() throws IOException {
        return PlannedResource.parse(Files.readString(OLD), "c4b6dba-prod");
    }

    @Test
    void theOldRenderIsTheOneSourcesDescribes() throws IOException, NoSuchAlgorithmException {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(OLD)));
        assertEquals(OLD_SHA256, sha, "regenerate as SOURCES.md says and review the diff before changing the hash");
    }

    @Test
    void thePlainUpgradeIsRefusedOnlyForTheOldProdSeedsAndNamesTheWayOut() throws IOException {
        List<PlannedResource> before = oldState();
        Plan plan = Plan.up(before, Scenario.up("prod", Scenario.committed("prod")));
        String why = PlanReport.text(plan);

        assertFalse(plan.ok(), why);
        // The engine refuses exactly the deletes of the seeds the old program committed on prod and protected
        // (pulumi/pulumi step.go DeleteStep: protected in the state, whatever the program says now).
        Set<String> refused = new TreeSet<>();
        plan.refusals().forEach(r -> refused.add(r.resource().name()));
        assertEquals(Set.of("tenant1-prod-cluster-kustomization", "tenant1-prod-codeowners", "tenant1-prod-gitlab-ci",
                "tenant1-prod-shared-kustomization", "tenant1-prod-tenant-kustomization"), refused, why);
        assertTrue(plan.refusals().stream().allMatch(r -> r.resource().type().equals(FILE)
                && r.message().contains("cannot be deleted\nbecause it is protected")
                && r.advice().contains("Upgrading from an earlier fluxfleet")), why);

        // Not refused: the token loses its protection in the same run (no-op), the CE fields the program stops
        // setting are an in-place update (RequiresReplaceIfConfigured), the merge method an update.
        assertEquals(Op.SAME, step(plan, "tenant1-prod-deploy-token").op(), why);
        assertTrue(step(plan, "tenant1-prod-deploy-token").note().contains("protection lifted"), why);
        Step protection = step(plan, "tenant1-prod-protection");
        assertEquals(Op.UPDATE, protection.op(), why);
        assertTrue(protection.keys().containsAll(List.of("pushAccessLevel", "mergeAccessLevel", "allowedToPushes")), why);
        Step settings = step(plan, "tenant1-project-settings");
        assertEquals(Op.UPDATE, settings.op(), why);
        assertTrue(settings.keys().contains("mergeMethod"), why);

        // The note carries one command naming exactly the refused resources, for the right stack.
        String note = plan.notes().stream().filter(n -> n.contains("pulumi state unprotect")).findFirst().orElseThrow();
        assertTrue(note.contains("pulumi state unprotect --stack prod --yes"), note);
        Set<String> named = urns(note);
        Set<String> refusedUrns = new TreeSet<>();
        plan.refusals().forEach(r -> refusedUrns.add(r.resource().urn()));
        assertEquals(refusedUrns, named, note);
        assertTrue(PlanReport.markdown(plan, Scenario.up("prod", Scenario.committed("prod")), 50)
                .contains("> pulumi state unprotect --stack prod --yes"), "the merge-request note carries the command");
    }

    @Test
    void theDocumentedPathGivesAPlanWithNoRefusalsAndThenNoChanges() throws IOException {
        List<PlannedResource> before = oldState();
        List<PlannedResource> program = Scenario.up("prod", Scenario.committed("prod"));
        Plan refused = Plan.up(before, program);
        String note = refused.notes().stream().filter(n -> n.contains("pulumi state unprotect")).findFirst().orElseThrow();

        // `pulumi state unprotect <urn>...` clears the protect bit of those resources in the state, nothing else.
        Set<String> unprotect = urns(note);
        List<PlannedResource> afterCommand = before.stream().map(r -> unprotect.contains(r.urn()) ? new PlannedResource(
                r.urn(), r.type(), r.name(), r.component(), r.parent(), r.provider(), false, r.retainOnDelete(),
                r.deleteBeforeReplace(), r.replaceOnChanges(), r.ignoreChanges(), r.aliases(), r.importId(),
                r.dependencies(), r.inputs()) : r).toList();

        Plan upgrade = Plan.up(afterCommand, program);
        String why = PlanReport.text(upgrade);
        assertTrue(upgrade.ok(), why);
        assertTrue(upgrade.steps().stream().noneMatch(s -> s.op() == Op.DELETE || s.op() == Op.CREATE_REPLACEMENT
                || s.op() == Op.DELETE_BEFORE_REPLACE), "nothing is deleted or replaced in GitLab or the cluster: " + why);
        List<Step> forgotten = upgrade.steps().stream().filter(s -> s.op() == Op.DELETE_RETAIN).toList();
        assertEquals(unprotect.size(), forgotten.size(), why);
        assertTrue(forgotten.stream().allMatch(s -> unprotect.contains(s.resource().urn())), "the files stay on prod: " + why);

        // The run after that is the ordinary second up.
        Plan next = Plan.up(program, Scenario.up("prod", Scenario.committed("prod")));
        assertTrue(next.noChanges(), PlanReport.text(next));
    }

    private static Set<String> urns(String note) {
        Set<String> urns = new TreeSet<>();
        Matcher m = QUOTED_URN.matcher(note);
        while (m.find()) {
            urns.add(m.group(1));
        }
        return urns;
    }

    private static Step step(Plan plan, String name) {
        return plan.steps().stream().filter(s -> s.resource().name().equals(name) && !s.op().isDelete())
                .findFirst().orElseThrow(() -> new AssertionError(name + " not in " + PlanReport.text(plan)));
    }
}
