package io.fluxfleet.health;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Drift on the fields fluxfleet sets: every field of the desired value must be in the live one with an equal value;
 * fields only the live object has (API-server and controller defaults, status) are not drift. Keys are walked in
 * sorted order, so the same drift always reads the same. Lists compare item by
 * item and must have the same length (a removed network-policy rule is drift). Numbers compare by value.
 */
final class Subset {
    private Subset() {}

    /** The paths (e.g. {@code spec.interval}) where {@code live} differs from {@code desired}; empty when none. */
    static List<String> differences(String path, Object desired, Object live) {
        List<String> out = new ArrayList<>();
        walk(path, desired, live, out);
        return out;
    }

    private static void walk(String path, Object desired, Object live, List<String> out) {
        if (desired instanceof Map<?, ?> d) {
            if (!(live instanceof Map<?, ?> l)) {
                out.add(path + " (missing)");
                return;
            }
            java.util.TreeMap<String, Object> sorted = new java.util.TreeMap<>();
            d.forEach((k, v) -> sorted.put(String.valueOf(k), v));
            sorted.forEach((k, v) -> {
                if (v != null) {
                    walk(path.isEmpty() ? k : path + "." + k, v, l.get(k), out);
                }
            });
        } else if (desired instanceof List<?> d) {
            if (!(live instanceof List<?> l) || l.size() != d.size()) {
                out.add(path + (live == null ? " (missing)" : " (" + d.size() + " items wanted, "
                        + (live instanceof List<?> l2 ? l2.size() : "not a list") + " found)"));
                return;
            }
            for (int i = 0; i < d.size(); i++) {
                walk(path + "[" + i + "]", d.get(i), l.get(i), out);
            }
        } else if (live == null) {
            out.add(path + " (missing)");
        } else if (desired instanceof Number a && live instanceof Number b) {
            if (new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) != 0) {
                out.add(path + ": " + b + " (wanted " + a + ")");
            }
        } else if (!String.valueOf(desired).equals(String.valueOf(live))) {
            out.add(path + ": " + shown(live) + " (wanted " + shown(desired) + ")");
        }
    }

    private static String shown(Object value) {
        String s = io.fluxfleet.config.Shown.escaped(String.valueOf(value));
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
