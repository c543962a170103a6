package io.fluxfleet.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code config} is the bottom of the program: it reads and validates the stack's config and every capability
 * package ({@code flux}, {@code gitlab}, {@code infra}, {@code tenancy}, ...) takes its records. A capability that
 * {@code config} depends on could not take them without a package cycle (the GitLab settings once lived in
 * {@code gitlab}, which imported {@code config}, which imported them back). The graph is read from the sources:
 * imports, static imports and fully qualified names in code (comments excluded).
 *
 * <p>The one package {@code config} may use is {@code naming}: it derives Kubernetes names from config's
 * {@code Tenant} and {@link Environment}, and {@code config} refuses a tenant name whose derived names would not fit
 * ({@link TenantNames}). {@code naming} must then depend on nothing but {@code config}, so no capability can join
 * that cycle through it.
 */
class PackageCycleTest {
    private static final Path MAIN = Path.of("src/main/java/io/fluxfleet");
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.fluxfleet\\.([a-z][a-z0-9_]*)\\.");
    private static final Pattern COMMENT = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");
    private static final Set<String> CONFIG_MAY_USE = Set.of("naming");

    /** Top-level package (the root package as {@code (root)}) to the other top-level packages its sources use. */
    static Map<String, Set<String>> graph(Path root) {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = root.relativize(file);
                String from = relative.getNameCount() == 1 ? "(root)" : relative.getName(0).toString();
                Set<String> to = graph.computeIfAbsent(from, k -> new TreeSet<>());
                String code = COMMENT.matcher(Files.readString(file)).replaceAll(" ");
                Matcher m = REFERENCE.matcher(code);
                while (m.find()) {
                    if (!m.group(1).equals(from)) {
                        to.add(m.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    /** Every package {@code from} reaches through the graph. */
    static Set<String> reachable(Map<String, Set<String>> graph, String from) {
        Set<String> seen = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(graph.getOrDefault(from, Set.of()));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (seen.add(next)) {
                todo.addAll(graph.getOrDefault(next, Set.of()));
            }
        }
        return seen;
    }

    /** The packages that form a cycle with {@code pkg}: it reaches them, and they reach it. */
    static Set<String> cyclesWith(Map<String, Set<String>> graph, String pkg) {
        Set<String> cycle = new TreeSet<>();
        for (String other : reachable(graph, pkg)) {
            if (!other.equals(pkg) && reachable(graph, other).contains(pkg)) {
                cycle.add(other);
            }
        }
        return cycle;
    }

    @Test
    void configUsesNoCapabilityPackage() {
        Map<String, Set<String>> graph = graph(MAIN);
        assertTrue(graph.containsKey("config") && graph.containsKey("gitlab"), "the sources were found: " + graph.keySet());
        Set<String> used = new TreeSet<>(graph.get("config"));
        used.removeAll(CONFIG_MAY_USE);
        assertEquals(Set.of(), used, "config must not import a capability package");
        for (String allowed : CONFIG_MAY_USE) {
            assertTrue(Set.of("config").containsAll(graph.getOrDefault(allowed, Set.of())),
                    allowed + " may use only config, or a capability joins config's cycle through it: " + graph.get(allowed));
        }
    }

    @Test
    void noCapabilityPackageIsInACycleWithConfig() {
        Map<String, Set<String>> graph = graph(MAIN);
        Set<String> cycle = cyclesWith(graph, "config");
        cycle.removeAll(CONFIG_MAY_USE);
        assertEquals(Set.of(), cycle, "packages in a cycle with config: " + graph);
    }

    @Test
    void theCheckSeesTheCycleThatOnceExisted(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("config"));
        Files.createDirectories(dir.resolve("gitlab"));
        Files.writeString(dir.resolve("config/Loader.java"), """
                package io.fluxfleet.config;
                // io.fluxfleet.flux.Mentioned only in a comment
                import io.fluxfleet.gitlab.GitLabGovernanceSettings;
                """);
        Files.writeString(dir.resolve("gitlab/GitLabGovernanceSettings.java"), """
                package io.fluxfleet.gitlab;
                class GitLabGovernanceSettings { Object f = io.fluxfleet.config.Fields.class; }
                """);
        Map<String, Set<String>> graph = graph(dir);
        assertEquals(Set.of("gitlab"), graph.get("config"), "comments do not count");
        assertEquals(Set.of("gitlab"), cyclesWith(graph, "config"));
        assertFalse(cyclesWith(graph, "gitlab").isEmpty());
    }
}
