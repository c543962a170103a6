package io.fluxfleet.admission;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fluxfleet.config.TenantSecurity;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Pod Security Admission labels fluxfleet puts on tenant namespaces, against hostile pods: each case in
 * {@code src/test/resources/pod-security/<level>-<case>.yaml} names the level it violates ({@code baseline}: only
 * privileged admits it; {@code restricted}: baseline admits it, restricted does not; {@code none}) and the control
 * that catches it, checked by the Pod Security Standards table ({@link PodSecurityStandards}); then what each
 * tenant setting does with it, read from the labels the program writes ({@link PodSecurity#labels}).
 */
class PodSecurityTest {
    private static final Path ROOT = Path.of("src", "test", "resources", "pod-security");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> everyHostilePodViolatesTheLevelItsNameSays() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(ROOT)) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(files.stream().filter(f -> !f.getFileName().toString().startsWith("none-")).count() >= 14);
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            Map<String, Object> c = YAML.readValue(file.toFile(), Map.class);
            Map<String, Object> spec = (Map<String, Object>) ((Map<String, Object>) c.get("pod")).get("spec");
            String violated = file.getFileName().toString().substring(0, file.getFileName().toString().indexOf('-'));
            String level = PodSecurityStandards.level(spec);
            List<String> failed = PodSecurityStandards.violations(spec).stream().map(PodSecurityStandards.Control::name).toList();
            switch (violated) {
                case "baseline" -> assertEquals("privileged", level, "fails " + failed);
                case "restricted" -> assertEquals("baseline", level, "fails " + failed);
                case "none" -> assertEquals("restricted", level, "fails " + failed);
                default -> throw new AssertionError("name a case baseline-, restricted- or none-");
            }
            if (!violated.equals("none")) {
                assertTrue(failed.contains((String) c.get("control")), "expected " + c.get("control") + ", got " + failed);
            }
            // the default tenant (enforce baseline, warn and audit restricted) and a restricted tenant
            for (String tenantLevel : List.of(TenantSecurity.BASELINE, TenantSecurity.RESTRICTED)) {
                Map<String, String> labels = PodSecurity.labels(new TenantSecurity(tenantLevel, Optional.empty(), List.of()));
                boolean admitted = PodSecurityStandards.admits(labels.get(PodSecurity.PREFIX + "enforce"), level);
                boolean warned = !PodSecurityStandards.admits(labels.get(PodSecurity.PREFIX + "warn"), level);
                boolean audited = !PodSecurityStandards.admits(labels.get(PodSecurity.PREFIX + "audit"), level);
                assertEquals(violated.equals("none") || (violated.equals("restricted") && tenantLevel.equals(TenantSecurity.BASELINE)),
                        admitted, tenantLevel + " tenant admits " + file.getFileName());
                assertEquals(!violated.equals("none"), warned && audited, "warned and audited");
            }
        }));
    }

    @Test
    void theLabelsPinEveryModeAndVersion() {
        Map<String, String> labels = PodSecurity.labels(TenantSecurity.DEFAULTS);
        assertEquals(Map.of("pod-security.kubernetes.io/enforce", "baseline",
                "pod-security.kubernetes.io/enforce-version", PodSecurity.VERSION,
                "pod-security.kubernetes.io/audit", "restricted",
                "pod-security.kubernetes.io/audit-version", PodSecurity.VERSION,
                "pod-security.kubernetes.io/warn", "restricted",
                "pod-security.kubernetes.io/warn-version", PodSecurity.VERSION), labels);
    }

    /** The real apps a tenant deploys meet restricted, so a tenant can move to podSecurity: restricted. */
    @Test
    @SuppressWarnings("unchecked")
    void theBenignAppsMeetRestricted() throws IOException {
        for (String file : List.of("allow-shop-deployment.yaml", "allow-report-cronjob.yaml")) {
            Map<String, Object> c = YAML.readValue(AdmissionCorpus.ROOT.resolve("benign-apps").resolve(file).toFile(), Map.class);
            Map<String, Object> object = (Map<String, Object>) c.get("object");
            Map<String, Object> spec = (Map<String, Object>) object.get("spec");
            if (spec.containsKey("jobTemplate")) {
                spec = (Map<String, Object>) ((Map<String, Object>) spec.get("jobTemplate")).get("spec");
            }
            Map<String, Object> podSpec = (Map<String, Object>) ((Map<String, Object>) spec.get("template")).get("spec");
            assertEquals("restricted", PodSecurityStandards.level(podSpec), file + " fails "
                    + PodSecurityStandards.violations(podSpec).stream().map(PodSecurityStandards.Control::name).toList());
        }
        assertFalse(PodSecurityStandards.CONTROLS.isEmpty());
    }
}
