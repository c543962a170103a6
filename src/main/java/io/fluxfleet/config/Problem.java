package io.fluxfleet.config;

/**
 * One thing wrong with a stack's config: the full key path (e.g. {@code fluxfleet:tenants[1].name}) and why. The
 * key is shown escaped: an unknown key is text from the file like any value.
 */
public record Problem(String key, String message) {
    @Override
    public String toString() {
        return Shown.escaped(key) + ": " + message;
    }
}
