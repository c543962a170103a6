package io.fluxfleet.config;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fluxfleet.config.GitLabGovernanceSettings.Principals;
import io.fluxfleet.testing.GovernanceConfigs;
import io.fluxfleet.testing.Stacks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Environment} carries its policy, and nothing else decides by an environment's name: adding one is one enum
 * constant plus its stack file. The last test proves it by doing exactly that: it compiles the program with a
 * {@code QA} constant between {@code DEV} and {@code PREPROD} and renders a {@code qa} stack and the stacks around it.
 */
class EnvironmentPolicyTest {
    private static final Path MAIN = Path.of("src/main/java");

    @ParameterizedTest
    @EnumSource(Environment.class)
    void theProfileAndApprovalDefaultsAreTheEnvironments(Environment env) {
        FluxFleetConfig config = Stacks.load(env.id(), Stacks.minimal(env.id(), 1));
        assertEquals(env.profile(), config.profile());
        assertEquals(env.approvals(), config.gitlab().governance().approvals());
        assertEquals(Environment.last(), config.gitlab().governance().projectSettings().owner());
    }

    @ParameterizedTest
    @EnumSource(Environment.class)
    void strictnessDecidesProtectionPinnedImagesAndWhoMerges(Environment env) {
        assertEquals(env.protectsResources(), Stacks.load(env.id(), Stacks.minimal(env.id(), 1)).protect());
        ObjectNode allowed = Stacks.minimal(env.id(), 1).put("allowDestroy", true);
        assertFalse(Stacks.load(env.id(), allowed).protect(), "allowDestroy always lifts the protection");

        ObjectNode latest = Stacks.minimal(env.id(), 1);
        latest.putObject("infra").putObject("images")
                .put("customDashboardExporter", "harbor.example.com/your-org/custom-dashboard-exporter:latest");
        if (env.requiresPinnedImages()) {
            ConfigException e = assertThrows(ConfigException.class, () -> Stacks.load(env.id(), latest));
            assertEquals(List.of("fluxfleet:infra.images.customDashboardExporter"),
                    e.problems().stream().map(Problem::key).toList());
            assertTrue(e.getMessage().contains(env.id() + " refuses ':latest'"), e.getMessage());
        } else {
            assertTrue(Stacks.load(env.id(), latest).infra().images().customDashboardExporter().isPresent());
        }

        GitLabGovernanceSettings s = GovernanceConfigs.load(GovernanceConfigs.premium(env.id())).gitlab().governance();
        assertEquals(env.approversMergeByDefault() ? s.approvers() : Principals.none(), s.mergers());
    }

    @Test
    void exactlyTheLastEnvironmentIsStrictAndTheFirstIsNot() {
        // what the shipped policy is; a new environment chooses its own, but promotion must start relaxed
        assertFalse(Environment.first().policy().strict());
        assertTrue(Environment.last().policy().strict());
        for (Environment env : Environment.values()) {
            assertTrue(env.approvals() >= 1 && env.approvals() <= GitLabGovernanceSettings.MAX_APPROVALS, env.id());
            assertFalse(env.codeOwners().isEmpty(), env.id() + " names the owners of its cluster directory");
            assertEquals(env.id(), env.branch());
            assertEquals(env.ordinal() == 0, env.previous().isEmpty());
        }
    }

    @Test
    void messagesListEveryEnvironment() {
        ObjectNode unknown = Stacks.minimal("dev", 1).put("environment", "staging");
        ConfigException e = assertThrows(ConfigException.class, () -> Stacks.load("dev", unknown));
        assertTrue(e.getMessage().contains("expected " + Environment.choices()), e.getMessage());
        ObjectNode unnamed = Stacks.minimal("dev", 1);
        unnamed.remove("environment");
        e = assertThrows(ConfigException.class, () -> Stacks.load("staging", unnamed));
        assertTrue(e.getMessage().contains("is not named " + Environment.choices()), e.getMessage());
        ObjectNode owner = GovernanceConfigs.stack("dev", "projectSettings: {owner: staging}\n");
        e = assertThrows(ConfigException.class, () -> GovernanceConfigs.load(owner));
        assertTrue(e.getMessage().contains("expected " + Environment.choices()), e.getMessage());
        for (Environment env : Environment.values()) {
            assertTrue(Environment.choices().contains(env.id()));
            assertTrue(Arrays.asList(Environment.ids("|").split("\\|")).contains(env.id()));
        }
    }

    /** Code without comments or string contents is what decides; a comment may well name an environment. */
    private static String code(Path file) {
        try {
            return Files.readString(file).replaceAll("(?s)/\\*.*?\\*/|//[^\\n]*", " ");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void noCodeOutsideEnvironmentDecidesByAnEnvironmentsName() throws IOException {
        List<String> ids = Arrays.stream(Environment.values()).map(Environment::id).toList();
        List<String> constants = Arrays.stream(Environment.values()).map(Enum::name).toList();
        Pattern constant = Pattern.compile("\\bEnvironment\\.(" + String.join("|", constants) + ")\\b"
                + "|\\bcase\\s+(" + String.join("|", constants) + ")\\b");
        Pattern literal = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (file.endsWith(Path.of("io/fluxfleet/config/Environment.java"))) {
                    continue;
                }
                String code = code(file);
                Matcher m = constant.matcher(code);
                while (m.find()) {
                    found.add(file + ": " + m.group());
                }
                Matcher s = literal.matcher(code);
                while (s.find()) {
                    String text = s.group(1);
                    long named = ids.stream().filter(id -> text.matches("(?s).*\\b" + id + "\\b.*")).count();
                    if (ids.contains(text) || named >= 2) {
                        found.add(file + ": \"" + text + "\"");
                    }
                }
            }
        }
        assertEquals(List.of(), found, "decide through Environment's policy, and list environments with"
                + " Environment.choices()/ids()");
    }

    // ---- adding an environment: one constant plus its stack file ----

    /** The constant the proof adds: between dev and preprod, relaxed, with its own profile and owners. */
    private static final String QA = "    QA(\"qa\", new Policy(new Profile(\"1\", \"3Gi\", \"10d\", \"20s\", \"15Gi\"), 2,"
            + " List.of(Team.QA), false, ObjectQuota.of(60, 30, 0, 0, 15, \"30Gi\", 150, 150, 60, 15, 15)"
            + ".with(ObjectQuota.controllerWork(30, 30, 15, 15, 15, 5, 30, 30, 30, 30)))),\n";

    @Test
    void addingAnEnvironmentIsOneConstantPlusItsStackFile(@TempDir Path dir) throws Exception {
        Path sources = dir.resolve("src");
        copy(MAIN, sources);
        for (Path generated : generatedSourceRoots()) {
            copy(generated, sources);
        }
        Path environment = sources.resolve("io/fluxfleet/config/Environment.java");
        String text = Files.readString(environment);
        int preprod = text.indexOf("    PREPROD(");
        assertTrue(preprod > 0, "Environment.java declares PREPROD");
        Files.writeString(environment, text.substring(0, preprod) + QA + text.substring(preprod));

        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<Path> classpath = dependencyClasspath();
        compile(sources, classes, classpath);

        // qa's stack file: preprod's, with qa's name, and the profile and approvals left to qa's defaults
        String qaFile = Files.readString(Stacks.stackFile("preprod")).replace("preprod", "qa")
                .replaceAll("(?m)^  fluxfleet:profile:\\n(    .*\\n)+", "")
                .replaceAll("(?m)^    approvals: .*\\n", "");
        Path stacks = Files.createDirectories(dir.resolve("stacks"));
        Files.writeString(stacks.resolve("Pulumi.qa.yaml"), qaFile);

        List<URL> urls = new ArrayList<>(List.of(classes.toUri().toURL(), Path.of("src/main/resources").toUri().toURL()));
        for (Path p : classpath) {
            urls.add(p.toUri().toURL());
        }
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            Program program = new Program(loader);

            Object qa = program.load("qa", stacks.resolve("Pulumi.qa.yaml"));
            assertEquals("qa", program.get(qa, "environment", "id"));
            assertEquals("3Gi", program.get(qa, "profile", "memory"), "qa's profile defaults apply");
            assertEquals(2, program.get(qa, "gitlab", "governance", "approvals"));
            assertEquals(false, program.get(qa, "protect"));
            assertEquals("prod", program.get(qa, "gitlab", "governance", "projectSettings", "owner", "id"));
            String qaRender = program.render(qa);
            assertTrue(qaRender.contains("\"name\" : \"qa\",\n      \"project\" : \"your-org/tenant1-gitops\",\n"
                    + "      \"ref\" : \"dev\""), "qa's branch is created from dev's");
            assertTrue(qaRender.contains("\"path\" : \"./clusters/tenant1/qa-cluster\""), "qa's Kustomization");

            String devRender = program.render(program.load("dev", Stacks.stackFile("dev")));
            assertTrue(devRender.contains("/clusters/tenant1/qa-cluster/ @your-org/qa-team\\n"), "CODEOWNERS owns qa's directory");
            assertTrue(devRender.contains("\"filePath\" : \"clusters/tenant1/qa-cluster/kustomization.yaml\""),
                    "dev seeds qa's cluster directory");
            String preprodRender = program.render(program.load("preprod", Stacks.stackFile("preprod")));
            assertTrue(preprodRender.contains("\"ref\" : \"qa\""), "preprod's branch is now created from qa's");
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /** The program compiled with QA, driven by reflection: config loading and the offline render. */
    private static final class Program {
        private final Class<?> rawConfig;
        private final Class<?> configLoader;
        private final Class<?> config;
        private final Method render;
        private final Method files;

        Program(ClassLoader loader) throws ReflectiveOperationException {
            rawConfig = loader.loadClass("io.fluxfleet.config.RawConfig");
            configLoader = loader.loadClass("io.fluxfleet.config.ConfigLoader");
            config = loader.loadClass("io.fluxfleet.config.FluxFleetConfig");
            render = loader.loadClass("io.fluxfleet.render.Renderer").getMethod("render", config);
            files = loader.loadClass("io.fluxfleet.render.RenderWriter").getMethod("files", render.getReturnType());
        }

        Object load(String stack, Path file) throws ReflectiveOperationException {
            Object raw = rawConfig.getMethod("fromStackFile", Path.class).invoke(null, file);
            Consumer<String> ignore = warning -> { };
            return configLoader.getMethod("load", String.class, rawConfig, Consumer.class).invoke(null, stack, raw, ignore);
        }

        Object get(Object value, String... accessors) throws ReflectiveOperationException {
            Object current = value;
            for (String accessor : accessors) {
                Method m = current.getClass().getMethod(accessor);
                m.setAccessible(true);
                current = m.invoke(current);
            }
            return current;
        }

        String render(Object loaded) throws ReflectiveOperationException {
            @SuppressWarnings("unchecked")
            Map<String, String> out = (Map<String, String>) files.invoke(null, render.invoke(null, loaded));
            return out.get("resources.json");
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
    }

    /** Sources the build generates (e.g. provider bindings), which the copied main sources need. */
    private static List<Path> generatedSourceRoots() throws IOException {
        Path generated = Path.of("target/generated-sources");
        if (!Files.isDirectory(generated)) {
            return List.of();
        }
        try (Stream<Path> roots = Files.list(generated)) {
            return roots.filter(Files::isDirectory).filter(r -> !r.endsWith("annotations")).toList();
        }
    }

    /**
     * The test's classpath without fluxfleet's own classes: the dependencies. Surefire may pass them in a
     * manifest-only jar, whose {@code Class-Path} is expanded here.
     */
    private static List<Path> dependencyClasspath() throws IOException {
        List<Path> result = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            if (path.endsWith(Path.of("target/classes")) || path.endsWith(Path.of("target/test-classes"))) {
                continue;
            }
            if (path.toString().endsWith(".jar") && path.getFileName().toString().startsWith("surefire")) {
                try (JarFile jar = new JarFile(path.toFile())) {
                    String manifestPath = jar.getManifest().getMainAttributes().getValue("Class-Path");
                    for (String url : manifestPath == null ? new String[0] : manifestPath.trim().split("\\s+")) {
                        Path p = Path.of(java.net.URI.create(url));
                        if (!p.endsWith(Path.of("target/classes")) && !p.endsWith(Path.of("target/test-classes"))
                                && !p.getFileName().toString().startsWith("surefire")) {
                            result.add(p);
                        }
                    }
                }
                continue;
            }
            result.add(path);
        }
        return result;
    }

    private static void compile(Path sources, Path classes, List<Path> classpath) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-proc:none", "-nowarn", "-encoding", "UTF-8", "--release", "17",
                "-d", classes.toString(), "-cp",
                String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList())));
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = javac.run(null, null, err, args.toArray(String[]::new));
        assertEquals(0, code, "the program with a QA constant compiles:\n" + err.toString(StandardCharsets.UTF_8));
    }
}
