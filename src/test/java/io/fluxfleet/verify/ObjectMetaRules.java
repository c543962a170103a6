package io.fluxfleet.verify;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static io.fluxfleet.verify.KubeObjects.child;
import static io.fluxfleet.verify.KubeObjects.show;

/**
 * The API server's own rules for {@code metadata} that no schema carries (apimachinery's
 * {@code ValidateObjectMeta}): a name is present and well-formed for its kind, a namespaced object has a
 * namespace and a cluster-scoped one has none, and label keys and values, annotation keys are
 * well-formed. The rules are Kubernetes' published ones, restated here.
 */
final class ObjectMetaRules {
    private static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final Pattern DNS1123_LABEL = Pattern.compile(DNS_LABEL);
    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(DNS_LABEL + "(\\." + DNS_LABEL + ")*");
    private static final Pattern QUALIFIED_NAME_PART = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

    /** Kinds whose names are RBAC path segments rather than DNS subdomains. */
    private static final Set<String> PATH_SEGMENT_NAMED = Set.of("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding");

    private ObjectMetaRules() {}

    /**
     * Violations of the metadata rules, as {@code path: message}.
     *
     * @param namespaced whether the kind lives in a namespace
     */
    static void check(String kind, Map<String, Object> object, boolean namespaced, List<SchemaChecker.Failure> out) {
        if (!(object.get("metadata") instanceof Map<?, ?> metadata)) {
            out.add(new SchemaChecker.Failure("metadata", "missing, but every object needs metadata.name"));
            return;
        }
        Object name = metadata.get("name");
        if (!(name instanceof String n) || n.isEmpty()) {
            out.add(new SchemaChecker.Failure("metadata.name", "missing, but required (no generateName here: names must be stable)"));
        } else {
            checkName(kind, n, out);
        }
        Object namespace = metadata.get("namespace");
        if (namespaced && (!(namespace instanceof String ns) || ns.isEmpty())) {
            out.add(new SchemaChecker.Failure("metadata.namespace", "missing, but " + kind
                    + " is namespaced (without it the object lands in whatever namespace the provider defaults to)"));
        } else if (!namespaced && namespace != null) {
            out.add(new SchemaChecker.Failure("metadata.namespace", show(namespace) + " set, but " + kind
                    + " is cluster-scoped (the API server ignores it)"));
        } else if (namespace instanceof String ns) {
            dnsLabel(ns, "metadata.namespace", out);
        }
        if (metadata.get("labels") instanceof Map<?, ?> labels) {
            labels.forEach((k, v) -> {
                String at = child("metadata.labels", (String) k);
                qualifiedName((String) k, at, "label key", out);
                if (v instanceof String value && (value.length() > 63 || !LABEL_VALUE.matcher(value).matches())) {
                    out.add(new SchemaChecker.Failure(at, show(value) + " is not a valid label value (at most 63 "
                            + "characters, alphanumerics, '-', '_' or '.', starting and ending alphanumeric)"));
                }
            });
        }
        if (metadata.get("annotations") instanceof Map<?, ?> annotations) {
            annotations.keySet().forEach(k -> qualifiedName((String) k,
                    child("metadata.annotations", (String) k), "annotation key", out));
        }
    }

    private static void checkName(String kind, String name, List<SchemaChecker.Failure> out) {
        if ("Namespace".equals(kind)) {
            dnsLabel(name, "metadata.name", out);
        } else if (PATH_SEGMENT_NAMED.contains(kind)) {
            if (name.equals(".") || name.equals("..") || name.contains("/") || name.contains("%")) {
                out.add(new SchemaChecker.Failure("metadata.name", show(name)
                        + " is not a valid path segment name (no '/', '%', '.' or '..')"));
            }
        } else if (name.length() > 253 || !DNS1123_SUBDOMAIN.matcher(name).matches()) {
            out.add(new SchemaChecker.Failure("metadata.name", show(name) + " is not a DNS-1123 subdomain "
                    + "(at most 253 characters, lower-case alphanumerics, '-' or '.', starting and ending alphanumeric)"));
        }
    }

    private static void dnsLabel(String value, String path, List<SchemaChecker.Failure> out) {
        if (value.length() > 63 || !DNS1123_LABEL.matcher(value).matches()) {
            out.add(new SchemaChecker.Failure(path, show(value) + " is not a DNS-1123 label "
                    + "(at most 63 characters, lower-case alphanumerics or '-', starting and ending alphanumeric)"));
        }
    }

    private static void qualifiedName(String key, String path, String what, List<SchemaChecker.Failure> out) {
        int slash = key.lastIndexOf('/');
        String prefix = slash < 0 ? null : key.substring(0, slash);
        String name = slash < 0 ? key : key.substring(slash + 1);
        boolean ok = name.length() <= 63 && QUALIFIED_NAME_PART.matcher(name).matches()
                && key.indexOf('/') == slash
                && (prefix == null || (prefix.length() <= 253 && DNS1123_SUBDOMAIN.matcher(prefix).matches()));
        if (!ok) {
            out.add(new SchemaChecker.Failure(path, show(key) + " is not a valid " + what
                    + " (optional DNS-subdomain prefix and '/', then at most 63 alphanumerics, '-', '_' or '.')"));
        }
    }
}
