package io.fluxfleet.naming;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rule in {@link Names}' header, held: outside {@code io.fluxfleet.naming} no code concatenates a resource name.
 * Two checks over the main sources:
 * <ul>
 *   <li>the name given to a Pulumi resource (the first argument of {@code new X(...)} for any {@code X} that is a
 *       {@code com.pulumi.resources.Resource}) and to a Kubernetes object ({@code meta(name, ...)}) is a literal, a
 *       constant, a variable or a call, never a {@code +} expression;</li>
 *   <li>no string literal that starts or ends with {@code -} is concatenated (the shape of {@code "tenant-" + name}
 *       and {@code name + "-quota"}), wherever the result goes.</li>
 * </ul>
 * Generated or copied provider bindings are left out: they make no names. The second check skips the packages that
 * register nothing and write text ({@code diff/}, {@code render/}, {@code plan/}: diff hunks, file names, stand-in
 * values); {@code Plan.tenantOf} there reads tenant names back out of resource names and should come to ask
 * {@code Names} too.
 */
class NamingRuleTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final Set<String> SKIPPED = Set.of("io/fluxfleet/naming/", "io/fluxfleet/gitlab/bindings/",
            "io/fluxfleet/random/");
    /**
     * Dash-edged literals that are concatenated but make no resource name: the default CODEOWNERS handle of a
     * GitLab group ({@code @<group>-team}) is text in a file, not an identity.
     */
    private static final Set<String> NOT_NAMES = Set.of("-team");
    private static final Set<String> TEXT_ONLY = Set.of("io/fluxfleet/diff/", "io/fluxfleet/render/", "io/fluxfleet/plan/");
    private static final Pattern NEW = Pattern.compile("\\bnew\\s+([A-Z][A-Za-z0-9_.]*)\\s*\\(");
    private static final Pattern META = Pattern.compile("\\.meta\\s*\\(");
    private static final Pattern DASH_CONCAT = Pattern.compile("\"([^\"\\\\]*-)\"\\s*\\+|\\+\\s*\"(-[^\"\\\\]*)\"");

    @Test
    void noCodeOutsideNamingConcatenatesAResourceName() throws IOException {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String relative = MAIN.relativize(file).toString().replace('\\', '/');
                if (SKIPPED.stream().anyMatch(relative::startsWith)) {
                    continue;
                }
                problems.addAll(check(relative, Files.readString(file)));
            }
        }
        assertTrue(problems.isEmpty(), "names are made in io.fluxfleet.naming (Names, GitLabNames) only:\n"
                + String.join("\n", problems));
    }

    @Test
    void theCheckCatchesTheShapesItForbids() {
        String source = """
                package io.fluxfleet.tenancy;
                import com.pulumi.kubernetes.core.v1.Namespace;
                import com.pulumi.kubernetes.core.v1.NamespaceArgs;
                class X {
                    void f(String tenant, Kube kube) {
                        new Namespace("tenant-" + tenant, NamespaceArgs.builder()
                                .metadata(kube.meta(tenant + "-quota", ns, null)).build());
                        new Namespace(Names.resource(ns, name), NamespaceArgs.builder().build());
                        new Namespace(Names.resource(ns, name + suffix), NamespaceArgs.builder().build());
                        String hook = "flux-" + env;
                        String message = "tenant " + tenant + " is retiring";
                    }
                }
                """;
        List<String> problems = check("io/fluxfleet/tenancy/X.java", source);
        assertEquals(6, problems.size(), String.join("\n", problems));
        assertTrue(problems.stream().anyMatch(p -> p.contains("Names.resource(ns, name + suffix)")), problems.toString());
        assertTrue(problems.get(0).contains("Namespace named \"tenant-\" + tenant"), problems.get(0));
        assertTrue(problems.stream().anyMatch(p -> p.contains("meta(tenant + \"-quota\"")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("\"flux-\"")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("\"-quota\" concatenated")), problems.toString());
        assertTrue(problems.stream().noneMatch(p -> p.contains("retiring")), "messages are not names");
    }

    static List<String> check(String file, String source) {
        String code = withoutComments(source);
        Map<String, String> imports = imports(code);
        String pkg = packageOf(code);
        List<String> problems = new ArrayList<>();
        Matcher m = NEW.matcher(code);
        while (m.find()) {
            if (!isResource(m.group(1), imports, pkg)) {
                continue;
            }
            String name = firstArgument(code, m.end());
            if (hasConcatenation(name)) {
                problems.add(file + ":" + line(code, m.start()) + ": " + m.group(1) + " named " + name);
            }
        }
        Matcher meta = META.matcher(code);
        while (meta.find()) {
            String name = firstArgument(code, meta.end());
            if (hasConcatenation(name)) {
                problems.add(file + ":" + line(code, meta.start()) + ": meta(" + name + ", ...)");
            }
        }
        Matcher dash = DASH_CONCAT.matcher(code);
        while (TEXT_ONLY.stream().noneMatch(file::startsWith) && dash.find()) {
            String literal = dash.group(1) != null ? dash.group(1) : dash.group(2);
            if (!NOT_NAMES.contains(literal)) {
                problems.add(file + ":" + line(code, dash.start()) + ": \"" + literal + "\" concatenated");
            }
        }
        return problems;
    }

    /** Comments blanked (string literals kept), so a Javadoc example is not read as code. */
    private static String withoutComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '"') {
                int end = endOfString(source, i);
                out.append(source, i, end);
                i = end;
            } else if (source.startsWith("//", i)) {
                while (i < source.length() && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? source.length() : end + 2;
                source.substring(i, end).chars().filter(ch -> ch == '\n').forEach(ch -> out.append('\n'));
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The index after the string literal (or text block) that starts at {@code start}. */
    private static int endOfString(String s, int start) {
        if (s.startsWith("\"\"\"", start)) {
            int end = s.indexOf("\"\"\"", start + 3);
            return end < 0 ? s.length() : end + 3;
        }
        int i = start + 1;
        while (i < s.length() && s.charAt(i) != '"') {
            i += s.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(s.length(), i + 1);
    }

    /** The text of the call's first argument: up to the first comma or closing parenthesis at depth zero. */
    private static String firstArgument(String code, int from) {
        int depth = 0;
        int i = from;
        while (i < code.length()) {
            char c = code.charAt(i);
            if (c == '"') {
                i = endOfString(code, i);
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                break;
            }
            i++;
        }
        return code.substring(from, i).strip().replaceAll("\\s+", " ");
    }

    /** A {@code +} outside string literals, also inside a nested call ({@code Names.resource(ns, name + "-x")}). */
    private static boolean hasConcatenation(String expression) {
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (c == '"') {
                i = endOfString(expression, i) - 1;
            } else if (c == '+') {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> imports(String code) {
        Map<String, String> imports = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^import\\s+([\\w.]+)\\.(\\w+)\\s*;").matcher(code);
        while (m.find()) {
            imports.put(m.group(2), m.group(1) + "." + m.group(2));
        }
        return imports;
    }

    private static String packageOf(String code) {
        Matcher m = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;").matcher(code);
        return m.find() ? m.group(1) : "";
    }

    /** Whether the class a {@code new} names is a Pulumi resource; names that do not resolve are not. */
    private static boolean isResource(String simpleName, Map<String, String> imports, String pkg) {
        String head = simpleName.contains(".") ? simpleName.substring(0, simpleName.indexOf('.')) : simpleName;
        String rest = simpleName.contains(".") ? simpleName.substring(simpleName.indexOf('.')) : "";
        List<String> candidates = new ArrayList<>();
        if (imports.containsKey(head)) {
            candidates.add(imports.get(head) + rest.replace('.', '$'));
        }
        candidates.add(pkg + "." + head + rest.replace('.', '$'));
        candidates.add(simpleName);
        if (simpleName.equals("Namespace") && !imports.containsKey(head)) {
            candidates.add("com.pulumi.kubernetes.core.v1.Namespace");
        }
        for (String candidate : candidates) {
            try {
                Class<?> type = Class.forName(candidate, false, NamingRuleTest.class.getClassLoader());
                return com.pulumi.resources.Resource.class.isAssignableFrom(type);
            } catch (ClassNotFoundException | NoClassDefFoundError e) {
                // not this one
            }
        }
        return false;
    }

    private static int line(String code, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (code.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
