package io.fluxfleet.verify;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static io.fluxfleet.verify.Mutation.remove;
import static io.fluxfleet.verify.Mutation.rename;
import static io.fluxfleet.verify.Mutation.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KubeSchemaValidatorTest {
    private static final KubeSchemaValidator KUBE = KubeSchemaValidator.kubernetes();

    @ParameterizedTest
    @CsvSource({
            "v1, Namespace, namespace-v1.json",
            "v1, Secret, secret-v1.json",
            "rbac.authorization.k8s.io/v1, RoleBinding, rolebinding-rbac-v1.json",
            "rbac.authorization.k8s.io/v1, ClusterRoleBinding, clusterrolebinding-rbac-v1.json",
            "networking.k8s.io/v1, NetworkPolicy, networkpolicy-networking-v1.json",
            "apps/v1, Deployment, deployment-apps-v1.json"})
    void namesSchemaFilesAsThePublishedSetDoes(String apiVersion, String kind, String file) {
        assertEquals(file, KubeSchemaValidator.schemaFileName(apiVersion, kind));
    }

    @Test
    void hasASchemaForEveryCoreKindFluxfleetEmits() {
        for (Map<String, Object> object : Samples.coreObjects()) {
            assertTrue(KUBE.hasSchema((String) object.get("apiVersion"), (String) object.get("kind")), KubeObjects.describe(object));
        }
    }

    @Test
    void handWrittenCoreObjectsAreValid() {
        KUBE.assertAllValid(Samples.coreObjects());
    }

    static Stream<Arguments> brokenObjects() {
        Supplier<Map<String, Object>> binding = Samples::roleBinding;
        Supplier<Map<String, Object>> secret = Samples::secret;
        Supplier<Map<String, Object>> policy = Samples::networkPolicy;
        return Stream.of(
                row(binding, set("kind", "Role"), "Role tenant1/tenant1-reconciler: kind: no schema for kind Role",
                        "role-rbac-v1.json is missing"),
                row(binding, remove("roleRef"), "RoleBinding tenant1/tenant1-reconciler: roleRef: missing, but required [roleRef]"),
                row(binding, remove("roleRef.apiGroup"), "roleRef.apiGroup: missing, but required [apiGroup, kind, name]"),
                row(binding, set("roleRef.apiGroup", ""), "roleRef.apiGroup: \"\", but must be rbac.authorization.k8s.io"),
                row(binding, set("subjects.0.kind", "Serviceaccount"), "subjects[0].kind: \"Serviceaccount\", but must be one of"),
                row(Samples::clusterRoleBinding, remove("subjects.0.namespace"),
                        "ClusterRoleBinding tenant1-view: subjects[0].namespace: missing",
                        "ServiceAccount subject of a ClusterRoleBinding"),
                row(Samples::clusterRoleBinding, set("roleRef.kind", "Role"), "roleRef.kind: \"Role\", but must be one of [ClusterRole]"),
                row(secret, set("data.password", "not base64!"), "Secret flux-system/tenant1-dev-git: data.password: not base64"),
                row(secret, rename("data", "dta"), "dta: unknown field (additionalProperties false); did you mean data?"),
                row(secret, set("type", "kubernetes.io/tls"), "data[\"tls.crt\"]: missing, but a Secret of type kubernetes.io/tls requires it"),
                row(secret, set("data.id_rsa/pub", "c2VjcmV0"), "data[\"id_rsa/pub\"]: \"id_rsa/pub\" is not a valid Secret key"),
                row(secret, remove("metadata.namespace"), "Secret tenant1-dev-git: metadata.namespace: missing"),
                row(secret, set("apiVersion", "v2"), "kind: no schema for kind Secret (apiVersion v2)"),
                row(Samples::namespace, set("metadata.namespace", "default"),
                        "Namespace default/tenant1: metadata.namespace: \"default\" set, but Namespace is cluster-scoped"),
                row(Samples::namespace, set("metadata.name", "tenant.one"), "metadata.name: \"tenant.one\" is not a DNS-1123 label"),
                row(policy, remove("spec.podSelector"), "NetworkPolicy tenant1/allow-ingress-controller: spec.podSelector: missing, but required [podSelector]"),
                row(policy, rename("spec.policyTypes", "policyType"), "spec.policyType: unknown field", "did you mean policyTypes?"),
                row(policy, set("spec.policyTypes", List.of("Ingres")), "spec.policyTypes[0]: \"Ingres\", but must be one of [Egress, Ingress]"),
                row(policy, set("spec.ingress.0.ports.0.protocol", "tcp"), "spec.ingress[0].ports[0].protocol: \"tcp\", but must be one of"),
                row(policy, set("spec.ingress.0.ports.0.port", true), "spec.ingress[0].ports[0].port: true matches none of oneOf [type [string, null], type [integer, null]]"),
                row(Samples::resourceQuota, set("spec.hard.pods", List.of(50)), "spec.hard.pods:", "oneOf"),
                row(Samples::limitRange, remove("spec.limits.0.type"), "spec.limits[0].type: missing, but required [type]"),
                row(Samples::serviceAccount, set("automountServiceAccountToken", "false"),
                        "automountServiceAccountToken: string \"false\", want type [boolean, null]"),
                row(Samples::serviceAccount, set("status", Map.of()), "status: unknown field"));
    }

    private static Arguments row(Supplier<Map<String, Object>> valid, Mutation mutation, String... expected) {
        return Arguments.of(mutation, valid.get(), List.of(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenObjects")
    void rejectsABrokenObjectNamingObjectPathAndRule(Mutation mutation, Map<String, Object> valid, List<String> expected) {
        assertTrue(KUBE.validate(valid).isEmpty(), "the sample must start valid: " + KUBE.validate(valid));
        List<String> violations = KUBE.validate(mutation.applyTo(valid));
        assertFalse(violations.isEmpty(), mutation + " was accepted");
        String all = String.join("\n", violations);
        for (String fragment : expected) {
            assertTrue(all.contains(fragment), "expected \"" + fragment + "\" in:\n" + all);
        }
    }
}
