package io.fluxfleet.config;

/** One thing wrong with a stack's config: the full key path (e.g. {@code fluxfleet:tenants[1].name}) and why. */
public record Problem(String key, String message) {
    @Override
    public String toString() {
        return key + ": " + message;
    }
}
