package io.fluxfleet.gitlab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A small YAML serializer for the files fluxfleet seeds in tenant repositories, which people read and review:
 * block style, two-space indentation, a blank line between top-level entries, shell scripts as literal blocks.
 * Every value passes through it, so a value from config can never break the document's structure: a scalar is
 * written plain only when YAML reads it back as that same string, and double-quoted with escapes otherwise; a
 * literal block falls back to quoting when its text cannot be one.
 */
final class BlockYaml {
    /** A value in the document. */
    sealed interface Node permits Scalar, Seq, MapNode {}

    enum Style { PLAIN, DOUBLE_QUOTED, LITERAL }

    /** A string; {@code style} is what the writer prefers, and it quotes whenever the preferred style is unsafe. */
    record Scalar(String value, Style style) implements Node {}

    /** A sequence, in block style or as a flow sequence {@code [a, b]} of scalars. */
    record Seq(List<Node> items, boolean flow) implements Node {}

    record MapNode(LinkedHashMap<String, Node> entries) implements Node {}

    private static final Pattern PLAIN_SPECIAL = Pattern.compile(
            "(?i)(true|false|yes|no|y|n|on|off|null|~|[-+]?([0-9][0-9_]*)?\\.?[0-9_]*([eE][-+]?[0-9]+)?|[-+]?\\.(inf|nan)"
                    + "|0x[0-9a-f_]+|0o?[0-7_]+|0b[01_]+|<<)");
    private static final String INDICATORS = "-?:,[]{}#&*!|>'\"%@`";

    private BlockYaml() {}

    static Scalar plain(String value) {
        return new Scalar(value, Style.PLAIN);
    }

    static Scalar quoted(String value) {
        return new Scalar(value, Style.DOUBLE_QUOTED);
    }

    static Scalar literal(String value) {
        return new Scalar(value, Style.LITERAL);
    }

    static Seq seq(Node... items) {
        return new Seq(List.of(items), false);
    }

    static Seq flow(Node... items) {
        return new Seq(List.of(items), true);
    }

    static MapNode map(Object... keysAndValues) {
        LinkedHashMap<String, Node> entries = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            entries.put((String) keysAndValues[i], value instanceof Node n ? n : plain(String.valueOf(value)));
        }
        return new MapNode(entries);
    }

    /** The document: comment lines (each prefixed with {@code "# "} unless it already starts with '#'), then the map. */
    static String write(List<String> comments, MapNode document) {
        StringBuilder out = new StringBuilder();
        for (String comment : comments) {
            if (comment.contains("\n") || comment.contains("\r")) {
                throw new IllegalArgumentException("a comment line holds a line break");
            }
            out.append(comment.startsWith("#") ? comment : "# " + comment).append('\n');
        }
        boolean first = true;
        for (Map.Entry<String, Node> e : document.entries().entrySet()) {
            if (!first) {
                out.append('\n');
            }
            first = false;
            entry(out, 0, e.getKey(), e.getValue());
        }
        return out.toString();
    }

    private static void entry(StringBuilder out, int indent, String key, Node value) {
        out.append(" ".repeat(indent)).append(scalar(key, false)).append(':');
        value(out, indent, value);
    }

    /** Writes what follows {@code key:} or {@code -}: inline for scalars and flow sequences, else on new lines. */
    private static void value(StringBuilder out, int indent, Node value) {
        if (value instanceof Scalar s && s.style() == Style.LITERAL && literalSafe(s.value())) {
            out.append(s.value().endsWith("\n") ? " |\n" : " |-\n");
            String[] lines = s.value().split("\n", -1);
            int count = s.value().endsWith("\n") ? lines.length - 1 : lines.length;
            for (int i = 0; i < count; i++) {
                out.append(lines[i].isEmpty() ? "" : " ".repeat(indent + 2) + lines[i]).append('\n');
            }
        } else if (value instanceof Scalar s) {
            out.append(' ').append(s.style() == Style.DOUBLE_QUOTED ? doubleQuoted(s.value())
                    : scalar(s.value(), false)).append('\n');
        } else if (value instanceof Seq seq && seq.flow()) {
            List<String> items = new ArrayList<>();
            for (Node item : seq.items()) {
                if (!(item instanceof Scalar s)) {
                    throw new IllegalArgumentException("a flow sequence holds only scalars");
                }
                items.add(s.style() == Style.DOUBLE_QUOTED ? doubleQuoted(s.value()) : scalar(s.value(), true));
            }
            out.append(" [").append(String.join(", ", items)).append("]\n");
        } else if (value instanceof Seq seq) {
            out.append('\n');
            for (Node item : seq.items()) {
                out.append(" ".repeat(indent + 2)).append('-');
                if (item instanceof MapNode m) {
                    boolean firstKey = true;
                    for (Map.Entry<String, Node> e : m.entries().entrySet()) {
                        if (firstKey) {
                            out.append(' ').append(scalar(e.getKey(), false)).append(':');
                            value(out, indent + 4, e.getValue());
                            firstKey = false;
                        } else {
                            entry(out, indent + 4, e.getKey(), e.getValue());
                        }
                    }
                } else {
                    value(out, indent + 2, item);
                }
            }
        } else {
            out.append('\n');
            for (Map.Entry<String, Node> e : ((MapNode) value).entries().entrySet()) {
                entry(out, indent + 2, e.getKey(), e.getValue());
            }
        }
    }

    /** The scalar plain when YAML reads it back as the same string, double-quoted otherwise. */
    static String scalar(String value, boolean inFlow) {
        return plainSafe(value, inFlow) ? value : doubleQuoted(value);
    }

    static boolean plainSafe(String value, boolean inFlow) {
        if (value.isEmpty() || !value.equals(value.strip()) || PLAIN_SPECIAL.matcher(value).matches()) {
            return false;
        }
        if (INDICATORS.indexOf(value.charAt(0)) >= 0 || value.endsWith(":") || value.contains(": ")
                || value.contains(" #")) {
            return false;
        }
        if (inFlow && value.chars().anyMatch(c -> ",[]{}".indexOf(c) >= 0)) {
            return false;
        }
        return value.codePoints().allMatch(cp -> cp >= 0x20 && cp != 0x7f && !io.fluxfleet.config.Shown.hasUnsafe(
                new String(Character.toChars(cp))));
    }

    /** A literal block keeps its text exactly only when no line has leading space trouble or control characters. */
    private static boolean literalSafe(String value) {
        if (value.isEmpty() || value.startsWith(" ") || value.startsWith("\n") || value.endsWith("\n\n")) {
            return false;
        }
        return value.codePoints().allMatch(cp -> cp == '\n' || (cp >= 0x20 && cp != 0x7f
                && !io.fluxfleet.config.Shown.hasUnsafe(new String(Character.toChars(cp)))))
                && value.lines().noneMatch(l -> !l.equals(l.stripTrailing()));
    }

    static String doubleQuoted(String value) {
        StringBuilder out = new StringBuilder("\"");
        value.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (cp < 0x20 || cp == 0x7f || io.fluxfleet.config.Shown.hasUnsafe(new String(Character.toChars(cp)))) {
                        out.append(cp > 0xffff ? String.format("\\U%08x", cp) : String.format("\\u%04x", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.append('"').toString();
    }
}
