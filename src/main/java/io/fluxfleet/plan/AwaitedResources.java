package io.fluxfleet.plan;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which resources of a render {@code pulumi up} will wait for: those whose Kubernetes object carries the provider's
 * {@code pulumi.com/waitFor} annotation (see {@code io.fluxfleet.flux.Readiness}). Read from the render's inputs, so
 * the plan and the merge-request note say it for any render, whatever put the annotation there.
 */
public final class AwaitedResources {
    static final String WAIT_FOR = "pulumi.com/waitFor";
    static final String TIMEOUT_SECONDS = "pulumi.com/timeoutSeconds";
    /** Beyond this many, the section lists counts per kind only. */
    static final int LISTED = 12;

    /** One awaited object: {@code Kind namespace/name}, what it waits for, and its timeout annotation. */
    public record Awaited(String object, String waitFor, String timeoutSeconds) {}

    private AwaitedResources() {}

    public static List<Awaited> of(List<PlannedResource> render) {
        List<Awaited> awaited = new ArrayList<>();
        for (PlannedResource r : render) {
            JsonNode metadata = r.inputs() == null ? null : r.inputs().get("metadata");
            JsonNode annotations = metadata == null ? null : metadata.get("annotations");
            if (annotations == null || !annotations.hasNonNull(WAIT_FOR)) {
                continue;
            }
            awaited.add(new Awaited(r.inputs().path("kind").asText(r.type()) + " "
                    + metadata.path("namespace").asText("") + "/" + metadata.path("name").asText(r.name()),
                    annotations.get(WAIT_FOR).asText(), annotations.path(TIMEOUT_SECONDS).asText("600 (default)")));
        }
        awaited.sort(java.util.Comparator.comparing(Awaited::object));
        return awaited;
    }

    /** The plan's closing lines for a terminal; empty when nothing is awaited. */
    public static String text(List<PlannedResource> render) {
        List<Awaited> awaited = of(render);
        if (awaited.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("\n`pulumi up` waits for ").append(awaited.size())
                .append(" object(s) to be Ready (pulumi.com/waitFor) and fails naming each one that is not Ready in time:\n");
        awaited.forEach(a -> out.append("  ").append(a.object()).append("  (").append(a.waitFor()).append(", ")
                .append(a.timeoutSeconds()).append(" s)\n"));
        return out.toString();
    }

    /** The same for a merge-request note: a collapsed list, or counts per kind for a large stack. */
    public static String markdown(List<PlannedResource> render) {
        List<Awaited> awaited = of(render);
        if (awaited.isEmpty()) {
            return "`pulumi up` waits for no Flux object to be Ready (await off or nothing to await).\n\n";
        }
        StringBuilder md = new StringBuilder("<details><summary><code>pulumi up</code> waits for ")
                .append(awaited.size()).append(" object(s) to be Ready</summary>\n\n");
        if (awaited.size() <= LISTED) {
            awaited.forEach(a -> md.append("- `").append(a.object()).append("` (`").append(a.waitFor())
                    .append("`, ").append(a.timeoutSeconds()).append(" s)\n"));
        } else {
            Map<String, Integer> byKind = new TreeMap<>();
            awaited.forEach(a -> byKind.merge(a.object().substring(0, a.object().indexOf(' ')), 1, Integer::sum));
            byKind.forEach((kind, n) -> md.append("- ").append(n).append(" × `").append(kind).append("`\n"));
        }
        return md.append("\n</details>\n\n").toString();
    }
}
