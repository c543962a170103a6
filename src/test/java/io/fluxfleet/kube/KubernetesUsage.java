package io.fluxfleet.kube;

import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The classes of the {@code com.pulumi:kubernetes} 4.0.0 Java SDK that fluxfleet's program uses, read from the
 * imports of {@code src/main/java}: the resource classes are the roots of the schema trim and of the compatibility
 * check, so a resource kind added to the program is covered without being listed here.
 */
final class KubernetesUsage {
    private static final Pattern IMPORT = Pattern.compile("^import (com\\.pulumi\\.kubernetes\\.[\\w.]+);", Pattern.MULTILINE);

    private KubernetesUsage() {}

    /** Every {@code com.pulumi.kubernetes.*} class the program imports, sorted. */
    static List<String> importedClasses() {
        TreeSet<String> classes = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    classes.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(classes);
    }

    /** The SDK resource classes among them: CustomResources with a {@code @ResourceType}. */
    static List<Class<?>> resourceClasses() {
        return importedClasses().stream().map(KubernetesUsage::load)
                .filter(c -> CustomResource.class.isAssignableFrom(c) && c.isAnnotationPresent(ResourceType.class))
                .<Class<?>>map(c -> c).toList();
    }

    /** The args class a resource class is built from: the second parameter of its (name, args, options) constructor. */
    static Class<?> argsClass(Class<?> resource) {
        try {
            return load(resource.getName() + "Args");
        } catch (IllegalStateException e) {
            throw new IllegalStateException(resource.getName() + " has no Args class", e);
        }
    }

    static Class<?> load(String name) {
        try {
            return Class.forName(name, false, KubernetesUsage.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name + " is not on the classpath", e);
        }
    }
}
