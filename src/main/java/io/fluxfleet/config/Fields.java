package io.fluxfleet.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads one config object key by key, recording every problem under its full key path instead of stopping
 * at the first. Each read marks its key as known; {@link #finish()} then reports the keys nobody read as
 * unknown, with the closest known key as a suggestion.
 */
public final class Fields {
    private final String path;
    private final JsonNode node;
    private final List<Problem> problems;
    private final Context context;
    private final Set<String> known = new LinkedHashSet<>();

    /**
     * What every reader of one config shares: the raw config, the warnings collected, and every key path read
     * (list indexes as {@code []}), which is how the documentation test knows the whole key set.
     */
    /**
     * @param plaintextSecrets each secret key found stored in plain text, with the warning given for it: a strict
     *                         environment turns these into problems ({@link Environment#refusesPlaintextSecrets})
     */
    record Context(String stack, RawConfig raw, List<String> warnings, Set<String> keysRead, java.time.LocalDate today,
                   Map<String, String> plaintextSecrets) {
        Context(String stack, RawConfig raw, List<String> warnings, Set<String> keysRead, java.time.LocalDate today) {
            this(stack, raw, warnings, keysRead, today, new java.util.LinkedHashMap<>());
        }
    }

    /** The date (UTC) config is judged on: a deploy-token expiry must lie after it. */
    public java.time.LocalDate today() {
        return context.today();
    }

    Fields(String path, JsonNode node, List<Problem> problems, Context context) {
        this.path = path;
        this.node = node;
        this.problems = problems;
        this.context = context;
    }

    private void markKnown(String name) {
        known.add(name);
        context.keysRead().add(key(name).replaceAll("\\[[0-9]+]", "[]"));
    }

    public String path() {
        return path;
    }

    /** The full key path of a child key, e.g. {@code fluxfleet:flux.chartVersion}. */
    public String key(String name) {
        return path.endsWith(":") ? path + name : path + "." + name;
    }

    /** A warning the render and {@code pulumi up} print, for a setting that is allowed but risky. */
    public void warn(String message) {
        context.warnings().add(message);
    }

    public void problem(String name, String message) {
        problems.add(new Problem(key(name), message));
    }

    private JsonNode raw(String name) {
        markKnown(name);
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value;
    }

    /**
     * Whether a key that is not part of the config (a common mistake, reported by the caller with a better message than
     * "unknown key") is present; {@link #finish()} then leaves it to the caller, and the documented key set omits it.
     */
    public boolean hasMistaken(String name) {
        known.add(name);
        return node != null && node.isObject() && node.has(name);
    }

    public boolean has(String name) {
        markKnown(name);
        return node != null && node.isObject() && node.has(name) && !node.get(name).isNull();
    }

    public Optional<String> optionalString(String name) {
        JsonNode value = raw(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isValueNode()) {
            problem(name, "expected a single value, got " + describe(name, value));
            return Optional.empty();
        }
        String text = value.asText();
        if (text.isBlank()) {
            problem(name, "must not be empty");
            return Optional.empty();
        }
        return Optional.of(text);
    }

    public String string(String name, String defaultValue) {
        return optionalString(name).orElse(defaultValue);
    }

    /** A required value; a missing one is reported and the placeholder returned so reading can go on. */
    public String required(String name, String placeholder) {
        if (!has(name)) {
            problem(name, "is required");
            return placeholder;
        }
        return optionalString(name).orElse(placeholder);
    }

    /** A string checked by a validator; an invalid value is reported and the default kept. */
    public String checked(String name, String defaultValue, Function<String, Optional<String>> validator) {
        Optional<String> value = optionalString(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        Optional<String> error = validator.apply(value.get());
        if (error.isPresent()) {
            problem(name, error.get());
            return defaultValue;
        }
        return value.get();
    }

    public boolean bool(String name, boolean defaultValue) {
        JsonNode value = raw(name);
        if (value == null) {
            return defaultValue;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        String text = value.isValueNode() ? value.asText() : "";
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        problem(name, "expected true or false, got " + describe(name, value));
        return defaultValue;
    }

    /** A whole number in {@code [Integer.MIN_VALUE, Integer.MAX_VALUE]}; see {@link #integer(String, int, long, long)}. */
    public int integer(String name, int defaultValue) {
        return integer(name, defaultValue, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /**
     * A whole number between {@code min} and {@code max} inclusive. The value is read exactly (YAML integers of
     * any size, or decimal text), never narrowed: a number out of range is reported as written, not wrapped, and
     * the default is kept so reading can go on.
     */
    public int integer(String name, int defaultValue, long min, long max) {
        JsonNode value = raw(name);
        if (value == null) {
            return defaultValue;
        }
        java.math.BigInteger number = null;
        if (value.isIntegralNumber()) {
            number = value.bigIntegerValue();
        } else if (value.isTextual() && value.asText().trim().matches("[-+]?[0-9]{1,1000}")) {
            number = new java.math.BigInteger(value.asText().trim());
        }
        if (number == null) {
            problem(name, "expected a whole number between " + min + " and " + max + ", got " + describe(name, value));
            return defaultValue;
        }
        if (number.compareTo(java.math.BigInteger.valueOf(min)) < 0 || number.compareTo(java.math.BigInteger.valueOf(max)) > 0) {
            problem(name, "must be between " + min + " and " + max + ", got " + Shown.escaped(
                    value.isTextual() ? value.asText().trim() : number.toString()));
            return defaultValue;
        }
        return number.intValueExact();
    }

    /**
     * A key that carries a secret: always a {@link Secret}, however the user wrote it. One stored in plain
     * text is accepted with a warning that says how to encrypt it. A key named without a value ({@code token:} with
     * nothing after it) says the stack needs the secret and nobody has set it yet: an error naming the command that
     * sets it, or offline a stand-in ({@link #unset}).
     */
    public Optional<Secret> secret(String name) {
        if (namedWithoutValue(name)) {
            return unset(name, "is named in the stack file without a value");
        }
        Optional<String> value = optionalString(name);
        value.ifPresent(v -> {
            String key = key(name);
            String local = key.substring(RawConfig.NAMESPACE.length() + 1);
            String topLevel = local.split("[.\\[]", 2)[0];
            if (!context.raw().storedEncrypted(topLevel, v)) {
                String warning = key + " carries a secret but is stored in plain text; encrypt it with `"
                        + setSecretCommand(name) + "`";
                context.warnings().add(warning);
                context.plaintextSecrets().put(key, warning);
            }
        });
        return value.map(Secret::new);
    }

    /**
     * A secret the stack cannot go without: missing (or named without a value) it is an error naming the command
     * that sets it, or offline a stand-in.
     *
     * @param why what the secret is for, after "is required: "
     */
    public Secret requiredSecret(String name, String why) {
        if (has(name)) {
            return secret(name).orElse(new Secret("invalid"));
        }
        return unset(name, namedWithoutValue(name) ? "is named in the stack file without a value (" + why + ")"
                : "is required: " + why).orElse(new Secret("invalid"));
    }

    /** Whether the key is present with no value ({@code key:} followed by nothing, or {@code null}). */
    private boolean namedWithoutValue(String name) {
        markKnown(name);
        return node != null && node.isObject() && node.has(name) && node.get(name).isNull();
    }

    /**
     * A secret that is not set. The engine's config: a problem naming the exact {@code pulumi config set} command.
     * A stack file read offline (render): a stand-in value that names the key (render shows it as
     * {@code [secret:<fingerprint>]} like every secret), and a warning with the same command.
     */
    private Optional<Secret> unset(String name, String what) {
        String command = setSecretCommand(name);
        if (context.raw().offline()) {
            context.warnings().add(key(name) + " " + what + "; render stands in for it, and `pulumi up` needs it: "
                    + command);
            return Optional.of(new Secret("[unset " + key(name) + "]"));
        }
        problem(name, what + "; set it with `" + command + "`");
        return Optional.empty();
    }

    /** The exact command that stores this key's secret encrypted in the stack's file. */
    public String setSecretCommand(String name) {
        String local = key(name).substring(RawConfig.NAMESPACE.length() + 1);
        boolean nested = local.contains(".") || local.contains("[");
        String shown = local.matches("[A-Za-z0-9._-]+") ? local : Shown.quoted(local);
        return "pulumi config set --secret" + (nested ? " --path " : " ") + shown + " <value> -s " + context.stack();
    }

    public List<String> strings(String name) {
        JsonNode value = raw(name);
        List<String> result = new ArrayList<>();
        if (value == null) {
            return result;
        }
        if (!value.isArray()) {
            problem(name, "expected a list, got " + describe(name, value));
            return result;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (item.isValueNode() && !item.asText().isBlank()) {
                result.add(item.asText());
            } else {
                problems.add(new Problem(key(name) + "[" + i + "]", "expected a non-empty value, got " + describe(name, item)));
            }
        }
        return result;
    }

    /**
     * A map of strings (e.g. labels), each entry checked by {@code validator(key, value)}; a bad entry is reported under
     * its own key path and left out.
     */
    public java.util.Map<String, String> stringMap(String name,
                                                   java.util.function.BiFunction<String, String, Optional<String>> validator) {
        JsonNode value = raw(name);
        java.util.Map<String, String> result = new java.util.TreeMap<>();
        if (value == null) {
            return result;
        }
        if (!value.isObject()) {
            problem(name, "expected an object of keys and values, got " + describe(name, value));
            return result;
        }
        for (Iterator<java.util.Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            java.util.Map.Entry<String, JsonNode> e = it.next();
            String itemKey = key(name) + "[" + Shown.quoted(e.getKey()) + "]";
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                problems.add(new Problem(itemKey, "expected a single value, got " + describe(name, e.getValue())));
                continue;
            }
            Optional<String> error = validator.apply(e.getKey(), e.getValue().asText());
            if (error.isPresent()) {
                problems.add(new Problem(itemKey, error.get()));
            } else {
                result.put(e.getKey(), e.getValue().asText());
            }
        }
        return result;
    }

    /** A nested object; a missing one reads as empty so its keys take their defaults. */
    public Fields object(String name) {
        JsonNode value = raw(name);
        if (value != null && !value.isObject()) {
            problem(name, "expected an object with keys, got " + describe(name, value));
            value = null;
        }
        return new Fields(key(name), value, problems, context);
    }

    /** A list of objects; {@code null} when the key is absent. */
    public List<Fields> objects(String name) {
        return objects(name, "");
    }

    /**
     * A list of objects; {@code null} when the key is absent.
     *
     * @param notObjectHint appended to the problem of an item that is not an object (e.g. the form a key took before
     *                      it became a list of objects, and the form it takes now)
     */
    public List<Fields> objects(String name, String notObjectHint) {
        JsonNode value = raw(name);
        if (value == null) {
            return null;
        }
        List<Fields> result = new ArrayList<>();
        if (!value.isArray()) {
            problem(name, "expected a list, got " + describe(name, value));
            return result;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String itemPath = key(name) + "[" + i + "]";
            if (!item.isObject()) {
                problems.add(new Problem(itemPath, "expected an object with keys, got " + describe(name, item)
                        + notObjectHint));
                continue;
            }
            result.add(new Fields(itemPath, item, problems, context));
        }
        return result;
    }

    /** Reports every key present in the object that no read asked for, suggesting the closest known key. */
    public void finish() {
        if (node == null || !node.isObject()) {
            return;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (known.contains(name)) {
                continue;
            }
            String suggestion = known.stream()
                    .min(Comparator.comparingInt((String k) -> Validators.distance(name, k)).thenComparing(k -> k))
                    .filter(k -> Validators.distance(name, k) <= Math.max(2, name.length() / 3))
                    .map(k -> "; did you mean " + Shown.quoted(k) + "?")
                    .orElse("; known keys: " + String.join(", ", known.stream().sorted().toList()));
            problem(name, "unknown key" + suggestion);
        }
    }

    /**
     * A value for a message: containers by kind, a scalar quoted and escaped by {@link Shown}, except under a key
     * that can hold a secret ({@link SecretKeys#canHoldSecret}), where only its kind and size are told. A
     * kubeconfig pasted as a string where an object belongs is such a value.
     */
    String describe(String name, JsonNode value) {
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "a list";
        }
        String text = value.asText();
        if (text.startsWith(RawConfig.ENCRYPTED_PREFIX)) {
            return "a secret value";
        }
        if (SecretKeys.canHoldSecret(key(name))) {
            return "a " + (value.isTextual() ? "text" : "scalar") + " value of " + text.length()
                    + " characters (not shown: this key can hold a secret)";
        }
        return Shown.quoted(text);
    }
}
