package io.fluxfleet;

import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;

import io.fluxfleet.config.FluxFleetConfig;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every component has the shape the house style asks for (pulumi-awsx's {@code (name, args, options)}): one public
 * constructor taking its name, its own {@code Args} record and its options, a {@code TYPE} token, and never the whole
 * {@link FluxFleetConfig}, so it can be built alone and a config section reaches only the code that reads it.
 */
class ComponentShapeTest {

    @Test
    void everyComponentTakesNameArgsAndOptions() throws Exception {
        List<Class<?>> components = components();
        assertFalse(components.isEmpty());
        List<String> problems = new ArrayList<>();
        for (Class<?> type : components) {
            Constructor<?>[] constructors = type.getConstructors();
            if (constructors.length != 1) {
                problems.add(type.getSimpleName() + " has " + constructors.length + " public constructors");
                continue;
            }
            Class<?>[] params = constructors[0].getParameterTypes();
            Class<?> args = Arrays.stream(type.getDeclaredClasses()).filter(c -> c.getSimpleName().equals("Args"))
                    .findFirst().orElse(null);
            if (args == null || !args.isRecord()) {
                problems.add(type.getSimpleName() + " has no Args record");
            } else if (!List.of(String.class, args, ComponentResourceOptions.class).equals(List.of(params))) {
                problems.add(type.getSimpleName() + " takes " + Arrays.toString(params));
            } else if (Arrays.stream(args.getRecordComponents()).anyMatch(c -> c.getType() == FluxFleetConfig.class)) {
                problems.add(type.getSimpleName() + ".Args holds the whole FluxFleetConfig");
            }
            Field token = type.getField("TYPE");
            if (!Modifier.isStatic(token.getModifiers()) || !String.valueOf(token.get(null)).startsWith("fluxfleet:")) {
                problems.add(type.getSimpleName() + ".TYPE is not a fluxfleet token");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** The main classes that extend ComponentResource. */
    private static List<Class<?>> components() throws IOException, ClassNotFoundException {
        Path root = Path.of("src/main/java");
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                if (Files.readString(file).contains("extends ComponentResource")) {
                    String name = root.relativize(file).toString().replace('/', '.').replace('\\', '.')
                            .replaceAll("\\.java$", "");
                    Class<?> type = Class.forName(name);
                    if (ComponentResource.class.isAssignableFrom(type)) {
                        found.add(type);
                    }
                }
            }
        }
        return found;
    }
}
