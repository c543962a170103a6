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
    private static final Pattern DURATION_PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)");
    private static final java.math.BigDecimal MAX_GO_DURATION = java.math.BigDecimal.valueOf(Long.MAX_VALUE);
    private static final Pattern PROMETHEUS_DURATION = Pattern.compile(
            "^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$");
    private static final Pattern QUANTITY = Pattern.compile("^[0-9]+(\\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$");
    private static final Pattern PROJECT_SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    private static final Pattern RANCHER_CHART =
            Pattern.compile("^1[0-9]{2}\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(\\+up[0-9]+\\.[0-9]+\\.[0-9]+(-[0-9A-Za-z.]+)?)?$");
    private static final Pattern RANCHER_VERSION = Pattern.compile("^2\\.(0|[1-9][0-9]?)$");
    private static final Pattern EXACT_VERSION = Pattern.compile("^[0-9]+\\.[0-9]+\\.[0-9]+([-+][0-9A-Za-z.-]+)?$");
    private static final Pattern RANCHER_CLUSTER_ID = Pattern.compile("^(local|c-[a-z0-9]{5}|c-m-[a-z0-9]{8})$");

    private Validators() {}

    public static Optional<String> dns1123Label(String value) {
        if (value.length() > 63) {
            return Optional.of(Shown.quoted(value) + " is longer than 63 characters (a DNS-1123 label)");
        }
        if (!DNS1123_LABEL.matcher(value).matches()) {
            return Optional.of(Shown.quoted(value) + " is not a DNS-1123 label: lower-case letters, digits and '-',"
                    + " starting and ending with a letter or digit");
        }
        return Optional.empty();
    }

    /** A DNS-1123 subdomain, e.g. a storage class name. */
    public static Optional<String> dns1123Subdomain(String value) {
        if (value.length() > 253 || !DNS1123_SUBDOMAIN.matcher(value).matches()) {
            return Optional.of(Shown.quoted(value) + " is not a DNS-1123 subdomain: lower-case letters, digits, '-' and '.'");
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
                return Optional.of(Shown.quoted(value) + " is not a qualified name: the prefix " + Shown.quoted(prefix)
                        + " must be a DNS-1123 subdomain (lower-case labels separated by single dots, e.g."
                        + " 'node-role.com')");
            }
        }
        if (name.isEmpty() || name.length() > 63 || !QUALIFIED_NAME_PART.matcher(name).matches()) {
            return Optional.of(Shown.quoted(value) + " is not a qualified name: the name part " + Shown.quoted(name)
                    + " must be 1-63 characters of letters, digits, '-', '_' or '.', starting and ending"
                    + " with a letter or digit");
        }
        return Optional.empty();
    }

    public static Optional<String> labelValue(String value) {
        if (value.length() > 63 || !LABEL_VALUE.matcher(value).matches()) {
            return Optional.of(Shown.quoted(value) + " is not a valid label value: at most 63 characters of letters,"
                    + " digits, '-', '_' or '.', starting and ending with a letter or digit");
        }
        return Optional.empty();
    }

    /**
     * A duration Flux and Go both accept, greater than zero. Flux CRDs put the pattern
     * {@code ^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$} on {@code spec.interval} and {@code spec.timeout}
     * (fluxcd/source-controller {@code api/v1/gitrepository_types.go}, {@code +kubebuilder:validation:Pattern}); the
     * controllers then parse it with Go's {@code time.ParseDuration}, which refuses more than 2^63-1 nanoseconds
     * (about 2562047h: {@code src/time/format.go}, "// overflow" returns "time: invalid duration"). A zero interval
     * makes a controller requeue without pause.
     */
    public static Optional<String> duration(String value) {
        if (!DURATION.matcher(value).matches()) {
            return Optional.of(Shown.quoted(value) + " is not a duration: use Go duration units, e.g. '30s', '1m', '1h30m'");
        }
        java.math.BigDecimal nanos = nanoseconds(value);
        if (nanos.compareTo(MAX_GO_DURATION) > 0) {
            return Optional.of(Shown.quoted(value) + " is longer than Go's longest duration (2562047h47m16s): the"
                    + " controllers could not parse it");
        }
        if (nanos.signum() == 0) {
            return Optional.of(Shown.quoted(value) + " is zero: give a duration greater than zero");
        }
        return Optional.empty();
    }

    /**
     * A Helm release timeout: a {@link #duration} whose whole seconds fit the {@code int} the Helm release's
     * {@code timeout} input takes (pulumi-kubernetes {@code helm.sh/v3:Release}, {@code timeout: integer}), so it
     * cannot wrap to a negative number.
     */
    public static Optional<String> helmTimeout(String value) {
        Optional<String> problem = duration(value);
        if (problem.isPresent()) {
            return problem;
        }
        if (seconds(value) > Integer.MAX_VALUE) {
            return Optional.of(Shown.quoted(value) + " is longer than the Helm release timeout can hold ("
                    + Integer.MAX_VALUE + " seconds, about 68 years)");
        }
        return Optional.empty();
    }

    /** Whole seconds in a {@link #duration}, rounded, at least one. */
    public static long seconds(String value) {
        java.math.BigDecimal s = nanoseconds(value).movePointLeft(9).setScale(0, java.math.RoundingMode.HALF_UP);
        return Math.max(1, s.min(java.math.BigDecimal.valueOf(Long.MAX_VALUE)).longValue());
    }

    private static java.math.BigDecimal nanoseconds(String value) {
        java.util.regex.Matcher m = DURATION_PART.matcher(value);
        java.math.BigDecimal total = java.math.BigDecimal.ZERO;
        while (m.find()) {
            long unit = switch (m.group(2)) {
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            total = total.add(new java.math.BigDecimal(m.group(1)).multiply(java.math.BigDecimal.valueOf(unit)));
        }
        return total;
    }

    /**
     * A Prometheus duration, as the Prometheus CRD (prometheus-operator, shipped in rancher-monitoring-crd) and
     * Prometheus' own parser take it: {@code ^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?
     * (([0-9]+)s)?(([0-9]+)ms)?)$} on {@code spec.scrapeInterval} and {@code spec.retention}
     * ({@code crd-prometheuses.yaml}); units in that order, no fractions, and at most 2^63-1 nanoseconds
     * (prometheus/common {@code model/time.go}: "duration out of range").
     *
     * @param allowZero retention takes {@code 0} (keep forever is not what it means to Prometheus; 0 is refused
     *                  by callers that need a positive interval)
     */
    public static Optional<String> prometheusDuration(String value, boolean allowZero) {
        java.util.regex.Matcher m = PROMETHEUS_DURATION.matcher(value);
        if (value.isEmpty() || !m.matches()) {
            return Optional.of(Shown.quoted(value) + " is not a Prometheus duration: whole numbers with units in the"
                    + " order y, w, d, h, m, s, ms, e.g. '30s', '1m30s', '7d', '720h'");
        }
        long[] unitMillis = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1_000, 1};
        java.math.BigInteger nanos = java.math.BigInteger.ZERO;
        for (int i = 0; i < unitMillis.length && !value.equals("0"); i++) {
            String digits = m.group(3 + 2 * i);
            if (digits != null) {
                nanos = nanos.add(new java.math.BigInteger(digits)
                        .multiply(java.math.BigInteger.valueOf(unitMillis[i] * 1_000_000)));
            }
        }
        if (nanos.compareTo(MAX_GO_DURATION.toBigInteger()) > 0) {
            return Optional.of(Shown.quoted(value) + " is out of Prometheus' duration range (at most about 292 years)");
        }
        if (!allowZero && nanos.signum() == 0) {
            return Optional.of(Shown.quoted(value) + " is zero: give a duration greater than zero");
        }
        return Optional.empty();
    }

    /** A Kubernetes quantity, greater than zero (a zero limit or quota admits nothing). */
    public static Optional<String> quantity(String value) {
        if (value.length() > 64 || !QUANTITY.matcher(value).matches()) {
            return Optional.of(Shown.quoted(value) + " is not a Kubernetes quantity, e.g. '500m', '2', '4Gi'");
        }
        if (quantityValue(value).signum() == 0) {
            return Optional.of(Shown.quoted(value) + " is zero: give a quantity greater than zero");
        }
        return Optional.empty();
    }

    /** A GitLab project path: a namespace (group and subgroups) and a project, e.g. {@code your-org/tenant1-gitops}. */
    public static Optional<String> projectPath(String value) {
        String[] segments = value.split("/", -1);
        if (segments.length < 2) {
            return Optional.of(Shown.quoted(value) + " is not a GitLab project path: expected 'group/project'"
                    + " (subgroups allowed), e.g. 'your-org/tenant1-gitops'");
        }
        return badSegment(value).map(segment -> Shown.quoted(value) + " is not a GitLab project path: "
                + segmentRule(segment));
    }

    /**
     * A GitLab group full path: a group and any subgroups, e.g. {@code your-org/platform-team}; each segment follows
     * the same rule as a project path's ({@link #projectPath}).
     */
    public static Optional<String> groupPath(String value) {
        return badSegment(value).map(segment -> Shown.quoted(value) + " is not a GitLab group full path such as"
                + " 'your-org/platform-team': " + segmentRule(segment));
    }

    /** The first segment of a GitLab path that GitLab would refuse, if any. */
    private static Optional<String> badSegment(String value) {
        for (String segment : value.split("/", -1)) {
            if (!PROJECT_SEGMENT.matcher(segment).matches() || segment.endsWith(".git")
                    || segment.endsWith(".") || segment.endsWith("-")) {
                return Optional.of(segment);
            }
        }
        return Optional.empty();
    }

    private static String segmentRule(String segment) {
        return "segment " + Shown.quoted(segment) + " must start with a letter, digit or '_', use only letters, digits,"
                + " '_', '.' and '-', and not end in '.git', '.' or '-'";
    }

    /**
     * An image reference (Docker Hub allowed, e.g. {@code aquasec/trivy:0.74.0}) that pins one image: a version tag
     * or a digest ({@link ImageReference#pinned}); {@code latest} and untagged references float.
     */
    public static Optional<String> pinnedImage(String value) {
        Optional<ImageReference> image = ImageReference.parseAllowingDockerHub(value);
        if (image.isEmpty()) {
            if (value.contains("@") && !value.matches(".+@sha256:[0-9a-f]{64}")) {
                return Optional.of(Shown.quoted(value) + " has a malformed digest: expected @sha256: and 64 hex digits");
            }
            return Optional.of(Shown.quoted(value) + " is not an image reference such as aquasec/trivy:0.74.0 or"
                    + " ghcr.io/org/image:1.2.3@sha256:<64 hex digits> (lower-case path, no spaces or quotes)");
        }
        if (!image.get().pinned()) {
            return Optional.of(Shown.quoted(value) + " is not pinned: give a version tag (e.g. aquasec/trivy:0.74.0) or a digest");
        }
        return Optional.empty();
    }

    /**
     * An https URL with a host and no trailing slash, as Go's {@code net/url} (Flux, the GitLab provider) and
     * Java's {@code URI} both parse it: no control characters, spaces or other characters a URL must escape, and
     * a port, when given, in 1-65535 (Go: "invalid port", {@code net/url/url.go validOptionalPort} and
     * {@code net.SplitHostPort}).
     */
    public static Optional<String> httpsUrl(String value) {
        // user information may be a password: it is never shown
        String shown = Shown.quoted(value);
        if (!value.startsWith("https://")) {
            return Optional.of(shown + " must be an https:// URL");
        }
        if (Shown.hasUnsafe(value) || value.chars().anyMatch(c -> c == ' ' || c > 0x7e)) {
            return Optional.of(shown + " contains a control character, a space or a non-ASCII character:"
                    + " a URL must percent-encode them");
        }
        String rest = value.substring("https://".length());
        if (rest.endsWith("/")) {
            return Optional.of(shown + " must not end with '/'");
        }
        int end = rest.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int i = rest.indexOf(c);
            if (i >= 0) {
                end = Math.min(end, i);
            }
        }
        String authority = rest.substring(0, end);
        if (authority.contains("@")) {
            return Optional.of(shown + " carries user information before '@': give credentials as a"
                    + " secret key, never in a URL");
        }
        Optional<String> hostProblem = hostAndPort(authority);
        if (hostProblem.isPresent()) {
            return Optional.of(shown + " has no valid host: " + hostProblem.get());
        }
        try {
            new java.net.URI(value);
        } catch (java.net.URISyntaxException e) {
            return Optional.of(shown + " is not a valid URL: " + Shown.escaped(e.getReason()));
        }
        return Optional.empty();
    }

    /** A registry host name, without scheme or path, e.g. {@code harbor.example.com} or {@code harbor.example.com:8443}. */
    public static Optional<String> host(String value) {
        if (value.contains("://") || value.contains("/")) {
            return Optional.of(Shown.quoted(value) + " is not a host name: give only the host, e.g. 'harbor.example.com',"
                    + " without scheme or path");
        }
        if (value.contains("@")) {
            // checked before host and port, whose reasons quote their parts: a password before '@' would be one
            return Optional.of(Shown.quoted(value) + " is not a host name: it carries user information before '@';"
                    + " give only the host (the registry's credentials are harbor.username and harbor.password)");
        }
        return hostAndPort(value).map(reason -> Shown.quoted(value) + " is not a host name: " + reason);
    }

    /**
     * {@code host[:port]}: a DNS name of at most 253 characters in labels of at most 63 (RFC 1123), lower-case (an
     * image reference's registry must equal it byte for byte), and a port in 1-65535.
     */
    private static Optional<String> hostAndPort(String value) {
        String host = value;
        int colon = value.lastIndexOf(':');
        if (colon >= 0) {
            String port = value.substring(colon + 1);
            host = value.substring(0, colon);
            if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                return Optional.of("the port " + Shown.quoted(port) + " is not a number from 1 to 65535");
            }
        }
        if (host.isEmpty() || host.length() > 253 || !DNS1123_SUBDOMAIN.matcher(host).matches()
                || java.util.Arrays.stream(host.split("\\.")).anyMatch(label -> label.length() > 63)) {
            return Optional.of("expected a lower-case DNS name such as 'harbor.example.com' (labels of letters, digits"
                    + " and '-', at most 63 characters each)");
        }
        return Optional.empty();
    }

    /**
     * An Ingress rule host: a DNS-1123 subdomain, optionally a wildcard {@code *.example.com}, and not an IP address.
     * Kubernetes refuses an IP there: kubernetes {@code pkg/apis/networking/validation/validation.go},
     * {@code validateIngressRules}: "must be a DNS name, not an IP address".
     */
    public static Optional<String> ingressHost(String value) {
        String name = value.startsWith("*.") ? value.substring(2) : value;
        if (isIpAddress(value)) {
            return Optional.of(Shown.quoted(value) + " is an IP address: an Ingress host must be a DNS name"
                    + " (Kubernetes refuses an IP there), e.g. flux-webhook.dev.example.com");
        }
        if (name.length() > 253 || !DNS1123_SUBDOMAIN.matcher(name).matches()
                || java.util.Arrays.stream(name.split("\\.")).anyMatch(label -> label.length() > 63)) {
            return Optional.of(Shown.quoted(value) + " is not an Ingress host name: a lower-case DNS name without"
                    + " scheme, port or path, e.g. flux-webhook.dev.example.com");
        }
        return Optional.empty();
    }

    /** IPv4 in any of the forms Go's {@code netutils.ParseIPSloppy} takes (leading zeros too), or IPv6. */
    static boolean isIpAddress(String value) {
        return value.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") || (value.contains(":") && value.matches("[0-9A-Fa-f:.]+"));
    }

    /**
     * A kubeconfig context name: any text kubectl can select, but not a control character, a bidi or zero-width
     * character (a name that looks like another), or leading or trailing space, none of which a real context name
     * has; at most 253 characters.
     */
    public static Optional<String> kubeContext(String value) {
        if (Shown.hasUnsafe(value)) {
            return Optional.of(Shown.quoted(value) + " contains a control or invisible formatting character: give the"
                    + " context name as `kubectl config get-contexts` lists it");
        }
        if (!value.equals(value.strip()) || value.length() > 253) {
            return Optional.of(Shown.quoted(value) + " is not a kubeconfig context name: no leading or trailing"
                    + " space, at most 253 characters");
        }
        return Optional.empty();
    }

    /** What {@code cluster.id} is, for its messages (README "Configuration reference"). */
    public static final String CLUSTER_ID_MEANING = "the stable identity of the cluster this stack targets (Rancher's"
            + " cluster id such as `c-m-xxxxxxxx`, or the UID of its kube-system namespace), which the Kubernetes"
            + " provider compares: changing it replaces every Kubernetes resource of the stack, keeping it makes a"
            + " context or kubeconfig change an in-place update";

    /**
     * A {@code cluster.id}: 1 to 128 characters, lowercase letters, digits and {@code - . _ :}, starting and ending
     * with a letter or digit; not a kubeconfig context or a URL (those change with credentials and routing, the
     * identity must not).
     */
    public static Optional<String> clusterId(String value) {
        if (Shown.hasUnsafe(value) || !value.matches("[a-z0-9]([a-z0-9._:-]{0,126}[a-z0-9])?")) {
            return Optional.of(Shown.quoted(value) + " is not a cluster id: 1-128 lowercase letters, digits, `-`, `.`,"
                    + " `_`, `:`, starting and ending with a letter or digit (" + CLUSTER_ID_MEANING + ")");
        }
        if (value.startsWith("http") && value.contains(":")) {
            return Optional.of(Shown.quoted(value) + " looks like a server URL; the id must outlive the cluster's"
                    + " address: use Rancher's cluster id or the kube-system namespace UID");
        }
        return Optional.empty();
    }

    /**
     * A user name sent in an HTTP basic-auth header or a docker config (Harbor robot accounts such as
     * {@code robot$flux}, Git user names): printable characters only, no white space, at most 255 characters. A
     * header value cannot carry a line break (RFC 9110, field values) and a blank in a user name is a typo.
     */
    public static Optional<String> userName(String value) {
        if (value.length() > 255 || !value.codePoints().allMatch(cp -> cp > 0x20 && cp != 0x7f && !Shown.unsafe(cp)
                && !Character.isWhitespace(cp) && !Character.isSpaceChar(cp))) {
            return Optional.of(Shown.quoted(value) + " is not a user name: printable characters without spaces,"
                    + " at most 255");
        }
        return Optional.empty();
    }

    /** A calendar date {@code YYYY-MM-DD}. */
    public static Optional<java.time.LocalDate> date(String value) {
        if (!value.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(java.time.LocalDate.parse(value));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A Kubernetes quantity as an exact number (cores or bytes); only for quantities {@link #quantity} accepted. */
    public static java.math.BigDecimal quantityValue(String value) {
        java.util.regex.Matcher m = Pattern.compile("([0-9.]+)([A-Za-z]*)").matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a quantity");
        }
        java.math.BigDecimal n = new java.math.BigDecimal(m.group(1));
        return switch (m.group(2)) {
            case "" -> n;
            case "m" -> n.movePointLeft(3);
            case "k" -> n.movePointRight(3);
            case "M" -> n.movePointRight(6);
            case "G" -> n.movePointRight(9);
            case "T" -> n.movePointRight(12);
            case "P" -> n.movePointRight(15);
            case "E" -> n.movePointRight(18);
            case "Ki" -> n.multiply(java.math.BigDecimal.valueOf(1L << 10));
            case "Mi" -> n.multiply(java.math.BigDecimal.valueOf(1L << 20));
            case "Gi" -> n.multiply(java.math.BigDecimal.valueOf(1L << 30));
            case "Ti" -> n.multiply(java.math.BigDecimal.valueOf(1L << 40));
            case "Pi" -> n.multiply(java.math.BigDecimal.valueOf(1L << 50));
            case "Ei" -> n.multiply(java.math.BigDecimal.valueOf(1L << 60));
            default -> throw new IllegalArgumentException("not a quantity");
        };
    }

    /**
     * A Rancher chart version: the chart major is 1xx and follows the Rancher minor (see
     * {@link #rancherChartMajor}), optionally with the upstream version after {@code +up}, e.g.
     * {@code 109.0.2+up80.9.1-rancher.8}. Release candidates ({@code -rc}) are not pinned for an environment.
     */
    public static Optional<String> rancherChartVersion(String value) {
        if (!RANCHER_CHART.matcher(value).matches()) {
            return Optional.of(Shown.quoted(value) + " is not a Rancher chart version: expected 1xx.y.z or 1xx.y.z+upA.B.C"
                    + " (e.g. 109.0.2+up80.9.1-rancher.8), an exact release, no range or release candidate");
        }
        return Optional.empty();
    }

    /** A Rancher version line, {@code 2.N} with N at least 8 (the first line whose charts follow the 1xx rule). */
    public static Optional<String> rancherVersion(String value) {
        if (!RANCHER_VERSION.matcher(value).matches() || Integer.parseInt(value.substring(2)) < 8) {
            return Optional.of(Shown.quoted(value) + " is not a Rancher version line such as 2.14 (2.8 or later;"
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
            return Optional.of(Shown.quoted(value) + " is not a Rancher cluster id: expected c-m-xxxxxxxx, c-xxxxx or local"
                    + " (the id in Rancher's URL /dashboard/c/<id>/, not the cluster's display name)");
        }
        return Optional.empty();
    }

    /** A Rancher cluster name: a DNS-1123 label, as Rancher requires of cluster names. */
    public static Optional<String> rancherClusterName(String value) {
        if (!DNS1123_LABEL.matcher(value).matches() || value.length() > 63) {
            return Optional.of(Shown.quoted(value) + " is not a cluster name: lower-case letters, digits and '-', starting"
                    + " and ending with a letter or digit, at most 63 characters");
        }
        return Optional.empty();
    }

    /** An exact chart version such as {@code 1.3.0}: no range, and no tag such as {@code latest}. */
    public static Optional<String> exactVersion(String value) {
        if (!EXACT_VERSION.matcher(value).matches()) {
            return Optional.of(Shown.quoted(value) + " is not an exact chart version such as 1.3.0 (ranges and tags such as"
                    + " 'latest' are not pinned)");
        }
        return Optional.empty();
    }

    /** A container image reference with a registry, e.g. {@code harbor.example.com/your-org/custom-fluentd:1.4.2}. */
    public static Optional<String> imageReference(String value) {
        if (ImageReference.parse(value).isEmpty()) {
            return Optional.of(Shown.quoted(value) + " is not an image reference such as harbor.example.com/your-org/"
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
