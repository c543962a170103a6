package io.fluxfleet.admission;

import io.fluxfleet.admission.AdmissionPolicies.Policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the API server does with fluxfleet's policies for one request, as Kubernetes documents and implements it
 * (kubernetes {@code staging/src/k8s.io/apiserver/pkg/admission/plugin/policy/validating}, and
 * kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy), with every expression run by the
 * real CEL engine:
 * <ol>
 *   <li>a binding applies when its {@code matchResources.namespaceSelector} matches the request's namespace's
 *       labels (matchLabels and In/NotIn/Exists/DoesNotExist expressions);</li>
 *   <li>the policy applies when a {@code matchConstraints.resourceRules} entry matches operation, API group,
 *       version and resource ({@code *} for all; {@code *} alone matches no subresource; {@code pods/x} a
 *       subresource);</li>
 *   <li>every {@code matchCondition} must be true, else the policy is skipped; an error fails the request
 *       ({@code failurePolicy: Fail});</li>
 *   <li>{@code variables} are evaluated in order, each seeing the ones before it ({@code variables.<name>}); one that
 *       errors is left out, so a validation that uses it errors;</li>
 *   <li>a validation that is false denies with its {@code messageExpression} (else {@code message}); one that
 *       errors denies too ({@code failurePolicy: Fail}).</li>
 * </ol>
 */
public final class AdmissionSimulator {
    /** One admission request: who, what operation on which resource, and the objects. */
    public record Request(String operation, String username, List<String> groups, String namespace, String name,
                          String group, String version, String resource, String subResource, String kind,
                          Map<String, Object> object, Map<String, Object> oldObject,
                          Map<String, Object> namespaceObject) {}

    /** A denial: the policy and its message (or the CEL error that failed closed). */
    public record Denial(String policy, int validation, String message, boolean error) {}

    private final CelHarness cel = CelHarness.get();
    private final Map<String, Object> programs = new HashMap<>();

    /** Every denial the policies give {@code request}: none means admitted. */
    public List<Denial> admit(List<Policy> policies, Request request) {
        List<Denial> denials = new ArrayList<>();
        for (Policy policy : policies) {
            if (!bindingMatches(policy.bindingSpec(), request) || !constraintsMatch(policy.spec(), request)) {
                continue;
            }
            evaluate(policy, request, denials);
        }
        return denials;
    }

    /** Compiles an expression (cached); a refusal throws. */
    public Object program(String expression) {
        return programs.computeIfAbsent(expression, cel::compile);
    }

    @SuppressWarnings("unchecked")
    private void evaluate(Policy policy, Request request, List<Denial> denials) {
        Map<String, Object> vars = variables(request);
        for (Map<String, Object> condition : (List<Map<String, Object>>) policy.spec().getOrDefault("matchConditions", List.of())) {
            try {
                if (!Boolean.TRUE.equals(cel.eval(program((String) condition.get("expression")), vars))) {
                    return;
                }
            } catch (CelHarness.EvalError e) {
                denials.add(new Denial(policy.name(), -1, "matchCondition " + condition.get("name") + ": " + e.getMessage(), true));
                return;
            }
        }
        Map<String, Object> computed = new LinkedHashMap<>();
        vars.put("variables", computed);
        for (Map<String, Object> variable : (List<Map<String, Object>>) policy.spec().getOrDefault("variables", List.of())) {
            try {
                computed.put((String) variable.get("name"), cel.eval(program((String) variable.get("expression")), vars));
            } catch (CelHarness.EvalError e) {
                // left out: a validation that reads it fails, as in Kubernetes' lazy evaluation
            }
        }
        List<Map<String, Object>> validations = (List<Map<String, Object>>) policy.spec().get("validations");
        for (int index = 0; index < validations.size(); index++) {
            Map<String, Object> validation = validations.get(index);
            try {
                if (Boolean.TRUE.equals(cel.eval(program((String) validation.get("expression")), vars))) {
                    continue;
                }
                String message = validation.containsKey("messageExpression")
                        ? String.valueOf(cel.eval(program((String) validation.get("messageExpression")), vars))
                        : (String) validation.get("message");
                denials.add(new Denial(policy.name(), index, message, false));
            } catch (CelHarness.EvalError e) {
                denials.add(new Denial(policy.name(), index, "expression " + validation.get("expression") + ": " + e.getMessage(), true));
            }
        }
    }

    private static Map<String, Object> variables(Request r) {
        Map<String, Object> userInfo = new LinkedHashMap<>();
        userInfo.put("username", r.username());
        userInfo.put("groups", r.groups());
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("operation", r.operation());
        request.put("userInfo", userInfo);
        request.put("namespace", r.namespace());
        request.put("name", r.name());
        request.put("kind", Map.of("group", r.group(), "version", r.version(), "kind", r.kind()));
        request.put("resource", Map.of("group", r.group(), "version", r.version(), "resource", r.resource()));
        request.put("subResource", r.subResource());
        Map<String, Object> vars = new HashMap<>();
        vars.put("request", request);
        vars.put("object", r.object());
        vars.put("oldObject", r.oldObject());
        vars.put("namespaceObject", r.namespaceObject());
        vars.put("params", null);
        return vars;
    }

    @SuppressWarnings("unchecked")
    static boolean bindingMatches(Map<String, Object> binding, Request r) {
        Map<String, Object> match = (Map<String, Object>) binding.get("matchResources");
        Map<String, Object> selector = (Map<String, Object>) match.get("namespaceSelector");
        Map<String, Object> meta = (Map<String, Object>) r.namespaceObject().get("metadata");
        Map<String, String> labels = (Map<String, String>) meta.getOrDefault("labels", Map.of());
        Map<String, String> matchLabels = (Map<String, String>) selector.getOrDefault("matchLabels", Map.of());
        if (!matchLabels.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
            return false;
        }
        for (Map<String, Object> e : (List<Map<String, Object>>) selector.getOrDefault("matchExpressions", List.of())) {
            String key = (String) e.get("key");
            List<String> values = (List<String>) e.getOrDefault("values", List.of());
            boolean ok = switch ((String) e.get("operator")) {
                case "Exists" -> labels.containsKey(key);
                case "DoesNotExist" -> !labels.containsKey(key);
                case "In" -> labels.containsKey(key) && values.contains(labels.get(key));
                case "NotIn" -> !labels.containsKey(key) || !values.contains(labels.get(key));
                default -> throw new IllegalArgumentException("operator " + e.get("operator"));
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    static boolean constraintsMatch(Map<String, Object> spec, Request r) {
        Map<String, Object> constraints = (Map<String, Object>) spec.get("matchConstraints");
        String resource = r.subResource().isEmpty() ? r.resource() : r.resource() + "/" + r.subResource();
        for (Map<String, Object> rule : (List<Map<String, Object>>) constraints.get("resourceRules")) {
            if (any(rule.get("operations"), r.operation()) && any(rule.get("apiGroups"), r.group())
                    && any(rule.get("apiVersions"), r.version()) && resourceMatches((List<String>) rule.get("resources"), resource)) {
                return true;
            }
        }
        return false;
    }

    private static boolean any(Object list, String value) {
        return ((List<?>) list).contains("*") || ((List<?>) list).contains(value);
    }

    private static boolean resourceMatches(List<String> rules, String resource) {
        for (String rule : rules) {
            if (rule.equals(resource) || (rule.equals("*") && !resource.contains("/")) || rule.equals("*/*")
                    || (rule.endsWith("/*") && resource.startsWith(rule.substring(0, rule.length() - 1)))) {
                return true;
            }
        }
        return false;
    }
}
