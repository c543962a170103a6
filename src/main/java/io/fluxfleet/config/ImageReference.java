package io.fluxfleet.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A container image reference as config gives it: {@code <registry>/<path>[:<tag>][@sha256:<digest>]}, e.g.
 * {@code harbor.example.com/your-org/custom-fluentd:1.4.2}. The grammar is the OCI distribution one
 * (lower-case path components, tags of at most 128 characters, sha256 digests); the registry part is
 * mandatory, because an image without one would be pulled from Docker Hub, not from Harbor.
 *
 * @param repository the registry host and path, without tag or digest
 * @param tag        the tag, when given
 * @param digest     the digest ({@code sha256:<64 hex>}), when given
 */
public record ImageReference(String repository, Optional<String> tag, Optional<String> digest) {
    private static final Pattern REGISTRY =
            Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?)*(:[0-9]{1,5})?");
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");

    /** Parses a reference; empty when it does not follow the grammar or names no registry. */
    public static Optional<ImageReference> parse(String value) {
        String rest = value;
        Optional<String> digest = Optional.empty();
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = Optional.of(rest.substring(at + 1));
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest.get()).matches()) {
                return Optional.empty();
            }
        }
        Optional<String> tag = Optional.empty();
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = Optional.of(rest.substring(colon + 1));
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag.get()).matches()) {
                return Optional.empty();
            }
        }
        String[] parts = rest.split("/", -1);
        if (parts.length < 2 || !REGISTRY.matcher(parts[0]).matches()
                || !(parts[0].contains(".") || parts[0].contains(":") || parts[0].equals("localhost"))) {
            return Optional.empty();
        }
        for (int i = 1; i < parts.length; i++) {
            if (!PATH_COMPONENT.matcher(parts[i]).matches()) {
                return Optional.empty();
            }
        }
        return Optional.of(new ImageReference(rest, tag, digest));
    }

    /** The registry host (and port) the image is pulled from. */
    public String registry() {
        return repository.substring(0, repository.indexOf('/'));
    }

    /** Whether the reference names one image for good: a digest, or a tag other than {@code latest}. */
    public boolean pinned() {
        return digest.isPresent() || tag.filter(t -> !t.equals("latest")).isPresent();
    }

    /**
     * What follows {@code repository:} for charts that build an image as {@code repository:tag}: the tag, and
     * the digest after it when there is one ({@code 1.4.2@sha256:...} is a valid reference and pins the digest).
     * Empty without a tag.
     */
    public Optional<String> tagForChart() {
        return tag.map(t -> digest.map(d -> t + "@" + d).orElse(t));
    }

    @Override
    public String toString() {
        return repository + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
    }
}
