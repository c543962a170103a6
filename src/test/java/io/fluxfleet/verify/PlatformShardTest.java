package io.fluxfleet.verify;

import io.fluxfleet.flux.PlatformShard;
import io.fluxfleet.flux.Sharding;
import io.fluxfleet.render.Recorded;
import io.fluxfleet.render.RenderResult;
import io.fluxfleet.testing.Stacks;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fluxfleet.config.FluxFleetConfig;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The platform shard as the cluster runs it: the real flux2 chart rendered with each committed stack's values (its
 * controllers and the shard's Deployments, which ship as the chart's {@code extraObjects}), every controller's
 * {@code --watch-label-selector} read from the rendered args and evaluated by {@link LabelSelector}, against every
 * Kustomization and HelmRelease the stack renders.
 *
 * <p>The hostile case, a tenant object labelled {@code sharding.fluxcd.io/key: platform}, is picked by the platform
 * shard: the selector cannot tell who wrote the label. Refusing that label on tenant objects is the admission
 * policies' job (the admission branch of issue 19, which imports {@link Sharding#KEY} and {@link Sharding#PLATFORM});
 * this test pins what happens without it, so the need stays visible.
 */
class PlatformShardTest {
    private static final String KUSTOMIZATION = "kubernetes:kustomize.toolkit.fluxcd.io/v1:Kustomization";
    private static final String HELM_RELEASE = "kubernetes:helm.toolkit.fluxcd.io/v2:HelmRelease";
    /** Which controller image reconciles which Flux kind. */
    private static final Map<String, String> RECONCILER = Map.of(
            KUSTOMIZATION, "ghcr.io/fluxcd/kustomize-controller:", HELM_RELEASE, "ghcr.io/fluxcd/helm-controller:");

    /** A controller Deployment of the rendered chart: its name, image and watch selector. */
    record Watcher(String deployment, String image, LabelSelector selector) {}

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Recorded r) {
        return (Map<String, Object>) RenderResult.reveal(r.inputs());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> labels(Map<String, Object> object) {
        Object labels = KubeObjects.at(object, "metadata.labels");
        return labels instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static FluxChart chart(RenderResult result) {
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) object(result.find(RenderResult.HELM_RELEASE_TYPE, "flux")).get("values");
        return FluxChart.render("flux", "flux-system", values);
    }

    @SuppressWarnings("unchecked")
    private static List<Watcher> watchers(FluxChart chart) {
        List<Watcher> watchers = new ArrayList<>();
        for (Map<String, Object> d : chart.ofKind("Deployment")) {
            String name = (String) KubeObjects.at(d, "metadata.name");
            List<Map<String, Object>> containers = (List<Map<String, Object>>) KubeObjects.at(d, "spec.template.spec.containers");
            String image = (String) containers.get(0).get("image");
            List<String> selectors = chart.args(name).stream().filter(a -> a.startsWith("--watch-label-selector="))
                    .map(a -> a.substring("--watch-label-selector=".length())).toList();
            assertTrue(selectors.size() <= 1, name + " has one selector at most: " + selectors);
            watchers.add(new Watcher(name, image, LabelSelector.parse(selectors.isEmpty() ? "" : selectors.get(0))));
        }
        return watchers;
    }

    /** The Deployments whose controller reconciles this kind and whose selector matches these labels. */
    private static List<String> pickedBy(List<Watcher> watchers, String type, Map<String, ?> labels) {
        return watchers.stream().filter(w -> w.image().startsWith(RECONCILER.get(type)))
                .filter(w -> w.selector().matches(labels)).map(Watcher::deployment).toList();
    }

    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void everyObjectIsWatchedByExactlyOneControllerOfItsShard(String env) {
        RenderResult result = Stacks.render(Stacks.committed(env));
        List<Watcher> watchers = watchers(chart(result));
        int platform = 0;
        int tenant = 0;
        for (String type : List.of(KUSTOMIZATION, HELM_RELEASE)) {
            String controller = RECONCILER.get(type).replace("ghcr.io/fluxcd/", "").replace(":", "");
            for (Recorded r : result.ofType(type)) {
                Map<String, Object> labels = labels(object(r));
                List<String> picked = pickedBy(watchers, type, labels);
                boolean platformObject = r.name().startsWith("flux-system/");
                String expected = platformObject ? io.fluxfleet.naming.Names.shardDeployment(controller, Sharding.PLATFORM) : controller;
                assertEquals(List.of(expected), picked, r.name() + " " + labels);
                if (platformObject) {
                    platform++;
                } else {
                    tenant++;
                    // hostile: the same tenant object wearing the platform's shard label moves to the platform shard
                    Map<String, Object> hostile = new TreeMap<>(labels);
                    hostile.put(Sharding.KEY, Sharding.PLATFORM);
                    assertEquals(List.of(io.fluxfleet.naming.Names.shardDeployment(controller, Sharding.PLATFORM)), pickedBy(watchers, type, hostile),
                            r.name() + " with the platform label: refused by admission, not by the selector");
                    // any other shard value: no controller runs it (a tenant only stalls itself)
                    Map<String, Object> elsewhere = new TreeMap<>(labels);
                    elsewhere.put(Sharding.KEY, "tenant-made-up");
                    assertEquals(List.of(), pickedBy(watchers, type, elsewhere), r.name());
                }
            }
        }
        assertTrue(platform >= 4 && tenant >= 1, platform + " platform, " + tenant + " tenant objects");
        // two instances of one controller hold different leases only with different selectors (controllers' main.go:
        // leaderelection.GenerateID(id, watchOptions.LabelSelector)): the shard never waits on the chart's controller
        for (PlatformShard.Controller c : PlatformShard.CONTROLLERS) {
            Watcher chartCopy = watchers.stream().filter(w -> w.deployment().equals(c.deployment())).findFirst().orElseThrow();
            Watcher shardCopy = watchers.stream().filter(w -> w.deployment().equals(c.shardDeployment())).findFirst().orElseThrow();
            assertNotEquals(chartCopy.selector().toString(), shardCopy.selector().toString());
            assertTrue(FluxChart.render("flux", "flux-system", Map.of()).args(c.deployment()).stream()
                    .noneMatch(a -> a.startsWith("--watch-label-selector")), "the stock chart watches everything");
        }
    }

    /**
     * Each shard pod is the chart's pod of the same controller but for the selector and the pod's own name: the same
     * image (from the same values), service account (so the chart's RBAC), security contexts, probes, ports,
     * {@code --events-addr}, lockdown flags, resources and placement.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    @SuppressWarnings("unchecked")
    void theShardPodIsTheChartPodButForItsSelector(String name, Supplier<FluxFleetConfig> config) {
        FluxChart chart = chart(Stacks.render(config.get()));
        for (PlatformShard.Controller c : PlatformShard.CONTROLLERS) {
            Map<String, Object> chartPod = canonical(chart.get("Deployment", c.deployment()));
            Map<String, Object> shardPod = canonical(chart.get("Deployment", c.shardDeployment()));
            List<String> chartArgs = chart.args(c.deployment());
            List<String> shardArgs = chart.args(c.shardDeployment());
            assertTrue(chartArgs.contains(PlatformShard.tenantSelectorArg()), chartArgs.toString());
            assertTrue(shardArgs.contains(PlatformShard.platformSelectorArg()), shardArgs.toString());
            List<String> swapped = chartArgs.stream()
                    .map(a -> a.equals(PlatformShard.tenantSelectorArg()) ? PlatformShard.platformSelectorArg() : a).toList();
            assertEquals(swapped, shardArgs, c.shardDeployment() + " args");
            assertTrue(shardArgs.stream().anyMatch(a -> a.startsWith("--events-addr=http://notification-controller.")), shardArgs.toString());
            assertEquals(chartPod, shardPod, c.shardDeployment() + " pod template against the chart's " + c.deployment());
            // two Deployments whose selectors overlap fight over each other's pods (the ReplicaSet controller adopts
            // every pod its selector matches): neither selects the other's pods
            Map<String, Object> chartDeployment = chart.get("Deployment", c.deployment());
            Map<String, Object> shardDeployment = chart.get("Deployment", c.shardDeployment());
            assertTrue(!matchLabels(shardDeployment).matches(podLabels(chartDeployment))
                    && !matchLabels(chartDeployment).matches(podLabels(shardDeployment))
                    && matchLabels(shardDeployment).matches(podLabels(shardDeployment)), c.shardDeployment());
            String image = (String) ((List<Map<String, Object>>) KubeObjects.at(chart.get("Deployment", c.shardDeployment()),
                    "spec.template.spec.containers")).get(0).get("image");
            assertTrue(image.matches("ghcr\\.io/fluxcd/" + c.deployment() + ":v[0-9.]+"), image);
        }
    }

    /** The committed stacks, and one that turns on what changes the controllers' args (source-watcher, log level). */
    static Stream<Arguments> stacks() {
        ObjectNode variant = Stacks.minimal("preprod", 2);
        ((ObjectNode) variant.withObject("/flux")).put("sourceWatcher", true).put("logLevel", "debug");
        return Stream.of(
                Arguments.of("Pulumi.dev.yaml", (Supplier<FluxFleetConfig>) () -> Stacks.committed("dev")),
                Arguments.of("Pulumi.preprod.yaml", (Supplier<FluxFleetConfig>) () -> Stacks.committed("preprod")),
                Arguments.of("Pulumi.prod.yaml", (Supplier<FluxFleetConfig>) () -> Stacks.committed("prod")),
                Arguments.of("preprod, source-watcher on, log level debug",
                        (Supplier<FluxFleetConfig>) () -> Stacks.load("preprod", variant)));
    }

    /**
     * The chart renders {@code extraObjects} through {@code tpl}: any {@code {{} in them is executed as a template. Only
     * fluxfleet's own expressions may appear; config values that reach the shard (log level, placement, resources) are
     * validated to forms without braces, and this fails the day one that is not gets there.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void onlyFluxfleetsOwnTemplateExpressionsReachTpl(String name, Supplier<FluxFleetConfig> config) throws Exception {
        String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                PlatformShard.deployments(config.get(), io.fluxfleet.flux.FluxValues.of(config.get())));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{\\{.*?}}").matcher(json);
        java.util.Set<String> expressions = new java.util.TreeSet<>();
        int found = 0;
        while (m.find()) {
            expressions.add(m.group());
            found++;
        }
        assertEquals(java.util.Set.of("{{ .Release.Namespace }}", "{{ .Release.Service }}", "{{ .Chart.AppVersion }}",
                "{{ template \\\"template.image\\\" .Values.kustomizeController }}",
                "{{ template \\\"template.image\\\" .Values.helmController }}",
                "{{ .Values.clusterDomain | default \\\"cluster.local\\\" }}"), expressions);
        assertEquals(json.split("\\{\\{", -1).length - 1, found, "every {{ opens one of those expressions");
    }

    @SuppressWarnings("unchecked")
    private static LabelSelector matchLabels(Map<String, Object> deployment) {
        Map<String, Object> m = (Map<String, Object>) KubeObjects.at(deployment, "spec.selector.matchLabels");
        return LabelSelector.parse(String.join(",", m.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> podLabels(Map<String, Object> deployment) {
        return (Map<String, Object>) KubeObjects.at(deployment, "spec.template.metadata.labels");
    }

    /** The pod template with the args and the name-bearing {@code app} label set aside (compared apart). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> canonical(Map<String, Object> deployment) {
        Map<String, Object> template = KubeObjects.deepCopy((Map<String, Object>) KubeObjects.at(deployment, "spec.template"));
        ((Map<String, Object>) template.get("metadata")).remove("labels");
        for (Object c : (List<Object>) KubeObjects.at(template, "spec.containers")) {
            ((Map<String, Object>) c).remove("args");
        }
        return new LinkedHashMap<>(template);
    }

    /** The evaluator itself, on the three forms the shards use and their neighbours. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "!sharding.fluxcd.io/key              | {}                                  | true",
        "!sharding.fluxcd.io/key              | sharding.fluxcd.io/key=platform     | false",
        "!sharding.fluxcd.io/key              | sharding.fluxcd.io/key=             | false",
        "sharding.fluxcd.io/key               | sharding.fluxcd.io/key=             | true",
        "sharding.fluxcd.io/key               | {}                                  | false",
        "sharding.fluxcd.io/key=platform      | sharding.fluxcd.io/key=platform     | true",
        "sharding.fluxcd.io/key=platform      | sharding.fluxcd.io/key=Platform     | false",
        "sharding.fluxcd.io/key=platform      | {}                                  | false",
        "sharding.fluxcd.io/key=platform      | other=platform                      | false",
        "sharding.fluxcd.io/key==platform     | sharding.fluxcd.io/key=platform     | true",
        "sharding.fluxcd.io/key!=platform     | {}                                  | true",
        "a,!b                                 | a=1                                 | true",
        "a,!b                                 | a=1;b=2                             | false",
        "''                                   | anything=1                          | true",
    })
    void selectorsMatchAsTheApiServerDoes(String selector, String labels, boolean matches) {
        Map<String, String> parsed = new TreeMap<>();
        if (!labels.equals("{}")) {
            for (String kv : labels.split(";")) {
                String[] p = kv.split("=", 2);
                parsed.put(p[0], p[1]);
            }
        }
        assertEquals(matches, LabelSelector.parse(selector).matches(parsed), selector + " on " + parsed);
    }
}
