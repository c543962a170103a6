package io.fluxfleet.admission;

import io.fluxfleet.admission.AdmissionPolicies.Policy;
import io.fluxfleet.admission.AdmissionSimulator.Denial;
import io.fluxfleet.config.FluxFleetConfig;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every policy run by the real CEL engine over the corpus ({@link AdmissionCorpus}): a {@code deny-} case must be
 * refused by its folder's policy through a validation that is false (not through an evaluation error, which would
 * also deny but proves nothing), with a message naming the policy and how to ask for an exception; an
 * {@code allow-} case must pass every policy. Every validation of every policy is the reason for at least one
 * hostile case.
 */
class AdmissionCorpusTest {
    private static FluxFleetConfig config;
    private static List<Policy> policies;
    private static final AdmissionSimulator SIMULATOR = new AdmissionSimulator();

    @BeforeAll
    static void load() {
        config = AdmissionCorpus.config();
        policies = AdmissionCorpus.policies();
    }

    @TestFactory
    Stream<DynamicTest> everyCase() throws IOException {
        return AdmissionCorpus.cases().stream().map(file -> DynamicTest.dynamicTest(name(file), () -> {
            List<Denial> denials = SIMULATOR.admit(policies, AdmissionCorpus.request(config, file));
            String concern = file.getParent().getFileName().toString();
            if (file.getFileName().toString().startsWith("allow-")) {
                assertEquals(List.of(), denials, "must be admitted");
            } else {
                assertTrue(file.getFileName().toString().startsWith("deny-"), "name a case allow-… or deny-…");
                String policy = io.fluxfleet.naming.Names.admissionPolicy(concern);
                List<Denial> own = denials.stream().filter(d -> d.policy().equals(policy)).toList();
                assertFalse(own.isEmpty(), "must be denied by " + policy + ", got " + denials);
                for (Denial d : own) {
                    assertFalse(d.error(), "denied by an evaluation error, not by the rule: " + d.message());
                    assertTrue(d.message().startsWith(policy + ": "), d.message());
                    assertTrue(d.message().contains(AdmissionPolicies.HOW_TO_ASK), d.message());
                }
            }
        }));
    }

    @Test
    void everyValidationIsTheReasonForAHostileCase() throws IOException {
        Set<String> exercised = new TreeSet<>();
        for (Path file : AdmissionCorpus.cases()) {
            if (file.getFileName().toString().startsWith("deny-")) {
                SIMULATOR.admit(policies, AdmissionCorpus.request(config, file))
                        .forEach(d -> exercised.add(d.policy() + "#" + d.validation()));
            }
        }
        List<String> missing = new ArrayList<>();
        for (Policy p : policies) {
            int n = ((List<?>) p.spec().get("validations")).size();
            for (int i = 0; i < n; i++) {
                if (!exercised.contains(p.name() + "#" + i)) {
                    missing.add(p.name() + " validation " + i);
                }
            }
        }
        assertEquals(List.of(), missing, "validations no hostile case fails");
    }

    @Test
    void theCorpusHasThirtyHostileCasesAndBenignOnesForEveryPolicy() throws IOException {
        List<Path> cases = AdmissionCorpus.cases();
        long hostile = cases.stream().filter(f -> f.getFileName().toString().startsWith("deny-")).count();
        assertTrue(hostile >= 30, "hostile cases: " + hostile);
        for (String concern : AdmissionPolicies.CONCERNS) {
            assertTrue(cases.stream().anyMatch(f -> f.getParent().getFileName().toString().equals(concern)
                    && f.getFileName().toString().startsWith("allow-")), concern + " has no benign case");
        }
    }

    /** README's "Proof" states the corpus's size as it is. */
    @Test
    void theReadmeCountsTheCorpus() throws IOException {
        List<Path> cases = AdmissionCorpus.cases();
        long hostile = cases.stream().filter(f -> f.getFileName().toString().startsWith("deny-")).count();
        long benign = cases.stream().filter(f -> f.getFileName().toString().startsWith("allow-")).count();
        String readme = java.nio.file.Files.readString(Path.of("README.md")).replaceAll("\\s+", " ");
        assertTrue(readme.contains("the corpus: " + hostile + " hostile and " + benign + " benign requests"),
                "README \"Proof\" should say: the corpus: " + hostile + " hostile and " + benign + " benign requests");
    }

    /** Every expression of every policy compiles in the Kubernetes-like environment, whether a case reaches it or not. */
    @Test
    @SuppressWarnings("unchecked")
    void everyExpressionCompiles() {
        List<String> refused = new ArrayList<>();
        int compiled = 0;
        for (Policy p : policies) {
            for (String section : List.of("matchConditions", "variables", "validations")) {
                for (Map<String, Object> entry : (List<Map<String, Object>>) p.spec().getOrDefault(section, List.of())) {
                    for (String key : List.of("expression", "messageExpression")) {
                        if (entry.containsKey(key)) {
                            try {
                                SIMULATOR.program((String) entry.get(key));
                                compiled++;
                            } catch (CelHarness.CompileError e) {
                                refused.add(p.name() + " " + section + "." + key + ": " + e.getMessage());
                            }
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), refused);
        assertTrue(compiled > 40, "compiled " + compiled);
    }

    private static String name(Path file) {
        return file.getParent().getFileName() + "/" + file.getFileName();
    }
}
