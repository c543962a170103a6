package io.fluxfleet.plan;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A provider's {@code DiffConfig}: the answer the engine gets for a provider resource's own step and, since pulumi
 * #18509, for every resource whose provider reference changed ({@link EngineRules#PROVIDER_REFERENCE}).
 *
 * <p>pulumi-kubernetes 4.32.0 ({@link EngineRules#K8S_DIFF_CONFIG}), in its order: no diff, no change; a
 * {@code clusterIdentifier} present on both sides with another value replaces; {@code renderYamlToDirectory}
 * replaces; {@code kubeconfig}/{@code context}/{@code cluster} replace only when both sides carry a kubeconfig
 * whose active cluster is found and differs ({@code getActiveClusterFromConfig}: without a kubeconfig input there is
 * no cluster to compare, so a changed context alone is an update); and a {@code clusterIdentifier} present and
 * unchanged clears every replacement. Adding or removing it is an update.
 *
 * <p>Offline the kubeconfig is a secret fingerprint, so where the answer hinges on the active cluster of two
 * kubeconfigs the result is {@link Result#uncertain}; so is a cluster change the provider cannot see (another
 * context, or a first kubeconfig) without an unchanged {@code clusterIdentifier}: the engine's step is then certain
 * (an update) but whether the state stays true is not. Bridged providers (gitlab, random) are not modelled.
 *
 * @see io.fluxfleet.kube.KubernetesProviderArgs
 */
final class ProviderConfigDiff {
    static final String KUBERNETES = "pulumi:providers:kubernetes";
    static final String IDENTIFIER = "clusterIdentifier";

    /**
     * @param changed   the provider inputs that differ
     * @param replaces  the ones DiffConfig answers with as replace keys
     * @param uncertain empty when offline inputs settle it, else what cannot be seen and what to check
     */
    record Result(Set<String> changed, Set<String> replaces, String uncertain) {
        boolean replace() {
            return !replaces.isEmpty();
        }
    }

    private ProviderConfigDiff() {}

    /** The DiffConfig of provider type {@code type} for old and new provider inputs. */
    static Result diff(String type, JsonNode olds, JsonNode news) {
        Set<String> changed = new TreeSet<>(InputDiff.changedPaths(olds, news, List.of()).stream()
                .map(p -> p.split("\\.")[0]).toList());
        if (!type.equals(KUBERNETES)) {
            return new Result(changed, Set.of(), changed.isEmpty() ? "" : "the DiffConfig of " + type + " (a bridged"
                    + " provider) is not modelled offline: check `pulumi preview` for a replacement of what it manages");
        }
        if (changed.isEmpty()) {
            return new Result(changed, Set.of(), "");
        }
        String oldId = text(olds, IDENTIFIER);
        String newId = text(news, IDENTIFIER);
        Set<String> replaces = new TreeSet<>();
        if (!oldId.isEmpty() && !newId.isEmpty() && !oldId.equals(newId)) {
            replaces.add(IDENTIFIER);
        }
        if (changed.contains("renderYamlToDirectory")) {
            replaces.add("renderYamlToDirectory");
        }
        boolean pinned = !newId.isEmpty() && newId.equals(oldId);
        if (pinned) {
            return new Result(changed, Set.of(), "");
        }
        boolean target = changed.contains("kubeconfig") || changed.contains("context") || changed.contains("cluster");
        String uncertain = "";
        if (!replaces.isEmpty()) {
            return new Result(changed, replaces, "");
        }
        if (target && !text(olds, "kubeconfig").isEmpty() && !text(news, "kubeconfig").isEmpty()) {
            uncertain = "the provider replaces itself and every resource it manages only if the active cluster of the"
                    + " new kubeconfig differs from the old one's, and offline the kubeconfig is a secret: compare the"
                    + " server of both kubeconfigs' active contexts (`kubectl config view --minify`), and set an"
                    + " unchanged `cluster.id` so that the provider stops guessing";
        } else if (target) {
            uncertain = "the provider cannot see which cluster a context or a first kubeconfig points at (it compares"
                    + " only two kubeconfigs' active clusters), so the engine updates the provider in place and replaces"
                    + " nothing. If the new " + (changed.contains("context") ? "context" : "kubeconfig") + " reaches"
                    + " another cluster, the state then lists objects that cluster never received: check that it names"
                    + " the same cluster (`kubectl --context <new> get ns kube-system -o jsonpath='{.metadata.uid}'`"
                    + " equals the old one's)"
                    + (newId.isEmpty() ? "" : ", since `cluster.id` was only just set and the provider does not compare"
                    + " an identifier being added");
        }
        return new Result(changed, replaces, uncertain);
    }

    private static String text(JsonNode inputs, String key) {
        JsonNode v = inputs == null ? null : inputs.get(key);
        return v == null || v.isNull() ? "" : v.asText("");
    }
}
