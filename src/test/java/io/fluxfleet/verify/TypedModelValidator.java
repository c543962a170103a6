package io.fluxfleet.verify;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;

/**
 * Checks an object against fabric8's typed Kubernetes model (kubernetes-model-admissionregistration 8.0.0, generated
 * from the Kubernetes OpenAPI), for kinds the published 1.30 JSON-schema set in the fixtures does not carry: the
 * object must bind to the typed class (a value of the wrong type fails), and nothing may land in a model class's
 * {@code additionalProperties} (fabric8 keeps unknown fields there instead of failing), which is the strictness the
 * standalone-strict schemas give the other kinds.
 */
final class TypedModelValidator {
    /** apiVersion/kind → the fabric8 class that models it. */
    static final Map<String, Class<?>> MODELS = Map.of(
            "admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy",
            io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy.class,
            "admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding",
            io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding.class);
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private TypedModelValidator() {}

    static boolean models(String apiVersion, String kind) {
        return MODELS.containsKey(apiVersion + "/" + kind);
    }

    static void check(Map<String, Object> object, String apiVersion, String kind, List<SchemaChecker.Failure> failures) {
        Object typed;
        try {
            typed = MAPPER.convertValue(object, MODELS.get(apiVersion + "/" + kind));
        } catch (IllegalArgumentException e) {
            failures.add(new SchemaChecker.Failure("(object)", "does not bind to the typed model: " + e.getMessage()));
            return;
        }
        walk(typed, "", failures);
    }

    private static void walk(Object value, String path, List<SchemaChecker.Failure> failures) {
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", failures);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, failures));
            return;
        }
        if (value == null || !value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(k -> failures.add(new SchemaChecker.Failure(
                            (path.isEmpty() ? "" : path.substring(1) + ".") + k, "unknown field")));
                }
                continue;
            }
            String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
            walk(child, path + "." + field, failures);
        }
    }
}
