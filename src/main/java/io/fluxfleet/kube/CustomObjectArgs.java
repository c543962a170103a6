package io.fluxfleet.kube;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ResourceArgs;

import java.util.Map;

/**
 * The inputs of a Kubernetes object the 4.0.0 Java SDK has no class for (Flux's custom resources, the admission
 * policies): {@code apiVersion}, {@code kind}, {@code metadata} and {@code spec}, as the kubernetes plugin takes them
 * under the object's type token.
 */
public final class CustomObjectArgs extends ResourceArgs {
    @Import(name = "apiVersion", required = true)
    private Output<String> apiVersion;

    @Import(name = "kind", required = true)
    private Output<String> kind;

    @Import(name = "metadata", required = true)
    private Output<ObjectMetaArgs> metadata;

    @Import(name = "spec", required = true)
    private Output<Map<String, Object>> spec;

    private CustomObjectArgs() {}

    public static CustomObjectArgs of(String apiVersion, String kind, ObjectMetaArgs metadata,
                                      Output<Map<String, Object>> spec) {
        CustomObjectArgs args = new CustomObjectArgs();
        args.apiVersion = Output.of(apiVersion);
        args.kind = Output.of(kind);
        args.metadata = Output.of(metadata);
        args.spec = spec;
        return args;
    }
}
