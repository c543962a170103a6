package io.fluxfleet.config;

import io.fluxfleet.config.FluxFleetConfig.Tenant;
import io.fluxfleet.naming.Names;

import java.util.Optional;

/**
 * The names derived from a tenant's name must fit where they go, not only the namespace. The tightest: every
 * object a tenant's Kustomization applies is labelled {@code kustomize.toolkit.fluxcd.io/name: <kustomization>}
 * (fluxcd/kustomize-controller, the server-side-apply owner labels {@code <group>/name} and
 * {@code <group>/namespace}), and a label value has at most 63 characters (kubernetes apimachinery
 * {@code validation.IsValidLabelValue}, {@code LabelValueMaxLength = 63}). Kustomization names are
 * {@code <tenant>-<env>-<layer>}; the limit is checked for every environment, so a tenant list that fits one stack
 * fits all three.
 */
public final class TenantNames {
    private TenantNames() {}

    /** The longest tenant name every environment's derived names fit. */
    public static final int MAX_LENGTH = maxLength();

    /** Why {@code name} is too long for a derived name, or empty. */
    public static Optional<String> tooLong(String name) {
        Tenant tenant = new Tenant(name, "x/y", "flux", Optional.empty());
        for (Environment env : Environment.values()) {
            for (Names.Layer layer : Names.Layer.values()) {
                String derived = Names.kustomization(tenant, env, layer);
                if (derived.length() > 63) {
                    return Optional.of(Shown.quoted(name) + " is " + name.length() + " characters; tenant names may"
                            + " have at most " + MAX_LENGTH + ": the Kustomization " + Shown.quoted(derived) + " ("
                            + derived.length() + " characters) labels every object it applies with its name, and a"
                            + " label value holds at most 63");
                }
            }
        }
        return Optional.empty();
    }

    private static int maxLength() {
        int longest = 0;
        for (Environment env : Environment.values()) {
            for (Names.Layer layer : Names.Layer.values()) {
                longest = Math.max(longest, Names.kustomization(new Tenant("", "x/y", "flux", Optional.empty()), env, layer).length());
            }
        }
        return 63 - longest;
    }
}
