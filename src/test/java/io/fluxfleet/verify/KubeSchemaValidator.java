package io.fluxfleet.verify;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static io.fluxfleet.verify.KubeObjects.describe;

/**
 * Validates built-in Kubernetes objects (Namespace, Secret, RoleBinding, NetworkPolicy …) against the
 * Kubernetes 1.30 JSON schemas in their "standalone-strict" form, where every object schema already sets
 * {@code additionalProperties: false}; plus the metadata rules of {@link ObjectMetaRules} and the few
 * API-server checks of {@link ApiServerRules} that the schemas do not carry.
 *
 * <p>The schema file is named after kind and apiVersion, as in the published set:
 * {@code <kind>-<first label of group>-<version>.json}, {@code <kind>-<version>.json} for the core group
 * (see {@link #schemaFileName}). A kind without a schema file is itself a violation, so a stack cannot
 * start emitting a new kind without its schema being added to the fixtures.
 */
public final class KubeSchemaValidator implements ObjectValidator {
    /** The schemas the stacks are checked against, under src/test/resources. */
    public static final String KUBERNETES_1_30 = "k8s-schemas/v1.30.1-standalone-strict";

    /**
     * Built-in kinds that live outside namespaces; every other kind this validator sees is namespaced.
     * Taken from the Kubernetes API reference; extend it when a stack emits another cluster-scoped kind.
     */
    static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass", "Node",
            "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "APIService", "IngressClass",
            "RuntimeClass", "CSIDriver", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding");

    private static KubeSchemaValidator kubernetes;

    private final String folder;
    private final Path directory;
    private final Map<String, Map<String, Object>> schemas = new ConcurrentHashMap<>();
    private final SchemaChecker checker = new SchemaChecker(SchemaChecker.Dialect.JSON_SCHEMA);

    private KubeSchemaValidator(String folder) {
        this.folder = folder;
        this.directory = Fixtures.path(folder);
    }

    /** The Kubernetes 1.30 schemas, loaded lazily, shared by the test JVM. */
    public static synchronized KubeSchemaValidator kubernetes() {
        if (kubernetes == null) {
            kubernetes = new KubeSchemaValidator(KUBERNETES_1_30);
        }
        return kubernetes;
    }

    /** Schemas from another classpath folder laid out like the published set. */
    public static KubeSchemaValidator fromClasspath(String folder) {
        return new KubeSchemaValidator(folder);
    }

    /**
     * The published file name for a kind: {@code rolebinding-rbac-v1.json} for
     * {@code rbac.authorization.k8s.io/v1} RoleBinding, {@code secret-v1.json} for {@code v1} Secret.
     */
    public static String schemaFileName(String apiVersion, String kind) {
        String group = KubeObjects.group(apiVersion);
        String groupLabel = group.isEmpty() ? "" : "-" + group.split("\\.")[0];
        return kind.toLowerCase(Locale.ROOT) + groupLabel + "-" + KubeObjects.version(apiVersion) + ".json";
    }

    /** Whether a schema for this apiVersion and kind is in the folder. */
    public boolean hasSchema(String apiVersion, String kind) {
        return Files.isRegularFile(directory.resolve(schemaFileName(apiVersion, kind)));
    }

    /** The schema files present, by name. */
    public List<String> schemaFiles() {
        return Fixtures.files(folder, ".json").stream().map(p -> p.getFileName().toString()).toList();
    }

    @Override
    public List<String> validate(Map<String, Object> object) {
        String id = describe(object);
        List<SchemaChecker.Failure> failures = new ArrayList<>();
        if (!(object.get("apiVersion") instanceof String apiVersion) || !(object.get("kind") instanceof String kind)) {
            failures.add(new SchemaChecker.Failure(object.get("apiVersion") instanceof String ? "kind" : "apiVersion",
                    "missing or not a string, but every object needs apiVersion and kind"));
            return CrdSchemaValidator.format(id, failures);
        }
        String file = schemaFileName(apiVersion, kind);
        if (!hasSchema(apiVersion, kind) && TypedModelValidator.models(apiVersion, kind)) {
            TypedModelValidator.check(object, apiVersion, kind, failures);
            ObjectMetaRules.check(kind, object, !CLUSTER_SCOPED.contains(kind), failures);
            ApiServerRules.check(kind, object, failures);
            return CrdSchemaValidator.format(id, failures);
        }
        if (!hasSchema(apiVersion, kind)) {
            failures.add(new SchemaChecker.Failure("kind", "no schema for kind " + kind + " (apiVersion " + apiVersion
                    + "): " + folder + "/" + file + " is missing; add it from the same published set and list it in "
                    + "src/test/resources/SOURCES.md (present: " + schemaFiles() + ")"));
            return CrdSchemaValidator.format(id, failures);
        }
        Map<String, Object> schema = schemas.computeIfAbsent(file, f -> load(f, apiVersion, kind));
        checker.check(object, schema, "", failures);
        if (object.containsKey("status")) {
            failures.add(new SchemaChecker.Failure("status",
                    "set, but an emitted object carries desired state only (status is the API server's)"));
        }
        ObjectMetaRules.check(kind, object, !CLUSTER_SCOPED.contains(kind), failures);
        ApiServerRules.check(kind, object, failures);
        return CrdSchemaValidator.format(id, failures.stream()
                .map(f -> f.path().isEmpty() ? new SchemaChecker.Failure("(object)", f.message()) : f)
                .toList());
    }

    private Map<String, Object> load(String file, String apiVersion, String kind) {
        Map<String, Object> schema = Fixtures.json(directory.resolve(file));
        Object gvks = schema.get("x-kubernetes-group-version-kind");
        Map<String, Object> expected = Map.of("group", KubeObjects.group(apiVersion), "kind", kind,
                "version", KubeObjects.version(apiVersion));
        if (!(gvks instanceof List<?> list) || !list.contains(expected)) {
            throw new IllegalStateException(folder + "/" + file + " is not the schema of " + apiVersion + " " + kind
                    + ": it declares " + gvks);
        }
        SchemaChecker.precompile(schema);
        return schema;
    }

    /** The ObjectMeta schema of the Kubernetes 1.30 set, which CRD objects' metadata is checked against. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> objectMetaSchema() {
        Map<String, Object> namespace = Fixtures.json(Fixtures.path(KUBERNETES_1_30).resolve("namespace-v1.json"));
        return (Map<String, Object>) KubeObjects.at(namespace, "properties.metadata");
    }
}
