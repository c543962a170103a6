package io.fluxfleet.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.pulumi.test.PulumiTest;
import io.fluxfleet.bindings.TrimProviderSchema;
import io.fluxfleet.testing.GovernanceConfigs;
import io.fluxfleet.config.Environment;
import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.render.Recorded;
import io.fluxfleet.testing.Stacks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The generated bindings and the program agree on what is used: every provider type token the program registers and
 * every function it invokes is in the committed trimmed schema (a token the provider does not have would fail only
 * at {@code pulumi up}), and every resource and function the manifests bind is used, so the trim carries nothing
 * the program does not need. "The program" is the three committed stacks rendered offline, plus the GitLab
 * governance of those stacks applied in onboarding order to every kind of instance (CE, EE unlicensed, EE Premium)
 * twice over (the second round reads back what the first made), and the governance tests' premium stack with a
 * user approver: together they reach the edition- and licence-dependent resources and every lookup.
 */
class BindingUsageTest {
    private static final Set<String> REGISTERED = new TreeSet<>();
    private static final Set<String> INVOKED = new TreeSet<>();

    @BeforeAll
    static void runTheProgram() {
        for (Environment env : Environment.values()) {
            for (Recorded r : Stacks.render(Stacks.committed(env.id())).resources()) {
                REGISTERED.add(r.type());
            }
        }
        List<Environment> rounds = new ArrayList<>(CommittedStacksOnEveryInstanceTest.ONBOARDING);
        rounds.addAll(List.of(Environment.values())); // the second round reads back what the first one made
        for (FakeGitLab.Kind kind : FakeGitLab.Kind.values()) {
            FakeGitLab gitlab = CommittedStacksOnEveryInstanceTest.instance(kind);
            for (Environment env : rounds) {
                if (CommittedStacksOnEveryInstanceTest.runsOn(env, kind)) {
                    record(gitlab, CommittedStacksOnEveryInstanceTest.committed(env, kind));
                }
            }
            if (kind.licensed) {
                // the governance tests' stack: approvers by user name as well as by group
                FakeGitLab greenfield = GitLabGovernanceTest.greenfield(kind, true);
                for (Environment env : rounds) {
                    record(greenfield, GovernanceConfigs.load(GovernanceConfigs.premium(env.id())));
                }
            }
        }
    }

    private static void record(FakeGitLab gitlab, FluxFleetConfig config) {
        GitLabGovernanceTest.Run run = GitLabGovernanceTest.run(gitlab, config);
        run.mocks().registered().forEach(r -> REGISTERED.add(r.type()));
        run.mocks().invoked().forEach(i -> INVOKED.add(i.token()));
        gitlab.apply(run.mocks());
        PulumiTest.cleanup();
    }

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    @Test
    void everyRegisteredTypeAndInvokedFunctionIsInTheSchemaAndEveryBindingIsUsed() throws IOException {
        for (String provider : List.of("gitlab", "random")) {
            JsonNode manifest = TrimProviderSchema.manifest(provider);
            JsonNode schema = TrimProviderSchema.JSON.readTree(TrimProviderSchema.trimmed(provider).toFile());
            Set<String> inSchema = new TreeSet<>();
            schema.get("resources").fieldNames().forEachRemaining(inSchema::add);
            if (schema.has("provider")) {
                inSchema.add("pulumi:providers:" + provider);
            }
            Set<String> used = new TreeSet<>();
            REGISTERED.stream().filter(t -> t.startsWith(provider + ":") || t.equals("pulumi:providers:" + provider))
                    .forEach(used::add);
            Set<String> missing = new TreeSet<>(used);
            missing.removeAll(inSchema);
            assertEquals(Set.of(), missing, provider + ": registered types the trimmed schema does not have");
            Set<String> unused = new TreeSet<>(inSchema);
            unused.removeAll(used);
            assertEquals(Set.of(), unused, provider + ": bound resources the program never registers; drop them from "
                    + provider + ".bindings.json and regenerate the trim");

            Set<String> functions = new TreeSet<>();
            schema.get("functions").fieldNames().forEachRemaining(functions::add);
            Set<String> invoked = new TreeSet<>();
            INVOKED.stream().filter(t -> t.startsWith(provider + ":")).forEach(invoked::add);
            Set<String> unknown = new TreeSet<>(invoked);
            unknown.removeAll(functions);
            assertEquals(Set.of(), unknown, provider + ": invoked functions the trimmed schema does not have");
            Set<String> uninvoked = new TreeSet<>(functions);
            uninvoked.removeAll(invoked);
            assertEquals(Set.of(), uninvoked, provider + ": bound functions the program never invokes");
            assertEquals(manifest.get("provider").asBoolean(false), used.contains("pulumi:providers:" + provider),
                    provider + ": the manifest binds the provider resource exactly when the program registers one");
        }
    }
}
