package io.fluxfleet.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fluxfleet.plan.Plan.Op;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The replacement rules, one row per rule of {@link ReplacementRules#TABLE} (the citation is beside each row there):
 * a resource changed in one input, and the step the engine takes for it.
 */
class ReplacementRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A one-resource render: {@code inputs} JSON, with options. */
    static List<PlannedResource> render(String type, String inputs, String options) throws IOException {
        ArrayNode root = JSON.createArrayNode();
        ObjectNode r = root.addObject();
        r.put("type", type);
        r.put("name", "r");
        r.put("urn", "urn:pulumi:prod::fluxfleet::" + type + "::r");
        r.set("options", JSON.readTree(options));
        r.set("inputs", JSON.readTree(inputs));
        return PlannedResource.parse(JSON.writeValueAsString(root), "test");
    }

    static Plan.Step step(String type, String before, String after, String options) throws IOException {
        Plan plan = Plan.up(render(type, before, options), render(type, after, options));
        return plan.steps().get(0);
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        // Kubernetes: identity, and immutable fields (pulumi-kubernetes 4.0.0 diff.go / provider.go)
        "kubernetes:core/v1:ConfigMap|{\"metadata\":{\"name\":\"a\",\"namespace\":\"n\"}}|{\"metadata\":{\"name\":\"a\",\"namespace\":\"m\"}}|CREATE_REPLACEMENT|metadata.namespace",
        "kubernetes:core/v1:ConfigMap|{\"metadata\":{\"name\":\"a\"},\"data\":{\"k\":\"1\"}}|{\"metadata\":{\"name\":\"a\"},\"data\":{\"k\":\"2\"}}|UPDATE|data.k",
        "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding|{\"metadata\":{\"name\":\"a\"},\"roleRef\":{\"name\":\"x\"}}|{\"metadata\":{\"name\":\"a\"},\"roleRef\":{\"name\":\"y\"}}|DELETE_BEFORE_REPLACE|roleRef",
        "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding|{\"metadata\":{\"name\":\"a\"},\"roleRef\":{\"name\":\"x\"}}|{\"metadata\":{\"name\":\"a\"},\"roleRef\":{\"name\":\"y\"}}|DELETE_BEFORE_REPLACE|roleRef",
        "kubernetes:core/v1:Secret|{\"metadata\":{\"name\":\"a\"},\"type\":\"Opaque\"}|{\"metadata\":{\"name\":\"a\"},\"type\":\"kubernetes.io/dockerconfigjson\"}|DELETE_BEFORE_REPLACE|type",
        "kubernetes:core/v1:Secret|{\"metadata\":{\"name\":\"a\"},\"stringData\":\"[secret:aaa]\"}|{\"metadata\":{\"name\":\"a\"},\"stringData\":\"[secret:bbb]\"}|UPDATE|stringData",
        "kubernetes:core/v1:ResourceQuota|{\"metadata\":{\"name\":\"a\"},\"spec\":{\"scopes\":[\"A\"]}}|{\"metadata\":{\"name\":\"a\"},\"spec\":{\"scopes\":[\"B\"]}}|DELETE_BEFORE_REPLACE|spec.scopes",
        "kubernetes:core/v1:Service|{\"metadata\":{\"name\":\"a\"},\"spec\":{\"clusterIP\":\"1\"}}|{\"metadata\":{\"name\":\"a\"},\"spec\":{\"clusterIP\":\"2\"}}|DELETE_BEFORE_REPLACE|spec.clusterIP",
        "kubernetes:helm.sh/v3:Release|{\"name\":\"flux\",\"namespace\":\"a\",\"version\":\"1\"}|{\"name\":\"flux\",\"namespace\":\"b\",\"version\":\"1\"}|CREATE_REPLACEMENT|namespace",
        "kubernetes:helm.sh/v3:Release|{\"name\":\"flux\",\"version\":\"1\"}|{\"name\":\"flux\",\"version\":\"2\"}|UPDATE|version",
        // the provider's DiffConfig (v4.32.0 provider.go): a context alone is never compared (an update, which the plan
        // flags as uncertain); a changed clusterIdentifier replaces; an unchanged one pins the cluster
        "pulumi:providers:kubernetes|{\"context\":\"a\"}|{\"context\":\"b\"}|UPDATE|context",
        "pulumi:providers:kubernetes|{\"kubeconfig\":\"[secret:a]\"}|{\"kubeconfig\":\"[secret:b]\"}|UPDATE|kubeconfig",
        "pulumi:providers:kubernetes|{\"context\":\"a\",\"clusterIdentifier\":\"x\"}|{\"context\":\"a\",\"clusterIdentifier\":\"y\"}|CREATE_REPLACEMENT|clusterIdentifier",
        "pulumi:providers:kubernetes|{\"context\":\"a\",\"clusterIdentifier\":\"x\"}|{\"context\":\"b\",\"clusterIdentifier\":\"x\"}|UPDATE|context",
        "pulumi:providers:kubernetes|{\"context\":\"a\"}|{\"context\":\"a\",\"clusterIdentifier\":\"x\"}|UPDATE|clusterIdentifier",
        // GitLab: ForceNew / RequiresReplace (terraform-provider-gitlab)
        "gitlab:index/branch:Branch|{\"project\":\"1\",\"name\":\"dev\"}|{\"project\":\"1\",\"name\":\"prod\"}|CREATE_REPLACEMENT|name",
        // branch protection (v19.x framework resource): project/branch RequiresReplace; the CE access levels
        // RequiresReplaceIfConfigured (replaced only when the program sets a different value: dropping them, as a
        // CE-to-EE move does, is an update); allowed_to_*, allow_force_push, code_owner_approval_required: Update
        "gitlab:index/branchProtection:BranchProtection|{\"project\":\"1\",\"branch\":\"dev\"}|{\"project\":\"2\",\"branch\":\"dev\"}|CREATE_REPLACEMENT|project",
        "gitlab:index/branchProtection:BranchProtection|{\"branch\":\"dev\"}|{\"branch\":\"prod\"}|CREATE_REPLACEMENT|branch",
        "gitlab:index/branchProtection:BranchProtection|{\"branch\":\"dev\",\"pushAccessLevel\":\"no one\"}|{\"branch\":\"dev\",\"pushAccessLevel\":\"maintainer\"}|CREATE_REPLACEMENT|pushAccessLevel",
        "gitlab:index/branchProtection:BranchProtection|{\"branch\":\"dev\"}|{\"branch\":\"dev\",\"mergeAccessLevel\":\"maintainer\"}|CREATE_REPLACEMENT|mergeAccessLevel",
        "gitlab:index/branchProtection:BranchProtection|{\"branch\":\"dev\",\"pushAccessLevel\":\"no one\"}|{\"branch\":\"dev\"}|UPDATE|pushAccessLevel",
        "gitlab:index/branchProtection:BranchProtection|{\"branch\":\"dev\",\"allowForcePush\":false}|{\"branch\":\"dev\",\"allowForcePush\":true}|UPDATE|allowForcePush",
        "gitlab:index/branchProtection:BranchProtection|{\"branch\":\"dev\",\"allowedToMerges\":[{\"accessLevel\":\"maintainer\"}]}|{\"branch\":\"dev\",\"allowedToMerges\":[{\"accessLevel\":\"maintainer\"},{\"groupId\":7}]}|UPDATE|allowedToMerges",
        "gitlab:index/branchProtection:BranchProtection|{\"branch\":\"dev\",\"allowedToPushes\":[{\"accessLevel\":\"no one\"}]}|{\"branch\":\"dev\",\"allowedToPushes\":[{\"accessLevel\":\"maintainer\"}]}|UPDATE|allowedToPushes",
        "gitlab:index/branchProtection:BranchProtection|{\"branch\":\"dev\",\"codeOwnerApprovalRequired\":false}|{\"branch\":\"dev\",\"codeOwnerApprovalRequired\":true}|UPDATE|codeOwnerApprovalRequired",
        "gitlab:index/repositoryFile:RepositoryFile|{\"filePath\":\"a\",\"branch\":\"dev\"}|{\"filePath\":\"b\",\"branch\":\"dev\"}|CREATE_REPLACEMENT|filePath",
        "gitlab:index/projectApprovalRule:ProjectApprovalRule|{\"project\":\"1\",\"approvalsRequired\":1}|{\"project\":\"1\",\"approvalsRequired\":2}|UPDATE|approvalsRequired",
        "gitlab:index/projectApprovalRule:ProjectApprovalRule|{\"project\":\"1\"}|{\"project\":\"2\"}|CREATE_REPLACEMENT|project",
        "gitlab:index/projectDeployToken:ProjectDeployToken|{\"expiresAt\":\"2027-01-01\"}|{\"expiresAt\":\"2027-04-01\"}|CREATE_REPLACEMENT|expiresAt",
        "gitlab:index/projectHook:ProjectHook|{\"url\":\"[secret:a]\"}|{\"url\":\"[secret:b]\"}|CREATE_REPLACEMENT|url",
        "gitlab:index/projectHook:ProjectHook|{\"url\":\"u\",\"pushEvents\":true}|{\"url\":\"u\",\"pushEvents\":false}|UPDATE|pushEvents",
        "gitlab:index/projectLevelMrApprovals:ProjectLevelMrApprovals|{\"project\":\"1\"}|{\"project\":\"2\"}|CREATE_REPLACEMENT|project",
        // project share group: every input ForceNew (no Update in the provider)
        "gitlab:index/projectShareGroup:ProjectShareGroup|{\"groupId\":1,\"groupAccess\":\"developer\"}|{\"groupId\":1,\"groupAccess\":\"maintainer\"}|CREATE_REPLACEMENT|groupAccess",
        "gitlab:index/projectShareGroup:ProjectShareGroup|{\"groupId\":1,\"groupAccess\":\"developer\"}|{\"groupId\":2,\"groupAccess\":\"developer\"}|CREATE_REPLACEMENT|groupId",
        "gitlab:index/project:Project|{\"mergeMethod\":\"ff\"}|{\"mergeMethod\":\"rebase_merge\"}|UPDATE|mergeMethod",
        // random: keepers and shape (terraform-provider-random)
        "random:index/randomPassword:RandomPassword|{\"length\":32}|{\"length\":40}|CREATE_REPLACEMENT|length",
        "random:index/randomPassword:RandomPassword|{\"keepers\":{\"a\":\"1\"}}|{\"keepers\":{\"a\":\"2\"}}|CREATE_REPLACEMENT|keepers",
    })
    void aChangeIsAnUpdateOrAReplacement(String type, String before, String after, Op op, String key) throws IOException {
        Plan.Step step = step(type, before, after, "{}");
        assertEquals(op, step.op());
        assertTrue(step.keys().contains(key), step.keys().toString());
    }

    @Test
    void everyRowOfTheTableIsExercisedAbove() throws IOException {
        String source = java.nio.file.Files.readString(java.nio.file.Path.of(
                "src/test/java/io/fluxfleet/plan/ReplacementRulesTest.java"));
        for (ReplacementRules.Rule rule : ReplacementRules.TABLE) {
            String type = rule.type().endsWith("*") ? "kubernetes:core/v1:ConfigMap" : rule.type();
            assertTrue(source.contains("\"" + type + "|") || source.contains("        \"" + type + "|"), type);
        }
    }

    @Test
    void aReplacedProviderReplacesWhatItManages() throws IOException {
        ArrayNode before = JSON.createArrayNode();
        ArrayNode after = JSON.createArrayNode();
        for (ArrayNode root : List.of(before, after)) {
            ObjectNode p = root.addObject();
            p.put("type", "pulumi:providers:kubernetes");
            p.put("name", "k");
            p.put("urn", "urn:p");
            p.set("inputs", JSON.createObjectNode().put("context", "a").put("clusterIdentifier", root == before ? "x" : "y"));
            ObjectNode ns = root.addObject();
            ns.put("type", "kubernetes:core/v1:Namespace");
            ns.put("name", "n");
            ns.put("urn", "urn:n");
            ns.put("provider", "urn:p");
            ns.set("inputs", JSON.readTree("{\"metadata\":{\"name\":\"n\"}}"));
        }
        Plan plan = Plan.up(PlannedResource.parse(before.toString(), "old"), PlannedResource.parse(after.toString(), "new"));
        assertEquals(List.of("provider (replaced)"), plan.steps().stream()
                .filter(s -> s.resource().urn().equals("urn:n") && s.op() == Op.CREATE_REPLACEMENT)
                .findFirst().orElseThrow().keys());
        assertTrue(Plan.up(PlannedResource.parse(before.toString().replace("\"x\"", "\"y\""), "old"),
                PlannedResource.parse(after.toString(), "new")).noChanges());
    }

    @Test
    void programOptionsDecideToo() throws IOException {
        String type = "gitlab:index/projectDeployToken:ProjectDeployToken";
        assertEquals(Op.SAME, step(type, "{\"name\":\"a\"}", "{\"name\":\"b\"}", "{\"ignoreChanges\":[\"name\"]}").op());
        assertEquals(Op.DELETE_BEFORE_REPLACE, step(type, "{\"name\":\"a\"}", "{\"name\":\"b\"}",
                "{\"deleteBeforeReplace\":true}").op());
        assertEquals(Op.CREATE_REPLACEMENT, step("gitlab:index/project:Project", "{\"description\":\"a\"}",
                "{\"description\":\"b\"}", "{\"replaceOnChanges\":[\"description\"]}").op());
        assertEquals(Op.UPDATE, step("kubernetes:core/v1:ConfigMap", "{\"metadata\":{\"name\":\"a\"},\"data\":{\"x\":\"1\"}}",
                "{\"metadata\":{\"name\":\"a\"},\"data\":{\"x\":\"2\"}}", "{\"ignoreChanges\":[\"metadata.labels\"]}").op());
    }

    @Test
    void theEngineRefusesProtectedAndImportedReplacementsButNotUnprotectingFirst() throws IOException {
        String type = "gitlab:index/branchProtection:BranchProtection";
        String ce = "{\"branch\":\"prod\",\"pushAccessLevel\":\"no one\"}";
        String ee = "{\"branch\":\"prod\",\"pushAccessLevel\":\"maintainer\"}"; // a configured change: replaced
        Plan both = Plan.up(render(type, ce, "{\"protect\":true}"), render(type, ee, "{\"protect\":true}"));
        assertFalse(both.ok(), "old.Protect && new.Protect");
        assertTrue(both.refusals().get(0).message().startsWith("unable to replace resource"));
        Plan lifted = Plan.up(render(type, ce, "{\"protect\":true}"), render(type, ee, "{}"));
        assertTrue(lifted.ok(), "unprotecting and replacing may happen in one update");
        Plan imported = Plan.up(render(type, ce, "{\"import\":\"1:prod\"}"), render(type, ee, "{\"import\":\"1:prod\"}"));
        assertTrue(imported.refusals().get(0).message().startsWith("previously-imported resources"), PlanReport.text(imported));
        Plan deleted = Plan.up(render(type, ce, "{\"protect\":true,\"retainOnDelete\":true}"), List.of());
        assertFalse(deleted.ok(), "retainOnDelete does not lift the DeleteStep's protect check");
        assertEquals(Op.DELETE_RETAIN, deleted.steps().get(0).op());
    }
}
