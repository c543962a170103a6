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
        return parse(value, true);
    }

    /**
     * Parses a reference in the full grammar of distribution/reference ({@code reference/regexp.go}): the registry
     * may be left out (Docker Hub, e.g. {@code alpine/k8s:1.34.5}), and anything outside the grammar (a space, a
     * newline, a quote, a control character) is refused, so the value can be written into any file unquoted.
     */
    public static Optional<ImageReference> parseAllowingDockerHub(String value) {
        return parse(value, false);
    }

    private static Optional<ImageReference> parse(String value, boolean registryRequired) {
        if (value.length() > 512 || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return Optional.empty();
        }
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
        boolean hasRegistry = parts.length >= 2 && REGISTRY.matcher(parts[0]).matches()
                && (parts[0].contains(".") || parts[0].contains(":") || parts[0].equals("localhost"));
        if (registryRequired && !hasRegistry) {
            return Optional.empty();
        }
        for (int i = hasRegistry ? 1 : 0; i < parts.length; i++) {
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
