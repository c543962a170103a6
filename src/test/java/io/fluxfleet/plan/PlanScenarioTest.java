package io.fluxfleet.plan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fluxfleet.plan.Plan.Op;
import io.fluxfleet.plan.Plan.Step;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The day-2 scenarios: each is a pair of stack files (the committed one, and the same edited) rendered as two
 * {@code pulumi up} runs would register them, then planned as the engine would step from the first to the second.
 * The engine's rules are in {@link Plan} and {@link ReplacementRules}, each cited there.
 */
class PlanScenarioTest {
    private static final String TOKEN = "gitlab:index/projectDeployToken:ProjectDeployToken";
    private static final String FILE = "gitlab:index/repositoryFile:RepositoryFile";

    private static List<Step> ops(Plan plan, Op op) {
        return plan.steps().stream().filter(s -> s.op() == op).toList();
    }

    private static Set<String> names(List<Step> steps) {
        return steps.stream().map(s -> s.resource().name()).collect(Collectors.toSet());
    }

    private static String why(Plan plan) {
        return PlanReport.text(plan);
    }

    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void firstUpCreatesEverythingInDependencyOrder(String env) {
        List<PlannedResource> first = Scenario.up(env, Scenario.committed(env), Scenario.TODAY, Scenario.greenfield());
        Plan plan = Plan.up(List.of(), first);
        assertTrue(plan.ok(), why(plan));
        assertEquals(first.size(), ops(plan, Op.CREATE).size(), why(plan));
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < plan.steps().size(); i++) {
            position.put(plan.steps().get(i).resource().urn(), i);
        }
        for (PlannedResource r : first) {
            for (String dep : r.dependencies()) {
                if (position.containsKey(dep)) {
                    assertTrue(position.get(dep) < position.get(r.urn()), r.urn() + " is created after " + dep);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void secondUpIsAllNoOps(String env) {
        ObjectNode config = Scenario.committed(env);
        List<PlannedResource> first = Scenario.up(env, config, Scenario.TODAY, Scenario.greenfield());
        List<PlannedResource> second = Scenario.up(env, config);
        Plan plan = Plan.up(first, second);
        assertTrue(plan.ok(), why(plan));
        assertTrue(plan.noChanges(), why(plan));
        Plan third = Plan.up(second, Scenario.up(env, config));
        assertTrue(third.noChanges(), why(third));
    }

    @Test
    void addingATenantOnlyCreates() {
        ObjectNode config = Scenario.committed("prod");
        Plan plan = Plan.up(Scenario.up("prod", config), Scenario.up("prod", Scenario.withTenant(config, "tenant2")));
        assertTrue(plan.ok(), why(plan));
        assertTrue(plan.steps().stream().noneMatch(s -> s.op().isDelete() || s.op() == Op.CREATE_REPLACEMENT), why(plan));
        List<Step> created = ops(plan, Op.CREATE);
        assertTrue(created.size() > 20, why(plan));
        assertTrue(created.stream().allMatch(s -> s.resource().urn().contains("tenant2")), why(plan));
        assertTrue(ops(plan, Op.UPDATE).isEmpty(), "no platform resource changes for a new tenant: " + why(plan));
    }

    @Test
    void removingATenantInDevDeletesItContentsBeforeNamespace() {
        ObjectNode two = Scenario.withTenant(Scenario.committed("dev"), "tenant2");
        Plan plan = Plan.up(Scenario.up("dev", two), Scenario.up("dev", Scenario.committed("dev")));
        assertTrue(plan.ok(), why(plan));
        List<Step> deletes = plan.steps().stream().filter(s -> s.op().isDelete()).toList();
        assertTrue(deletes.size() > 20);
        assertTrue(deletes.stream().allMatch(s -> s.resource().urn().contains("tenant2")), why(plan));
        assertTrue(plan.steps().stream().filter(s -> !s.op().isDelete()).allMatch(s -> s.op() == Op.SAME), why(plan));
        // GitLab keeps the branch, its protection, the seeds and the project settings: they are retained
        assertTrue(ops(plan, Op.DELETE_RETAIN).stream().anyMatch(s -> s.resource().type().equals(FILE)));
        assertTrue(ops(plan, Op.DELETE).stream().anyMatch(s -> s.resource().type().equals(TOKEN)), "the token is revoked");
        Step namespace = deletes.stream().filter(s -> s.resource().type().equals("kubernetes:core/v1:Namespace")).findFirst().orElseThrow();
        for (Step s : deletes) {
            if ("tenant2".equals(s.resource().inputs().path("metadata").path("namespace").asText())) {
                assertTrue(s.wave() < namespace.wave(), s.resource().label() + " goes before its namespace");
            }
        }
    }

    @Test
    void removingATenantInProdIsRefusedAndRetiringFirstWorks() {
        ObjectNode one = Scenario.committed("prod");
        ObjectNode two = Scenario.withTenant(one, "tenant2");
        List<PlannedResource> withTwo = Scenario.up("prod", two);

        Plan plain = Plan.up(withTwo, Scenario.up("prod", one));
        assertFalse(plain.ok(), "the engine refuses to delete protected resources");
        assertTrue(plain.refusals().stream().allMatch(r -> r.resource().urn().contains("tenant2")), why(plain));
        assertTrue(plain.refusals().stream().allMatch(r -> r.message().contains("cannot be deleted\nbecause it is protected")));
        assertTrue(plain.refusals().stream().allMatch(r -> r.advice().contains("retire: true")), why(plain));
        assertTrue(plain.notes().stream().anyMatch(n -> n.contains("Removing tenant tenant2")), why(plain));

        ObjectNode retiring = two.deepCopy();
        ((ObjectNode) ((ArrayNode) retiring.get("tenants")).get(1)).put("retire", true);
        List<PlannedResource> retired = Scenario.up("prod", retiring);
        Plan lift = Plan.up(withTwo, retired);
        assertTrue(lift.ok(), why(lift));
        assertTrue(lift.steps().stream().allMatch(s -> s.op() == Op.SAME), "retiring changes nothing but the flag: " + why(lift));
        assertTrue(lift.steps().stream().filter(s -> s.note().contains("protection lifted")).count() > 20);
        assertTrue(lift.steps().stream().filter(s -> s.note().contains("protection lifted"))
                .allMatch(s -> s.resource().urn().contains("tenant2")), "tenant1 keeps its protection");

        Plan remove = Plan.up(retired, Scenario.up("prod", one));
        assertTrue(remove.ok(), why(remove));
        // the same resources go; the refused plan runs some of them and skips what its refused deletes depend on
        assertEquals(ops(plain, Op.DELETE).size() + ops(plain, Op.DELETE_RETAIN).size() + ops(plain, Op.DELETE_SKIPPED).size(),
                ops(remove, Op.DELETE).size() + ops(remove, Op.DELETE_RETAIN).size());
    }

    @Test
    void deployTokenRotationInProdReplacesTheTokenAndUpdatesTheSecret() {
        ObjectNode config = Scenario.committed("prod");
        List<PlannedResource> window = Scenario.up("prod", config);
        List<PlannedResource> next = Scenario.up("prod", config, Scenario.TODAY.plusMonths(3), Scenario.afterUp(Set.of()));
        Plan plan = Plan.up(window, next);
        assertTrue(plan.ok(), why(plan));
        // the tenant's token and the platform project's (layers.project) each roll over
        assertEquals(Set.of("tenant1-prod-deploy-token", "platform-prod-deploy-token"),
                names(ops(plan, Op.CREATE_REPLACEMENT)), why(plan));
        Step create = ops(plan, Op.CREATE_REPLACEMENT).stream()
                .filter(s -> s.resource().name().equals("tenant1-prod-deploy-token")).findFirst().orElseThrow();
        assertEquals(TOKEN, create.resource().type());
        assertEquals(List.of("expiresAt"), create.keys());
        // create the new token, point Flux's Secret at it, then revoke the old one
        int created = plan.steps().indexOf(create);
        Step secret = plan.steps().stream().filter(s -> s.op() == Op.UPDATE && s.resource().name().endsWith("gitlab-auth-tenant1"))
                .findFirst().orElseThrow(() -> new AssertionError(why(plan)));
        Step revoke = ops(plan, Op.DELETE_REPLACED).stream()
                .filter(s -> s.resource().name().equals("tenant1-prod-deploy-token")).findFirst().orElseThrow();
        assertTrue(created < plan.steps().indexOf(secret) && plan.steps().indexOf(secret) < plan.steps().indexOf(revoke));

        // the state an older fluxfleet wrote (token protected) makes the same window fail: issue 10, point 2
        Plan before = Plan.up(Scenario.protectWhere(window, r -> r.type().equals(TOKEN)),
                Scenario.protectWhere(next, r -> r.type().equals(TOKEN)));
        assertFalse(before.ok());
        assertTrue(before.refusals().get(0).message().startsWith("unable to replace resource"), why(before));
    }

    @Test
    void aTenantRewritingASeedDropsItWithoutDeletingTheFile() {
        ObjectNode config = Scenario.committed("dev");
        List<PlannedResource> seeded = Scenario.up("dev", config);
        List<PlannedResource> rewritten = Scenario.up("dev", config, Scenario.TODAY, Scenario.afterUp(Set.of(".gitlab-ci.yml")));
        Plan plan = Plan.up(seeded, rewritten);
        assertTrue(plan.ok(), why(plan));
        // the tenant's pipeline and the platform project's (both rewritten in the fake)
        assertEquals(Set.of("tenant1-dev-gitlab-ci", "platform-dev-gitlab-ci"), names(ops(plan, Op.DELETE_RETAIN)),
                why(plan));
        assertEquals(FILE, ops(plan, Op.DELETE_RETAIN).get(0).resource().type());
        assertTrue(ops(plan, Op.DELETE).isEmpty(), "nothing is deleted in GitLab");

        Plan before = Plan.up(Scenario.protectWhere(seeded, r -> r.type().equals(FILE)), rewritten);
        assertFalse(before.ok(), "retainOnDelete does not help a protected resource: the DeleteStep refuses first");
    }

    @Test
    void aChartVersionBumpUpdatesTheReleaseInPlace() {
        ObjectNode config = Scenario.committed("prod");
        ObjectNode bumped = config.deepCopy();
        ((ObjectNode) bumped.get("infra")).put("customMonitoringChartVersion", "1.4.0");
        ((ObjectNode) bumped.get("flux")).put("chartVersion", "2.18.2");
        Plan plan = Plan.up(Scenario.up("prod", config), Scenario.up("prod", bumped));
        assertTrue(plan.ok(), why(plan));
        Set<String> updated = names(ops(plan, Op.UPDATE));
        assertTrue(updated.contains("flux"), why(plan));
        assertTrue(updated.contains("flux-system/custom-monitoring"), why(plan));
        assertTrue(plan.steps().stream().noneMatch(s -> s.op() != Op.SAME && s.op() != Op.UPDATE), why(plan));
    }

    @Test
    void freezeAndUnfreezeAreInPlaceUpdates() {
        ObjectNode config = Scenario.committed("prod");
        ObjectNode frozen = config.deepCopy();
        frozen.put("suspend", true);
        List<PlannedResource> running = Scenario.up("prod", config);
        List<PlannedResource> suspended = Scenario.up("prod", frozen);
        for (Plan plan : List.of(Plan.up(running, suspended), Plan.up(suspended, running))) {
            assertTrue(plan.ok(), why(plan));
            assertFalse(ops(plan, Op.UPDATE).isEmpty());
            // a frozen object is not awaited (flux.Readiness), so its await annotations go and come back with suspend
            assertTrue(ops(plan, Op.UPDATE).stream().allMatch(s -> s.keys().stream().allMatch(k -> k.startsWith("spec.suspend")
                    || k.equals("metadata.annotations"))
                    && (s.resource().type().contains("Kustomization") || s.resource().type().contains("HelmRelease"))), why(plan));
            assertTrue(plan.steps().stream().noneMatch(s -> s.op() != Op.SAME && s.op() != Op.UPDATE), why(plan));
        }
    }

    /**
     * Mergers are allowed_to_merge entries of the EE protection, which terraform-provider-gitlab v19.x updates in place
     * (no replace modifier; Update PATCHes protected_branches with the new entries and {@code _destroy} for removed
     * ones): a change of {@code gitlab.mergers} in prod needs no lifting of protection.
     */
    @Test
    void changingTheMergersInProdIsAnInPlaceUpdateOfTheProtection() {
        ObjectNode config = Scenario.committed("prod");
        ObjectNode changed = config.deepCopy();
        ((ObjectNode) changed.get("gitlab")).putObject("mergers").putArray("groups").add("your-org/devops-team");
        Plan plan = Plan.up(Scenario.up("prod", config), Scenario.up("prod", changed));
        assertTrue(plan.ok(), why(plan));
        List<Step> updated = ops(plan, Op.UPDATE);
        assertEquals(Set.of("tenant1-prod-protection", "platform-prod-protection"), names(updated), why(plan));
        assertEquals(List.of("allowedToMerges"), updated.get(0).keys(), why(plan));
        // the platform project is shared only with the groups its rules name, so a new merger group is shared into it
        // (tenant projects already have every CODEOWNERS group)
        assertEquals(Set.of("platform-share-your-org-devops-team"), names(ops(plan, Op.CREATE)), why(plan));
        assertTrue(plan.steps().stream().noneMatch(s -> s.op() != Op.SAME && s.op() != Op.UPDATE && s.op() != Op.CREATE),
                why(plan));
    }

    /**
     * The CE access-level fields replace the protection only when set and changed (RequiresReplaceIfConfigured): an
     * instance moving from CE to EE drops them, an update; the way back sets them, a replacement. GitLab holds one
     * protection per branch, and the old one is retained, so the provider's create fails ("protected branch ...
     * already exists"); the plan says so. A strict environment (prod) never runs on the free tier (PlatformLayerGuard:
     * code owners unenforced), so the move is shown on dev, whose free-tier stack accepts that risk explicitly.
     */
    @Test
    void anEditionMoveUpdatesTheProtectionOneWayAndReplacesItTheOther() {
        for (String env : List.of("dev")) {
            ObjectNode ee = Scenario.committed(env);
            ((ObjectNode) ee.get("gitlab")).put("acceptTenantDrivenClusterAdmin", true);
            ObjectNode ce = ee.deepCopy();
            ((ObjectNode) ce.get("gitlab")).put("edition", "ce").put("tier", "free");
            ObjectNode eeFree = ee.deepCopy();
            ((ObjectNode) eeFree.get("gitlab")).put("tier", "free");
            List<PlannedResource> onCe = Scenario.up(env, ce);
            List<PlannedResource> onEe = Scenario.up(env, eeFree);

            Plan toEe = Plan.up(onCe, onEe);
            assertTrue(toEe.ok(), why(toEe));
            Step update = ops(toEe, Op.UPDATE).stream().filter(s -> s.resource().name().endsWith("-protection"))
                    .findFirst().orElseThrow(() -> new AssertionError(why(toEe)));
            assertTrue(update.keys().containsAll(List.of("mergeAccessLevel", "pushAccessLevel", "allowedToPushes")), why(toEe));

            Plan toCe = Plan.up(onEe, onCe);
            assertFalse(toCe.ok(), why(toCe));
            assertTrue(toCe.refusals().stream().anyMatch(r -> r.message().equals(
                    "protected branch \"" + env + "\" on project \"your-org/tenant1-gitops\" already exists")
                    && r.advice().contains("Protected branches")), why(toCe));
            assertEquals(env.equals("prod"), toCe.refusals().stream()
                    .anyMatch(r -> r.message().startsWith("unable to replace resource")), why(toCe));
        }
    }

    @Test
    void renamingATenantIsAReplacementAndProdRefusesIt() {
        for (String env : List.of("dev", "prod")) {
            ObjectNode config = Scenario.committed(env);
            ObjectNode renamed = config.deepCopy();
            ((ObjectNode) ((ArrayNode) renamed.get("tenants")).get(0)).put("name", "tenant9");
            Plan plan = Plan.up(Scenario.up(env, config), Scenario.up(env, renamed));
            assertFalse(ops(plan, Op.CREATE).isEmpty());
            assertTrue(plan.notes().stream().anyMatch(n -> n.contains("rename") && n.contains("aliases")), why(plan));
            assertTrue(ops(plan, Op.DELETE).stream().allMatch(s -> s.resource().urn().contains("tenant1")), why(plan));
            assertEquals(env.equals("dev"), plan.ok(), why(plan));
        }
    }

    @Test
    void destroyOfDevDeletesDependentsFirst() {
        List<PlannedResource> dev = Scenario.up("dev", Scenario.committed("dev"));
        Plan plan = Plan.destroy(dev);
        assertTrue(plan.ok(), why(plan));
        assertEquals(dev.size(), plan.steps().size());
        Map<String, Integer> wave = new HashMap<>();
        plan.steps().forEach(s -> wave.put(s.resource().urn(), s.wave()));
        for (PlannedResource r : dev) {
            for (String dep : r.dependencies()) {
                if (wave.containsKey(dep)) { // the stack resource itself is not in a render
                    assertTrue(wave.get(r.urn()) < wave.get(dep), r.urn() + " is deleted before " + dep);
                }
            }
        }
        int release = plan.steps().stream().filter(s -> s.resource().name().equals("flux")
                && s.resource().type().equals("kubernetes:helm.sh/v3:Release")).findFirst().orElseThrow().wave();
        assertTrue(plan.steps().stream().filter(s -> s.resource().type().contains(".toolkit.fluxcd.io/"))
                .allMatch(s -> s.wave() < release));
        // the check itself: a Flux object that does not depend on the release breaks the promise
        List<PlannedResource> broken = dev.stream().map(r -> !r.type().contains("GitRepository") ? r
                : new PlannedResource(r.urn(), r.type(), r.name(), r.component(), r.parent(), r.provider(), r.protect(),
                r.retainOnDelete(), r.deleteBeforeReplace(), r.replaceOnChanges(), r.ignoreChanges(), r.aliases(),
                r.importId(), Set.of(), r.inputs())).toList();
        assertFalse(Plan.destroy(broken).problems().isEmpty());

        // every Kustomization and HelmRelease goes before the rights of the account it runs as: kustomize-controller
        // prunes and helm-controller uninstalls on delete impersonating spec.serviceAccountName, so deleted after
        // the binding its finalizer is forbidden and waits (the README's "destroy never hangs on finalizers")
        Set<String> bindings = new HashSet<>();
        dev.stream().filter(r -> r.type().endsWith("RoleBinding")).forEach(r -> bindings.add(r.urn()));
        for (Step s : plan.steps()) {
            if (!s.resource().inputs().path("spec").path("serviceAccountName").asText("").isEmpty()) {
                assertTrue(s.resource().dependencies().stream().anyMatch(bindings::contains),
                        s.resource().label() + " depends on the binding of the account it runs as");
            }
        }
        List<PlannedResource> unbound = dev.stream().map(r -> !r.type().contains("Kustomization") ? r
                : new PlannedResource(r.urn(), r.type(), r.name(), r.component(), r.parent(), r.provider(), r.protect(),
                r.retainOnDelete(), r.deleteBeforeReplace(), r.replaceOnChanges(), r.ignoreChanges(), r.aliases(),
                r.importId(), r.dependencies().stream().filter(d -> !bindings.contains(d)).collect(java.util.stream.Collectors.toSet()),
                r.inputs())).toList();
        assertTrue(Plan.destroy(unbound).problems().stream().anyMatch(p -> p.contains("runs as")),
                "the destroy check catches a Kustomization that would outlive its account's rights");
    }

    @Test
    void destroyOfProdIsRefusedUnlessAllowed() {
        ObjectNode config = Scenario.committed("prod");
        List<PlannedResource> prod = Scenario.up("prod", config);
        Plan plan = Plan.destroy(prod);
        assertFalse(plan.ok());
        long unprotected = prod.stream().filter(r -> !r.protect()).count();
        assertEquals(prod.size() - unprotected, plan.refusals().size());
        assertTrue(prod.stream().filter(r -> !r.protect()).allMatch(r -> r.type().equals(TOKEN) || r.type().equals(FILE)),
                "only what normal operation replaces or drops is unprotected");
        assertTrue(plan.refusals().get(0).advice().contains("allowDestroy"));
        ObjectNode allowed = config.deepCopy();
        allowed.put("allowDestroy", true);
        List<PlannedResource> lifted = Scenario.up("prod", allowed);
        assertTrue(Plan.up(prod, lifted).ok(), "lifting protection is a run of no-ops");
        assertTrue(Plan.destroy(lifted).ok());
    }
}
