package io.fluxfleet.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fluxfleet.render.Fingerprint;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;

/**
 * Two renders whose secrets were fingerprinted under different keys ({@link Fingerprint}: an earlier fluxfleet's
 * unkeyed render against a keyed one, or renders from two machines) cannot say whether a secret changed: every
 * fingerprint differs. Rather than report each secret as changed, both sides show {@value #UNKNOWN} and the note says
 * why and how to get comparable renders.
 */
final class FingerprintKeys {
    static final String UNKNOWN = "[secret:not comparable]";
    static final String WARNING = "The two renders fingerprint secrets under different keys (a render by a fluxfleet"
            + " before keyed fingerprints, or renders from two machines or jobs), so whether a secret changed cannot be"
            + " shown: every secret shows as " + UNKNOWN + ". Render both sides in one job, or with the same"
            + " FLUXFLEET_FINGERPRINT_KEY (docs/merge-requests.md).";

    private FingerprintKeys() {}

    /** The key ids of a render's placeholders ({@code ""} for an unkeyed one). */
    static Set<String> of(RenderOutput output) {
        Set<String> ids = new TreeSet<>();
        for (List<RenderOutput.Item> items : List.of(output.resources(), output.objects())) {
            items.forEach(item -> collect(item.content(), ids));
        }
        return ids;
    }

    /** Whether the two renders' fingerprints cannot be compared: each has placeholders, under different keys. */
    static boolean incomparable(RenderOutput before, RenderOutput after) {
        Set<String> a = of(before);
        Set<String> b = of(after);
        return !a.isEmpty() && !b.isEmpty() && !a.equals(b);
    }

    /** The render with every placeholder shown as {@link #UNKNOWN} and no secret view to compare. */
    static RenderOutput unknown(RenderOutput output) {
        return new RenderOutput(output.resources().stream().map(FingerprintKeys::unknown).toList(),
                output.objects().stream().map(FingerprintKeys::unknown).toList(), output.warnings());
    }

    private static RenderOutput.Item unknown(RenderOutput.Item item) {
        return new RenderOutput.Item(item.key(), item.type(), item.name(), replace(item.content()), Map.of());
    }

    private static void collect(JsonNode node, Set<String> ids) {
        if (node.isTextual()) {
            Matcher m = Fingerprint.PLACEHOLDER.matcher(node.asText());
            while (m.find()) {
                ids.add(m.group(2) == null ? "" : m.group(2));
            }
        }
        node.forEach(child -> collect(child, ids));
    }

    private static JsonNode replace(JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(Fingerprint.PLACEHOLDER.matcher(node.asText()).replaceAll(
                    Matcher.quoteReplacement(UNKNOWN)));
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(e -> copy.set(e.getKey(), replace(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(child -> copy.add(replace(child)));
            return copy;
        }
        return node;
    }
}
