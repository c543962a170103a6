package io.fluxfleet.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fluxfleet.config.RawConfig;
import io.fluxfleet.plan.Plan.Op;
import io.fluxfleet.plan.Plan.Step;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine scenarios of {@code src/test/resources/plan/scenarios} (README there): each directory holds the old and
 * the new stack file ({@code old/Pulumi.<env>.yaml}, {@code new/Pulumi.<env>.yaml}, each merged over the committed
 * one), the code changes no stack file expresses, and what the engine does: steps per kind, their order, the
 * refusals, and {@code fluxfleet plan}'s exit status. Both sides are rendered through the real loader and program,
 * planned, and held to it.
 */
class ScenarioFilesTest {
    static final Path DIR = Path.of("src/test/resources/plan/scenarios");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Stream<String> scenarios() throws IOException {
        try (Stream<Path> dirs = Files.list(DIR)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    /** The plan of one scenario directory. */
    static Plan plan(String name) throws IOException {
        Path dir = DIR.resolve(name);
        JsonNode spec = YAML.readTree(dir.resolve("scenario.yaml").toFile());
        String env = spec.path("env").asText();
        List<PlannedResource> before = Scenario.up(env, config(dir.resolve("old"), env));
        List<PlannedResource> after = Scenario.up(env, config(dir.resolve("new"), env));
        for (JsonNode change : spec.path("code")) {
            if (change.path("side").asText("new").equals("old")) {
                before = CodeChange.apply(before, change);
            } else {
                after = CodeChange.apply(after, change);
            }
        }
        return Plan.up(before, after);
    }

    /** The committed stack file of {@code env} with {@code side/Pulumi.<env>.yaml} merged over it, if there is one. */
    static ObjectNode config(Path side, String env) throws IOException {
        ObjectNode config = Scenario.committed(env);
        Path file = side.resolve("Pulumi." + env + ".yaml");
        if (Files.isRegularFile(file)) {
            YAML.readTree(file.toFile()).path("config").fields().forEachRemaining(e -> merge(config,
                    e.getKey().substring(RawConfig.NAMESPACE.length() + 1), e.getValue()));
        }
        return config;
    }

    /** Objects merge key by key, a null removes the key, anything else (arrays too) replaces. */
    private static void merge(ObjectNode into, String key, JsonNode value) {
        if (value.isNull()) {
            into.remove(key);
        } else if (value.isObject() && into.get(key) instanceof ObjectNode target) {
            value.fields().forEachRemaining(e -> merge(target, e.getKey(), e.getValue()));
        } else {
            into.set(key, value.deepCopy());
        }
    }

    static String line(Step s) {
        return s.op().name() + " " + s.resource().type() + " " + s.resource().name();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void theEngineDoesWhatTheScenarioSays(String name) throws IOException {
        JsonNode expect = YAML.readTree(DIR.resolve(name).resolve("scenario.yaml").toFile()).path("expect");
        Plan plan = plan(name);
        String why = name + ":\n" + PlanReport.text(plan);
        Path report = Path.of("target/plan-scenarios", name + ".txt"); // for review: what the plan says
        Files.createDirectories(report.getParent());
        Files.writeString(report, PlanReport.text(plan));
        assertEquals(expect.path("exit").asInt(), PlanCommand.exitStatus(plan), why);
        Map<String, Integer> counts = new TreeMap<>();
        plan.counts().forEach((op, n) -> {
            if (op != Op.SAME) {
                counts.put(op.name(), n);
            }
        });
        Map<String, Integer> expected = new TreeMap<>();
        expect.path("steps").fields().forEachRemaining(e -> expected.put(e.getKey(), e.getValue().asInt()));
        assertEquals(expected, counts, why);
        assertEquals(expect.path("refusals").asInt(0), plan.refusals().size(), why);
        assertEquals(expect.path("uncertain").asInt(0), plan.uncertainties().size(), why);
        assertEquals(expect.path("warnings").asInt(0), plan.warnings().size(), why);
        List<String> lines = plan.steps().stream().filter(s -> s.op() != Op.SAME).map(ScenarioFilesTest::line).toList();
        int at = 0;
        for (JsonNode want : expect.path("order")) {
            int found = -1;
            for (int i = at; i < lines.size(); i++) {
                if (lines.get(i).startsWith(want.asText())) {
                    found = i;
                    break;
                }
            }
            assertTrue(found >= 0, "expected, in order after step " + at + ": " + want.asText() + "\n" + why);
            at = found + 1;
        }
        String text = PlanReport.text(plan) + PlanReport.markdown(plan, List.of(), 500);
        for (JsonNode want : expect.path("text")) {
            assertTrue(text.contains(want.asText()), "the report says " + want.asText() + "\n" + why);
        }
    }

    /** Every scenario the issue names is here, so none is dropped silently. */
    @Test
    void everyScenarioIsPresent() throws IOException {
        List<String> have = scenarios().toList();
        for (String must : List.of("provider-renamed-without-alias", "flux-apiversion-bump-with-alias",
                "gitlab-share-access-change-prod", "delete-first-with-protected-dependents", "import-id-change-prod",
                "remove-tenant-prod-engine-continues", "kubeconfig-rotation-without-cluster-id",
                "context-rotation-same-cluster", "move-stack-to-new-cluster-dev", "move-stack-to-new-cluster-prod",
                "chart-version-bump", "flux-apiversion-bump-without-alias", "namespace-renamed-in-code-with-alias",
                "namespace-renamed-in-code-without-alias", "gitlab-group-share-change-prod", "upgrade-adds-cluster-id")) {
            assertTrue(have.contains(must), must);
        }
    }

    /**
     * The engine continues past a refused protected delete, and skips exactly what the refused ones depend on: no
     * skipped step is independent of every refusal, and no refusal is of a resource a refused one depends on.
     */
    @Test
    void skippedDeletesAreExactlyWhatRefusedDeletesDependOn() throws IOException {
        Plan plan = plan("remove-tenant-prod-engine-continues");
        Map<String, PlannedResource> state = new HashMap<>();
        plan.steps().forEach(s -> state.put(s.resource().urn(), s.resource()));
        List<String> heldBack = new ArrayList<>();
        for (Plan.Refusal r : plan.refusals()) {
            heldBack.addAll(DeletePhase.transitiveDependencies(r.resource(), state));
        }
        for (Step s : plan.steps()) {
            if (s.op() == Op.DELETE_SKIPPED) {
                assertTrue(heldBack.contains(s.resource().urn()), s.resource().label());
            }
        }
        assertFalse(plan.refusals().stream().anyMatch(r -> heldBack.contains(r.resource().urn())));
        assertTrue(plan.steps().stream().anyMatch(s -> s.op() == Op.DELETE_SKIPPED));
    }
}
