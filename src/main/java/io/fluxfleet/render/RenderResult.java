package io.fluxfleet.render;

import com.pulumi.core.Output;

import io.fluxfleet.config.RawConfig;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every resource a stack registered, in a stable order: dependencies (parents, providers, dependsOn and
 * data flow) before dependents, ties broken by kind and name. That order does not depend on the order the
 * asynchronous program happened to register things in, so the same config always renders the same bytes.
 */
public final class RenderResult {
    public static final String HELM_RELEASE_TYPE = "kubernetes:helm.sh/v3:Release";

    private final String stack;
    private final List<Recorded> ordered;
    private final List<String> warnings;
    private final Map<String, Output<?>> outputs;
    private final Timing timing;

    /**
     * When the program ran, for the benchmark: epoch ms of the program's start, of the first resource reaching
     * the engine, and of the engine having received everything.
     */
    public record Timing(long started, long firstRegistration, long finished) {}

    RenderResult(String stack, List<Recorded> recorded, List<String> warnings, Map<String, Output<?>> outputs, Timing timing) {
        this.stack = stack;
        this.timing = timing;
        this.ordered = order(recorded);
        this.warnings = warnings;
        this.outputs = outputs;
    }

    public String stack() {
        return stack;
    }

    public List<Recorded> resources() {
        return ordered;
    }

    public Timing timing() {
        return timing;
    }

    /** Warnings the program logged, e.g. features left out for the GitLab tier. */
    public List<String> warnings() {
        return warnings;
    }

    public Map<String, Output<?>> outputs() {
        return outputs;
    }

    public List<Recorded> ofType(String type) {
        return ordered.stream().filter(r -> r.type().equals(type)).toList();
    }

    public Recorded find(String type, String name) {
        return ordered.stream().filter(r -> r.type().equals(type) && r.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no " + type + " named " + name + "; have: "
                        + ofType(type).stream().map(Recorded::name).toList()));
    }

    /** Kubernetes objects (everything the Kubernetes provider applies but Helm releases), in apply order. */
    public List<Recorded> kubernetesObjects() {
        return ordered.stream()
                .filter(r -> r.custom() && r.type().startsWith("kubernetes:") && !r.type().equals(HELM_RELEASE_TYPE))
                .toList();
    }

    public List<Recorded> helmReleases() {
        return ofType(HELM_RELEASE_TYPE);
    }

    /**
     * A copy of a value with every secret replaced by {@code [secret:<fingerprint>]}. Maps and lists inside a
     * secret keep their shape (a Secret's keys stay visible); the fingerprint is this stack's keyed
     * {@link Fingerprint}, so a changed secret shows as changed without showing, or letting anyone guess, what it is.
     */
    public Object redact(Object value) {
        return redact(value, Fingerprint.forStack(stack()));
    }

    /** As {@link #redact(Object)}, with the given fingerprinter. */
    public static Object redact(Object value, Fingerprint fingerprint) {
        if (value instanceof Recorded.SecretValue secret) {
            return redactSecret(secret.value(), fingerprint);
        }
        return mapValues(value, v -> redact(v, fingerprint));
    }

    private static Object redactSecret(Object value, Fingerprint fingerprint) {
        if (value instanceof Recorded.SecretValue inner) {
            return redactSecret(inner.value(), fingerprint);
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            return mapValues(value, v -> redactSecret(v, fingerprint));
        }
        return value == null ? null : fingerprint.placeholder(String.valueOf(value));
    }

    /** A value with secrets unwrapped; for tests that assert what a secret holds. */
    public static Object reveal(Object value) {
        if (value instanceof Recorded.SecretValue secret) {
            return reveal(secret.value());
        }
        return mapValues(value, RenderResult::reveal);
    }

    private static Object mapValues(Object value, java.util.function.UnaryOperator<Object> f) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new TreeMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), f.apply(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(f.apply(v)));
            return copy;
        }
        return value;
    }

    /** Kahn's algorithm with a priority queue: deterministic, O(n log n + edges). */
    private static List<Recorded> order(List<Recorded> recorded) {
        Map<String, Recorded> byUrn = new HashMap<>();
        recorded.forEach(r -> byUrn.put(r.urn(), r));
        Map<String, List<String>> dependents = new HashMap<>();
        Map<String, Integer> blockers = new HashMap<>();
        for (Recorded r : recorded) {
            Set<String> deps = new HashSet<>(r.dependencies());
            if (!r.parent().isEmpty()) {
                deps.add(r.parent());
            }
            if (!r.provider().isEmpty()) {
                deps.add(r.providerUrn());
            }
            deps.removeIf(d -> !byUrn.containsKey(d) || d.equals(r.urn()));
            blockers.put(r.urn(), deps.size());
            deps.forEach(d -> dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(r.urn()));
        }
        Comparator<Recorded> tieBreak = Comparator.comparingInt((Recorded r) -> rank(r.type()))
                .thenComparing(Recorded::type).thenComparing(Recorded::name).thenComparing(Recorded::urn);
        PriorityQueue<Recorded> ready = new PriorityQueue<>(tieBreak);
        recorded.stream().filter(r -> blockers.get(r.urn()) == 0).forEach(ready::add);
        List<Recorded> result = new ArrayList<>(recorded.size());
        while (!ready.isEmpty()) {
            Recorded next = ready.poll();
            result.add(next);
            for (String dependent : dependents.getOrDefault(next.urn(), List.of())) {
                if (blockers.merge(dependent, -1, Integer::sum) == 0) {
                    ready.add(byUrn.get(dependent));
                }
            }
        }
        if (result.size() != recorded.size()) {
            throw new IllegalStateException("dependency cycle among " + (recorded.size() - result.size()) + " resources");
        }
        return List.copyOf(result);
    }

    /** Apply-order rank among resources that are ready at the same time. */
    private static int rank(String type) {
        if (type.startsWith("pulumi:providers:")) {
            return 0;
        }
        if (type.startsWith("fluxfleet:")) {
            return 1;
        }
        if (type.endsWith(":Namespace")) {
            return 2;
        }
        if (type.startsWith("kubernetes:core/") || type.startsWith("kubernetes:rbac") || type.startsWith("kubernetes:networking")) {
            return 3;
        }
        if (type.equals(HELM_RELEASE_TYPE)) {
            return 4;
        }
        if (type.contains("source.toolkit.fluxcd.io")) {
            return 5;
        }
        if (type.startsWith("kubernetes:")) {
            return 6;
        }
        return 7;
    }

    /** The inputs of a resource with plain maps in key order; for tests. */
    public static Map<String, Object> inputs(Recorded r) {
        return new TreeMap<>(r.inputs());
    }
}
