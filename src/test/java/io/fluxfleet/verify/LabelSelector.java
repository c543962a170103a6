package io.fluxfleet.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A controller's {@code --watch-label-selector} as the API server evaluates it, for the forms fluxfleet uses:
 * requirements joined by commas, all of which must hold (k8s.io/apimachinery {@code pkg/labels/selector.go}
 * {@code internalSelector.Matches}: every requirement matches), each one of
 * <ul>
 *   <li>{@code key}: the label exists, any value ({@code selection.Exists});</li>
 *   <li>{@code !key}: the label does not exist ({@code selection.DoesNotExist});</li>
 *   <li>{@code key=value} or {@code key==value}: the label exists with that value ({@code selection.Equals});
 *       an object without the label does not match;</li>
 *   <li>{@code key!=value}: the label is absent or has another value ({@code selection.NotEquals}).</li>
 * </ul>
 * Set forms ({@code in}, {@code notin}) are refused rather than guessed. The empty selector matches everything, as a
 * controller without {@code --watch-label-selector} watches everything (fluxcd/pkg {@code runtime/controller}
 * {@code WatchOptions}: an empty selector is {@code labels.Everything()}).
 */
public final class LabelSelector {
    private record Requirement(String key, String op, String value) {
        boolean matches(Map<String, ?> labels) {
            Object actual = labels.get(key);
            return switch (op) {
                case "exists" -> labels.containsKey(key);
                case "!" -> !labels.containsKey(key);
                case "=" -> labels.containsKey(key) && value.equals(String.valueOf(actual));
                case "!=" -> !labels.containsKey(key) || !value.equals(String.valueOf(actual));
                default -> throw new IllegalStateException(op);
            };
        }
    }

    private final String text;
    private final List<Requirement> requirements;

    private LabelSelector(String text, List<Requirement> requirements) {
        this.text = text;
        this.requirements = requirements;
    }

    public static LabelSelector parse(String selector) {
        List<Requirement> requirements = new ArrayList<>();
        for (String raw : selector.split(",")) {
            String part = raw.trim();
            if (part.isEmpty()) {
                continue;
            }
            if (part.contains(" in ") || part.contains(" notin ") || part.contains("(")) {
                throw new IllegalArgumentException("set-based requirement not modelled: " + part);
            }
            if (part.startsWith("!")) {
                requirements.add(new Requirement(key(part.substring(1)), "!", null));
            } else if (part.contains("!=")) {
                String[] kv = part.split("!=", 2);
                requirements.add(new Requirement(key(kv[0]), "!=", kv[1].trim()));
            } else if (part.contains("=")) {
                String[] kv = part.split("==?", 2);
                requirements.add(new Requirement(key(kv[0]), "=", kv[1].trim()));
            } else {
                requirements.add(new Requirement(key(part), "exists", null));
            }
        }
        return new LabelSelector(selector, List.copyOf(requirements));
    }

    private static String key(String key) {
        String k = key.trim();
        if (k.isEmpty() || k.contains(" ") || k.contains("=")) {
            throw new IllegalArgumentException("not a label key: '" + key + "'");
        }
        return k;
    }

    public boolean matches(Map<String, ?> labels) {
        return requirements.stream().allMatch(r -> r.matches(labels));
    }

    @Override
    public String toString() {
        return text.isEmpty() ? "(everything)" : text;
    }
}
