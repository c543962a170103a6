package io.fluxfleet.verify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.fluxfleet.verify.KubeObjects.child;
import static io.fluxfleet.verify.KubeObjects.describe;
import static io.fluxfleet.verify.KubeObjects.show;

/**
 * Checks that every pod a workload makes lands on the intended nodes: its pod spec carries each required
 * {@code nodeSelector} entry, and its tolerations tolerate each taint of those nodes. Objects that run no
 * pods pass.
 *
 * <p>Toleration matching is Kubernetes' own ({@code ToleratesTaint}): the effect matches or is empty, the key
 * matches (or is empty with {@code Exists}), and the operator is {@code Exists} or the values are equal
 * ({@code Equal}, the default). So a wider toleration than the one configured still passes, as it would
 * schedule.
 */
public final class PodPlacementValidator implements ObjectValidator {

    /** A node taint pods must tolerate, e.g. {@code node-role.com/platform-worker=true:NoExecute}. */
    public record Taint(String key, String value, String effect) {
        @Override
        public String toString() {
            return key + "=" + value + ":" + effect;
        }
    }

    private final Map<String, String> nodeSelector;
    private final List<Taint> taints;

    public PodPlacementValidator(Map<String, String> nodeSelector, List<Taint> taints) {
        this.nodeSelector = new LinkedHashMap<>(nodeSelector);
        this.taints = List.copyOf(taints);
    }

    @Override
    public List<String> validate(Map<String, Object> object) {
        String path = KubeObjects.podSpecPath(object.get("kind"));
        if (path == null) {
            return List.of();
        }
        String id = describe(object);
        List<String> violations = new ArrayList<>();
        if (!(KubeObjects.at(object, path) instanceof Map<?, ?> podSpec)) {
            return List.of(id + ": " + path + ": missing, so the pods cannot be placed");
        }
        Map<?, ?> selector = podSpec.get("nodeSelector") instanceof Map<?, ?> m ? m : Map.of();
        nodeSelector.forEach((key, value) -> {
            if (!value.equals(selector.get(key))) {
                violations.add(id + ": " + child(path + ".nodeSelector", key) + ": "
                        + (selector.containsKey(key) ? show(selector.get(key)) : "missing")
                        + ", but every pod must select nodes with " + key + "=" + show(value));
            }
        });
        List<?> tolerations = podSpec.get("tolerations") instanceof List<?> l ? l : List.of();
        for (Taint taint : taints) {
            if (tolerations.stream().noneMatch(t -> t instanceof Map<?, ?> tm && tolerates(tm, taint))) {
                violations.add(id + ": " + path + ".tolerations: no toleration for taint " + taint
                        + ", but every pod must tolerate it (e.g. {key: " + taint.key + ", operator: Equal, value: \""
                        + taint.value + "\", effect: " + taint.effect + "}); has " + tolerations);
            }
        }
        return violations;
    }

    public static boolean tolerates(Map<?, ?> toleration, Taint taint) {
        Object effect = toleration.get("effect");
        if (effect != null && !"".equals(effect) && !effect.equals(taint.effect)) {
            return false;
        }
        Object key = toleration.get("key");
        Object operator = toleration.get("operator") == null ? "Equal" : toleration.get("operator");
        if (key == null || "".equals(key)) {
            return "Exists".equals(operator);
        }
        if (!key.equals(taint.key)) {
            return false;
        }
        return switch (String.valueOf(operator)) {
            case "Exists" -> true;
            case "Equal", "" -> taint.value.equals(toleration.get("value") == null ? "" : toleration.get("value"));
            default -> false;
        };
    }
}
