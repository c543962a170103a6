package io.fluxfleet.verify;

import java.util.List;
import java.util.Map;

/**
 * The validator for anything a stack emits: objects of a group that has a loaded CRD go to the
 * {@link CrdSchemaValidator}, everything else to the {@link KubeSchemaValidator}. Neither lets an unknown
 * kind through (no CRD for it, or no schema for it), so a stack that starts emitting a new kind fails until
 * its schema is added to the fixtures.
 */
public final class EmittedObjectValidator implements ObjectValidator {
    private final CrdSchemaValidator crds;
    private final KubeSchemaValidator kube;

    public EmittedObjectValidator(CrdSchemaValidator crds, KubeSchemaValidator kube) {
        this.crds = crds;
        this.kube = kube;
    }

    /** The Flux v2.9.4 CRDs and the Kubernetes 1.30 schemas of src/test/resources. */
    public static EmittedObjectValidator standard() {
        return new EmittedObjectValidator(CrdSchemaValidator.fluxCrds(), KubeSchemaValidator.kubernetes());
    }

    @Override
    public List<String> validate(Map<String, Object> object) {
        if (object.get("apiVersion") instanceof String apiVersion && crds.knowsGroup(KubeObjects.group(apiVersion))) {
            return crds.validate(object);
        }
        return kube.validate(object);
    }
}
