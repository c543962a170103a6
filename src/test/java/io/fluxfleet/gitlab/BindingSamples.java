package io.fluxfleet.gitlab;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reflection over binding args classes: their wire names, and builders filled with sample values. */
final class BindingSamples {
    private BindingSamples() {}

    static Map<String, Field> importNames(Class<?> args) {
        Map<String, Field> imports = new LinkedHashMap<>();
        for (Field field : args.getDeclaredFields()) {
            Import annotation = field.getAnnotation(Import.class);
            if (annotation != null) {
                imports.put(annotation.name().isEmpty() ? field.getName() : annotation.name(), field);
            }
        }
        return imports;
    }

    static void set(Object builder, Field field) throws ReflectiveOperationException {
        Method setter = builder.getClass().getMethod(field.getName(), Output.class);
        setter.invoke(builder, Output.of(sample(typeArgument(field.getGenericType(), 0))));
    }

    static Object builderValue(Object builder, Field field) throws ReflectiveOperationException {
        Field holder = builder.getClass().getDeclaredField("$");
        holder.setAccessible(true);
        Object args = holder.get(builder);
        field.setAccessible(true);
        return field.get(args);
    }

    static Object sample(Type type) throws ReflectiveOperationException {
        Class<?> raw = rawClass(type);
        if (raw == String.class) {
            return "x";
        }
        if (raw == Integer.class) {
            return 1;
        }
        if (raw == Boolean.class) {
            return true;
        }
        if (raw == Double.class) {
            return 1.0;
        }
        if (raw == List.class) {
            return List.of(sample(typeArgument(type, 0)));
        }
        if (raw == Map.class) {
            return Map.of("k", sample(typeArgument(type, 1)));
        }
        Object builder = raw.getMethod("builder").invoke(null);
        for (Field f : importNames(raw).values()) {
            if (f.getAnnotation(Import.class).required()) {
                set(builder, f);
            }
        }
        return builder.getClass().getMethod("build").invoke(builder);
    }

    /** A builder of {@code args} with every input set to a sample value. */
    static Object builderWithAllInputs(Class<?> args) throws ReflectiveOperationException {
        Object builder = args.getMethod("builder").invoke(null);
        for (Field f : importNames(args).values()) {
            set(builder, f);
        }
        return builder;
    }

    static Object build(Object builder) throws ReflectiveOperationException {
        return builder.getClass().getMethod("build").invoke(builder);
    }

    static Type typeArgument(Type type, int index) {
        if (!(type instanceof ParameterizedType p)) {
            throw new IllegalArgumentException("expected a parameterized type, got " + type);
        }
        return p.getActualTypeArguments()[index];
    }

    static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalArgumentException("unsupported type " + type);
    }

}
