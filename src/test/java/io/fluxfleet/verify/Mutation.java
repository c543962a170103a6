package io.fluxfleet.verify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One way of breaking a valid object, for the mutation checks that prove the validators have teeth. Paths
 * are dotted; a numeric step indexes a list ({@code spec.eventSources.1.kind}).
 */
record Mutation(String description, Consumer<Map<String, Object>> change) {

    @Override
    public String toString() {
        return description;
    }

    Map<String, Object> applyTo(Map<String, Object> valid) {
        Map<String, Object> broken = KubeObjects.deepCopy(valid);
        change.accept(broken);
        return broken;
    }

    static Mutation set(String path, Object value) {
        return new Mutation("set " + path + " = " + KubeObjects.show(value), o -> parent(o, path).put(last(path), value));
    }

    static Mutation remove(String path) {
        return new Mutation("remove " + path, o -> {
            if (parent(o, path).remove(last(path)) == null) {
                throw new IllegalArgumentException("nothing to remove at " + path);
            }
        });
    }

    /** Renames a field in place, keeping its position and value. */
    static Mutation rename(String path, String newName) {
        return new Mutation("rename " + path + " to " + newName, o -> {
            Map<String, Object> parent = parent(o, path);
            Map<String, Object> renamed = new LinkedHashMap<>();
            parent.forEach((k, v) -> renamed.put(k.equals(last(path)) ? newName : k, v));
            parent.clear();
            parent.putAll(renamed);
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parent(Map<String, Object> object, String path) {
        Object current = object;
        String[] steps = path.split("\\.");
        for (int i = 0; i < steps.length - 1; i++) {
            current = current instanceof List<?> list
                    ? list.get(Integer.parseInt(steps[i]))
                    : ((Map<String, Object>) current).get(steps[i]);
        }
        return (Map<String, Object>) current;
    }

    private static String last(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
