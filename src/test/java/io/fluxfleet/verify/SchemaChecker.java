package io.fluxfleet.verify;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import static io.fluxfleet.verify.KubeObjects.child;
import static io.fluxfleet.verify.KubeObjects.index;
import static io.fluxfleet.verify.KubeObjects.jsonType;
import static io.fluxfleet.verify.KubeObjects.show;

/**
 * Checks a tree value against the part of JSON Schema that Kubernetes schemas use: {@code type} (one or a
 * list), {@code properties}, {@code required}, {@code additionalProperties}, {@code items}, {@code enum},
 * {@code pattern}, {@code minLength}/{@code maxLength}, {@code minimum}/{@code maximum} (with the OpenAPI
 * 3.0 boolean {@code exclusive*}), {@code multipleOf}, {@code minItems}/{@code maxItems},
 * {@code uniqueItems}, {@code minProperties}/{@code maxProperties}, {@code format} ({@code int32},
 * {@code int64}, {@code byte}, {@code date-time}; others are not checked), {@code oneOf}/{@code anyOf}/
 * {@code allOf}/{@code not}, {@code nullable}, and the Kubernetes extensions
 * {@code x-kubernetes-int-or-string}, {@code x-kubernetes-preserve-unknown-fields},
 * {@code x-kubernetes-list-type}/{@code -list-map-keys} and {@code x-kubernetes-validations} (see
 * {@link CelSubset}).
 *
 * <p>We check ourselves instead of using a general JSON-Schema library because the rules that matter for
 * CRDs are not JSON Schema's: in a structural schema an object that lists {@code properties} is closed
 * (the API server prunes unknown fields, so a misspelt field is silently lost), {@code null} is pruned
 * unless {@code nullable}, and int-or-string has no JSON-Schema type. Writing the subset keeps every
 * message in the form {@code path: what is wrong (rule)}.
 */
final class SchemaChecker {

    /** How an object schema that says nothing about extra fields is read. */
    enum Dialect {
        /**
         * CRD structural schema: properties without {@code additionalProperties} or
         * {@code x-kubernetes-preserve-unknown-fields} mean closed, and {@code null} needs {@code nullable}.
         */
        STRUCTURAL,
        /** Plain JSON Schema: open unless {@code additionalProperties: false}; nulls follow {@code type}. */
        JSON_SCHEMA
    }

    /** One broken rule: where, and what. */
    record Failure(String path, String message) {
        @Override
        public String toString() {
            return path + ": " + message;
        }
    }

    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();
    private static final Map<String, CelSubset.Rule> RULES = new ConcurrentHashMap<>();

    private final Dialect dialect;

    SchemaChecker(Dialect dialect) {
        this.dialect = dialect;
    }

    /**
     * Compiles every pattern and CEL rule in a schema up front, so a schema this checker cannot read fails
     * when it loads, not halfway through a test.
     */
    static void precompile(Object schema) {
        if (schema instanceof Map<?, ?> map) {
            if (map.get("pattern") instanceof String p) {
                pattern(p);
            }
            if (map.get("x-kubernetes-validations") instanceof List<?> rules) {
                for (Object r : rules) {
                    rule((String) ((Map<?, ?>) r).get("rule"));
                }
            }
            map.values().forEach(SchemaChecker::precompile);
        } else if (schema instanceof List<?> list) {
            list.forEach(SchemaChecker::precompile);
        }
    }

    List<Failure> check(Object value, Map<String, Object> schema, String path) {
        List<Failure> failures = new ArrayList<>();
        check(value, schema, path, failures);
        return failures;
    }

    @SuppressWarnings("unchecked")
    void check(Object value, Map<String, Object> schema, String path, List<Failure> out) {
        String actual = jsonType(value);
        if (actual.startsWith("unsupported")) {
            out.add(new Failure(path, actual + " (a tree holds only String, Number, Boolean, List and Map)"));
            return;
        }
        if (value == null && dialect == Dialect.STRUCTURAL) {
            if (!Boolean.TRUE.equals(schema.get("nullable"))) {
                out.add(new Failure(path, "null, but the schema is not nullable (the API server drops it: leave the field out)"));
            }
            return;
        }
        if (!typeMatches(value, actual, schema, path, out)) {
            return;
        }
        checkEnum(value, schema, path, out);
        checkCombinators(value, schema, path, out);
        switch (actual) {
            case "string" -> checkString((String) value, schema, path, out);
            case "integer", "number" -> checkNumber((Number) value, actual, schema, path, out);
            case "array" -> checkArray((List<Object>) value, schema, path, out);
            case "object" -> checkObject((Map<String, Object>) value, schema, path, out);
            default -> { }
        }
        checkRules(value, schema, path, out);
    }

    private boolean typeMatches(Object value, String actual, Map<String, Object> schema, String path, List<Failure> out) {
        if (Boolean.TRUE.equals(schema.get("x-kubernetes-int-or-string"))) {
            if (actual.equals("integer") || actual.equals("string")) {
                return true;
            }
            out.add(new Failure(path, actual + " " + show(value) + ", want integer or string (x-kubernetes-int-or-string)"));
            return false;
        }
        Object declared = schema.get("type");
        if (declared == null) {
            return true;
        }
        List<?> allowed = declared instanceof List<?> list ? list : List.of(declared);
        for (Object type : allowed) {
            if (type.equals(actual) || (type.equals("number") && actual.equals("integer"))) {
                return true;
            }
        }
        String want = allowed.size() == 1 ? String.valueOf(allowed.get(0)) : String.valueOf(allowed);
        out.add(new Failure(path, actual + " " + show(value) + ", want type " + want));
        return false;
    }

    private void checkEnum(Object value, Map<String, Object> schema, String path, List<Failure> out) {
        if (schema.get("enum") instanceof List<?> values) {
            for (Object allowed : values) {
                if (CelSubset.equal(value, allowed)) {
                    return;
                }
            }
            out.add(new Failure(path, show(value) + " is not in enum " + values));
        }
    }

    @SuppressWarnings("unchecked")
    private void checkCombinators(Object value, Map<String, Object> schema, String path, List<Failure> out) {
        if (schema.get("allOf") instanceof List<?> all) {
            for (Object sub : all) {
                check(value, (Map<String, Object>) sub, path, out);
            }
        }
        for (String keyword : List.of("oneOf", "anyOf")) {
            if (schema.get(keyword) instanceof List<?> options) {
                int matching = 0;
                List<String> alternatives = new ArrayList<>();
                for (Object sub : options) {
                    Map<String, Object> alternative = (Map<String, Object>) sub;
                    List<Failure> inner = check(value, alternative, path);
                    matching += inner.isEmpty() ? 1 : 0;
                    alternatives.add(alternative.containsKey("type") ? "type " + alternative.get("type")
                            : inner.isEmpty() ? "(matches)" : inner.get(0).message());
                }
                if (keyword.equals("oneOf") && matching != 1) {
                    out.add(new Failure(path, show(value) + " matches " + (matching == 0 ? "none" : matching)
                            + " of oneOf " + alternatives + (matching > 1 ? ", but oneOf needs exactly one" : "")));
                } else if (keyword.equals("anyOf") && matching == 0) {
                    out.add(new Failure(path, show(value) + " matches none of anyOf " + alternatives));
                }
            }
        }
        if (schema.get("not") instanceof Map<?, ?> not && check(value, (Map<String, Object>) not, path).isEmpty()) {
            out.add(new Failure(path, show(value) + " matches the schema under 'not'"));
        }
    }

    private void checkString(String value, Map<String, Object> schema, String path, List<Failure> out) {
        int length = value.codePointCount(0, value.length());
        if (schema.get("minLength") instanceof Number min && length < min.longValue()) {
            out.add(new Failure(path, show(value) + " is " + length + " characters, below minLength " + min));
        }
        if (schema.get("maxLength") instanceof Number max && length > max.longValue()) {
            out.add(new Failure(path, show(value) + " is " + length + " characters, above maxLength " + max));
        }
        if (schema.get("pattern") instanceof String p && !pattern(p).matcher(value).find()) {
            out.add(new Failure(path, show(value) + " does not match pattern " + p));
        }
        if ("byte".equals(schema.get("format"))) {
            try {
                Base64.getDecoder().decode(value);
            } catch (IllegalArgumentException e) {
                out.add(new Failure(path, "not base64 (format byte): " + e.getMessage()));
            }
        }
        if ("date-time".equals(schema.get("format"))) {
            try {
                OffsetDateTime.parse(value);
            } catch (DateTimeParseException e) {
                out.add(new Failure(path, show(value) + " is not an RFC 3339 time (format date-time)"));
            }
        }
    }

    private void checkNumber(Number value, String actual, Map<String, Object> schema, String path, List<Failure> out) {
        BigDecimal n = KubeObjects.decimal(value);
        if (n == null) {
            out.add(new Failure(path, value + " is not a finite number"));
            return;
        }
        if (schema.get("minimum") instanceof Number min) {
            boolean exclusive = Boolean.TRUE.equals(schema.get("exclusiveMinimum"));
            int cmp = n.compareTo(KubeObjects.decimal(min));
            if (cmp < 0 || (exclusive && cmp == 0)) {
                out.add(new Failure(path, value + " is below " + (exclusive ? "exclusive " : "") + "minimum " + min));
            }
        }
        if (schema.get("maximum") instanceof Number max) {
            boolean exclusive = Boolean.TRUE.equals(schema.get("exclusiveMaximum"));
            int cmp = n.compareTo(KubeObjects.decimal(max));
            if (cmp > 0 || (exclusive && cmp == 0)) {
                out.add(new Failure(path, value + " is above " + (exclusive ? "exclusive " : "") + "maximum " + max));
            }
        }
        if (schema.get("multipleOf") instanceof Number step
                && n.remainder(KubeObjects.decimal(step)).compareTo(BigDecimal.ZERO) != 0) {
            out.add(new Failure(path, value + " is not a multiple of " + step + " (multipleOf)"));
        }
        Object format = schema.get("format");
        if (actual.equals("integer") && ("int32".equals(format) || "int64".equals(format))) {
            BigDecimal lo = BigDecimal.valueOf("int32".equals(format) ? Integer.MIN_VALUE : Long.MIN_VALUE);
            BigDecimal hi = BigDecimal.valueOf("int32".equals(format) ? Integer.MAX_VALUE : Long.MAX_VALUE);
            if (n.compareTo(lo) < 0 || n.compareTo(hi) > 0) {
                out.add(new Failure(path, value + " does not fit format " + format));
            }
        }
        if (actual.equals("number") && ("int32".equals(format) || "int64".equals(format))) {
            out.add(new Failure(path, value + " is not an integer (format " + format + ")"));
        }
    }

    @SuppressWarnings("unchecked")
    private void checkArray(List<Object> value, Map<String, Object> schema, String path, List<Failure> out) {
        if (schema.get("minItems") instanceof Number min && value.size() < min.longValue()) {
            out.add(new Failure(path, value.size() + " items, below minItems " + min));
        }
        if (schema.get("maxItems") instanceof Number max && value.size() > max.longValue()) {
            out.add(new Failure(path, value.size() + " items, above maxItems " + max));
        }
        if (schema.get("items") instanceof Map<?, ?> items) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), (Map<String, Object>) items, index(path, i), out);
            }
        }
        Object listType = schema.get("x-kubernetes-list-type");
        if (Boolean.TRUE.equals(schema.get("uniqueItems")) || "set".equals(listType)) {
            Set<Object> seen = new HashSet<>();
            for (int i = 0; i < value.size(); i++) {
                if (!seen.add(value.get(i))) {
                    out.add(new Failure(index(path, i), "duplicate " + show(value.get(i))
                            + " (" + ("set".equals(listType) ? "x-kubernetes-list-type set" : "uniqueItems") + ")"));
                }
            }
        }
        if ("map".equals(listType) && schema.get("x-kubernetes-list-map-keys") instanceof List<?> keys) {
            Set<List<Object>> seen = new HashSet<>();
            for (int i = 0; i < value.size(); i++) {
                if (value.get(i) instanceof Map<?, ?> item) {
                    List<Object> key = new ArrayList<>();
                    keys.forEach(k -> key.add(item.get(k)));
                    if (!seen.add(key)) {
                        out.add(new Failure(index(path, i), "duplicate entry for keys " + keys + " = " + key
                                + " (x-kubernetes-list-type map)"));
                    }
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void checkObject(Map<String, Object> value, Map<String, Object> schema, String path, List<Failure> out) {
        Map<String, Object> properties = schema.get("properties") instanceof Map<?, ?> p
                ? (Map<String, Object>) p : Map.of();
        if (schema.get("required") instanceof List<?> required) {
            for (Object field : required) {
                if (value.get(field) == null) {
                    out.add(new Failure(child(path, (String) field), "missing, but required " + required));
                }
            }
        }
        if (schema.get("minProperties") instanceof Number min && value.size() < min.longValue()) {
            out.add(new Failure(path, value.size() + " fields, below minProperties " + min));
        }
        if (schema.get("maxProperties") instanceof Number max && value.size() > max.longValue()) {
            out.add(new Failure(path, value.size() + " fields, above maxProperties " + max));
        }
        Object additional = schema.get("additionalProperties");
        boolean preserve = Boolean.TRUE.equals(schema.get("x-kubernetes-preserve-unknown-fields"));
        for (Map.Entry<String, Object> entry : value.entrySet()) {
            String key = entry.getKey();
            String at = child(path, key);
            if (properties.containsKey(key)) {
                check(entry.getValue(), (Map<String, Object>) properties.get(key), at, out);
            } else if (additional instanceof Map<?, ?> extraSchema) {
                check(entry.getValue(), (Map<String, Object>) extraSchema, at, out);
            } else if (Boolean.FALSE.equals(additional)) {
                out.add(new Failure(at, unknownField(key, properties.keySet(), "additionalProperties false")));
            } else if (additional == null && !preserve && dialect == Dialect.STRUCTURAL) {
                out.add(new Failure(at, unknownField(key, properties.keySet(),
                        "structural schema: the API server prunes unknown fields")));
            }
        }
    }

    private void checkRules(Object value, Map<String, Object> schema, String path, List<Failure> out) {
        if (!(schema.get("x-kubernetes-validations") instanceof List<?> rules)) {
            return;
        }
        for (Object entry : rules) {
            Map<?, ?> spec = (Map<?, ?>) entry;
            CelSubset.Rule rule = rule((String) spec.get("rule"));
            CelSubset.Outcome outcome = rule.evaluate(value, schema);
            if (outcome.passed()) {
                continue;
            }
            String where = spec.get("fieldPath") instanceof String fp ? path + fp : path;
            String message = spec.get("message") instanceof String m ? m : "rule failed";
            String detail = outcome.error() == null ? "" : " (could not evaluate: " + outcome.error() + ")";
            out.add(new Failure(where, message + detail + " (x-kubernetes-validations rule: " + rule.text() + ")"));
        }
    }

    private static String unknownField(String key, Set<String> known, String why) {
        String hint = closest(key, known);
        return "unknown field (" + why + ")"
                + (hint == null ? "" : "; did you mean " + hint + "?")
                + (known.isEmpty() ? "; this object allows no fields" : "; allowed: " + new TreeSet<>(known));
    }

    /** The known field nearest to a misspelt one, if it is plausibly a misspelling. */
    static String closest(String key, Set<String> known) {
        return known.stream()
                .filter(k -> k.equalsIgnoreCase(key) || distance(k.toLowerCase(Locale.ROOT), key.toLowerCase(Locale.ROOT))
                        <= Math.max(1, key.length() / 4))
                .min(Comparator.comparingInt(k -> distance(k, key)))
                .orElse(null);
    }

    /** Edit distance where an insertion, deletion, substitution or swap of neighbours costs one. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static Pattern pattern(String regex) {
        return PATTERNS.computeIfAbsent(regex, r -> {
            try {
                return Pattern.compile(r);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("schema pattern Java cannot compile: " + r, e);
            }
        });
    }

    private static CelSubset.Rule rule(String text) {
        return RULES.computeIfAbsent(text, CelSubset::compile);
    }
}
