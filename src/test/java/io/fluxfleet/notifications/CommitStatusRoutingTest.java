package io.fluxfleet.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fluxfleet.config.ConfigLoader;
import io.fluxfleet.config.RawConfig;
import io.fluxfleet.flux.FluxKind;
import io.fluxfleet.flux.FluxReleases;
import io.fluxfleet.notifications.GitLabCommitStatusRules.Outcome;
import io.fluxfleet.render.Recorded;
import io.fluxfleet.render.RenderResult;
import io.fluxfleet.testing.Stacks;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static io.fluxfleet.notifications.GitLabCommitStatusRules.HELM_GROUP;
import static io.fluxfleet.notifications.GitLabCommitStatusRules.KUSTOMIZE_GROUP;
import static io.fluxfleet.notifications.GitLabCommitStatusRules.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 22 asks for the commit annotation ({@code event.toolkit.fluxcd.io/commit}) on objects whose failures Flux 2.9
 * posts to GitLab. Run through notification-controller v1.9.3's rules ({@link GitLabCommitStatusRules}), fluxfleet's
 * objects need none: the Kustomizations its Alerts watch report the revision their GitRepository fetched, from the
 * same GitLab project the Provider posts to, so failures land on the applied commit; a fixed commit annotation would
 * win over that revision and send every later status to the wrong commit. The shared HelmReleases are no event source
 * of any commit-status Alert. This pins all of that on the committed stacks, on the tested chart and on Flux 2.9.
 */
class CommitStatusRoutingTest {
    private static final String APPLIED = "5394cb7f48332b2de7c17dd8b8384bbc84b7e738";
    private static final String PINNED = "0123456789abcdef0123456789abcdef01234567";

    static Stream<Arguments> stacksAndCharts() {
        return Stacks.environments().flatMap(env -> Stream.of(Arguments.of(env, FluxReleases.TESTED_CHART),
                Arguments.of(env, "2.19.1")));
    }

    /** The committed stack with a status token set (as `pulumi config set --secret --path gitlab.statusToken`). */
    private static RenderResult render(String stack, String chart) {
        RawConfig raw = RawConfig.fromStackFile(Stacks.stackFile(stack));
        Map<String, JsonNode> values = new TreeMap<>(raw.values());
        ObjectNode gitlab = ((ObjectNode) values.get("gitlab")).deepCopy();
        gitlab.put("statusToken", Stacks.STATUS_TOKEN);
        values.put("gitlab", gitlab);
        ObjectNode flux = ((ObjectNode) values.get("flux")).deepCopy();
        flux.put("chartVersion", chart);
        values.put("flux", flux);
        // stored as `pulumi config set --secret` stores it: a strict environment refuses a plain-text secret
        java.util.Set<String> encrypted = new java.util.TreeSet<>(raw.encryptedKeys());
        encrypted.add("gitlab");
        return Stacks.render(ConfigLoader.load(stack, new RawConfig(raw.source(), values, encrypted, raw.offline())));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Recorded r) {
        return (Map<String, Object>) RenderResult.reveal(r.inputs());
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Map<String, Object> object, String... path) {
        Object node = object;
        for (String key : path) {
            node = node == null ? null : ((Map<String, Object>) node).get(key);
        }
        return (T) node;
    }

    private static Map<String, String> annotations(Map<String, Object> object) {
        Map<String, String> a = at(object, "metadata", "annotations");
        return a == null ? Map.of() : a;
    }

    private static String namespace(Recorded r) {
        return r.name().substring(0, r.name().indexOf('/'));
    }

    @ParameterizedTest(name = "{0} on chart {1}")
    @MethodSource("stacksAndCharts")
    void everyWatchedKustomizationReportsItsAppliedCommitToItsOwnProjectAndNoObjectPinsACommit(String stack,
                                                                                             String chart) {
        RenderResult render = render(stack, chart);
        for (Recorded r : render.kubernetesObjects()) {
            if (r.type().contains("toolkit.fluxcd.io")) {
                assertTrue(annotations(object(r)).keySet().stream().noneMatch(k -> k.startsWith("event.toolkit.fluxcd.io/")),
                        r.type() + " " + r.name() + " carries event metadata that would override its revision");
            }
        }
        List<Recorded> alerts = render.ofType(FluxKind.ALERT.typeToken());
        assertFalse(alerts.isEmpty(), "the stack with a status token renders commit-status Alerts");
        List<String> checked = new ArrayList<>();
        for (Recorded alertRecord : alerts) {
            Map<String, Object> alert = object(alertRecord);
            String ns = namespace(alertRecord);
            Map<String, Object> provider = object(render.find(FluxKind.PROVIDER.typeToken(),
                    ns + "/" + at(alert, "spec", "providerRef", "name")));
            assertEquals("gitlab", at(provider, "spec", "type"));
            String address = at(provider, "spec", "address");
            Map<String, String> eventMetadata = at(alert, "spec", "eventMetadata");
            assertTrue(eventMetadata.keySet().stream().noneMatch(Set.of("commit", "originRevision", "revision")::contains),
                    "the Alert's eventMetadata must not name the commit: " + eventMetadata);
            List<Map<String, Object>> sources = at(alert, "spec", "eventSources");
            List<Recorded> watched = new ArrayList<>();
            for (Map<String, Object> source : sources) {
                String kind = (String) source.get("kind");
                String name = (String) source.get("name");
                if (ns.equals("flux-system")) {
                    assertEquals("Kustomization", kind, "in flux-system only the tenant's Kustomizations report; the"
                            + " shared HelmReleases there have no tenant commit");
                    // one repository per tenant: other tenants' Kustomizations live there too, so each is named; with
                    // the platform project every one there reads it, so its Alert watches them all ("*"), which the
                    // loop below holds to: every watched Kustomization reads the Provider's project
                    if (!alertRecord.name().startsWith("flux-system/platform-")) {
                        assertFalse(name.contains("*"), "flux-system Alerts name their Kustomizations");
                    }
                }
                if (kind.equals("Kustomization")) {
                    render.ofType(FluxKind.KUSTOMIZATION.typeToken()).stream()
                            .filter(k -> namespace(k).equals(ns) && ("*".equals(name) || k.name().equals(ns + "/" + name)))
                            .forEach(watched::add);
                }
            }
            assertFalse(watched.isEmpty(), alertRecord.name() + " watches no rendered Kustomization");
            for (Recorded k : watched) {
                Map<String, Object> kustomization = object(k);
                Map<String, Object> git = object(render.find(FluxKind.GIT_REPOSITORY.typeToken(),
                        ns + "/" + at(kustomization, "spec", "sourceRef", "name")));
                String url = at(git, "spec", "url");
                assertEquals(GitLabCommitStatusRules.host(address), GitLabCommitStatusRules.host(url), k.name());
                assertEquals(GitLabCommitStatusRules.project(address), GitLabCommitStatusRules.project(url), k.name());
                String revision = at(git, "spec", "ref", "branch") + "@sha1:" + APPLIED;
                // kustomize-controller v1.9.4: a failed reconciliation is an error event with the revision ...
                assertEquals(Outcome.posted(APPLIED), route(KUSTOMIZE_GROUP, true,
                        Map.of(KUSTOMIZE_GROUP + "revision", revision), annotations(kustomization), eventMetadata), k.name());
                // ... and the Ready event carries commit_status: update
                assertEquals(Outcome.posted(APPLIED), route(KUSTOMIZE_GROUP, false, Map.of(KUSTOMIZE_GROUP + "revision",
                        revision, KUSTOMIZE_GROUP + "commit_status", "update"), annotations(kustomization), eventMetadata));
                checked.add(k.name());
            }
        }
        assertTrue(checked.stream().anyMatch(n -> n.startsWith("flux-system/"))
                && checked.stream().anyMatch(n -> !n.startsWith("flux-system/")), checked.toString());
    }

    /** The model on the events that go wrong: why fluxfleet must not pin a commit, and what it cannot fix. */
    @Test
    void hostileAndEdgeEventsRouteAsNotificationController193Does() {
        Map<String, String> failedAt = Map.of(KUSTOMIZE_GROUP + "revision", "main@sha1:" + APPLIED);
        Map<String, String> env = Map.of("environment", "prod");
        // a commit annotation wins over the applied revision: every status would go to the pinned commit
        assertEquals(Outcome.posted(PINNED), route(KUSTOMIZE_GROUP, true, failedAt,
                Map.of("event.toolkit.fluxcd.io/commit", PINNED), env));
        // so would a commit in the Alert's eventMetadata
        assertEquals(Outcome.posted(PINNED), route(KUSTOMIZE_GROUP, true, failedAt, Map.of(), Map.of("commit", PINNED)));
        // annotations outside the event group are ignored
        assertEquals(Outcome.posted(APPLIED), route(KUSTOMIZE_GROUP, true, failedAt,
                Map.of("fluxfleet.io/commit", PINNED, "pulumi.com/waitFor", "condition=Ready"), env));
        // helm-controller's revision is the chart version: since v1.9.0 its failures reach GitLab and fail there
        assertEquals(Outcome.failed("failed to extract commit hash from '83.1.0' revision"), route(HELM_GROUP, true,
                Map.of(HELM_GROUP + "revision", "83.1.0"), Map.of(), env));
        // only a tenant's own commit annotation on its HelmRelease makes it post
        assertEquals(Outcome.posted(PINNED), route(HELM_GROUP, true, Map.of(HELM_GROUP + "revision", "83.1.0"),
                Map.of("event.toolkit.fluxcd.io/commit", PINNED), env));
        // a HelmRelease's success has no commit_status marker: dropped, as in Flux 2.8
        assertTrue(route(HELM_GROUP, false, Map.of(HELM_GROUP + "revision", "83.1.0"), Map.of(), env).kind()
                .equals("dropped"));
        // a Kustomization failing before it has a source revision (access denied, invalid CEL): nothing to post to
        assertEquals(Outcome.failed("missing revision metadata"), route(KUSTOMIZE_GROUP, true, Map.of(), Map.of(), env));
        // an informational Kustomization event without the marker is dropped
        assertEquals(Outcome.dropped(), route(KUSTOMIZE_GROUP, false, failedAt, Map.of(), env));
        // an OCI digest is no Git commit
        assertEquals("failed", route(KUSTOMIZE_GROUP, true, Map.of(KUSTOMIZE_GROUP + "revision", "main@sha256:"
                + "a".repeat(64)), Map.of(), env).kind());
        // originRevision (an OCI artifact's Git origin) wins over revision
        assertEquals(Outcome.posted(APPLIED), route(KUSTOMIZE_GROUP, true, Map.of(KUSTOMIZE_GROUP + "revision",
                "main@sha256:" + "a".repeat(64), KUSTOMIZE_GROUP + "originRevision", "main@sha1:" + APPLIED), Map.of(), env));
        // the project Flux posts to: path without .git, scheme and host kept
        assertEquals("your-org/tenant1-gitops", GitLabCommitStatusRules.project("https://gitlab.example.com/your-org/tenant1-gitops.git"));
        assertEquals("https://gitlab.example.com:8443", GitLabCommitStatusRules.host("https://gitlab.example.com:8443/a/b"));
    }
}
