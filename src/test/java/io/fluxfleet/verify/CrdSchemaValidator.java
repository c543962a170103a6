package io.fluxfleet.verify;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static io.fluxfleet.verify.KubeObjects.describe;

/**
 * Validates custom resources against the {@code openAPIV3Schema} of their CustomResourceDefinition, the
 * way the API server would on create:
 * <ul>
 *   <li>the CRD for the object's group and kind exists, and {@code apiVersion} names a version it serves
 *       and has not deprecated (the message lists the served ones);</li>
 *   <li>{@code metadata} is a valid ObjectMeta (the Kubernetes 1.30 schema, plus {@link ObjectMetaRules});
 *       a namespaced kind has a namespace;</li>
 *   <li>{@code spec} satisfies the version's schema as a structural schema ({@link SchemaChecker}
 *       {@code STRUCTURAL}): required fields, no unknown fields, types, enums, patterns, bounds,
 *       int-or-string, and the {@code x-kubernetes-validations} rules;</li>
 *   <li>nothing else is set at the top level: no {@code status}, which only controllers write.</li>
 * </ul>
 * Not done: defaulting (except where a rule reads a defaulted field), conversion, and admission webhooks.
 */
public final class CrdSchemaValidator implements ObjectValidator {
    /** The Flux CRDs the stacks are checked against, under src/test/resources. */
    public static final String FLUX_CRDS = "flux-crds";

    private static CrdSchemaValidator fluxCrds;

    private record Version(String name, boolean served, boolean deprecated, String deprecationWarning,
                           Map<String, Object> schema) {}

    private record Crd(String name, String group, String kind, boolean namespaced, Map<String, Version> versions) {
        List<String> served() {
            return versions.values().stream().filter(Version::served).map(Version::name).toList();
        }
    }

    private final Map<String, Crd> crds = new LinkedHashMap<>();
    private final Map<String, Object> objectMetaSchema;
    private final SchemaChecker structural = new SchemaChecker(SchemaChecker.Dialect.STRUCTURAL);
    private final SchemaChecker jsonSchema = new SchemaChecker(SchemaChecker.Dialect.JSON_SCHEMA);

    /** The Flux v2.9.4 CRDs in {@code flux-crds/}, loaded once per test JVM. */
    public static synchronized CrdSchemaValidator fluxCrds() {
        if (fluxCrds == null) {
            List<Map<String, Object>> documents = new ArrayList<>();
            for (Path file : Fixtures.files(FLUX_CRDS, ".yaml")) {
                documents.addAll(Fixtures.yamlDocuments(file));
            }
            fluxCrds = of(documents);
        }
        return fluxCrds;
    }

    /**
     * A validator for the given CustomResourceDefinition objects, e.g. the CRDs a chart installs
     * ({@link FluxChart#crds()}). Documents of other kinds are ignored.
     *
     * @throws IllegalArgumentException when a CRD uses a construct this toolkit cannot check (a CEL rule
     *         outside {@link CelSubset}, a pattern Java cannot compile)
     */
    public static CrdSchemaValidator of(Collection<? extends Map<String, Object>> crdObjects) {
        return new CrdSchemaValidator(crdObjects);
    }

    @SuppressWarnings("unchecked")
    private CrdSchemaValidator(Collection<? extends Map<String, Object>> crdObjects) {
        for (Map<String, Object> crd : crdObjects) {
            if (!"CustomResourceDefinition".equals(crd.get("kind"))) {
                continue;
            }
            String name = (String) KubeObjects.at(crd, "metadata.name");
            Map<String, Object> spec = (Map<String, Object>) crd.get("spec");
            String group = (String) spec.get("group");
            String kind = (String) ((Map<String, Object>) spec.get("names")).get("kind");
            Map<String, Version> versions = new LinkedHashMap<>();
            for (Map<String, Object> v : (List<Map<String, Object>>) spec.get("versions")) {
                Map<String, Object> schema = (Map<String, Object>) KubeObjects.at(v, "schema.openAPIV3Schema");
                if (schema == null) {
                    throw new IllegalArgumentException("CRD " + name + " version " + v.get("name") + " has no openAPIV3Schema");
                }
                try {
                    SchemaChecker.precompile(schema);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("CRD " + name + " version " + v.get("name") + ": " + e.getMessage(), e);
                }
                versions.put((String) v.get("name"), new Version((String) v.get("name"),
                        Boolean.TRUE.equals(v.get("served")), Boolean.TRUE.equals(v.get("deprecated")),
                        (String) v.get("deprecationWarning"), schema));
            }
            Crd previous = crds.put(group + "/" + kind,
                    new Crd(name, group, kind, "Namespaced".equals(spec.get("scope")), versions));
            if (previous != null) {
                throw new IllegalArgumentException("two CRDs for " + kind + " in " + group);
            }
        }
        objectMetaSchema = KubeSchemaValidator.objectMetaSchema();
    }

    /** Whether a CRD for this apiVersion's group and this kind is loaded (whatever versions it serves). */
    public boolean knows(String apiVersion, String kind) {
        return crds.containsKey(KubeObjects.group(apiVersion) + "/" + kind);
    }

    /** Whether any loaded CRD belongs to this API group. */
    public boolean knowsGroup(String group) {
        return crds.values().stream().anyMatch(crd -> crd.group.equals(group));
    }

    /** The versions the CRD of {@code group}/{@code kind} serves, in CRD order; empty when unknown. */
    public List<String> servedVersions(String group, String kind) {
        Crd crd = crds.get(group + "/" + kind);
        return crd == null ? List.of() : crd.served();
    }

    /** The loaded CRDs as {@code group/Kind}. */
    public List<String> kinds() {
        return List.copyOf(crds.keySet());
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<String> validate(Map<String, Object> object) {
        String id = describe(object);
        List<SchemaChecker.Failure> failures = new ArrayList<>();
        Object apiVersion = object.get("apiVersion");
        Object kind = object.get("kind");
        if (!(apiVersion instanceof String av) || !(kind instanceof String k)) {
            failures.add(new SchemaChecker.Failure(apiVersion instanceof String ? "kind" : "apiVersion",
                    "missing or not a string, but every object needs apiVersion and kind"));
            return format(id, failures);
        }
        Crd crd = crds.get(KubeObjects.group(av) + "/" + k);
        if (crd == null) {
            failures.add(new SchemaChecker.Failure("kind", "no CRD for kind " + k + " in group "
                    + KubeObjects.group(av) + " (loaded: " + new TreeSet<>(crds.keySet()) + ")"));
            return format(id, failures);
        }
        Version version = crd.versions.get(KubeObjects.version(av));
        if (version == null || !version.served) {
            failures.add(new SchemaChecker.Failure("apiVersion", av + " is not served by CRD " + crd.name
                    + "; served versions: " + crd.served()));
            return format(id, failures);
        }
        if (version.deprecated) {
            failures.add(new SchemaChecker.Failure("apiVersion", av + " is deprecated in CRD " + crd.name
                    + (version.deprecationWarning == null ? "" : " (\"" + version.deprecationWarning + "\")")
                    + "; served versions: " + crd.served()));
        }

        for (String key : object.keySet()) {
            switch (key) {
                case "apiVersion", "kind", "metadata", "spec" -> { }
                case "status" -> failures.add(new SchemaChecker.Failure("status",
                        "set, but an emitted object carries desired state only (status is the controller's)"));
                default -> {
                    Map<String, Object> top = (Map<String, Object>) version.schema.getOrDefault("properties", Map.of());
                    failures.add(new SchemaChecker.Failure(key, "unknown top-level field"
                            + hint(key, top) + "; allowed: [apiVersion, kind, metadata, spec]"));
                }
            }
        }

        if (object.get("metadata") != null) {
            jsonSchema.check(object.get("metadata"), objectMetaSchema, "metadata", failures);
        }
        ObjectMetaRules.check(k, object, crd.namespaced, failures);

        Map<String, Object> specSchema = (Map<String, Object>) KubeObjects.at(version.schema, "properties.spec");
        Object spec = object.get("spec");
        if (specSchema != null && spec != null) {
            structural.check(spec, specSchema, "spec", failures);
        } else if (specSchema != null && specSchema.get("required") instanceof List<?> required) {
            failures.add(new SchemaChecker.Failure("spec", "missing, but it has required fields " + required));
        } else if (specSchema == null && spec != null) {
            failures.add(new SchemaChecker.Failure("spec", "set, but CRD " + crd.name + " " + version.name + " has no spec"));
        }
        return format(id, failures);
    }

    private static String hint(String key, Map<String, Object> properties) {
        String closest = SchemaChecker.closest(key, properties.keySet());
        return closest == null ? "" : "; did you mean " + closest + "?";
    }

    static List<String> format(String id, List<SchemaChecker.Failure> failures) {
        return failures.stream().map(f -> id + ": " + f.path() + ": " + f.message()).toList();
    }
}
