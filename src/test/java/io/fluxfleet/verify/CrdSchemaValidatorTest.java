package io.fluxfleet.verify;

import io.fluxfleet.flux.FluxKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static io.fluxfleet.verify.Mutation.remove;
import static io.fluxfleet.verify.Mutation.rename;
import static io.fluxfleet.verify.Mutation.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrdSchemaValidatorTest {
    private static final CrdSchemaValidator FLUX = CrdSchemaValidator.fluxCrds();

    @Test
    void loadsTheEightFluxCrdsEachServingOneVersion() {
        assertEquals(List.of("helm.toolkit.fluxcd.io/HelmRelease", "kustomize.toolkit.fluxcd.io/Kustomization",
                "notification.toolkit.fluxcd.io/Alert", "notification.toolkit.fluxcd.io/Provider",
                "notification.toolkit.fluxcd.io/Receiver", "source.toolkit.fluxcd.io/GitRepository",
                "source.toolkit.fluxcd.io/HelmRepository", "source.toolkit.fluxcd.io/OCIRepository"),
                FLUX.kinds().stream().sorted().toList());
        assertEquals(List.of("v1beta3"), FLUX.servedVersions("notification.toolkit.fluxcd.io", "Alert"));
        assertEquals(List.of("v1"), FLUX.servedVersions("notification.toolkit.fluxcd.io", "Receiver"));
    }

    @Test
    void everyFluxKindOfTheMainCodeIsAServedVersion() {
        for (FluxKind kind : FluxKind.values()) {
            assertEquals(List.of(KubeObjects.version(kind.apiVersion())),
                    FLUX.servedVersions(KubeObjects.group(kind.apiVersion()), kind.kind()), kind.name());
        }
    }

    @Test
    void handWrittenFluxObjectsAreValid() {
        FLUX.assertAllValid(Samples.fluxObjects());
    }

    @Test
    void integralDoublesCountAsIntegersBecausePulumiCarriesNumbersAsDoubles() {
        FLUX.assertValid(set("spec.install.remediation.retries", 3.0).applyTo(Samples.helmRelease()));
    }

    @Test
    void reportsEveryViolationOfAnObjectAtOnce() {
        Map<String, Object> broken = KubeObjects.deepCopy(Samples.kustomization());
        remove("spec.prune").change().accept(broken);
        set("spec.interval", "soon").change().accept(broken);
        AssertionError error = assertThrows(AssertionError.class, () -> FLUX.assertValid(broken));
        assertTrue(error.getMessage().startsWith("2 violation(s):"), error.getMessage());
        assertTrue(error.getMessage().contains("spec.prune") && error.getMessage().contains("spec.interval"));
    }

    static Stream<Arguments> brokenObjects() {
        Supplier<Map<String, Object>> git = Samples::gitRepository;
        Supplier<Map<String, Object>> ks = Samples::kustomization;
        Supplier<Map<String, Object>> hr = Samples::helmRelease;
        return Stream.of(
                row(ks, remove("spec.prune"), "Kustomization flux-system/tenant1-dev: spec.prune: missing",
                        "required [interval, prune, sourceRef]"),
                row(ks, rename("spec.sourceRef", "sourceref"), "Kustomization flux-system/tenant1-dev: spec.sourceref:",
                        "unknown field", "did you mean sourceRef?"),
                row(git, set("apiVersion", "source.toolkit.fluxcd.io/v1beta1"),
                        "GitRepository flux-system/tenant1-dev: apiVersion: source.toolkit.fluxcd.io/v1beta1 is not served",
                        "served versions: [v1]"),
                row(ks, set("spec.sourceRef.kind", "HelmRepository"),
                        "Kustomization flux-system/tenant1-dev: spec.sourceRef.kind: \"HelmRepository\"",
                        "enum [OCIRepository, GitRepository, Bucket, ExternalArtifact]"),
                row(git, set("spec.interval", "1 minute"), "GitRepository flux-system/tenant1-dev: spec.interval:",
                        "does not match pattern ^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$"),
                row(git, set("spec.timeout", "1h"), "spec.timeout: \"1h\"", "pattern ^([0-9]+(\\.[0-9]+)?(ms|s|m))+$"),
                row(git, set("spec.url", "git@gitlab.example.com:tenants/tenant1.git"), "spec.url:",
                        "pattern ^(http|https|ssh)://.*$"),
                row(ks, set("spec.prune", "true"), "spec.prune: string \"true\", want type boolean"),
                row(ks, set("spec.prune", null), "spec.prune: null", "not nullable"),
                row(ks, set("spec.suspend", Optional.of(true)), "spec.suspend: unsupported Java type java.util.Optional"),
                row(hr, set("spec.releaseName", "x".repeat(54)), "spec.releaseName:", "maxLength 53"),
                row(hr, set("spec.chart.spec.sourceRef.kind", "OCIRepository"), "spec.chart.spec.sourceRef.kind:",
                        "enum [HelmRepository, GitRepository, Bucket]"),
                row(hr, remove("spec.chart"), "HelmRelease flux-system/tenant1-podinfo: spec: either chart or chartRef must be set",
                        "x-kubernetes-validations rule"),
                row(Samples::receiver, remove("spec.secretRef"), "Receiver flux-system/tenant1-dev: spec:",
                        "secretRef is required when type is not generic-oidc"),
                row(git, set("spec.serviceAccountName", "tenant1"), "spec: serviceAccountName can only be set when provider is 'azure' or 'aws'"),
                row(Samples::alert, set("spec.eventSources.1.kind", "Tenant"), "Alert flux-system/tenant1-dev: spec.eventSources[1].kind:",
                        "enum [Bucket, GitRepository"),
                row(Samples::provider, set("spec.type", "teams"), "Provider flux-system/tenant1-slack: spec.type: \"teams\"", "enum [slack"),
                row(git, set("status", Map.of()), "status: set"),
                row(git, remove("metadata.namespace"), "GitRepository tenant1-dev: metadata.namespace: missing"),
                row(git, set("metadata.name", "Tenant1_Dev"), "metadata.name: \"Tenant1_Dev\" is not a DNS-1123 subdomain"),
                row(git, rename("metadata.labels", "label"), "metadata.label: unknown field", "did you mean labels?"),
                row(git, set("metadata.labels", Map.of("fluxfleet.io/tenant", "tenant 1")),
                        "metadata.labels[\"fluxfleet.io/tenant\"]: \"tenant 1\" is not a valid label value"),
                row(git, set("kind", "Bucket"), "Bucket flux-system/tenant1-dev: kind: no CRD for kind Bucket"),
                row(git, set("spec.ref", Map.of("branch", "main", "bogus", 1)), "spec.ref.bogus: unknown field"));
    }

    private static Arguments row(Supplier<Map<String, Object>> valid, Mutation mutation, String... expected) {
        return Arguments.of(mutation, valid.get(), List.of(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenObjects")
    void rejectsABrokenObjectNamingObjectPathAndRule(Mutation mutation, Map<String, Object> valid, List<String> expected) {
        assertTrue(FLUX.validate(valid).isEmpty(), "the sample must start valid: " + FLUX.validate(valid));
        List<String> violations = FLUX.validate(mutation.applyTo(valid));
        assertFalse(violations.isEmpty(), mutation + " was accepted");
        String all = String.join("\n", violations);
        for (String fragment : expected) {
            assertTrue(all.contains(fragment), "expected \"" + fragment + "\" in:\n" + all);
        }
    }

    @Test
    void aCrdWithACelRuleOutsideTheSubsetIsRefusedWhenLoaded() {
        Map<String, Object> crd = Samples.yaml("""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: widgets.example.com
                spec:
                  group: example.com
                  names: {kind: Widget}
                  scope: Namespaced
                  versions:
                    - name: v1
                      served: true
                      storage: true
                      schema:
                        openAPIV3Schema:
                          type: object
                          properties:
                            spec:
                              type: object
                              properties:
                                url: {type: string}
                              x-kubernetes-validations:
                                - rule: self.url.startsWith('https://')
                """);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> CrdSchemaValidator.of(List.of(crd)));
        assertTrue(error.getMessage().contains("widgets.example.com") && error.getMessage().contains("startsWith"),
                error.getMessage());
    }

    @Test
    void aServedButDeprecatedVersionIsAViolation() {
        Map<String, Object> crd = Samples.yaml("""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: widgets.example.com
                spec:
                  group: example.com
                  names: {kind: Widget}
                  scope: Cluster
                  versions:
                    - name: v1beta1
                      served: true
                      deprecated: true
                      deprecationWarning: use v1
                      schema: {openAPIV3Schema: {type: object, properties: {spec: {type: object, x-kubernetes-preserve-unknown-fields: true}}}}
                    - name: v1
                      served: true
                      storage: true
                      schema: {openAPIV3Schema: {type: object, properties: {spec: {type: object, x-kubernetes-preserve-unknown-fields: true}}}}
                """);
        CrdSchemaValidator widgets = CrdSchemaValidator.of(List.of(crd));
        Map<String, Object> widget = Samples.yaml("""
                apiVersion: example.com/v1beta1
                kind: Widget
                metadata: {name: w}
                spec: {anything: 1}
                """);
        assertEquals(List.of("Widget w: apiVersion: example.com/v1beta1 is deprecated in CRD widgets.example.com "
                + "(\"use v1\"); served versions: [v1beta1, v1]"), widgets.validate(widget));
        assertEquals(List.of(), widgets.validate(set("apiVersion", "example.com/v1").applyTo(widget)));
    }
}
