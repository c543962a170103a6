package io.fluxfleet.flux;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.resources.Resource;

import io.fluxfleet.config.FluxFleetConfig.Tenant;
import io.fluxfleet.flux.FluxSpecs.GitRef;
import io.fluxfleet.flux.FluxSpecs.GitRepositorySpec;
import io.fluxfleet.flux.FluxSpecs.Ref;
import io.fluxfleet.kube.Kube;
import io.fluxfleet.naming.Names;

import java.util.Map;

/**
 * A GitRepository following the environment's branch and the Secret it reads the project with, made the same way for
 * a tenant's project (in {@code flux-system} and in its namespace) and for the platform project.
 */
public final class GitSource {
    /** How long one git operation of source-controller may take. */
    private static final String TIMEOUT = "60s";

    private GitSource() {}

    /**
     * An {@code Opaque} Secret {@code name} in {@code ns} with {@code username} and {@code password} (kept secret).
     *
     * @param tenant the tenant the Secret is labelled with; none for the platform's
     * @param after  what must exist first (the namespace)
     */
    public static Secret auth(Resource parent, Kube kube, String name, String ns, Tenant tenant, Resource after,
                              Output<String> username, Output<String> password) {
        Output<Map<String, String>> data = Output.tuple(username, password.asSecret())
                .applyValue(t -> Map.of("username", t.t1, "password", t.t2));
        return new Secret(Names.resource(ns, name), SecretArgs.builder()
                .metadata(kube.meta(name, ns, tenant))
                .type("Opaque")
                .stringData(data)
                .build(), kube.child(parent, after));
    }

    /**
     * GitRepository {@code name} in {@code ns} reading {@code url} at the environment's branch with {@code auth}, awaited
     * as the readiness policy says, after the Flux release that installs its CRD.
     */
    public static FluxObject repository(Resource parent, Kube kube, FluxPlatform flux, Readiness readiness, String name,
                                        String ns, Map<String, String> labels, String url, String interval, Secret auth) {
        String branch = kube.environment().branch();
        return new FluxObject(Names.resource(ns, name), FluxKind.GIT_REPOSITORY, name, ns, labels,
                readiness.annotations(FluxKind.GIT_REPOSITORY, ns, name, Readiness.Role.GIT_SOURCE, false),
                auth.metadata().applyValue(m -> new GitRepositorySpec(interval, TIMEOUT, url, new GitRef(branch),
                        Ref.of(m.name().orElseThrow()))),
                kube.child(parent, flux.release()));
    }
}
