package io.fluxfleet.flux;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the Kubernetes provider plugin fluxfleet pins (pulumi-kubernetes v4.32.0, commit a03ff6ba58d2) reads its await
 * annotations, modelled rule by rule so that a test can prove every annotation fluxfleet renders is accepted, and
 * accepted with the meaning intended. Facts, not code, are carried over; each rule names its source.
 *
 * <table>
 *   <caption>rules</caption>
 *   <tr><th>rule</th><th>source (v4.32.0)</th></tr>
 *   <tr><td>{@code pulumi.com/waitFor}: a JSON array of strings is a list of expressions (all must hold); anything
 *       that does not unmarshal as one is a single expression</td>
 *       <td>{@code provider/pkg/metadata/overrides.go} {@code ReadyCondition}: {@code json.Unmarshal(..., &values)},
 *       on error {@code values = append(values, val)}</td></tr>
 *   <tr><td>an empty array is refused</td><td>same: "at least one condition must be specified"</td></tr>
 *   <tr><td>each expression starts {@code jsonpath=} or {@code condition=}, else refused</td>
 *       <td>same: {@code expected a "jsonpath=" or "condition=" prefix, got %q}</td></tr>
 *   <tr><td>{@code condition=T} waits for condition type T with status True; {@code condition=T=S} for status S
 *       (split at the first {@code =}); compared case-insensitively</td>
 *       <td>{@code provider/pkg/await/condition/custom.go} {@code NewCustom}; {@code condition/kubectl.go}
 *       {@code checkCondition} ({@code strings.EqualFold})</td></tr>
 *   <tr><td>{@code jsonpath=}: non-empty; no shell quotes around the path; split on single {@code =} keeping
 *       {@code ==}; more than one {@code =} refused; a value after {@code =} must be non-empty; the path wrapped in
 *       {@code { }}, a leading {@code $} added when missing</td>
 *       <td>{@code provider/pkg/jsonpath/jsonpath.go} {@code Parse}; cases from {@code jsonpath_test.go}
 *       {@code TestParse}. The path itself is then parsed as RFC 9535 JSONPath (github.com/theory/jsonpath), which
 *       this model does not re-implement: fluxfleet renders only {@code condition=} expressions.</td></tr>
 *   <tr><td>{@code pulumi.com/timeoutSeconds}: Go {@code strconv.Atoi}: optional sign, decimal digits, within int64;
 *       anything else is ignored and the 10-minute default applies</td>
 *       <td>{@code provider/pkg/metadata/overrides.go} {@code TimeoutDuration}; {@code overrides_test.go}
 *       {@code TestTimeoutSeconds} ("foo" → unset, "0" → 0s)</td></tr>
 * </table>
 */
final class WaitForRules {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BRACKETS = Pattern.compile("\\{\\s*(.*?)\\s*\\}");

    /** One parsed expression. {@code kind} is {@code condition} or {@code jsonpath}. */
    record Expression(String kind, String subject, String value) {}

    /** Refused by the provider, with its message. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private WaitForRules() {}

    static List<Expression> parseWaitFor(String annotation) {
        List<String> values = new ArrayList<>();
        try {
            JsonNode node = JSON.readTree(annotation);
            if (node == null || !node.isArray()) {
                throw new IllegalArgumentException("not an array");
            }
            for (JsonNode item : node) {
                if (!item.isTextual()) {
                    // Go's json.Unmarshal into []string fails on a non-string element: the whole text is one value
                    throw new IllegalArgumentException("not a string array");
                }
                values.add(item.asText());
            }
        } catch (Exception notAnArray) {
            values.clear();
            values.add(annotation);
        }
        if (values.isEmpty()) {
            throw new Refused("at least one condition must be specified");
        }
        List<Expression> parsed = new ArrayList<>();
        for (String expr : values) {
            if (expr.startsWith("jsonpath=")) {
                parsed.add(parseJsonPath(expr));
            } else if (expr.startsWith("condition=")) {
                String rest = expr.substring("condition=".length());
                int eq = rest.indexOf('=');
                parsed.add(eq < 0 ? new Expression("condition", rest, "True")
                        : new Expression("condition", rest.substring(0, eq), rest.substring(eq + 1)));
            } else {
                throw new Refused("expected a \"jsonpath=\" or \"condition=\" prefix, got \"" + expr + "\"");
            }
        }
        return parsed;
    }

    private static Expression parseJsonPath(String raw) {
        String rest = raw.substring("jsonpath=".length());
        if (rest.isEmpty()) {
            throw new Refused("expected a non-empty JSONPath expression");
        }
        String placeholder = "\uFFFD";
        String[] parts = rest.replace("==", placeholder).split("=", -1);
        if (parts.length > 2) {
            throw new Refused("format should be {.path}=value or {.path}, got \"" + rest + "\"");
        }
        String path = parts[0].replace(placeholder, "==");
        String value = "";
        if (parts.length == 2) {
            value = parts[1].replace(placeholder, "==");
            if (value.isEmpty()) {
                throw new Refused(path + "= requires a value");
            }
        }
        if (path.startsWith("'") && path.endsWith("'")) {
            throw new Refused(path + " should omit shell quotes");
        }
        Matcher m = BRACKETS.matcher(path);
        if (!m.find()) {
            throw new Refused(path + " should be wrapped in brackets { ... }");
        }
        return new Expression("jsonpath", m.group(1).startsWith("$") ? m.group(1) : "$" + m.group(1), value);
    }

    /** The timeout the provider takes from the annotation, in seconds; empty when it ignores it. */
    static Optional<Long> timeoutSeconds(String annotation) {
        if (!annotation.matches("[+-]?[0-9]+")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(annotation.startsWith("+") ? annotation.substring(1) : annotation));
        } catch (NumberFormatException outOfRange) {
            return Optional.empty();
        }
    }
}
