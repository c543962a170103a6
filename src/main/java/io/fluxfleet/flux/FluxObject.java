package io.fluxfleet.flux;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.meta.v1.outputs.ObjectMeta;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import io.fluxfleet.kube.CustomObjectArgs;

import java.util.Map;

/**
 * A Flux custom resource, registered with the Kubernetes provider under the type token
 * {@code kubernetes:<apiVersion>:<kind>}: the way the provider manages any custom resource. The 4.0.0 Java
 * SDK has no {@code CustomResource} class for Kubernetes, so this is ours. The kind and API version come
 * from {@link FluxKind}; the spec is a typed record turned into a map by one Jackson mapper.
 */
public final class FluxObject extends CustomResource {
    /** The one mapper from spec records to the maps the provider receives: absent fields are left out. */
    static final ObjectMapper SPEC_MAPPER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    @Export(name = "apiVersion", refs = {String.class}, tree = "[0]")
    private Output<String> apiVersion;

    @Export(name = "kind", refs = {String.class}, tree = "[0]")
    private Output<String> kind;

    @Export(name = "metadata", refs = {ObjectMeta.class}, tree = "[0]")
    private Output<ObjectMeta> metadata;

    @Export(name = "spec", refs = {Map.class, String.class, Object.class}, tree = "[0,1,2]")
    private Output<Map<String, Object>> spec;

    private final FluxKind fluxKind;
    private final String objectName;
    private final String objectNamespace;

    /**
     * @param name      the Pulumi resource name
     * @param kind      the Flux kind, which fixes apiVersion and kind
     * @param objectName the Kubernetes {@code metadata.name}
     * @param namespace the Kubernetes namespace
     * @param labels    the object's labels
     * @param spec      a spec record (or an Output of one, when it refers to another resource)
     */
    public FluxObject(String name, FluxKind kind, String objectName, String namespace, Map<String, String> labels,
                      Output<?> spec, CustomResourceOptions options) {
        this(name, kind, objectName, namespace, labels, Map.of(), spec, options);
    }

    /**
     * The same, with annotations (the provider's await annotations, {@link Readiness}); none are set when empty, so
     * an object without any renders as before.
     */
    public FluxObject(String name, FluxKind kind, String objectName, String namespace, Map<String, String> labels,
                      Map<String, String> annotations, Output<?> spec, CustomResourceOptions options) {
        super(kind.typeToken(), name, CustomObjectArgs.of(kind.apiVersion(), kind.kind(),
                metadata(objectName, namespace, labels, annotations), spec.applyValue(FluxObject::toMap)), options);
        this.fluxKind = kind;
        this.objectName = objectName;
        this.objectNamespace = namespace;
    }

    public FluxKind fluxKind() {
        return fluxKind;
    }

    public Output<ObjectMeta> metadata() {
        return metadata;
    }

    public Output<Map<String, Object>> spec() {
        return spec;
    }

    /**
     * The object's name as an Output of this resource, so a referring object takes it through data flow:
     * Pulumi then creates the referee first and deletes it last.
     */
    public Output<String> objectName() {
        return metadata.applyValue(m -> objectName);
    }

    public String namespace() {
        return objectNamespace;
    }

    private static ObjectMetaArgs metadata(String objectName, String namespace, Map<String, String> labels,
                                           Map<String, String> annotations) {
        var builder = ObjectMetaArgs.builder().name(objectName).namespace(namespace).labels(labels);
        if (!annotations.isEmpty()) {
            builder.annotations(new java.util.TreeMap<>(annotations));
        }
        return builder.build();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> toMap(Object spec) {
        return SPEC_MAPPER.convertValue(spec, Map.class);
    }
}
