package io.fluxfleet.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxfleet.plan.Plan.Op;
import io.fluxfleet.plan.Plan.Step;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
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
    private static final String OLD_SHA256 = "af753e10f0660e50c2a0c66177195237b493b3df1b030cdbb0f40648405535b1";
    private static final String FILE = "gitlab:index/repositoryFile:RepositoryFile";
    private static final Pattern QUOTED_URN = Pattern.compile("'(urn:pulumi:[^']+)'");

    /** The old render read as `fluxfleet plan old new --infer-from <dev render>` reads it. */
    static LegacyRender oldState(List<PlannedResource> program) throws IOException {
        return LegacyRender.parse(Files.readString(OLD), "c4b6dba-prod", program, dev());
    }

    private static List<PlannedResource> dev() {
        return Scenario.up("dev", Scenario.committedOneRepository("dev"));
    }

    @Test
    void withoutARenderThatHasSeedsThePlanCannotNameTheOldSeedsAndSaysSoRatherThanGuess() throws IOException {
        List<PlannedResource> program = Scenario.up("prod", Scenario.committedOneRepository("prod"));
        LegacyRender old = LegacyRender.parse(Files.readString(OLD), "c4b6dba-prod", program);
        assertEquals(5, old.problems().size(), old.problems().toString());
        assertTrue(old.problems().stream().allMatch(p -> p.contains("cannot name the URN of " + FILE + " tenant1-prod-")
                && p.contains("the new render has no resource of that type")), old.problems().toString());
        Plan plan = Plan.up(old, program);
        assertFalse(plan.ok());
        assertTrue(PlanReport.text(plan).contains("CANNOT PLAN: c4b6dba-prod: cannot name the URN of"));
        assertTrue(PlanReport.markdown(plan, program, 50).contains("5 resource(s) of the old render cannot be named"));
    }

    @Test
    void typesWhoseNewResourcesDisagreeOnTheirParentAreNotGuessed() throws IOException {
        // ProjectHook: one per Receiver, children of the Webhooks component; a second parent makes them ambiguous.
        List<PlannedResource> program = new java.util.ArrayList<>(Scenario.up("prod", Scenario.committedOneRepository("prod")));
        PlannedResource hook = program.stream().filter(r -> r.type().equals("gitlab:index/projectHook:ProjectHook"))
                .findFirst().orElseThrow();
        PlannedResource other = program.stream().filter(r -> r.type().equals("fluxfleet:gitlab:GitLabGovernance"))
                .findFirst().orElseThrow();
        program.add(new PlannedResource(hook.urn() + "-elsewhere", hook.type(), hook.name() + "-elsewhere",
                false, other.urn(), hook.provider(), false, false, null, List.of(), List.of(), List.of(), "",
                hook.dependencies(), hook.inputs()));
        String json = "[{\"type\":\"gitlab:index/projectHook:ProjectHook\",\"name\":\"gone\",\"inputs\":{}},"
                + "{\"type\":\"fluxfleet:gitlab:GitLabGovernance\",\"name\":\"gitlab\",\"inputs\":{}}]";
        LegacyRender old = LegacyRender.parse(json, "old", program);
        assertEquals(1, old.problems().size(), old.problems().toString());
        assertTrue(old.problems().get(0).contains("cannot name the URN of gitlab:index/projectHook:ProjectHook gone")
                && old.problems().get(0).contains("disagree on their parent"), old.problems().get(0));
        assertEquals(1, old.resources().size());
    }

    @Test
    void theOldRenderIsAPreUrnRenderThatPlanReadsOnlyAsTheOldSide() throws IOException {
        String json = Files.readString(OLD);
        assertTrue(LegacyRender.isLegacy(json), "c4b6dba's render writer records no URN");
        IOException e = assertThrows(IOException.class, () -> PlannedResource.parse(json, "c4b6dba-prod"));
        assertTrue(e.getMessage().contains("has no \"urn\"") && e.getMessage().contains("render this side again"),
                e.getMessage());

        List<PlannedResource> program = Scenario.up("prod", Scenario.committedOneRepository("prod"));
        LegacyRender old = oldState(program);
        assertEquals(List.of(), old.problems());
        assertEquals(69, old.resources().size());
        // Every row the new program still registers takes its URN; the five prod seeds it dropped are named as the
        // engine names children of the GitLabGovernance component, which every new RepositoryFile is.
        Set<String> newUrns = new TreeSet<>();
        program.forEach(r -> newUrns.add(r.urn()));
        List<PlannedResource> dropped = old.resources().stream().filter(r -> !newUrns.contains(r.urn())).toList();
        assertEquals(5, dropped.size(), dropped.toString());
        for (PlannedResource seed : dropped) {
            assertEquals(FILE, seed.type());
            assertEquals("urn:pulumi:prod::fluxfleet::pulumi:pulumi:Stack$fluxfleet:gitlab:GitLabGovernance$" + FILE
                    + "::" + seed.name(), seed.urn());
            assertTrue(seed.protect(), "protect is the old render's own");
            assertTrue(seed.retainOnDelete(), "inferred from dev's new RepositoryFiles, which all retain");
        }
        String note = old.notes().get(0);
        assertTrue(note.contains("inferred, not read from the state") && note.contains("64 matched by type and name"),
                note);
    }

    @Test
    void theOldRenderIsTheOneSourcesDescribes() throws IOException, NoSuchAlgorithmException {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(OLD)));
        assertEquals(OLD_SHA256, sha, "regenerate as SOURCES.md says and review the diff before changing the hash");
    }

    @Test
    void thePlainUpgradeIsRefusedOnlyForTheOldProdSeedsAndNamesTheWayOut() throws IOException {
        List<PlannedResource> program = Scenario.up("prod", Scenario.committedOneRepository("prod"));
        Plan plan = Plan.up(oldState(program), program);
        String why = PlanReport.text(plan);
        assertTrue(why.contains("note: c4b6dba-prod is a render of an earlier fluxfleet"), why);
        assertTrue(plan.problems().isEmpty(), why);

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
        assertTrue(PlanReport.markdown(plan, Scenario.up("prod", Scenario.committedOneRepository("prod")), 50)
                .contains("> pulumi state unprotect --stack prod --yes"), "the merge-request note carries the command");
    }

    @Test
    void theDocumentedPathGivesAPlanWithNoRefusalsAndThenNoChanges() throws IOException {
        List<PlannedResource> program = Scenario.up("prod", Scenario.committedOneRepository("prod"));
        LegacyRender before = oldState(program);
        Plan refused = Plan.up(before, program);
        String note = refused.notes().stream().filter(n -> n.contains("pulumi state unprotect")).findFirst().orElseThrow();

        // `pulumi state unprotect <urn>...` clears the protect bit of those resources in the state, nothing else:
        // here, the protect of the old render's rows those URNs were derived for.
        Set<String> unprotect = urns(note);
        Set<String> rows = new TreeSet<>();
        before.resources().stream().filter(r -> unprotect.contains(r.urn())).forEach(r -> rows.add(r.type() + " " + r.name()));
        assertEquals(unprotect.size(), rows.size());
        ArrayNode json = (ArrayNode) new ObjectMapper().readTree(Files.readString(OLD));
        json.forEach(r -> {
            if (rows.contains(r.path("type").asText() + " " + r.path("name").asText())) {
                ((ObjectNode) r).put("protect", false);
            }
        });
        LegacyRender afterCommand = LegacyRender.parse(json.toString(), "c4b6dba-prod", program, dev());

        Plan upgrade = Plan.up(afterCommand, program);
        String why = PlanReport.text(upgrade);
        assertTrue(upgrade.ok(), why);
        assertTrue(upgrade.steps().stream().noneMatch(s -> s.op() == Op.DELETE || s.op() == Op.CREATE_REPLACEMENT
                || s.op() == Op.DELETE_BEFORE_REPLACE), "nothing is deleted or replaced in GitLab or the cluster: " + why);
        List<Step> forgotten = upgrade.steps().stream().filter(s -> s.op() == Op.DELETE_RETAIN).toList();
        assertEquals(unprotect.size(), forgotten.size(), why);
        assertTrue(forgotten.stream().allMatch(s -> unprotect.contains(s.resource().urn())), "the files stay on prod: " + why);

        // The run after that is the ordinary second up.
        Plan next = Plan.up(program, Scenario.up("prod", Scenario.committedOneRepository("prod")));
        assertTrue(next.noChanges(), PlanReport.text(next));
    }

    @Test
    void theCommandPlansTheOldRenderAsTheOldSideOnly(@TempDir Path dir) throws IOException {
        Path old = dir.resolve("old");
        Path prod = dir.resolve("prod");
        Path devRender = dir.resolve("dev");
        Files.createDirectories(old);
        Files.copy(OLD, old.resolve("resources.json"));
        for (Path d : List.of(prod, devRender)) {
            Files.createDirectories(d);
            var result = Renderer.render(Stacks.committedOneRepository(d.getFileName().toString()));
            Files.writeString(d.resolve("resources.json"), RenderWriter.files(result).get("resources.json"));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = PlanCommand.run(new String[] {old.toString(), prod.toString(), "--infer-from", devRender.toString()},
                new PrintStream(out), new PrintStream(err));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(PlanCommand.REFUSED, status, text + err.toString(StandardCharsets.UTF_8));
        assertTrue(text.contains("note: old/resources.json is a render of an earlier fluxfleet") && text.contains(
                "inferred, not read from the state"), text);
        assertTrue(text.contains("pulumi state unprotect --stack prod --yes"), text);
        assertFalse(text.contains("CANNOT PLAN"), text);

        out.reset();
        assertEquals(PlanCommand.REFUSED, PlanCommand.run(new String[] {old.toString(), prod.toString()},
                new PrintStream(out), new PrintStream(err)));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("CANNOT PLAN: old/resources.json: cannot name the URN"
                + " of " + FILE + " tenant1-prod-codeowners"), out.toString(StandardCharsets.UTF_8));

        err.reset();
        assertEquals(1, PlanCommand.run(new String[] {prod.toString(), old.toString()}, new PrintStream(out),
                new PrintStream(err)), "never the new side");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("render this side again with the current fluxfleet"), err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(1, PlanCommand.run(new String[] {old.toString(), "--destroy"}, new PrintStream(out),
                new PrintStream(err)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no destroy order to check"), err.toString(StandardCharsets.UTF_8));
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
