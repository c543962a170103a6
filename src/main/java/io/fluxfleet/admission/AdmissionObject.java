package io.fluxfleet.admission;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.meta.v1.outputs.ObjectMeta;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import io.fluxfleet.kube.CustomObjectArgs;

import java.util.Map;

/**
 * A {@code ValidatingAdmissionPolicy} or {@code ValidatingAdmissionPolicyBinding}
 * ({@code admissionregistration.k8s.io/v1}). The 4.0.0 Java SDK predates both kinds; the plugin the engine runs
 * (4.32.0) manages them under the type token {@code kubernetes:admissionregistration.k8s.io/v1:<Kind>}, which is
 * the token this registers, with apiVersion, kind, metadata and spec as the plugin takes them.
 */
public final class AdmissionObject extends CustomResource {
    public static final String API_VERSION = "admissionregistration.k8s.io/v1";
    public static final String POLICY = "ValidatingAdmissionPolicy";
    public static final String BINDING = "ValidatingAdmissionPolicyBinding";

    @Export(name = "metadata", refs = {ObjectMeta.class}, tree = "[0]")
    private Output<ObjectMeta> metadata;

    @Export(name = "spec", refs = {Map.class, String.class, Object.class}, tree = "[0,1,2]")
    private Output<Map<String, Object>> spec;

    /**
     * @param kind     {@link #POLICY} or {@link #BINDING}
     * @param name     the Pulumi resource name (the object is cluster-scoped: its {@code metadata.name})
     * @param metadata the object's metadata
     * @param spec     the object's spec
     */
    public AdmissionObject(String kind, String name, ObjectMetaArgs metadata, Output<Map<String, Object>> spec,
                           CustomResourceOptions options) {
        super(typeToken(kind), name, CustomObjectArgs.of(API_VERSION, kind, metadata, spec), options);
    }

    public static String typeToken(String kind) {
        return "kubernetes:" + API_VERSION + ":" + kind;
    }

    public Output<ObjectMeta> metadata() {
        return metadata;
    }
}
