package io.fluxfleet.verify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Checks one Kubernetes object, given as a plain tree in wire form ({@code Map<String,Object>} with
 * String/Number/Boolean/List/Map values), and returns every rule it breaks.
 *
 * <p>Invariant for every implementation: each violation is one line that names the object
 * ({@code Kind namespace/name}), the field path ({@code spec.sourceRef.kind}) and the rule broken, so a
 * developer can fix the object without a debugger. An empty list means the object passes.
 */
public interface ObjectValidator {

    List<String> validate(Map<String, Object> object);

    /** A validator that reports the violations of this one, then those of {@code other}. */
    default ObjectValidator and(ObjectValidator other) {
        ObjectValidator first = this;
        return object -> {
            List<String> all = new ArrayList<>(first.validate(object));
            all.addAll(other.validate(object));
            return all;
        };
    }

    /** Violations of all the objects, in order. */
    default List<String> validateAll(Collection<? extends Map<String, Object>> objects) {
        List<String> all = new ArrayList<>();
        for (Map<String, Object> object : objects) {
            all.addAll(validate(object));
        }
        return all;
    }

    /** Fails with every violation of the object, not just the first. */
    default void assertValid(Map<String, Object> object) {
        failIfAny(validate(object));
    }

    /** Fails with every violation of every object. */
    default void assertAllValid(Collection<? extends Map<String, Object>> objects) {
        failIfAny(validateAll(objects));
    }

    private static void failIfAny(List<String> violations) {
        if (!violations.isEmpty()) {
            throw new AssertionError(violations.size() + " violation(s):\n  - "
                    + String.join("\n  - ", violations));
        }
    }
}
