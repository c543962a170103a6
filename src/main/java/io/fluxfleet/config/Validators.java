package io.fluxfleet.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Pure checks for the value formats fluxfleet accepts. Each returns the reason a value is refused, or
 * empty when it is fine, so the caller can attach the key. Patterns follow Kubernetes apimachinery
 * validation and the Flux CRD schemas.
 */
public final class Validators {
    private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern QUALIFIED_NAME_PART = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    /** The pattern every Flux CRD puts on {@code spec.interval}/{@code spec.timeout}. */
    private static final Pattern DURATION = Pattern.compile("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$");
    private static final Pattern QUANTITY = Pattern.compile("^[0-9]+(\\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$");
    private static final Pattern PROJECT_SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final Pattern HOST = Pattern.compile(
            "[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?)*(:[0-9]{1,5})?");

    private static final Pattern RANCHER_CHART =
            Pattern.compile("^1[0-9]{2}\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(\\+up[0-9]+\\.[0-9]+\\.[0-9]+(-[0-9A-Za-z.]+)?)?$");
    private static final Pattern RANCHER_VERSION = Pattern.compile("^2\\.(0|[1-9][0-9]?)$");
    private static final Pattern EXACT_VERSION = Pattern.compile("^[0-9]+\\.[0-9]+\\.[0-9]+([-+][0-9A-Za-z.-]+)?$");
    private static final Pattern RANCHER_CLUSTER_ID = Pattern.compile("^(local|c-[a-z0-9]{5}|c-m-[a-z0-9]{8})$");

    private Validators() {}

    public static Optional<String> dns1123Label(String value) {
        if (value.length() > 63) {
            return Optional.of("'" + value + "' is longer than 63 characters (a DNS-1123 label)");
        }
        if (!DNS1123_LABEL.matcher(value).matches()) {
            return Optional.of("'" + value + "' is not a DNS-1123 label: lower-case letters, digits and '-',"
                    + " starting and ending with a letter or digit");
        }
        return Optional.empty();
    }

    /** A DNS-1123 subdomain, e.g. a storage class name. */
    public static Optional<String> dns1123Subdomain(String value) {
        if (value.length() > 253 || !DNS1123_SUBDOMAIN.matcher(value).matches()) {
            return Optional.of("'" + value + "' is not a DNS-1123 subdomain: lower-case letters, digits, '-' and '.'");
        }
        return Optional.empty();
    }

    /** A label or taint key: an optional DNS-1123 subdomain prefix and '/', then a name of at most 63 characters. */
    public static Optional<String> qualifiedName(String value) {
        String prefix = null;
        String name = value;
        int slash = value.indexOf('/');
        if (slash >= 0) {
            prefix = value.substring(0, slash);
            name = value.substring(slash + 1);
        }
        if (prefix != null) {
            if (prefix.isEmpty() || prefix.length() > 253 || !DNS1123_SUBDOMAIN.matcher(prefix).matches()) {
                return Optional.of("'" + value + "' is not a qualified name: the prefix '" + prefix
                        + "' must be a DNS-1123 subdomain (lower-case labels separated by single dots, e.g."
                        + " 'node-role.com')");
            }
        }
        if (name.isEmpty() || name.length() > 63 || !QUALIFIED_NAME_PART.matcher(name).matches()) {
            return Optional.of("'" + value + "' is not a qualified name: the name part '" + name
                    + "' must be 1-63 characters of letters, digits, '-', '_' or '.', starting and ending"
                    + " with a letter or digit");
        }
        return Optional.empty();
    }

    public static Optional<String> labelValue(String value) {
        if (value.length() > 63 || !LABEL_VALUE.matcher(value).matches()) {
            return Optional.of("'" + value + "' is not a valid label value: at most 63 characters of letters,"
                    + " digits, '-', '_' or '.', starting and ending with a letter or digit");
        }
        return Optional.empty();
    }

    public static Optional<String> duration(String value) {
        if (!DURATION.matcher(value).matches()) {
            return Optional.of("'" + value + "' is not a duration: use Go duration units, e.g. '30s', '1m', '1h30m'");
        }
        return Optional.empty();
    }

    public static Optional<String> quantity(String value) {
        if (!QUANTITY.matcher(value).matches()) {
            return Optional.of("'" + value + "' is not a Kubernetes quantity, e.g. '500m', '2', '4Gi'");
        }
        return Optional.empty();
    }

    /** A GitLab project path: a namespace (group and subgroups) and a project, e.g. {@code your-org/tenant1-gitops}. */
    public static Optional<String> projectPath(String value) {
        String[] segments = value.split("/", -1);
        if (segments.length < 2) {
            return Optional.of("'" + value + "' is not a GitLab project path: expected 'group/project'"
                    + " (subgroups allowed), e.g. 'your-org/tenant1-gitops'");
        }
        for (String segment : segments) {
            if (!PROJECT_SEGMENT.matcher(segment).matches() || segment.endsWith(".git")
                    || segment.endsWith(".") || segment.endsWith("-")) {
                return Optional.of("'" + value + "' is not a GitLab project path: segment '" + segment
                        + "' must start with a letter, digit or '_', use only letters, digits, '_', '.' and '-',"
                        + " and not end in '.git', '.' or '-'");
            }
        }
        return Optional.empty();
    }

    /** An https URL with a host and no trailing slash. */
    public static Optional<String> httpsUrl(String value) {
        if (!value.startsWith("https://")) {
            return Optional.of("'" + value + "' must be an https:// URL");
        }
        String rest = value.substring("https://".length());
        if (rest.endsWith("/")) {
            return Optional.of("'" + value + "' must not end with '/'");
        }
        String host = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
        if (!HOST.matcher(host).matches()) {
            return Optional.of("'" + value + "' has no valid host name");
        }
        return Optional.empty();
    }

    /** A registry host name, without scheme or path, e.g. {@code harbor.example.com}. */
    public static Optional<String> host(String value) {
        if (value.contains("://") || value.contains("/") || !HOST.matcher(value).matches()) {
            return Optional.of("'" + value + "' is not a host name: give only the host, e.g. 'harbor.example.com',"
                    + " without scheme or path");
        }
        return Optional.empty();
    }

    /**
     * A Rancher chart version: the chart major is 1xx and follows the Rancher minor (see
     * {@link #rancherChartMajor}), optionally with the upstream version after {@code +up}, e.g.
     * {@code 109.0.2+up80.9.1-rancher.8}. Release candidates ({@code -rc}) are not pinned for an environment.
     */
    public static Optional<String> rancherChartVersion(String value) {
        if (!RANCHER_CHART.matcher(value).matches()) {
            return Optional.of("'" + value + "' is not a Rancher chart version: expected 1xx.y.z or 1xx.y.z+upA.B.C"
                    + " (e.g. 109.0.2+up80.9.1-rancher.8), an exact release, no range or release candidate");
        }
        return Optional.empty();
    }

    /** A Rancher version line, {@code 2.N} with N at least 8 (the first line whose charts follow the 1xx rule). */
    public static Optional<String> rancherVersion(String value) {
        if (!RANCHER_VERSION.matcher(value).matches() || Integer.parseInt(value.substring(2)) < 8) {
            return Optional.of("'" + value + "' is not a Rancher version line such as 2.14 (2.8 or later;"
                    + " give major.minor, not a patch release)");
        }
        return Optional.empty();
    }

    /**
     * The chart major that belongs to a Rancher minor: Rancher's cluster tools (rancher-monitoring,
     * rancher-logging and their CRD charts) are released per Rancher minor as major 95 + minor, so 2.13 takes
     * 108.x, 2.14 takes 109.x and 2.15 takes 110.x. The rule holds from Rancher 2.8 (103.x) on.
     */
    public static int rancherChartMajor(String rancherVersion) {
        return 95 + Integer.parseInt(rancherVersion.substring(2));
    }

    /**
     * A Rancher cluster id: {@code local} (the Rancher server's own cluster), {@code c-xxxxx} (clusters
     * registered or imported the v1 way) or {@code c-m-xxxxxxxx} (clusters provisioned through
     * provisioning.cattle.io), lower-case letters and digits after the prefix.
     */
    public static Optional<String> rancherClusterId(String value) {
        if (!RANCHER_CLUSTER_ID.matcher(value).matches()) {
            return Optional.of("'" + value + "' is not a Rancher cluster id: expected c-m-xxxxxxxx, c-xxxxx or local"
                    + " (the id in Rancher's URL /dashboard/c/<id>/, not the cluster's display name)");
        }
        return Optional.empty();
    }

    /** A Rancher cluster name: a DNS-1123 label, as Rancher requires of cluster names. */
    public static Optional<String> rancherClusterName(String value) {
        if (!DNS1123_LABEL.matcher(value).matches() || value.length() > 63) {
            return Optional.of("'" + value + "' is not a cluster name: lower-case letters, digits and '-', starting"
                    + " and ending with a letter or digit, at most 63 characters");
        }
        return Optional.empty();
    }

    /** An exact chart version such as {@code 1.3.0}: no range, and no tag such as {@code latest}. */
    public static Optional<String> exactVersion(String value) {
        if (!EXACT_VERSION.matcher(value).matches()) {
            return Optional.of("'" + value + "' is not an exact chart version such as 1.3.0 (ranges and tags such as"
                    + " 'latest' are not pinned)");
        }
        return Optional.empty();
    }

    /** A container image reference with a registry, e.g. {@code harbor.example.com/your-org/custom-fluentd:1.4.2}. */
    public static Optional<String> imageReference(String value) {
        if (ImageReference.parse(value).isEmpty()) {
            return Optional.of("'" + value + "' is not an image reference such as harbor.example.com/your-org/"
                    + "custom-fluentd:1.4.2 (registry/project/name, then :tag and/or @sha256:<digest>)");
        }
        return Optional.empty();
    }

    /** Levenshtein distance, for suggesting the closest known key. */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = Character.toLowerCase(a.charAt(i - 1)) == Character.toLowerCase(b.charAt(j - 1)) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] swap = prev;
            prev = cur;
            cur = swap;
        }
        return prev[b.length()];
    }
}
