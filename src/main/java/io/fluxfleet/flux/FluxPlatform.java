package io.fluxfleet.flux;

import com.pulumi.resources.Resource;

import java.util.List;

/**
 * What a tenant's objects need of the Flux installation: the resources they must be created after (and deleted
 * before). In a one-stack environment that is {@link FluxInstall} itself. In a tenant shard
 * ({@code <env>-tenants-<shard>}, README "Large fleets") Flux belongs to the platform stack, which the shard cannot
 * depend on resource by resource; the shard's stand-in answers with the stack reference it reads the platform's
 * outputs through, so every tenant object still waits for the platform stack's state to be read.
 */
public interface FluxPlatform {
    /** The {@code flux-system} namespace, where a tenant's platform-side objects live. */
    Resource namespace();

    /** The flux2 chart release, which installs the CRDs a tenant's Flux objects are instances of. */
    Resource release();

    /** The identity the platform layers run as ({@link FluxInstall#platformIdentity}). */
    List<Resource> platformIdentity();
}
