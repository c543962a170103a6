package io.fluxfleet.admission;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The harness is the real engine with Kubernetes' variables, and refuses what Kubernetes' environment lacks. */
class CelHarnessTest {
    private final CelHarness cel = CelHarness.get();

    private Object run(String expression, Map<String, Object> vars) {
        return cel.eval(cel.compile(expression), vars);
    }

    @Test
    void evaluatesOverKubernetesVariables() {
        Map<String, Object> vars = new HashMap<>();
        vars.put("object", Map.of("spec", Map.of("replicas", 3, "tolerations", List.of(Map.of("key", "a")))));
        vars.put("oldObject", null);
        assertEquals(true, run("object.spec.tolerations.exists(t, t.key == 'a') && object.spec.replicas == 3", vars));
        assertEquals(true, run("oldObject == null && has(object.spec) && !has(object.metadata)", vars));
        assertEquals(true, run("duration('15m') > duration('1m30s')", vars));
        assertEquals(true, run("'a.example.com,b.example.com'.split(',') == ['a.example.com', 'b.example.com']", vars));
    }

    @Test
    void aFunctionOutsideTheStandardLibraryDoesNotCompile() {
        // math.greatest and base64 are cel-go extensions Kubernetes does not load (base.go); quantity() is a Kubernetes
        // library the engine does not have, so a policy may not use it either; authorizer is not declared
        for (String expression : List.of("math.greatest(1, 2) == 2", "base64.encode(b'a') == 'YQ=='",
                "quantity('1Gi').isGreaterThan(quantity('1Mi'))", "authorizer.group('').resource('pods').check('get').allowed()")) {
            assertThrows(CelHarness.CompileError.class, () -> cel.compile(expression), expression);
        }
    }

    @Test
    void mixedLiteralsAreRefusedAsKubernetesRefusesThem() {
        // Kubernetes compiles with cel.HomogeneousAggregateLiterals(): a list literal of mixed types does not compile
        assertThrows(CelHarness.CompileError.class, () -> cel.compile("['a', 1].size() == 2"));
    }

    @Test
    void aMissingFieldIsAnErrorAsInKubernetes() {
        Map<String, Object> vars = new HashMap<>();
        vars.put("object", Map.of("spec", Map.of()));
        CelHarness.EvalError error = assertThrows(CelHarness.EvalError.class, () -> run("object.spec.nodeName == ''", vars));
        assertTrue(error.getMessage().contains("nodeName"), error.getMessage());
    }
}
