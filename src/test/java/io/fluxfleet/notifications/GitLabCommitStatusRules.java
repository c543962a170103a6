package io.fluxfleet.notifications;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where Flux 2.9's notification-controller posts a GitLab commit status for an event, modelled from its source so a test
 * can run rendered objects through it. Facts, one rule per step, each with where it comes from:
 *
 * <ol>
 * <li>Event metadata = what the controller adds ({@code <controller group>/revision}, {@code /originRevision},
 *     {@code /commit_status}) plus every annotation of the involved object whose key starts with
 *     {@code event.toolkit.fluxcd.io/} (fluxcd/pkg {@code runtime/events/recorder.go} {@code AnnotatedEventf},
 *     runtime/v0.111.0). kustomize-controller v1.9.4 {@code internal/controller/kustomization_controller.go}
 *     {@code event()} adds {@code kustomize.toolkit.fluxcd.io/revision} (the GitRepository artifact revision,
 *     {@code <branch>@sha1:<hash>}) and only its Ready event carries {@code commit_status: update}; helm-controller
 *     v1.6.3 {@code internal/reconcile/release.go} {@code eventMeta} adds {@code helm.toolkit.fluxcd.io/revision} =
 *     the chart version and no {@code commit_status}.</li>
 * <li>A git provider drops an event that has no {@code event.toolkit.fluxcd.io/commit}, is not a
 *     {@code commit_status: update} and is not of severity error (notification-controller v1.9.3
 *     {@code internal/server/event_handlers.go} {@code getNotificationParams}; the error exception is new in v1.9.0,
 *     fluxcd/notification-controller#1317 "Fix error events being dropped by commit status providers"; the commit key
 *     arrived in v1.8.0, #1233 "Support commit status for any Flux APIs").</li>
 * <li>Metadata is combined with rising precedence: {@code event.toolkit.fluxcd.io/} keys stripped, then the Alert's
 *     {@code spec.eventMetadata}, then the involved object's group keys stripped (same file,
 *     {@code combineEventMetadata}; documented in {@code docs/spec/v1beta3/alerts.md} "Event metadata from object
 *     annotations").</li>
 * <li>The gitlab notifier takes the commit from {@code commit}, else {@code originRevision}, else {@code revision}
 *     (fluxcd/pkg {@code apis/event/v1beta1/event.go} {@code GetRevision}, apis/event/v0.27.1, the version v1.9.3
 *     requires; {@code internal/notifier/gitlab.go} {@code Post}: "missing revision metadata" without one), and the
 *     hash is what follows the last {@code :}, else the last {@code /} segment, else the whole text, accepted only
 *     when 40 characters long (notifier {@code util.go} {@code parseRevision}; fluxcd/pkg git/v0.52.0
 *     {@code utils.go} {@code ExtractHashFromRevision}, {@code git.go} {@code Hash.Algorithm}).</li>
 * </ol>
 */
final class GitLabCommitStatusRules {
    static final String EVENT_GROUP = "event.toolkit.fluxcd.io/";
    static final String KUSTOMIZE_GROUP = "kustomize.toolkit.fluxcd.io/";
    static final String HELM_GROUP = "helm.toolkit.fluxcd.io/";

    /** What happens to one event at a {@code gitlab} Provider: dropped, dispatch failed, or a status on a commit. */
    record Outcome(String kind, String detail) {
        static Outcome dropped() {
            return new Outcome("dropped", "");
        }

        static Outcome failed(String why) {
            return new Outcome("failed", why);
        }

        static Outcome posted(String sha) {
            return new Outcome("posted", sha);
        }
    }

    private GitLabCommitStatusRules() {}

    /**
     * The outcome of an event about an object of API group {@code objectGroup} (with the trailing slash).
     *
     * @param objectGroup        e.g. {@link #KUSTOMIZE_GROUP}
     * @param error              whether the event has severity error (a failure)
     * @param controllerMetadata what the controller put on the event, full keys
     * @param annotations        the involved object's annotations
     * @param alertEventMetadata the Alert's {@code spec.eventMetadata}
     */
    static Outcome route(String objectGroup, boolean error, Map<String, String> controllerMetadata,
                         Map<String, String> annotations, Map<String, String> alertEventMetadata) {
        Map<String, String> event = new HashMap<>(controllerMetadata);
        annotations.forEach((k, v) -> {
            if (k.startsWith(EVENT_GROUP)) {
                event.put(k, v);
            }
        });
        boolean hasCommit = !event.getOrDefault(EVENT_GROUP + "commit", "").isEmpty();
        boolean statusUpdate = "update".equals(event.get(objectGroup + "commit_status"));
        if (!hasCommit && !statusUpdate && !error) {
            return Outcome.dropped();
        }
        Map<String, String> combined = new HashMap<>();
        for (String prefix : List.of(EVENT_GROUP, "", objectGroup)) {
            if (prefix.isEmpty()) {
                combined.putAll(alertEventMetadata);
                continue;
            }
            event.forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    combined.put(k.substring(prefix.length()), v);
                }
            });
        }
        String revision = null;
        for (String key : List.of("commit", "originRevision", "revision")) {
            if (combined.containsKey(key)) {
                revision = combined.get(key);
                break;
            }
        }
        if (revision == null) {
            return Outcome.failed("missing revision metadata");
        }
        String hash;
        int colon = revision.lastIndexOf(':');
        if (colon >= 0) {
            hash = revision.substring(colon + 1);
        } else {
            String[] segments = revision.split("/");
            hash = segments[segments.length - 1];
        }
        return hash.length() == 40 ? Outcome.posted(hash)
                : Outcome.failed("failed to extract commit hash from '" + revision + "' revision");
    }

    /** The GitLab project a git address names: path without leading slash and {@code .git} ({@code parseGitAddress}). */
    static String project(String address) {
        String path = java.net.URI.create(address).getPath();
        path = path.replaceFirst("^/+", "");
        return path.endsWith(".git") ? path.substring(0, path.length() - 4) : path;
    }

    /** The scheme and host a git address names ({@code parseGitAddress}). */
    static String host(String address) {
        java.net.URI uri = java.net.URI.create(address);
        return uri.getScheme() + "://" + uri.getAuthority();
    }
}
