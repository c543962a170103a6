package io.fluxfleet.gitlab;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.CustomType;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.InvokeArgs;
import com.pulumi.resources.ProviderResource;
import com.pulumi.resources.ResourceArgs;
import io.fluxfleet.gitlab.bindings.GitLabPlugin;
import io.fluxfleet.gitlab.bindings.GitlabFunctions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every class of the {@code io.fluxfleet.gitlab.bindings} package tree, found on the classpath rather than listed,
 * so a binding added later is held against the schema without anyone remembering to register it.
 */
final class GitLabBindings {
    static final String PACKAGE = GitLabPlugin.class.getPackageName();
    static final String PROVIDER_TOKEN = "pulumi:providers:" + GitLabPlugin.NAME;

    /** A resource binding: its class, its args class and its type token. */
    record ResourceBinding(Class<? extends CustomResource> type, Class<? extends ResourceArgs> args, String token) {
        boolean isProvider() {
            return ProviderResource.class.isAssignableFrom(type);
        }
    }

    /** A data source binding: the Output-returning method, its args and result classes, and its token. */
    record FunctionBinding(Method method, Class<? extends InvokeArgs> args, Class<?> result, String token) {}

    private GitLabBindings() {}

    static List<Class<?>> classes() {
        Path root;
        try {
            root = Path.of(GitLabPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("bindings are expected in a classes directory, got " + root);
        }
        Path dir = root.resolve(PACKAGE.replace('.', '/'));
        try (Stream<Path> files = Files.walk(dir)) {
            List<Class<?>> classes = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (!name.contains("$")) {
                    classes.add(Class.forName(name));
                }
            }
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<ResourceBinding> resources() {
        List<ResourceBinding> result = new ArrayList<>();
        for (Class<?> c : classes()) {
            ResourceType annotation = c.getAnnotation(ResourceType.class);
            if (annotation == null || !CustomResource.class.isAssignableFrom(c)) {
                continue;
            }
            Class<?> args = Arrays.stream(c.getConstructors())
                    .filter(k -> k.getParameterCount() == 3 && k.getParameterTypes()[0] == String.class
                            && k.getParameterTypes()[2] == CustomResourceOptions.class)
                    .map(k -> k.getParameterTypes()[1])
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(c + " has no (String, Args, CustomResourceOptions) constructor"));
            result.add(new ResourceBinding((Class<? extends CustomResource>) c, (Class<? extends ResourceArgs>) args,
                    annotation.type()));
        }
        result.sort(Comparator.comparing(ResourceBinding::token));
        return result;
    }

    @SuppressWarnings("unchecked")
    static List<FunctionBinding> functions() {
        List<FunctionBinding> result = new ArrayList<>();
        for (Method m : GitlabFunctions.class.getDeclaredMethods()) {
            if (!Modifier.isPublic(m.getModifiers()) || !Modifier.isStatic(m.getModifiers())
                    || m.getReturnType() != Output.class) {
                continue;
            }
            Class<?> resultType = (Class<?>) ((ParameterizedType) m.getGenericReturnType()).getActualTypeArguments()[0];
            String token = "gitlab:index/" + m.getName() + ":" + m.getName();
            result.add(new FunctionBinding(m, (Class<? extends InvokeArgs>) m.getParameterTypes()[0], resultType, token));
        }
        result.sort(Comparator.comparing(FunctionBinding::token));
        return result;
    }

    static boolean isCustomType(Class<?> c) {
        return c.isAnnotationPresent(CustomType.class);
    }
}
