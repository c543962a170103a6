package io.fluxfleet.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a stack file the way Pulumi does, or refuses it. Pulumi loads {@code Pulumi.<stack>.yaml} with
 * {@code gopkg.in/yaml.v3} (pulumi/pulumi {@code sdk/go/common/workspace/loaders.go LoadProjectStackBytes} calls
 * {@code encoding.YAML.Unmarshal}, {@code sdk/go/common/encoding/marshal.go} imports {@code gopkg.in/yaml.v3};
 * {@code sdk/go.mod} pins v3.0.1), decoding into {@code any}. From yaml.v3 that means:
 * <ul>
 *   <li>a key twice in one mapping is an error, "line N: mapping key "k" already defined at line M"
 *       ({@code decode.go}, the decoder's {@code uniqueKeys}, on by default), never last-wins;</li>
 *   <li>an alias is the anchored value, and {@code <<} merges mappings (explicit keys win, earlier merges win);</li>
 *   <li>plain scalars resolve by YAML 1.2 rules ({@code resolve.go}): only true/True/TRUE and false/False/FALSE are
 *       booleans ({@code yes}, {@code on} stay text), {@code ~}/null/empty are null, Go integer syntax (0x, 0o, 0b,
 *       underscores) is a number of any size up to uint64 and larger ones a float, and a date stays text;</li>
 *   <li>only the first document is read; invalid UTF-8 is refused; a leading BOM is dropped
 *       ({@code loaders.go readFileStripUTF8BOM}).</li>
 * </ul>
 * Errors give the line and column and yaml's own reason, never the line's text: the line may hold a secret.
 */
public final class StackYaml {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final Tag PLAIN = new Tag("tag:fluxfleet.io,2026:plain");
    private static final Pattern YAML_FLOAT = Pattern.compile("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");
    private static final Pattern GO_INT = Pattern.compile("[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[1-9][0-9]*|0)");
    /** Nodes an alias may expand to in total: a billion-laughs document is refused, as yaml.v3 refuses it. */
    private static final int MAX_NODES = 1_000_000;
    private static final int MAX_DEPTH = 200;

    private StackYaml() {}

    /** A stack file that cannot be read as Pulumi reads it; each problem names its line. */
    public static final class StackFileException extends RuntimeException {
        private final List<Problem> problems;

        StackFileException(String file, List<Problem> problems) {
            super(new ConfigException(file, problems).getMessage());
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    /** The document as a JSON tree; null for an empty document. */
    public static JsonNode read(byte[] bytes, String source) {
        String text = decode(bytes, source);
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // duplicates are found below, all of them, with both lines
        options.setMaxAliasesForCollections(1000);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(16 * 1024 * 1024);
        Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options, new PlainResolver());
        Node root;
        try {
            Iterator<Node> documents = yaml.composeAll(new StringReader(text)).iterator();
            root = documents.hasNext() ? documents.next() : null;
        } catch (MarkedYAMLException e) {
            throw fail(source, e.getProblemMark(), "YAML syntax error: " + Shown.escaped(cut(e.getProblem())));
        } catch (YAMLException e) {
            throw fail(source, null, "cannot be read as YAML: " + Shown.escaped(cut(e.getMessage())));
        }
        if (root == null) {
            return null;
        }
        Converter converter = new Converter(source);
        JsonNode result = converter.convert(root, 0);
        if (!converter.problems.isEmpty()) {
            throw new StackFileException(source, converter.problems);
        }
        return result;
    }

    private static String decode(byte[] bytes, String source) {
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf ? 3 : 0;
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString();
        } catch (CharacterCodingException e) {
            // find the first bad byte to name its line
            var probe = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            int line = 1;
            int offset = start;
            for (int end = start + 1; end <= bytes.length; end++) {
                try {
                    probe.reset().decode(ByteBuffer.wrap(bytes, start, end - start));
                    offset = end;
                } catch (CharacterCodingException partial) {
                    if (end - offset > 4) {
                        break;
                    }
                }
            }
            for (int i = start; i < offset && i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new StackFileException(source, List.of(new Problem("line " + line,
                    "is not valid UTF-8 (byte offset " + offset + "): Pulumi reads stack files as UTF-8 and refuses"
                            + " this one; save the file as UTF-8")));
        }
    }

    private static String cut(String s) {
        return s == null ? "unknown" : s.length() > 160 ? s.substring(0, 160) : s;
    }

    private static StackFileException fail(String source, Mark mark, String message) {
        String where = mark == null ? "file" : "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
        return new StackFileException(source, List.of(new Problem(where, message)));
    }

    /** Tags every plain scalar as {@link #PLAIN}, so yaml.v3's resolution (not SnakeYAML's YAML 1.1) applies. */
    private static final class PlainResolver extends Resolver {
        @Override
        public Tag resolve(org.yaml.snakeyaml.nodes.NodeId kind, String value, boolean implicit) {
            if (kind == org.yaml.snakeyaml.nodes.NodeId.scalar) {
                return implicit ? PLAIN : Tag.STR;
            }
            return super.resolve(kind, value, implicit);
        }
    }

    private static final class Converter {
        private final String source;
        private final List<Problem> problems = new ArrayList<>();
        private int nodes;

        Converter(String source) {
            this.source = source;
        }

        JsonNode convert(Node node, int depth) {
            if (++nodes > MAX_NODES || depth > MAX_DEPTH) {
                throw fail(source, node.getStartMark(), "the document expands to too many values (aliases nested too"
                        + " deep, or an alias that contains itself)");
            }
            if (node instanceof ScalarNode scalar) {
                return scalar(scalar);
            }
            if (node instanceof SequenceNode sequence) {
                ArrayNode array = NODES.arrayNode();
                for (Node item : sequence.getValue()) {
                    array.add(convert(item, depth + 1));
                }
                return array;
            }
            return mapping((MappingNode) node, depth);
        }

        private JsonNode mapping(MappingNode mapping, int depth) {
            ObjectNode object = NODES.objectNode();
            Map<String, Integer> lines = new HashMap<>();
            List<NodeTuple> merges = new ArrayList<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Node keyNode = tuple.getKeyNode();
                if (!(keyNode instanceof ScalarNode key)) {
                    problems.add(new Problem(line(keyNode), "a mapping key must be a plain value, not a list or object"));
                    continue;
                }
                int line = keyNode.getStartMark().getLine() + 1;
                Integer first = lines.putIfAbsent(key.getValue(), line);
                if (first != null) {
                    problems.add(new Problem("line " + line, "mapping key " + Shown.quoted(key.getValue())
                            + " already defined at line " + first + " (Pulumi refuses a key given twice; keep one)"));
                    continue;
                }
                if (key.getTag() == PLAIN && key.getValue().equals("<<")) {
                    merges.add(tuple);
                }
            }
            for (NodeTuple merge : merges) {
                Node value = merge.getValueNode();
                List<Node> sources = value instanceof SequenceNode seq ? seq.getValue() : List.of(value);
                for (Node src : sources) {
                    if (!(src instanceof MappingNode)) {
                        problems.add(new Problem(line(src), "a merge key '<<' takes a mapping or a list of mappings"));
                        continue;
                    }
                    JsonNode merged = convert(src, depth + 1);
                    merged.fields().forEachRemaining(e -> {
                        if (!object.has(e.getKey())) {
                            object.set(e.getKey(), e.getValue());
                        }
                    });
                }
            }
            for (NodeTuple tuple : mapping.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode key) || merges.contains(tuple)) {
                    continue;
                }
                if (lines.get(key.getValue()) != key.getStartMark().getLine() + 1) {
                    continue; // a duplicate, reported above
                }
                object.set(key.getValue(), convert(tuple.getValueNode(), depth + 1));
            }
            return object;
        }

        private String line(Node node) {
            return "line " + (node.getStartMark().getLine() + 1);
        }

        /** yaml.v3's {@code resolve} for a value decoded into {@code any}. */
        private JsonNode scalar(ScalarNode scalar) {
            String in = scalar.getValue();
            Tag tag = scalar.getTag();
            if (tag.equals(Tag.STR)) {
                return NODES.textNode(in);
            }
            if (!tag.equals(PLAIN)) {
                if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT) || tag.equals(Tag.BOOL) || tag.equals(Tag.NULL)) {
                    JsonNode resolved = plain(in);
                    boolean fits = tag.equals(Tag.INT) ? resolved.isIntegralNumber()
                            : tag.equals(Tag.FLOAT) ? resolved.isNumber()
                            : tag.equals(Tag.BOOL) ? resolved.isBoolean() : resolved.isNull();
                    if (fits) {
                        return tag.equals(Tag.FLOAT) && resolved.isIntegralNumber()
                                ? NODES.numberNode(new BigDecimal(resolved.bigIntegerValue())) : resolved;
                    }
                    problems.add(new Problem(line(scalar), "cannot decode the value as " + Shown.escaped(tag.getValue())));
                    return NODES.nullNode();
                }
                if (tag.equals(Tag.TIMESTAMP)) {
                    return NODES.textNode(in);
                }
                problems.add(new Problem(line(scalar), "the tag " + Shown.quoted(tag.getValue())
                        + " is not one fluxfleet reads: give the value without a tag"));
                return NODES.nullNode();
            }
            return plain(in);
        }

        private static JsonNode plain(String in) {
            switch (in) {
                case "true", "True", "TRUE" -> {
                    return NODES.booleanNode(true);
                }
                case "false", "False", "FALSE" -> {
                    return NODES.booleanNode(false);
                }
                case "", "~", "null", "Null", "NULL" -> {
                    return NODES.nullNode();
                }
                case ".nan", ".NaN", ".NAN" -> {
                    return NODES.numberNode(Double.NaN);
                }
                case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF" -> {
                    return NODES.numberNode(Double.POSITIVE_INFINITY);
                }
                case "-.inf", "-.Inf", "-.INF" -> {
                    return NODES.numberNode(Double.NEGATIVE_INFINITY);
                }
                default -> { }
            }
            char first = in.charAt(0);
            if (first == '.') {
                return decimal(in);
            }
            if (!(Character.isDigit(first) || first == '+' || first == '-')) {
                return NODES.textNode(in);
            }
            if (timestamp(in)) {
                // yaml.v3 keeps a timestamp decoded into `any` as its text
                return NODES.textNode(in);
            }
            String digits = in.replace("_", "");
            BigInteger integer = goInteger(digits);
            if (integer != null && integer.bitLength() <= 64 && (integer.signum() >= 0 || integer.bitLength() <= 63)) {
                return NODES.numberNode(integer);
            }
            if (YAML_FLOAT.matcher(digits).matches()) {
                return decimal(digits);
            }
            return NODES.textNode(in);
        }

        /** Go's {@code strconv.ParseInt(s, 0, 64)} syntax, then ParseUint: sign, 0x/0o/0b prefixes, 0-led octal. */
        private static BigInteger goInteger(String s) {
            if (!GO_INT.matcher(s).matches()) {
                return null;
            }
            boolean negative = s.startsWith("-");
            String body = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
            BigInteger value;
            String lower = body.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("0x")) {
                value = new BigInteger(body.substring(2), 16);
            } else if (lower.startsWith("0o")) {
                value = new BigInteger(body.substring(2), 8);
            } else if (lower.startsWith("0b")) {
                value = new BigInteger(body.substring(2), 2);
            } else if (body.length() > 1 && body.startsWith("0")) {
                value = new BigInteger(body.substring(1), 8);
            } else {
                value = new BigInteger(body);
            }
            return negative ? value.negate() : value;
        }

        private static JsonNode decimal(String s) {
            try {
                return NODES.numberNode(new BigDecimal(s));
            } catch (NumberFormatException e) {
                return NODES.textNode(s);
            }
        }

        private static boolean timestamp(String s) {
            if (s.length() < 5 || !s.substring(0, 4).chars().allMatch(Character::isDigit) || s.charAt(4) != '-') {
                return false;
            }
            return s.matches("[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\\.[0-9]+)?"
                    + "(Z|[-+][0-9]{2}:[0-9]{2})?)?");
        }
    }
}
