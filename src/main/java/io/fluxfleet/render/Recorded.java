package io.fluxfleet.render;

import java.util.List;
import java.util.Map;

/**
 * One resource as the engine received it: what {@code pulumi preview} would send to the providers.
 *
 * @param urn          the resource's URN
 * @param type         the Pulumi type token
 * @param name         the Pulumi resource name
 * @param custom       false for components
 * @param parent       the parent's URN (empty for top-level resources)
 * @param provider     the provider reference ({@code <provider urn>::<id>}), empty when none was given
 * @param protect      whether the resource is protected against deletion
 * @param retainOnDelete whether {@code pulumi destroy} leaves the object in place
 * @param dependencies URNs this resource depends on, through dependsOn or data flow
 * @param inputs       the inputs by wire name; secret values are wrapped in {@link SecretValue}
 */
public record Recorded(
        String urn,
        String type,
        String name,
        boolean custom,
        String parent,
        String provider,
        boolean protect,
        boolean retainOnDelete,
        List<String> dependencies,
        Map<String, Object> inputs) {

    /** A value the program marked secret, exactly as the engine would see it. */
    public record SecretValue(Object value) {
        @Override
        public String toString() {
            return "[secret]";
        }
    }

    /** The URN of the provider this resource uses, or empty. */
    public String providerUrn() {
        int sep = provider.lastIndexOf("::");
        return sep < 0 ? provider : provider.substring(0, sep);
    }
}
