package io.fluxfleet.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fluxfleet.plan.Plan.Op;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine rules of {@link EngineRules} on small hand-made states, where a stack file cannot reach them (a
 * delete-before-replace with dependents), and the adoption guard's hostile and benign corpus: every way a URN can
 * change over one live object, and every look-alike that is not one.
 */
class EngineRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String P = "urn:pulumi:dev::fluxfleet::pulumi:providers:kubernetes::k";

    /** A resources.json row: type, name, options and inputs (JSON), a provider, and dependencies. */
    private static ObjectNode row(ArrayNode into, String type, String name, String options, String inputs, String... deps)
            throws IOException {
        ObjectNode r = into.addObject();
        r.put("type", type);
        r.put("name", name);
        r.put("urn", "urn:pulumi:dev::fluxfleet::" + type + "::" + name);
        if (!type.startsWith("pulumi:providers:")) {
            r.put("provider", P);
        }
        r.set("options", JSON.readTree(options));
        r.set("inputs", JSON.readTree(inputs));
        ArrayNode d = r.putArray("dependencies");
        for (String dep : deps) {
            d.add(dep);
        }
        return r;
    }

    private static List<PlannedResource> parse(ArrayNode rows) throws IOException {
        return PlannedResource.parse(rows.toString(), "test");
    }

    private static ArrayNode provider(String inputs) throws IOException {
        ArrayNode rows = JSON.createArrayNode();
        row(rows, "pulumi:providers:kubernetes", "k", "{}", inputs);
        return rows;
    }

    private static final String ROLE = "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole";
    private static final String BINDING = "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding";

    /** A ClusterRole replaced delete-first, and a binding whose roleRef takes its name (a forceNew field). */
    private static Plan deleteFirst(boolean bindingProtected) throws IOException {
        ArrayNode before = provider("{\"upsertExistingObjects\":\"true\"}");
        ArrayNode after = provider("{\"upsertExistingObjects\":\"true\"}");
        String roleUrn = "urn:pulumi:dev::fluxfleet::" + ROLE + "::reader";
        for (ArrayNode rows : List.of(before, after)) {
            String kind = rows == before ? "a" : "b";
            row(rows, ROLE, "reader", "{\"deleteBeforeReplace\":true,\"replaceOnChanges\":[\"rules\"]}",
                    "{\"metadata\":{\"name\":\"reader\"},\"rules\":[{\"resources\":[\"" + kind + "\"]}]}");
            row(rows, BINDING, "reader-binding", bindingProtected ? "{\"protect\":true}" : "{}",
                    "{\"metadata\":{\"name\":\"reader-binding\"},\"roleRef\":{\"kind\":\"ClusterRole\",\"name\":\"reader\"}}",
                    roleUrn);
            row(rows, "kubernetes:core/v1:Namespace", "later", "{}", "{\"metadata\":{\"name\":\"later\"}}");
        }
        return Plan.up(parse(before), parse(after));
    }

    @Test
    void aDeleteFirstReplacementDeletesTheDependentsItReplacesFirst() throws IOException {
        Plan plan = deleteFirst(false);
        assertTrue(plan.ok(), PlanReport.text(plan));
        List<String> steps = plan.steps().stream().filter(s -> s.op() != Op.SAME)
                .map(s -> s.op() + " " + s.resource().name()).toList();
        assertEquals(List.of("DELETE_BEFORE_REPLACE reader-binding", "DELETE_BEFORE_REPLACE reader",
                "CREATE_REPLACEMENT reader", "CREATE_REPLACEMENT reader-binding"), steps);
    }

    @Test
    void aProtectedDependentOfADeleteFirstReplacementStopsTheEngine() throws IOException {
        Plan plan = deleteFirst(true);
        assertEquals(1, plan.refusals().size(), PlanReport.text(plan));
        assertTrue(plan.refusals().get(0).message().contains("as part of replacing"));
        assertFalse(plan.stoppedAt().isEmpty());
        assertTrue(plan.steps().stream().noneMatch(s -> s.resource().name().equals("later")),
                "the engine bails: nothing after the replacement is stepped");
        assertEquals(PlanCommand.REFUSED, PlanCommand.exitStatus(plan));
    }

    @Test
    void aDependentOnlyOrderedAfterTheReplacedResourceIsNotDraggedAlong() throws IOException {
        ArrayNode before = provider("{}");
        ArrayNode after = provider("{}");
        for (ArrayNode rows : List.of(before, after)) {
            row(rows, ROLE, "reader", "{\"deleteBeforeReplace\":true}",
                    "{\"metadata\":{\"name\":\"" + (rows == before ? "reader" : "reader2") + "\"}}");
            row(rows, BINDING, "other", "{\"protect\":true}",
                    "{\"metadata\":{\"name\":\"other\"},\"roleRef\":{\"kind\":\"ClusterRole\",\"name\":\"view\"}}",
                    "urn:pulumi:dev::fluxfleet::" + ROLE + "::reader");
        }
        Plan plan = Plan.up(parse(before), parse(after));
        assertTrue(plan.ok(), PlanReport.text(plan));
        assertTrue(plan.stoppedAt().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // what | old provider inputs | new provider inputs | replaces | uncertain
        "same identifier, new context|{\"context\":\"a\",\"clusterIdentifier\":\"x\"}|{\"context\":\"b\",\"clusterIdentifier\":\"x\"}|false|false",
        "same identifier, new kubeconfig|{\"kubeconfig\":\"[secret:1]\",\"clusterIdentifier\":\"x\"}|{\"kubeconfig\":\"[secret:2]\",\"clusterIdentifier\":\"x\"}|false|false",
        "new identifier|{\"context\":\"a\",\"clusterIdentifier\":\"x\"}|{\"context\":\"a\",\"clusterIdentifier\":\"y\"}|true|false",
        "identifier added alone|{\"context\":\"a\"}|{\"context\":\"a\",\"clusterIdentifier\":\"x\"}|false|false",
        "identifier added with a new context|{\"context\":\"a\"}|{\"context\":\"b\",\"clusterIdentifier\":\"x\"}|false|true",
        "identifier removed|{\"context\":\"a\",\"clusterIdentifier\":\"x\"}|{\"context\":\"a\"}|false|false",
        "no identifier, new context|{\"context\":\"a\"}|{\"context\":\"b\"}|false|true",
        "no identifier, two kubeconfigs|{\"kubeconfig\":\"[secret:1]\"}|{\"kubeconfig\":\"[secret:2]\"}|false|true",
        "no identifier, context to kubeconfig|{\"context\":\"a\"}|{\"kubeconfig\":\"[secret:2]\"}|false|true",
        "render directory|{\"context\":\"a\"}|{\"context\":\"a\",\"renderYamlToDirectory\":\"out\"}|true|false",
        "a setting only|{\"context\":\"a\",\"enablePatchForce\":\"false\"}|{\"context\":\"a\",\"enablePatchForce\":\"true\"}|false|false",
    })
    void theKubernetesProvidersDiffConfig(String what, String olds, String news, boolean replaces, boolean uncertain)
            throws IOException {
        ProviderConfigDiff.Result r = ProviderConfigDiff.diff(ProviderConfigDiff.KUBERNETES, JSON.readTree(olds),
                JSON.readTree(news));
        assertEquals(replaces, r.replace(), what);
        assertEquals(uncertain, !r.uncertain().isEmpty(), what + ": " + r.uncertain());
    }

    @Test
    void aBridgedProvidersConfigDiffIsNotGuessed() throws IOException {
        ProviderConfigDiff.Result r = ProviderConfigDiff.diff("pulumi:providers:gitlab",
                JSON.readTree("{\"baseUrl\":\"a\"}"), JSON.readTree("{\"baseUrl\":\"b\"}"));
        assertFalse(r.replace());
        assertFalse(r.uncertain().isEmpty());
    }

    /**
     * The adoption guard. Each row: the old and the new object (type, Pulumi name, metadata, options) under the same
     * provider unless said, and whether the plan must refuse. Hostile rows are the ways a URN changes over one live
     * object; benign rows are look-alikes.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // hostile
        "renamed namespace|kubernetes:core/v1:Namespace|a|{\"name\":\"t\"}|kubernetes:core/v1:Namespace|b|{\"name\":\"t\"}|{}|{}|true",
        "renamed secret|kubernetes:core/v1:Secret|a|{\"name\":\"s\",\"namespace\":\"t\"}|kubernetes:core/v1:Secret|b|{\"name\":\"s\",\"namespace\":\"t\"}|{}|{}|true",
        "apiVersion bump|kubernetes:kustomize.toolkit.fluxcd.io/v1beta2:Kustomization|k|{\"name\":\"k\",\"namespace\":\"t\"}|kubernetes:kustomize.toolkit.fluxcd.io/v1:Kustomization|k|{\"name\":\"k\",\"namespace\":\"t\"}|{}|{}|true",
        "old one protected too|kubernetes:core/v1:Namespace|a|{\"name\":\"t\"}|kubernetes:core/v1:Namespace|b|{\"name\":\"t\"}|{\"protect\":true}|{}|true",
        "new one lifts protection|kubernetes:core/v1:ServiceAccount|a|{\"name\":\"sa\",\"namespace\":\"t\"}|kubernetes:core/v1:ServiceAccount|b|{\"name\":\"sa\",\"namespace\":\"t\"}|{}|{\"protect\":false}|true",
        // benign
        "alias to the old URN|kubernetes:core/v1:Namespace|a|{\"name\":\"t\"}|kubernetes:core/v1:Namespace|b|{\"name\":\"t\"}|{}|{\"aliases\":[\"urn:pulumi:dev::fluxfleet::kubernetes:core/v1:Namespace::a\"]}|false",
        "old one retained|kubernetes:core/v1:Namespace|a|{\"name\":\"t\"}|kubernetes:core/v1:Namespace|b|{\"name\":\"t\"}|{\"retainOnDelete\":true}|{}|false",
        "another namespace|kubernetes:core/v1:Secret|a|{\"name\":\"s\",\"namespace\":\"t\"}|kubernetes:core/v1:Secret|b|{\"name\":\"s\",\"namespace\":\"u\"}|{}|{}|false",
        "another name|kubernetes:core/v1:Namespace|a|{\"name\":\"t\"}|kubernetes:core/v1:Namespace|b|{\"name\":\"u\"}|{}|{}|false",
        "another group, same kind|kubernetes:notification.toolkit.fluxcd.io/v1beta3:Provider|p|{\"name\":\"p\",\"namespace\":\"t\"}|kubernetes:example.com/v1:Provider|q|{\"name\":\"p\",\"namespace\":\"t\"}|{}|{}|false",
        "same URN, same object|kubernetes:core/v1:Namespace|a|{\"name\":\"t\"}|kubernetes:core/v1:Namespace|a|{\"name\":\"t\"}|{}|{}|false",
    })
    void aUrnChangeOverOneLiveObjectIsRefused(String what, String oldType, String oldName, String oldMeta, String newType,
                                              String newName, String newMeta, String oldOptions, String newOptions,
                                              boolean refused) throws IOException {
        ArrayNode before = provider("{\"upsertExistingObjects\":\"true\",\"clusterIdentifier\":\"c\"}");
        ArrayNode after = provider("{\"upsertExistingObjects\":\"true\",\"clusterIdentifier\":\"c\"}");
        row(before, oldType, oldName, oldOptions, "{\"metadata\":" + oldMeta + "}");
        row(after, newType, newName, newOptions, "{\"metadata\":" + newMeta + "}");
        Plan plan = Plan.up(parse(before), parse(after));
        boolean guard = plan.refusals().stream().anyMatch(r -> r.by() == Plan.By.FLUXFLEET);
        assertEquals(refused, guard, what + "\n" + PlanReport.text(plan));
        if (refused) {
            assertEquals(PlanCommand.REFUSED, PlanCommand.exitStatus(plan));
            String message = plan.refusals().stream().filter(r -> r.by() == Plan.By.FLUXFLEET).findFirst().orElseThrow()
                    .message();
            assertTrue(message.contains(newMeta.replaceAll(".*\"name\":\"([^\"]+)\".*", "$1")), message);
            assertTrue(message.contains("Deleted with it"), message);
        }
    }

    @Test
    void withoutUpsertTheCreateFailsInsteadAndOnAnotherClusterNothingIsAdopted() throws IOException {
        ArrayNode before = provider("{\"clusterIdentifier\":\"c\"}");
        ArrayNode after = provider("{\"clusterIdentifier\":\"c\"}");
        row(before, "kubernetes:core/v1:Namespace", "a", "{}", "{\"metadata\":{\"name\":\"t\"}}");
        row(after, "kubernetes:core/v1:Namespace", "b", "{}", "{\"metadata\":{\"name\":\"t\"}}");
        Plan plan = Plan.up(parse(before), parse(after));
        assertEquals(Plan.By.PROVIDER, plan.refusals().get(0).by());
        assertTrue(plan.refusals().get(0).message().contains("AlreadyExists"));

        ArrayNode elsewhere = provider("{\"upsertExistingObjects\":\"true\",\"clusterIdentifier\":\"d\"}");
        row(elsewhere, "kubernetes:core/v1:Namespace", "b", "{}", "{\"metadata\":{\"name\":\"t\"}}");
        Plan moved = Plan.up(parse(before), parse(elsewhere));
        assertTrue(moved.refusals().stream().noneMatch(r -> r.by() == Plan.By.FLUXFLEET), PlanReport.text(moved));
    }
}
