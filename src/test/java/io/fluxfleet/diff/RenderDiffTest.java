package io.fluxfleet.diff;

import io.fluxfleet.diff.RenderDiff.Change;
import io.fluxfleet.diff.RenderDiff.StackDiff;
import io.fluxfleet.diff.RenderDiff.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The comparison on hand-made renders under {@code src/test/resources/diff/<case>/{old,new}}. */
class RenderDiffTest {
    static final Path FIXTURES = Path.of("src/test/resources/diff");

    static StackDiff fixture(String name, String stack) throws IOException {
        return RenderDiff.compare(stack, FIXTURES.resolve(name).resolve("old"), FIXTURES.resolve(name).resolve("new"));
    }

    static String note(StackDiff diff) {
        return MergeRequestNote.render(List.of(new MergeRequestNote.Section(diff, Optional.empty())),
                Optional.empty(), Optional.empty());
    }

    @Test
    void addingATenantAddsItsResourcesAndObjectsAndChangesNothingElse() throws IOException {
        StackDiff diff = fixture("add-tenant", "dev");

        assertEquals(9, diff.count(Status.ADDED));
        assertEquals(0, diff.count(Status.CHANGED));
        assertEquals(0, diff.count(Status.REMOVED));
        assertTrue(diff.resources().stream().allMatch(c -> c.name().contains("tenant2")), diff.resources()::toString);
        assertEquals(List.of("Namespace tenant2", "Secret flux-system/gitlab-auth-tenant2",
                        "GitRepository flux-system/tenant2-dev", "Kustomization flux-system/tenant2-dev-cluster",
                        "Kustomization flux-system/tenant2-dev-shared", "Kustomization flux-system/tenant2-dev-apps"),
                diff.objects().stream().map(c -> c.type() + " " + c.name()).toList());
        Change namespace = diff.resources().get(1);
        assertEquals("kubernetes:core/v1:Namespace", namespace.type());
        assertEquals("--- /dev/null", namespace.diff().get(0));
        assertTrue(namespace.diff().contains("+    name: tenant2"), namespace.diff()::toString);
    }

    @Test
    void changingApprovalsIsOneChangedGitLabResource() throws IOException {
        StackDiff diff = fixture("approvals", "prod");

        assertEquals(1, diff.resources().size());
        Change rule = diff.resources().get(0);
        assertEquals(Status.CHANGED, rule.status());
        assertFalse(rule.secret());
        assertEquals("changed", rule.label());
        assertEquals("gitlab:index/projectApprovalRule:ProjectApprovalRule", rule.type());
        assertEquals("tenant1-prod", rule.name());
        assertTrue(rule.diff().containsAll(List.of("-  approvalsRequired: 1", "+  approvalsRequired: 2")), rule.diff()::toString);
        assertTrue(diff.objects().isEmpty(), "an approval rule is no Kubernetes object");
    }

    @Test
    void aChangedSecretShowsAsChangedSecretWithOnlyPlaceholders() throws IOException {
        StackDiff diff = fixture("secret", "dev");

        assertEquals(List.of("changed (secret)"), diff.resources().stream().map(Change::label).toList());
        assertEquals(List.of("changed (secret)"), diff.objects().stream().map(Change::label).toList());
        assertTrue(diff.objects().get(0).diff().containsAll(List.of(
                "-  password: \"[secret:3f9a1c07be42]\"", "+  password: \"[secret:5d0e6b2a91f7]\"")));
        assertTrue(diff.warnings().isEmpty(), diff.warnings()::toString);
    }

    @Test
    void aSecretValueThatIsNotAPlaceholderNeverReachesTheNote(@TempDir Path dir) throws IOException {
        Path old = render(dir.resolve("old"), secretResource("hunter2-old"), secretObject("hunter2-old"));
        Path current = render(dir.resolve("new"), secretResource("hunter2-new"), secretObject("hunter2-new"));

        StackDiff diff = RenderDiff.compare("dev", old, current);
        String note = note(diff);

        assertFalse(note.contains("hunter2"), note);
        assertEquals(List.of("changed (secret)"), diff.resources().stream().map(Change::label).toList());
        assertEquals(List.of("changed (secret)"), diff.objects().stream().map(Change::label).toList());
        assertTrue(note.contains("# only redacted secret values differ"), note);
        assertTrue(note.contains("the value at `inputs.stringData.password` is not a `[secret:…]` placeholder"), note);
        assertTrue(note.contains("the value at `stringData.password` is not a `[secret:…]` placeholder"), note);
    }

    @Test
    void aPulumiSecretEnvelopeAnywhereIsRedacted(@TempDir Path dir) throws IOException {
        String envelope = "{\"4dabf18193072939515e22adb298388d\": \"1b47061264138c4ac30d75fd1eb44270\", \"value\": \"s3cr3t\"}";
        Path old = render(dir.resolve("old"), "[]", "");
        Path current = render(dir.resolve("new"),
                "[{\"type\": \"pulumi:providers:gitlab\", \"name\": \"gitlab\", \"inputs\": {\"token\": " + envelope + "}}]", "");

        String note = note(RenderDiff.compare("dev", old, current));

        assertFalse(note.contains("s3cr3t"), note);
        assertTrue(note.contains("+  token: \"" + Redaction.REDACTED + "\""), note);
    }

    @Test
    void sameRendersGiveTheSameNoteWhateverTheKeyOrder(@TempDir Path dir) throws IOException {
        Path a = render(dir.resolve("a"), "[{\"type\": \"t:m:R\", \"name\": \"r\", \"inputs\": {\"b\": 1, \"a\": [2, 3]}, \"provider\": \"p\"}]", "");
        Path b = render(dir.resolve("b"), "[{\"provider\": \"p\", \"inputs\": {\"a\": [2, 3], \"b\": 1}, \"name\": \"r\", \"type\": \"t:m:R\"}]", "");
        Path c = render(dir.resolve("c"), "[{\"type\": \"t:m:R\", \"name\": \"r\", \"inputs\": {\"b\": 1, \"a\": [3, 2]}, \"provider\": \"p\"}]", "");

        assertFalse(RenderDiff.compare("dev", a, b).hasChanges());
        assertEquals(note(RenderDiff.compare("dev", a, c)), note(RenderDiff.compare("dev", b, c)));
        assertEquals(1, RenderDiff.compare("dev", a, c).count(Status.CHANGED), "list order is content");
    }

    @Test
    void aStringThatTurnsIntoANumberIsAVisibleChange(@TempDir Path dir) throws IOException {
        Path a = render(dir.resolve("a"), "[{\"type\": \"t:m:R\", \"name\": \"r\", \"inputs\": {\"replicas\": \"1\", \"enabled\": \"true\"}}]", "");
        Path b = render(dir.resolve("b"), "[{\"type\": \"t:m:R\", \"name\": \"r\", \"inputs\": {\"replicas\": 1, \"enabled\": true}}]", "");

        List<String> lines = RenderDiff.compare("dev", a, b).resources().get(0).diff();

        assertTrue(lines.containsAll(List.of("-  enabled: \"true\"", "-  replicas: \"1\"", "+  enabled: true", "+  replicas: 1")), lines::toString);
    }

    @Test
    void removedResourcesComeAfterTheNewRenderInTheOldOrder(@TempDir Path dir) throws IOException {
        Path a = render(dir.resolve("a"), resources("x", "gone1", "y", "gone2"), "");
        Path b = render(dir.resolve("b"), resources("new1", "y", "x"), "");

        StackDiff diff = RenderDiff.compare("dev", a, b);

        assertEquals(List.of("added new1", "removed gone1", "removed gone2"),
                diff.resources().stream().map(c -> c.label() + " " + c.name()).toList());
    }

    @Test
    void aRepeatedKeyIsNumberedNotDropped(@TempDir Path dir) throws IOException {
        Path a = render(dir.resolve("a"), resources("x"), "");
        Path b = render(dir.resolve("b"), resources("x", "x"), "");

        StackDiff diff = RenderDiff.compare("dev", a, b);

        assertEquals(1, diff.count(Status.ADDED));
    }

    @Test
    void anObjectMovingToANewerApiVersionIsAChange(@TempDir Path dir) throws IOException {
        String v1beta2 = "apiVersion: source.toolkit.fluxcd.io/v1beta2\nkind: GitRepository\nmetadata:\n  name: t\n  namespace: flux-system\n";
        Path a = render(dir.resolve("a"), "[]", v1beta2);
        Path b = render(dir.resolve("b"), "[]", v1beta2.replace("v1beta2", "v1"));

        StackDiff diff = RenderDiff.compare("dev", a, b);

        assertEquals(List.of("changed"), diff.objects().stream().map(Change::label).toList());
    }

    @Test
    void withoutAnOldRenderEverythingIsAddedAndWithoutANewOneNothingIsCompared(@TempDir Path dir) throws IOException {
        Path newDir = FIXTURES.resolve("approvals/new");

        StackDiff fresh = RenderDiff.compare("prod", dir.resolve("absent"), "new stack", newDir, null);
        StackDiff gone = RenderDiff.compare("prod", newDir, null, dir.resolve("absent"), "render failed");

        assertEquals(Optional.of("new stack"), fresh.oldMissing());
        assertEquals(fresh.resources().size(), fresh.count(Status.ADDED));
        assertFalse(gone.compared());
        assertEquals(Optional.of("render failed"), gone.newMissing());
        assertTrue(gone.resources().isEmpty());
    }

    @Test
    void aBrokenRenderIsAnErrorThatNamesTheFile(@TempDir Path dir) throws IOException {
        Path good = render(dir.resolve("good"), "[]", "");
        Path notArray = render(dir.resolve("object"), "{}", "");
        Path noName = render(dir.resolve("noname"), "[{\"type\": \"t:m:R\"}]", "");
        Path badYaml = render(dir.resolve("yaml"), "[]", "kind: [unclosed");

        for (Path bad : List.of(notArray, noName, badYaml, dir.resolve("missing"))) {
            IOException e = assertThrows(IOException.class, () -> RenderDiff.compare("dev", good, bad));
            assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
        }
    }

    static Path render(Path dir, String resourcesJson, String kubernetesYaml) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("resources.json"), resourcesJson);
        Files.writeString(dir.resolve("kubernetes.yaml"), kubernetesYaml);
        return dir;
    }

    private static String resources(String... names) {
        StringBuilder json = new StringBuilder("[");
        for (String name : names) {
            json.append(json.length() > 1 ? "," : "").append("{\"type\": \"t:m:R\", \"name\": \"").append(name)
                    .append("\", \"inputs\": {}}");
        }
        return json.append("]").toString();
    }

    private static String secretResource(String password) {
        return "[{\"type\": \"kubernetes:core/v1:Secret\", \"name\": \"flux-system/gitlab-auth-tenant1\", \"inputs\": "
                + "{\"apiVersion\": \"v1\", \"kind\": \"Secret\", \"metadata\": {\"name\": \"gitlab-auth-tenant1\"}, "
                + "\"stringData\": {\"password\": \"" + password + "\", \"username\": \"[secret:7e21b09d4c55]\"}}}]";
    }

    private static String secretObject(String password) {
        return "apiVersion: v1\nkind: Secret\nmetadata:\n  name: gitlab-auth-tenant1\n  namespace: flux-system\n"
                + "stringData:\n  password: " + password + "\n  username: '[secret:7e21b09d4c55]'\n";
    }
}
