package io.fluxfleet.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.marcnuri.helm.Helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The real fluxcd-community {@code flux2} chart (src/test/resources/charts/flux2) rendered in-process by
 * Helm 3 (helm-java), as {@code helm template} does: every object including hooks (the pre-install
 * {@code flux check} Job, and the pre-upgrade CRD-migration Job when {@code crds.migration.enabled}), with
 * namespaced objects placed in the release namespace as Helm would apply them.
 *
 * <p>The first render in a JVM takes one to three seconds, most of it loading Helm's native library; later
 * ones about 0.1 s (see {@link #renderTime()}). Renders are memoised per (release, namespace, values) for the
 * test JVM; call {@link #render} from a {@code @BeforeAll}. The objects are read-only: copy one with {@link KubeObjects#deepCopy} to break it.
 */
public final class FluxChart {
    /** The chart version in src/test/resources/charts/flux2 (Flux 2.8.5). */
    public static final String CHART_VERSION = "2.18.3";
    public static final String DEFAULT_RELEASE = "flux2";
    public static final String DEFAULT_NAMESPACE = "flux-system";

    /** The hook annotation key as written in templates, quoted or not, followed by its colon. */
    private static final Pattern HOOK_KEY = Pattern.compile("helm\\.sh/hook(?=[\"']?\\s*:)");
    private static final String HOOK_STAND_IN = "fluxfleet-test.invalid/helm-hook";

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final Map<String, FluxChart> RENDERS = new ConcurrentHashMap<>();

    /** A pod template of a workload: which object it belongs to, and the pod spec itself. */
    public record PodTemplate(Map<String, Object> owner, String path, Map<String, Object> podSpec) {
        public String kind() {
            return (String) owner.get("kind");
        }

        public String name() {
            return (String) KubeObjects.at(owner, "metadata.name");
        }

        /** {@code Kind namespace/name}, as violations name objects. */
        public String describe() {
            return KubeObjects.describe(owner);
        }

        /** Whether the owner is a Helm hook (runs before install/upgrade, not part of the release). */
        public boolean isHook() {
            return FluxChart.isHook(owner);
        }

        /** Every container's and init container's args, in order. */
        @SuppressWarnings("unchecked")
        public List<String> args() {
            List<String> args = new ArrayList<>();
            for (String field : List.of("initContainers", "containers")) {
                if (podSpec.get(field) instanceof List<?> containers) {
                    for (Object c : containers) {
                        if (((Map<String, Object>) c).get("args") instanceof List<?> a) {
                            a.forEach(x -> args.add(String.valueOf(x)));
                        }
                    }
                }
            }
            return args;
        }
    }

    private final String release;
    private final String namespace;
    private final List<Map<String, Object>> objects;
    private final Duration renderTime;

    private FluxChart(String release, String namespace, List<Map<String, Object>> objects, Duration renderTime) {
        this.release = release;
        this.namespace = namespace;
        this.objects = objects;
        this.renderTime = renderTime;
    }

    /** Renders release {@value #DEFAULT_RELEASE} into {@value #DEFAULT_NAMESPACE} with these values. */
    public static FluxChart render(Map<String, Object> values) {
        return render(DEFAULT_RELEASE, DEFAULT_NAMESPACE, values);
    }

    /**
     * Renders the chart with these values (keys as in the chart's values.yaml), or returns the render this
     * JVM already made for the same arguments.
     */
    public static FluxChart render(String release, String namespace, Map<String, Object> values) {
        String key;
        try {
            key = release + "\n" + namespace + "\n" + CANONICAL.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("chart values are not a plain tree: " + e.getMessage(), e);
        }
        return RENDERS.computeIfAbsent(key, k -> renderNow(release, namespace, values));
    }

    private static FluxChart renderNow(String release, String namespace, Map<String, Object> values) {
        Path work = null;
        try {
            work = Files.createTempDirectory("flux2-render");
            Path chart = copyWithHooksAsManifests(chartDirectory(), work.resolve("flux2"));
            Path valuesFile = work.resolve("values.yaml");
            Fixtures.YAML.writeValue(valuesFile.toFile(), values);
            long start = System.nanoTime();
            String yaml = new Helm(chart).template()
                    .withName(release)
                    .withNamespace(namespace)
                    .withValuesFile(valuesFile)
                    .call();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            List<Map<String, Object>> objects = new ArrayList<>();
            for (Map<String, Object> object : Fixtures.yamlDocuments(yaml)) {
                objects.add(inReleaseNamespace(restoreHookAnnotation(object), namespace));
            }
            return new FluxChart(release, namespace, KubeObjects.deepUnmodifiable(objects), took);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(work);
        }
    }

    /**
     * Copies the chart, renaming the {@code helm.sh/hook} annotation key in its templates to
     * {@value #HOOK_STAND_IN}. helm-java 0.0.21's {@code template} returns only the release manifest and
     * drops hooks (unlike the {@code helm template} CLI; see manusa/helm-java pull request 416), and Helm
     * recognises a hook only by that annotation in the rendered output, so under the stand-in key the hooks
     * render as ordinary manifests from unchanged template logic. {@link #restoreHookAnnotation} undoes the
     * rename.
     */
    private static Path copyWithHooksAsManifests(Path source, Path target) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(source)) {
            files = walk.toList();
        }
        int renamed = 0;
        for (Path file : files) {
            Path copy = target.resolve(source.relativize(file).toString());
            if (Files.isDirectory(file)) {
                Files.createDirectories(copy);
            } else if (file.getParent().getFileName().toString().equals("templates")) {
                String text = Files.readString(file);
                String replaced = HOOK_KEY.matcher(text).replaceAll(HOOK_STAND_IN);
                renamed += replaced.equals(text) ? 0 : 1;
                Files.writeString(copy, replaced);
            } else {
                Files.copy(file, copy);
            }
        }
        if (renamed == 0) {
            throw new IllegalStateException("no helm.sh/hook annotation found in " + source
                    + "/templates: the chart changed, check how FluxChart includes hooks");
        }
        return target;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> restoreHookAnnotation(Map<String, Object> object) {
        if (KubeObjects.at(object, "metadata.annotations") instanceof Map<?, ?> annotations) {
            if (annotations.containsKey("helm.sh/hook")) {
                throw new IllegalStateException(KubeObjects.describe(object) + " carries helm.sh/hook after the "
                        + "rename: helm-java now renders hooks itself, drop the workaround in FluxChart");
            }
            if (annotations.containsKey(HOOK_STAND_IN)) {
                Map<String, Object> restored = new LinkedHashMap<>();
                ((Map<String, Object>) annotations).forEach((k, v) -> restored.put(k.equals(HOOK_STAND_IN) ? "helm.sh/hook" : k, v));
                ((Map<String, Object>) object.get("metadata")).put("annotations", restored);
            }
        }
        return object;
    }

    /**
     * Sets the release namespace on a namespaced object that has none, as Helm does when it applies the
     * manifest ({@code helm template} leaves it out); cluster-scoped kinds are left alone.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> inReleaseNamespace(Map<String, Object> object, String namespace) {
        if (!KubeSchemaValidator.CLUSTER_SCOPED.contains(object.get("kind"))
                && object.get("metadata") instanceof Map<?, ?> metadata && !metadata.containsKey("namespace")) {
            Map<String, Object> placed = new LinkedHashMap<>();
            ((Map<String, Object>) metadata).forEach((k, v) -> {
                placed.put(k, v);
                if (k.equals("name")) {
                    placed.put("namespace", namespace);
                }
            });
            placed.putIfAbsent("namespace", namespace);
            object.put("metadata", placed);
        }
        return object;
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp folder is harmless
        }
    }

    /** The chart folder on the test classpath. */
    public static Path chartDirectory() {
        return Fixtures.path("charts/flux2");
    }

    /** How long Helm took to render (the first render in a JVM includes loading the native library). */
    public Duration renderTime() {
        return renderTime;
    }

    public String release() {
        return release;
    }

    public String namespace() {
        return namespace;
    }

    /** Every rendered object, hooks and CRDs included, in Helm's output order. */
    public List<Map<String, Object>> objects() {
        return objects;
    }

    public List<Map<String, Object>> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    public Optional<Map<String, Object>> find(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(KubeObjects.at(o, "metadata.name"))).findFirst();
    }

    /** The object of this kind and name; fails listing the names there are. */
    public Map<String, Object> get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("the chart rendered no " + kind + " " + name
                + "; it has " + ofKind(kind).stream().map(o -> KubeObjects.at(o, "metadata.name")).toList()));
    }

    /** The CustomResourceDefinitions the chart installs (templated, so {@code helm uninstall} removes them). */
    public List<Map<String, Object>> crds() {
        return ofKind("CustomResourceDefinition");
    }

    public List<Map<String, Object>> networkPolicies() {
        return ofKind("NetworkPolicy");
    }

    /** The objects Helm runs as hooks ({@code helm.sh/hook} annotation) rather than as release members. */
    public List<Map<String, Object>> hooks() {
        return objects.stream().filter(FluxChart::isHook).toList();
    }

    /** The pod template of every workload (Deployment, Job, DaemonSet, StatefulSet …), hooks included. */
    @SuppressWarnings("unchecked")
    public List<PodTemplate> podSpecs() {
        List<PodTemplate> pods = new ArrayList<>();
        for (Map<String, Object> object : objects) {
            String path = KubeObjects.podSpecPath(object.get("kind"));
            if (path != null) {
                Object podSpec = KubeObjects.at(object, path);
                if (!(podSpec instanceof Map)) {
                    throw new AssertionError(KubeObjects.describe(object) + ": " + path + " is missing");
                }
                pods.add(new PodTemplate(object, path, (Map<String, Object>) podSpec));
            }
        }
        return pods;
    }

    /** The pod template of the named workload. */
    public PodTemplate podSpec(String workloadName) {
        return podSpecs().stream().filter(p -> p.name().equals(workloadName)).findFirst()
                .orElseThrow(() -> new AssertionError("the chart rendered no workload " + workloadName + "; it has "
                        + podSpecs().stream().map(PodTemplate::name).toList()));
    }

    /** The container args of the named workload (e.g. {@code kustomize-controller}). */
    public List<String> args(String workloadName) {
        return podSpec(workloadName).args();
    }

    /**
     * The args a workload's containers lack, as violations ({@code Deployment flux-system/kustomize-controller:
     * spec.template.spec.containers[*].args: missing --no-remote-bases=true; has [...]}); empty when all are there.
     */
    public List<String> missingArgs(String workloadName, String... required) {
        PodTemplate pod = podSpec(workloadName);
        List<String> args = pod.args();
        List<String> violations = new ArrayList<>();
        for (String arg : required) {
            if (!args.contains(arg)) {
                violations.add(pod.describe() + ": " + pod.path() + ".containers[*].args: missing " + arg + "; has " + args);
            }
        }
        return violations;
    }

    /** The value of {@code --flag=value} in a workload's args, if set. */
    public Optional<String> argValue(String workloadName, String flag) {
        String prefix = flag + "=";
        return args(workloadName).stream().filter(a -> a.startsWith(prefix)).map(a -> a.substring(prefix.length())).findFirst();
    }

    static boolean isHook(Map<String, Object> object) {
        return KubeObjects.at(object, "metadata.annotations") instanceof Map<?, ?> annotations
                && annotations.containsKey("helm.sh/hook");
    }
}
