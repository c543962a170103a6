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
 * @param deleteBeforeReplace true or false when the program set the option, null when the provider decides
 * @param replaceOnChanges input paths whose change the program declared a replacement
 * @param ignoreChanges input paths the engine leaves out of the diff
 * @param aliases      URNs this resource was known by before (its {@code aliases} option, resolved)
 * @param importId     the ID the program adopts an existing object by, empty when none
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
        Boolean deleteBeforeReplace,
        List<String> replaceOnChanges,
        List<String> ignoreChanges,
        List<String> aliases,
        String importId,
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
