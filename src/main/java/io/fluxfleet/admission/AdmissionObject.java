package io.fluxfleet.admission;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.Import;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.meta.v1.outputs.ObjectMeta;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

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
        super(typeToken(kind), name, Args.of(kind, metadata, spec), options);
    }

    public static String typeToken(String kind) {
        return "kubernetes:" + API_VERSION + ":" + kind;
    }

    public Output<ObjectMeta> metadata() {
        return metadata;
    }

    static final class Args extends ResourceArgs {
        @Import(name = "apiVersion", required = true)
        private Output<String> apiVersion;

        @Import(name = "kind", required = true)
        private Output<String> kind;

        @Import(name = "metadata", required = true)
        private Output<ObjectMetaArgs> metadata;

        @Import(name = "spec", required = true)
        private Output<Map<String, Object>> spec;

        static Args of(String kind, ObjectMetaArgs metadata, Output<Map<String, Object>> spec) {
            Args args = new Args();
            args.apiVersion = Output.of(API_VERSION);
            args.kind = Output.of(kind);
            args.metadata = Output.of(metadata);
            args.spec = spec;
            return args;
        }
    }
}
