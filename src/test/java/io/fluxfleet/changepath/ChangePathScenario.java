package io.fluxfleet.changepath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One scenario of the change-path corpus, read from {@code src/test/resources/change-path/<id>.yaml}: who attacks,
 * how, what stops them (the mechanism and the rule it relies on, cited), whether that is enforced today or still
 * {@code open} (then why, and which mechanism is to come), and the cases: {@code hostile} (the attack, each case's
 * {@code expect} an answer of its probe that stops it; for an open scenario, at least one answer that does not: the
 * gap, shown) and {@code benign} (the legitimate twin, which must still work). A hostile case marked
 * {@code demonstrates: true} shows that the attack is real where fluxfleet's mechanism is not in the way (GitLab's own
 * rules, the state before the fix): it expects the attack to get through and does not count for the status.
 */
record ChangePathScenario(String id, String actor, String attack, String mechanism, String cites, String status,
                          String reason, String toCome, List<Case> hostile, List<Case> benign) {
    static final Path DIR = Path.of("src/test/resources/change-path");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One run of a probe: its input and the answer it must give. */
    record Case(String probe, String expect, JsonNode input) {}

    static List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
    }

    static ChangePathScenario read(Path file) throws IOException {
        return parse(file.getFileName().toString().replaceFirst("\\.yaml$", ""), Files.readString(file));
    }

    /**
     * Parses and checks a scenario: every problem at once, naming the field, so that a scenario without a mechanism,
     * without its benign twin, or open without a reason cannot be added.
     */
    static ChangePathScenario parse(String fileId, String text) throws IOException {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(fileId + ".yaml is not YAML: " + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        String id = text(root, "id", problems);
        if (!fileId.equals(id)) {
            problems.add("id: '" + id + "' is not the file's name (" + fileId + ".yaml)");
        }
        if (!ChangePathAttacks.ISSUE.containsKey(id) && !ChangePathAttacks.FOUND.containsKey(id)) {
            problems.add("id: '" + id + "' is not an attack of ChangePathAttacks (add it there first)");
        }
        String status = text(root, "status", problems);
        if (!List.of("enforced", "open").contains(status)) {
            problems.add("status: must be enforced or open, not '" + status + "'");
        }
        String reason = root.path("reason").asText("");
        String toCome = root.path("toCome").asText("");
        if ("open".equals(status) && (reason.isBlank() || toCome.isBlank())) {
            problems.add("reason, toCome: an open scenario says why it is open and which mechanism is to come");
        }
        List<Case> hostile = cases(root, "hostile", problems);
        List<Case> benign = cases(root, "benign", problems);
        ChangePathScenario s = new ChangePathScenario(id, text(root, "actor", problems), text(root, "attack", problems),
                text(root, "mechanism", problems), text(root, "cites", problems), status, reason, toCome, hostile, benign);
        if (problems.isEmpty()) {
            s.checkExpectations(problems);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(fileId + ".yaml:\n  " + String.join("\n  ", problems));
        }
        return s;
    }

    /** The hostile cases' expectations agree with the status; the benign ones expect the mechanism to let them through. */
    private void checkExpectations(List<String> problems) {
        boolean gapShown = false;
        for (Case c : hostile) {
            boolean stops = Probes.ALL.get(c.probe()).stopped().contains(c.expect());
            if (c.input().path("demonstrates").asBoolean(false)) {
                if (stops) {
                    problems.add("hostile: a case that demonstrates the attack (on GitLab's own rules, or on the"
                            + " state before the fix) expects it to get through, not '" + c.expect() + "'");
                }
                continue;
            }
            gapShown |= !stops;
            if (!stops && status.equals("enforced")) {
                problems.add("hostile: an enforced scenario expects '" + c.expect() + "' from " + c.probe()
                        + ", which does not stop the attack");
            }
        }
        if (status.equals("open") && !gapShown) {
            problems.add("hostile: an open scenario shows its gap: one case expects the attack to get through");
        }
        for (Case c : benign) {
            if (Probes.ALL.get(c.probe()).stopped().contains(c.expect())) {
                problems.add("benign: the legitimate path expects '" + c.expect() + "' from " + c.probe()
                        + ", which is what stops an attack");
            }
        }
    }

    private static String text(JsonNode root, String field, List<String> problems) {
        String value = root.path(field).asText("");
        if (value.isBlank()) {
            problems.add(field + ": missing");
        }
        return value;
    }

    private static List<Case> cases(JsonNode root, String field, List<String> problems) {
        List<Case> out = new ArrayList<>();
        if (!root.path(field).isArray() || root.path(field).isEmpty()) {
            problems.add(field + ": missing (at least one case)");
            return out;
        }
        for (JsonNode c : root.get(field)) {
            String probe = c.path("probe").asText("");
            String expect = c.path("expect").asText("");
            Probes.Probe p = Probes.ALL.get(probe);
            if (p == null) {
                problems.add(field + ": unknown probe '" + probe + "' (one of " + Probes.ALL.keySet() + ")");
            } else if (!p.outcomes().contains(expect)) {
                problems.add(field + ": " + probe + " answers one of " + p.outcomes() + ", not '" + expect + "'");
            } else {
                out.add(new Case(probe, expect, c));
            }
        }
        return out;
    }
}
