package io.fluxfleet.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.resources.CustomResourceOptions;

import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.render.Recorded;
import io.fluxfleet.render.RenderResult;
import io.fluxfleet.render.Renderer;
import io.fluxfleet.testing.Stacks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Day 2: a stack created by fluxfleet with the 4.0.0 SDK's provider (plugin 4.0.0) is upgraded by the next
 * {@code pulumi up}. The old provider inputs are recorded here by running the previous code path itself (the SDK's
 * {@code Provider} and {@code ProviderArgs}); the new ones are what the program registers now. The engine's decision
 * is then applied as its sources state it:
 * <ul>
 *   <li>The provider's URN is its type and name, unchanged, so the engine diffs it instead of creating another.</li>
 *   <li>The engine asks the <em>new</em> plugin's {@code DiffConfig} (pulumi/pulumi
 *       pkg/resource/deploy/providers/registry.go, {@code Diff}: the provider loaded by {@code Check} for the new
 *       inputs, which carry the new {@code version}); the provider is replaced only if that answer has replace keys.</li>
 *   <li>pulumi-kubernetes 4.32.0 {@code DiffConfig} (provider/pkg/provider/provider.go) reports every changed key as a
 *       diff, and as a replacement only: {@code clusterIdentifier} when it changes; {@code kubeconfig}/{@code context}/
 *       {@code cluster} when the new value is unknown, or when the active cluster of both kubeconfigs is found and
 *       differs; {@code renderYamlToDirectory} when it changes. {@link #diffConfig} is that rule.</li>
 *   <li>An update (not a replacement) re-registers the reconfigured plugin under the same URN and ID (registry.go
 *       {@code Update}: "setProvider(mustNewReference(req.URN, req.ID), provider)"), so every resource's provider
 *       reference is unchanged and no resource is replaced on account of the provider; each is diffed, as on any
 *       run, by the new plugin.</li>
 * </ul>
 */
class ProviderUpgradeTest {

    /** The answer of pulumi-kubernetes 4.32.0 {@code DiffConfig} for a provider's old and new inputs. */
    record ConfigDiff(Set<String> diffs, Set<String> replaces) {}

    static ConfigDiff diffConfig(Map<String, Object> olds, Map<String, Object> news) {
        Set<String> diffs = new TreeSet<>();
        Set<String> keys = new TreeSet<>(olds.keySet());
        keys.addAll(news.keySet());
        for (String key : keys) {
            if (!Objects.equals(plain(olds.get(key)), plain(news.get(key)))) {
                diffs.add(key);
            }
        }
        Set<String> replaces = new TreeSet<>();
        if (olds.containsKey("clusterIdentifier") && news.containsKey("clusterIdentifier") && diffs.contains("clusterIdentifier")) {
            replaces.add("clusterIdentifier");
        }
        for (String key : List.of("kubeconfig", "context", "cluster")) {
            if ("[unknown]".equals(plain(news.get(key)))) {
                return new ConfigDiff(Set.of(key), Set.of(key));
            }
        }
        if (diffs.contains("renderYamlToDirectory")) {
            replaces.add("renderYamlToDirectory");
        }
        // The active cluster is found only in a kubeconfig given as an input; without one on either side the
        // provider cannot tell, and plans no replacement (getActiveClusterFromConfig returns found=false).
        String oldCluster = activeCluster(olds);
        String newCluster = activeCluster(news);
        if (oldCluster != null && newCluster != null && !oldCluster.equals(newCluster)) {
            for (String key : List.of("kubeconfig", "context", "cluster")) {
                if (diffs.contains(key)) {
                    replaces.add(key);
                }
            }
        }
        if (news.containsKey("clusterIdentifier") && !diffs.contains("clusterIdentifier")) {
            replaces.clear();
        }
        return new ConfigDiff(diffs, replaces);
    }

    /** The cluster a kubeconfig's (possibly overridden) context points at; test kubeconfigs name it in a comment. */
    private static String activeCluster(Map<String, Object> inputs) {
        Object kubeconfig = plain(inputs.get("kubeconfig"));
        if (!(kubeconfig instanceof String text) || !text.contains("cluster=")) {
            return null;
        }
        return text.substring(text.indexOf("cluster=")) + "@" + plain(inputs.get("context"));
    }

    private static Object plain(Object value) {
        return value instanceof Recorded.SecretValue s ? s.value() : value;
    }

    /** What fluxfleet registered before this change: the 4.0.0 SDK provider, as FluxFleetStack.provider built it. */
    static Recorded oldProvider(FluxFleetConfig config) {
        RenderResult old = Renderer.render(config, (ctx, c) -> {
            var args = ProviderArgs.builder().enableServerSideApply(true);
            c.cluster().context().ifPresent(args::context);
            c.cluster().kubeconfig().ifPresent(k -> args.kubeconfig(Output.ofSecret(k.reveal())));
            new Provider("kubernetes-" + c.environment().id(), args.build(),
                    CustomResourceOptions.builder().protect(c.protect()).build());
        });
        return old.find("pulumi:providers:kubernetes", "kubernetes-" + config.environment().id());
    }

    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void theUpgradeOfACommittedStackIsAnUpdateOfTheProviderOnly(String env) {
        FluxFleetConfig config = Stacks.committed(env);
        Recorded before = oldProvider(config);
        RenderResult now = Stacks.render(config);
        Recorded after = now.find("pulumi:providers:kubernetes", "kubernetes-" + env);

        assertEquals(before.urn(), after.urn(), "same type and name: the engine diffs the provider, it does not add one");
        assertEquals(before.protect(), after.protect());
        assertEquals("4.0.0", before.inputs().get("version"), "the 4.0.0 SDK provider ran plugin 4.0.0");
        assertEquals("4.32.0", after.inputs().get("version"));

        ConfigDiff diff = diffConfig(before.inputs(), after.inputs());
        // clusterIdentifier (cluster.id) is added: an update, "we don't do this when adding or removing the identifier"
        assertEquals(Set.of("version", "upsertExistingObjects", "enablePatchForce", "enableSecretMutable",
                "clusterIdentifier"), diff.diffs());
        assertEquals(Set.of(), diff.replaces(), "an update of the provider, not a replacement");
        for (Recorded r : now.resources()) {
            if (r.custom() && r.type().startsWith("kubernetes:")) {
                assertEquals(after.urn(), r.providerUrn(), r.name() + " keeps its provider reference");
            }
        }
    }

    @Test
    void aKubeconfigStackUpgradesInPlaceToo() {
        ObjectNode raw = Stacks.minimal("prod", 1);
        ((ObjectNode) raw.get("cluster")).remove("context");
        ((ObjectNode) raw.get("cluster")).put("kubeconfig", "apiVersion: v1\nkind: Config # cluster=prod-a");
        FluxFleetConfig config = Stacks.load("prod", raw);
        Recorded before = oldProvider(config);
        Recorded after = Stacks.render(config).find("pulumi:providers:kubernetes", "kubernetes-prod");
        assertTrue(after.inputs().get("kubeconfig") instanceof Recorded.SecretValue, "the kubeconfig stays a secret");
        ConfigDiff diff = diffConfig(before.inputs(), after.inputs());
        assertFalse(diff.diffs().contains("kubeconfig"));
        assertEquals(Set.of(), diff.replaces());
    }

    /**
     * A stack last applied in CI with the 4.0.0 SDK may hold {@code kubeconfig: <path>}: that SDK's ProviderArgs copies
     * $KUBECONFIG into the input. The binding no longer does (the provider reads $KUBECONFIG itself), so the upgrade
     * also drops that input: a diff, not a replacement, because the new inputs hold no kubeconfig to compare clusters.
     */
    @Test
    void droppingTheKubeconfigPathTheOldSdkCopiedFromTheEnvironmentIsNoReplacement() {
        FluxFleetConfig config = Stacks.committed("prod");
        Map<String, Object> before = new HashMap<>(oldProvider(config).inputs());
        before.put("kubeconfig", "/builds/fluxfleet.tmp/KUBECONFIG_PROD");
        Recorded after = Stacks.render(config).find("pulumi:providers:kubernetes", "kubernetes-prod");
        ConfigDiff diff = diffConfig(before, after.inputs());
        assertTrue(diff.diffs().contains("kubeconfig"));
        assertEquals(Set.of(), diff.replaces());
    }

    /** The model is the provider's rule, not a rubber stamp: it does replace when the cluster really changes. */
    @Test
    void theModelReplacesWhenTheClusterChanges() {
        Map<String, Object> olds = Map.of("kubeconfig", new Recorded.SecretValue("kind: Config # cluster=a"), "version", "4.0.0");
        Map<String, Object> news = Map.of("kubeconfig", new Recorded.SecretValue("kind: Config # cluster=b"), "version", "4.32.0");
        assertEquals(Set.of("kubeconfig"), diffConfig(olds, news).replaces());
        assertEquals(Set.of("context"), diffConfig(Map.of("context", "a"), Map.of("context", "[unknown]")).replaces());
        assertEquals(Set.of("renderYamlToDirectory"),
                diffConfig(Map.of(), Map.of("renderYamlToDirectory", "out")).replaces());
        assertEquals(Set.of(), diffConfig(Map.of("context", "a", "clusterIdentifier", "x"),
                Map.of("context", "b", "clusterIdentifier", "x")).replaces(), "an unchanged clusterIdentifier pins the cluster");
    }
}
