package io.fluxfleet.verify;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the {@code x-kubernetes-validations} rules of the Flux CRDs: the small part of CEL they use
 * ({@code self.a.b}, {@code has(..)}, {@code size(..)}, {@code == != < <= > >=}, {@code ! && ||},
 * parentheses, string/integer/boolean literals).
 *
 * <p>A rule outside that part is refused when the validator loads its CRD ({@link UnsupportedRuleException}),
 * never skipped: a CRD upgrade that brings a new construct breaks the build, and this class is extended.
 *
 * <p>Semantics follow the API server: the object is defaulted before rules run, so a field read falls back
 * to the schema's {@code default}; reading a missing field is an error, and {@code ||}/{@code &&} absorb an
 * error when the other side decides the result (CEL's commutative logic).
 */
final class CelSubset {

    /** A rule that uses CEL beyond this subset. */
    static final class UnsupportedRuleException extends IllegalArgumentException {
        UnsupportedRuleException(String rule, String why) {
            super("CEL rule outside the subset CelSubset evaluates (" + why + "): " + rule);
        }
    }

    /** The outcome of a rule on a value: passed, failed, or could not be evaluated (with why). */
    record Outcome(boolean passed, String error) {
        static final Outcome PASS = new Outcome(true, null);
        static final Outcome FAIL = new Outcome(false, null);
    }

    /** A compiled rule. */
    static final class Rule {
        private final String text;
        private final Expr expr;

        private Rule(String text, Expr expr) {
            this.text = text;
            this.expr = expr;
        }

        String text() {
            return text;
        }

        /** Runs the rule with {@code self} bound to the value at the node whose schema is {@code schema}. */
        Outcome evaluate(Object self, Map<String, Object> schema) {
            Object result = expr.eval(new Scoped(self, schema));
            if (result instanceof Error e) {
                return new Outcome(false, e.message);
            }
            if (result instanceof Boolean b) {
                return b ? Outcome.PASS : Outcome.FAIL;
            }
            return new Outcome(false, "rule gave " + KubeObjects.show(result) + ", not a boolean");
        }
    }

    private CelSubset() {}

    static Rule compile(String rule) {
        Parser parser = new Parser(rule, tokenize(rule));
        Expr expr = parser.orExpr();
        if (!parser.atEnd()) {
            throw new UnsupportedRuleException(rule, "unexpected '" + parser.peek() + "'");
        }
        return new Rule(rule, expr);
    }

    /** An evaluation error, carried as a value so that {@code ||} and {@code &&} can absorb it. */
    private record Error(String message) {}

    /** A value together with the schema that describes it, so field reads can apply defaults. */
    private record Scoped(Object value, Map<String, Object> schema) {}

    private interface Expr {
        Object eval(Scoped self);
    }

    // ---- lexer ----

    private static List<String> tokenize(String rule) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < rule.length()) {
            char c = rule.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '"') {
                int end = rule.indexOf(c, i + 1);
                if (end < 0) {
                    throw new UnsupportedRuleException(rule, "unterminated string");
                }
                if (rule.substring(i + 1, end).indexOf('\\') >= 0) {
                    throw new UnsupportedRuleException(rule, "escape sequences");
                }
                tokens.add(rule.substring(i, end + 1));
                i = end + 1;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < rule.length() && (Character.isLetterOrDigit(rule.charAt(i)) || rule.charAt(i) == '_')) {
                    i++;
                }
                tokens.add(rule.substring(start, i));
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < rule.length() && Character.isDigit(rule.charAt(i))) {
                    i++;
                }
                tokens.add(rule.substring(start, i));
            } else {
                String two = i + 1 < rule.length() ? rule.substring(i, i + 2) : "";
                if (List.of("&&", "||", "==", "!=", ">=", "<=").contains(two)) {
                    tokens.add(two);
                    i += 2;
                } else if ("!().<>".indexOf(c) >= 0) {
                    tokens.add(String.valueOf(c));
                    i++;
                } else {
                    throw new UnsupportedRuleException(rule, "character '" + c + "'");
                }
            }
        }
        return tokens;
    }

    // ---- parser ----

    private static final class Parser {
        private final String rule;
        private final List<String> tokens;
        private int pos;

        Parser(String rule, List<String> tokens) {
            this.rule = rule;
            this.tokens = tokens;
        }

        boolean atEnd() {
            return pos == tokens.size();
        }

        String peek() {
            return atEnd() ? "<end>" : tokens.get(pos);
        }

        private boolean accept(String token) {
            if (!atEnd() && tokens.get(pos).equals(token)) {
                pos++;
                return true;
            }
            return false;
        }

        private void expect(String token) {
            if (!accept(token)) {
                throw new UnsupportedRuleException(rule, "expected '" + token + "' at '" + peek() + "'");
            }
        }

        Expr orExpr() {
            Expr left = andExpr();
            while (accept("||")) {
                Expr l = left;
                Expr r = andExpr();
                left = self -> logic(l.eval(self), r.eval(self), true);
            }
            return left;
        }

        private Expr andExpr() {
            Expr left = unary();
            while (accept("&&")) {
                Expr l = left;
                Expr r = unary();
                left = self -> logic(l.eval(self), r.eval(self), false);
            }
            return left;
        }

        private Expr unary() {
            if (accept("!")) {
                Expr operand = unary();
                return self -> {
                    Object v = operand.eval(self);
                    if (v instanceof Boolean b) {
                        return !b;
                    }
                    return v instanceof Error ? v : new Error("'!' applied to " + KubeObjects.show(v));
                };
            }
            return comparison();
        }

        private Expr comparison() {
            Expr left = primary();
            for (String op : List.of("==", "!=", ">=", "<=", ">", "<")) {
                if (accept(op)) {
                    Expr right = primary();
                    return self -> compare(op, left.eval(self), right.eval(self));
                }
            }
            return left;
        }

        private Expr primary() {
            if (accept("(")) {
                Expr inner = orExpr();
                expect(")");
                return inner;
            }
            String token = peek();
            if (token.equals("has") || token.equals("size")) {
                pos++;
                expect("(");
                List<String> path = selector();
                expect(")");
                if (token.equals("has")) {
                    return self -> has(self, path);
                }
                return self -> size(read(self, path));
            }
            if (token.equals("self")) {
                List<String> path = selector();
                return self -> {
                    Object v = read(self, path);
                    return v instanceof Scoped s ? s.value : v;
                };
            }
            pos++;
            if (token.startsWith("'") || token.startsWith("\"")) {
                String literal = token.substring(1, token.length() - 1);
                return self -> literal;
            }
            if (Character.isDigit(token.charAt(0))) {
                BigDecimal literal = new BigDecimal(token);
                return self -> literal;
            }
            if (token.equals("true") || token.equals("false")) {
                Boolean literal = Boolean.valueOf(token);
                return self -> literal;
            }
            throw new UnsupportedRuleException(rule, "'" + token + "'");
        }

        /** {@code self.a.b} as the list {@code [a, b]}. */
        private List<String> selector() {
            expect("self");
            List<String> path = new ArrayList<>();
            while (accept(".")) {
                String field = peek();
                if (atEnd() || !Character.isLetter(field.charAt(0))) {
                    throw new UnsupportedRuleException(rule, "field name expected after '.'");
                }
                pos++;
                if (peek().equals("(")) {
                    throw new UnsupportedRuleException(rule, "method call ." + field + "()");
                }
                path.add(field);
            }
            return path;
        }
    }

    // ---- evaluation ----

    /** Reads {@code self.path}; a Scoped value, or an Error for a missing field. */
    private static Object read(Scoped self, List<String> path) {
        Scoped current = self;
        StringBuilder where = new StringBuilder("self");
        for (String field : path) {
            Object next = field(current, field);
            where.append('.').append(field);
            if (next == null) {
                return new Error("no such key: " + where);
            }
            current = (Scoped) next;
        }
        return current;
    }

    /** The field of a scoped map value, with the schema default when absent; null when neither. */
    @SuppressWarnings("unchecked")
    private static Scoped field(Scoped scoped, String field) {
        Map<String, Object> fieldSchema = null;
        if (scoped.schema != null && scoped.schema.get("properties") instanceof Map<?, ?> properties) {
            fieldSchema = (Map<String, Object>) properties.get(field);
        }
        if (scoped.value instanceof Map<?, ?> map && map.get(field) != null) {
            return new Scoped(map.get(field), fieldSchema);
        }
        if (fieldSchema != null && fieldSchema.containsKey("default")) {
            return new Scoped(fieldSchema.get("default"), fieldSchema);
        }
        return null;
    }

    private static Object has(Scoped self, List<String> path) {
        if (path.isEmpty()) {
            return new Error("has() needs a field");
        }
        Object parent = read(self, path.subList(0, path.size() - 1));
        if (parent instanceof Error) {
            return parent;
        }
        return field((Scoped) parent, path.get(path.size() - 1)) != null;
    }

    private static Object size(Object read) {
        if (read instanceof Error) {
            return read;
        }
        Object v = ((Scoped) read).value;
        if (v instanceof List<?> l) {
            return BigDecimal.valueOf(l.size());
        }
        if (v instanceof Map<?, ?> m) {
            return BigDecimal.valueOf(m.size());
        }
        if (v instanceof String s) {
            return BigDecimal.valueOf(s.codePointCount(0, s.length()));
        }
        return new Error("size() of " + KubeObjects.show(v));
    }

    private static Object logic(Object left, Object right, boolean or) {
        for (Object v : List.of(left, right)) {
            if (!(v instanceof Boolean) && !(v instanceof Error)) {
                return new Error((or ? "'||'" : "'&&'") + " applied to " + KubeObjects.show(v));
            }
        }
        Boolean decisive = or;
        if (decisive.equals(left) || decisive.equals(right)) {
            return decisive;
        }
        if (left instanceof Error) {
            return left;
        }
        if (right instanceof Error) {
            return right;
        }
        return !or;
    }

    private static Object compare(String op, Object left, Object right) {
        if (left instanceof Error) {
            return left;
        }
        if (right instanceof Error) {
            return right;
        }
        if (op.equals("==") || op.equals("!=")) {
            return equal(left, right) == op.equals("==");
        }
        int cmp;
        if (left instanceof Number l && right instanceof Number r) {
            cmp = KubeObjects.decimal(l).compareTo(KubeObjects.decimal(r));
        } else if (left instanceof String l && right instanceof String r) {
            cmp = l.compareTo(r);
        } else {
            return new Error("no ordering between " + KubeObjects.show(left) + " and " + KubeObjects.show(right));
        }
        return switch (op) {
            case ">" -> cmp > 0;
            case "<" -> cmp < 0;
            case ">=" -> cmp >= 0;
            default -> cmp <= 0;
        };
    }

    static boolean equal(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            BigDecimal dx = KubeObjects.decimal(x);
            BigDecimal dy = KubeObjects.decimal(y);
            return dx != null && dy != null && dx.compareTo(dy) == 0;
        }
        return a == null ? b == null : a.equals(b);
    }
}
