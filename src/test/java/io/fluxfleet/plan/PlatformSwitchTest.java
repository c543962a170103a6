package io.fluxfleet.plan;

import io.fluxfleet.plan.Plan.Op;
import io.fluxfleet.plan.Plan.Step;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Switching a stack from the one-repository layout ({@code layers.source: tenant}) to the platform project (the
 * committed stacks): the tenants' cluster and shared Kustomizations keep their names and only change source (an
 * update, never a delete: deleting a Kustomization with prune deletes what it applied); what the tenant had in
 * flux-system (its GitRepository, credentials, commit-status and webhook objects) is deleted. In prod those are
 * protected, so the switch is two reviewed steps: the plan refuses them and prints the one command that lifts their
 * protection, after which the plan runs (README "Switching to the platform project").
 */
class PlatformSwitchTest {
    /** What the tenant had in flux-system and the platform project replaces. */
    static final Set<String> LEFT_BEHIND = Set.of("flux-system/tenant1-prod", "flux-system/gitlab-auth-tenant1",
            "flux-system/tenant1-prod-commit-status", "flux-system/gitlab-status-tenant1",
            "flux-system/tenant1-prod-gitlab-push", "flux-system/gitlab-webhook-tenant1");

    private static Set<String> names(List<Step> steps) {
        return steps.stream().map(s -> s.resource().name()).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void prodRefusesTheLeftoversAndNamesTheOneCommandThatLetsTheSwitchRun() {
        List<PlannedResource> oneRepository = Scenario.up("prod", Scenario.committedOneRepository("prod"));
        List<PlannedResource> platform = Scenario.up("prod", Scenario.committed("prod"));
        Plan plan = Plan.up(oneRepository, platform);
        assertFalse(plan.ok(), PlanReport.text(plan));
        // refused, or held back behind a refused one (rule continue-past-delete)
        List<Step> gone = plan.steps().stream().filter(s -> s.op() == Op.DELETE || s.op() == Op.DELETE_SKIPPED).toList();
        assertEquals(LEFT_BEHIND, names(gone), PlanReport.text(plan));
        assertEquals(8, gone.size(), "Provider and Alert, Receiver and ProjectHook share their names");
        String note = plan.notes().stream().filter(n -> n.contains("pulumi state unprotect")).findFirst().orElseThrow();
        for (Step s : gone) {
            assertTrue(note.contains("'" + s.resource().urn() + "'"), s.resource().urn() + " in\n" + note);
        }
        // the layers are updated in place, never replaced or deleted
        List<Step> kustomizations = plan.steps().stream()
                .filter(s -> s.resource().type().endsWith(":Kustomization") && s.op() != Op.SAME).toList();
        assertEquals(Set.of("flux-system/tenant1-prod-cluster", "flux-system/tenant1-prod-shared"), names(kustomizations));
        assertTrue(kustomizations.stream().allMatch(s -> s.op() == Op.UPDATE), PlanReport.text(plan));

        // after the reviewed `pulumi state unprotect` of exactly those, the plan runs and deletes only them
        Set<String> urns = gone.stream().map(s -> s.resource().urn()).collect(Collectors.toSet());
        List<PlannedResource> unprotected = oneRepository.stream().map(r -> urns.contains(r.urn())
                ? new PlannedResource(r.urn(), r.type(), r.name(), r.component(), r.parent(), r.provider(), false,
                r.retainOnDelete(), r.deleteBeforeReplace(), r.replaceOnChanges(), r.ignoreChanges(), r.aliases(),
                r.importId(), r.dependencies(), r.inputs()) : r).toList();
        Plan next = Plan.up(unprotected, platform);
        assertTrue(next.ok(), PlanReport.text(next));
        assertEquals(LEFT_BEHIND, names(next.steps().stream().filter(s -> s.op().isDelete()).toList()));
        assertTrue(next.steps().stream().noneMatch(s -> s.op() == Op.DELETE_REPLACED || s.op() == Op.CREATE_REPLACEMENT),
                PlanReport.text(next));
        // and the run after that changes nothing
        assertTrue(Plan.up(platform, Scenario.up("prod", Scenario.committed("prod"))).noChanges());
    }

    @Test
    void devAndPreprodSwitchInOneRunAndKeepTheTenantsSeedFiles() {
        for (String env : List.of("dev", "preprod")) {
            Plan plan = Plan.up(Scenario.up(env, Scenario.committedOneRepository(env)),
                    Scenario.up(env, Scenario.committed(env)));
            assertTrue(plan.ok(), PlanReport.text(plan));
            // seeds leave the program but stay in the repository: retained, never deleted in GitLab
            assertTrue(plan.steps().stream().filter(s -> s.resource().type().endsWith(":RepositoryFile"))
                    .allMatch(s -> s.op() == Op.SAME || s.op() == Op.CREATE || s.op() == Op.DELETE_RETAIN),
                    PlanReport.text(plan));
            assertEquals(LEFT_BEHIND.stream().map(n -> n.replace("prod", env)).collect(Collectors.toSet()),
                    names(plan.steps().stream().filter(s -> s.op() == Op.DELETE).toList()), PlanReport.text(plan));
        }
    }
}
