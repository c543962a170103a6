package io.fluxfleet.verify;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmittedObjectValidatorTest {
    private static final EmittedObjectValidator EMITTED = EmittedObjectValidator.standard();

    @Test
    void routesFluxAndCoreObjectsToTheirSchemas() {
        List<Map<String, Object>> all = new ArrayList<>(Samples.fluxObjects());
        all.addAll(Samples.coreObjects());
        EMITTED.assertAllValid(all);
    }

    @Test
    void aKindWithNeitherCrdNorSchemaIsAViolation() {
        Map<String, Object> monitor = Samples.yaml("""
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata: {name: tenant1, namespace: tenant1}
                spec: {}
                """);
        List<String> violations = EMITTED.validate(monitor);
        assertEquals(1, violations.size(), violations.toString());
        assertTrue(violations.get(0).startsWith(
                "ServiceMonitor tenant1/tenant1: kind: no schema for kind ServiceMonitor (apiVersion monitoring.coreos.com/v1)"),
                violations.get(0));
    }

    @Test
    void combinesWithThePlacementCheck() {
        ObjectValidator strict = EMITTED.and(FluxChartTest.ON_PLATFORM_WORKERS);
        Map<String, Object> bucket = Mutation.set("kind", "Bucket").applyTo(Samples.gitRepository());
        assertEquals(List.of("Bucket flux-system/tenant1-dev: kind: no CRD for kind Bucket in group source.toolkit.fluxcd.io "
                        + "(loaded: " + CrdSchemaValidator.fluxCrds().kinds().stream().sorted().toList() + ")"),
                strict.validate(bucket));
    }
}
