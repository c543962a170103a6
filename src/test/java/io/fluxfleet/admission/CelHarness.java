package io.fluxfleet.admission;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The CEL engine in a class loader of its own: {@code dev.cel:cel} 0.14.0 needs protobuf-java 4.35.1 and guava
 * 33.6.0, while the program (and so the rest of the test classpath) runs pulumi's protobuf 3.25.5 and guava 32.1.2.
 * The build copies the engine's versions to {@code target/cel-engine} (pom.xml, execution {@code cel-engine}); the
 * CEL jars themselves come from the test classpath. The loader's parent is the platform loader, so only
 * {@code java.*} values cross.
 */
public final class CelHarness {
    private static CelHarness instance;

    private final Object engine;
    private final Method compile;
    private final Method eval;

    private CelHarness() {
        try {
            List<URL> urls = new ArrayList<>();
            urls.add(CelHarness.class.getProtectionDomain().getCodeSource().getLocation());
            try (Stream<Path> jars = Files.list(Path.of("target", "cel-engine"))) {
                for (Path jar : jars.sorted().toList()) {
                    urls.add(jar.toUri().toURL());
                }
            }
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                String p = entry.replace('\\', '/');
                if (p.contains("/dev/cel/") || p.contains("/com/google/re2j/") || p.contains("/org/antlr/antlr4-runtime/")
                        || p.contains("/org/threeten/") || p.contains("/org/jspecify/") || p.contains("/auto-value-annotations/")) {
                    urls.add(Path.of(entry).toUri().toURL());
                }
            }
            if (urls.stream().noneMatch(u -> u.getPath().contains("protobuf-java-4"))) {
                throw new IllegalStateException("target/cel-engine lacks protobuf-java 4: run the build (mvn test)");
            }
            ClassLoader loader = new URLClassLoader("cel-engine", urls.toArray(URL[]::new),
                    ClassLoader.getPlatformClassLoader());
            Class<?> type = loader.loadClass("io.fluxfleet.admission.cel.CelEngine");
            engine = type.getConstructor().newInstance();
            compile = type.getMethod("compile", String.class);
            eval = type.getMethod("eval", Object.class, Map.class);
        } catch (ReflectiveOperationException | java.io.IOException e) {
            throw new IllegalStateException("cannot start the CEL engine", e);
        }
    }

    public static synchronized CelHarness get() {
        if (instance == null) {
            instance = new CelHarness();
        }
        return instance;
    }

    /** A compiled expression; {@link CompileError} when CEL refuses it. */
    public Object compile(String expression) {
        try {
            return compile.invoke(engine, expression);
        } catch (InvocationTargetException e) {
            throw new CompileError(expression, e.getCause().getMessage());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The expression's value; {@link EvalError} when evaluation fails (Kubernetes then applies failurePolicy). */
    public Object eval(Object program, Map<String, Object> variables) {
        try {
            return eval.invoke(engine, program, variables);
        } catch (InvocationTargetException e) {
            throw new EvalError(e.getCause().getMessage());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    public static final class CompileError extends RuntimeException {
        CompileError(String expression, String message) {
            super("CEL refuses " + expression + ": " + message);
        }
    }

    public static final class EvalError extends RuntimeException {
        EvalError(String message) {
            super(message);
        }
    }
}
