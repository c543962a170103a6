package io.fluxfleet.kube;

import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceTransformation;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code retainOnDelete} for the resources of a tenant that is moving to another stack ({@code tenants[].moving},
 * README "Large fleets"), as a transformation on the components that build them: the components' own options stay as
 * they are, and a stack without a moving tenant registers exactly what it did before.
 *
 * <p>The engine reads {@code retainOnDelete} from the state when it deletes (pulumi/pulumi
 * pkg/resource/deploy/step.go, {@code DeleteStep.Apply}: "if !s.old.RetainOnDelete" deletes through the provider,
 * otherwise the resource only leaves the state), so one {@code pulumi up} with the option set must come before the
 * {@code up} that no longer registers the tenant.
 */
public final class Retain {
    private Retain() {}

    /** Sets {@code retainOnDelete} on every custom resource whose Pulumi name {@code byName} accepts. */
    public static ResourceTransformation onDelete(Predicate<String> byName) {
        return args -> {
            if (args.options() instanceof CustomResourceOptions options && byName.test(args.resource().pulumiResourceName())) {
                return Optional.of(new ResourceTransformation.Result(args.args(), CustomResourceOptions.merge(options,
                        CustomResourceOptions.builder().retainOnDelete(true).build())));
            }
            return Optional.empty();
        };
    }
}
