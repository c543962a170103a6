package io.fluxfleet.render;

import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.test.PulumiTest;

import io.fluxfleet.gitlab.bindings.Branch;
import io.fluxfleet.gitlab.bindings.BranchArgs;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine double's own contract, as render and the tests rely on it: the record is the wire form, IDs follow the
 * engine (import ID, else the provider's, else {@code <name>_id}), a test's outputs reach the program, and a refusal
 * fails the run without a record.
 */
class MockEngineTest {
    private static final Logger LOG = Logger.getLogger("fluxfleet.test");

    @Test
    void recordsAnswersAndNamesIds() {
        MockEngine engine = new MockEngine()
                .ids("gitlab:index/branch:Branch", inputs -> inputs.get("project") + ":" + inputs.get("name"))
                .outputs("gitlab:index/branch:Branch", inputs -> Map.of("webUrl", "https://gitlab.example.com/" + inputs.get("name")));
        AtomicReference<Output<String>> url = new AtomicReference<>();
        AtomicReference<Output<String>> adoptedId = new AtomicReference<>();
        engine.run("test", LOG, ctx -> {
            Branch created = new Branch("created", BranchArgs.builder().project("7").name("dev").ref("main").build());
            url.set(created.webUrl());
            Branch adopted = new Branch("adopted", BranchArgs.builder().project("7").name("prod").ref("main").build(),
                    CustomResourceOptions.builder().importId("7:prod").build());
            adoptedId.set(adopted.id());
        }).throwOnError();

        List<Recorded> recorded = engine.recorded();
        assertEquals(List.of("created", "adopted"), recorded.stream().map(Recorded::name).sorted((a, b) -> b.compareTo(a)).toList());
        Recorded created = recorded.stream().filter(r -> r.name().equals("created")).findFirst().orElseThrow();
        assertEquals("gitlab:index/branch:Branch", created.type());
        assertEquals("urn:pulumi:test::fluxfleet::pulumi:pulumi:Stack$gitlab:index/branch:Branch::created", created.urn());
        assertEquals(Map.of("project", "7", "name", "dev", "ref", "main"), created.inputs());
        assertEquals("7:dev", engine.id(created), "the provider's ID, from the test");
        assertEquals("https://gitlab.example.com/dev", PulumiTest.extractValue(url.get()), "a test's output reaches the program");
        assertEquals("7:prod", PulumiTest.extractValue(adoptedId.get()), "an adopted object keeps its import ID");
    }

    @Test
    void aRefusalFailsTheRunAndIsNotRecorded() {
        MockEngine engine = new MockEngine().refuse((resource, id) ->
                resource.inputs().get("name").equals("main") ? "Branch already exists" : null);
        var result = engine.run("test", LOG, ctx -> {
            new Branch("ok", BranchArgs.builder().project("7").name("dev").ref("main").build());
            new Branch("refused", BranchArgs.builder().project("7").name("main").ref("main").build());
        });
        assertTrue(result.exceptions().stream().anyMatch(e -> String.valueOf(e.getMessage())
                .contains("gitlab:index/branch:Branch refused: Branch already exists")), result.exceptions().toString());
        assertEquals(List.of("ok"), engine.recorded().stream().map(Recorded::name).toList());
    }

    @Test
    void invokesAreRecordedAndUndeclaredOnesFail() {
        MockEngine engine = new MockEngine();
        var result = engine.run("test", LOG, ctx -> io.fluxfleet.gitlab.bindings.GitlabFunctions.getMetadata(
                io.fluxfleet.gitlab.bindings.inputs.GetMetadataArgs.builder().build(), com.pulumi.deployment.InvokeOptions.Empty));
        assertTrue(result.exceptions().stream().anyMatch(e -> String.valueOf(e.getMessage())
                .contains("cannot answer the lookup gitlab:index/getMetadata:getMetadata")), result.exceptions().toString());
        assertEquals(List.of("gitlab:index/getMetadata:getMetadata"),
                engine.invoked().stream().map(MockEngine.Invocation::token).toList());
    }

    @Test
    void plainInputsAreWhatTheSdksMocksHookSees() {
        Map<String, Object> wire = Map.of("n", 30L, "ratio", 0.5, "secret", new Recorded.SecretValue("s"),
                "nested", Map.of("list", List.of(1L, new Recorded.SecretValue(2L))));
        assertEquals(Map.of("n", 30, "ratio", 0.5, "secret", "s", "nested", Map.of("list", List.of(1, 2))),
                MockEngine.plain(wire));
    }
}
