package io.fluxfleet.changepath;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20, the change path: every attack of the issue ({@link ChangePathAttacks}) as a scenario file in
 * {@code src/test/resources/change-path/}, run through the real mechanism ({@link Probes}): the hostile cases must be
 * stopped (or, for an {@code open} scenario, still get through: the documented gap, which fails here the day the
 * mechanism to come lands, so that the row is updated), and the benign twin must still work.
 */
class ChangePathCorpusTest {
    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicNode> everyScenario() throws Exception {
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path file : ChangePathScenario.files()) {
            ChangePathScenario s = ChangePathScenario.read(file);
            List<DynamicTest> cases = new ArrayList<>();
            int i = 0;
            for (ChangePathScenario.Case c : s.hostile()) {
                cases.add(test(s, "hostile " + ++i, c));
            }
            i = 0;
            for (ChangePathScenario.Case c : s.benign()) {
                cases.add(test(s, "benign " + ++i, c));
            }
            nodes.add(DynamicContainer.dynamicContainer(s.id() + " [" + s.status() + "]", cases));
        }
        return nodes.stream();
    }

    private DynamicTest test(ChangePathScenario s, String name, ChangePathScenario.Case c) {
        return DynamicTest.dynamicTest(name + ": " + c.probe() + " -> " + c.expect(), () -> {
            Path dir = Files.createTempDirectory(tmp, "case");
            String outcome = Probes.ALL.get(c.probe()).run(c.input(), dir);
            assertEquals(c.expect(), outcome, s.id() + " " + name + " (" + s.mechanism() + ")");
        });
    }

    @Test
    void everyAttackOfTheIssueHasAScenarioAndEveryScenarioAnAttack() throws Exception {
        Set<String> files = new TreeSet<>();
        for (Path file : ChangePathScenario.files()) {
            files.add(ChangePathScenario.read(file).id());
        }
        Set<String> listed = new TreeSet<>(ChangePathAttacks.ISSUE.keySet());
        listed.addAll(ChangePathAttacks.FOUND.keySet());
        assertEquals(listed, files);
        assertTrue(ChangePathAttacks.ISSUE.size() >= 18, "the issue lists at least 18 attacks");
    }

    /**
     * The rows closed by the platform project and by the membership preflight name their mechanism: the cluster-admin
     * layers read the platform project in the committed stacks; the approver and role rows go through the preflight
     * against the fake GitLab.
     */
    @Test
    void theClosedRowsNameTheirMechanism() throws Exception {
        ChangePathScenario layers = ChangePathScenario.read(ChangePathScenario.DIR.resolve("tenant-repo-drives-cluster-admin.yaml"));
        assertEquals("enforced", layers.status());
        assertTrue(layers.mechanism().contains("layers.source platform"), layers.mechanism());
        for (String id : List.of("approver-not-member", "approvals-fewer-eligible", "approver-reporter-share",
                "tenant-maintainer-edits-rules")) {
            ChangePathScenario row = ChangePathScenario.read(ChangePathScenario.DIR.resolve(id + ".yaml"));
            assertEquals("enforced", row.status(), id);
            assertTrue(row.mechanism().contains("Memberships/Preflight at up"), id + ": " + row.mechanism());
            assertTrue(row.hostile().stream().anyMatch(c -> c.probe().equals("gitlab-up") && c.expect().equals("refused")),
                    id + " has a hostile case refused by the preflight");
            assertTrue(row.benign().stream().anyMatch(c -> c.probe().equals("gitlab-up") && c.expect().equals("applied")),
                    id + " has a benign twin the preflight lets through");
        }
    }

    /** A scenario that names no mechanism, lacks its benign twin, or claims enforcement while the attack passes. */
    @Test
    void aScenarioWithoutMechanismOrBenignTwinIsRefused() {
        String good = """
                id: images-by-tag
                actor: a
                attack: b
                mechanism: c
                cites: d
                status: enforced
                hostile: [{probe: ci-image, job: build, expect: by-digest}]
                benign: [{probe: ci-job, pipeline: merge-request, job: build, expect: runs}]
                """;
        assertEquals("images-by-tag", parsed(good).id());
        IllegalArgumentException noMechanism = assertThrows(IllegalArgumentException.class,
                () -> ChangePathScenario.parse("images-by-tag", good.replace("mechanism: c\n", "")));
        assertTrue(noMechanism.getMessage().contains("mechanism: missing"), noMechanism.getMessage());
        IllegalArgumentException noTwin = assertThrows(IllegalArgumentException.class,
                () -> ChangePathScenario.parse("images-by-tag", good.replaceAll("benign: .*\n", "")));
        assertTrue(noTwin.getMessage().contains("benign: missing"), noTwin.getMessage());
        IllegalArgumentException faked = assertThrows(IllegalArgumentException.class,
                () -> ChangePathScenario.parse("images-by-tag", good.replace("expect: by-digest", "expect: by-tag")));
        assertTrue(faked.getMessage().contains("does not stop the attack"), faked.getMessage());
        IllegalArgumentException openWithoutReason = assertThrows(IllegalArgumentException.class,
                () -> ChangePathScenario.parse("images-by-tag", good.replace("status: enforced", "status: open")));
        assertTrue(openWithoutReason.getMessage().contains("an open scenario says why"), openWithoutReason.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ChangePathScenario.parse("nobody-listed-this", good.replace("images-by-tag", "nobody-listed-this")));
        assertTrue(unknown.getMessage().contains("not an attack of ChangePathAttacks"), unknown.getMessage());
    }

    private static ChangePathScenario parsed(String text) {
        try {
            return ChangePathScenario.parse("images-by-tag", text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
