package io.fluxfleet.verify;

import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.config.FluxFleetConfig.PlatformWorkers;
import io.fluxfleet.render.Recorded;
import io.fluxfleet.render.RenderResult;
import io.fluxfleet.testing.Stacks;
import io.fluxfleet.verify.PodPlacementValidator.Taint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Everything every stack emits, held against artifacts nobody here wrote: the Flux CRD schemas (the 2.9
 * fixtures and the CRDs the pinned chart itself installs), the Kubernetes JSON schemas, and the real flux2
 * chart rendered by Helm with exactly the values the stack passes.
 */
class StackVerificationTest {
    private static final Map<String, RenderResult> RENDERED = new ConcurrentHashMap<>();

    /** Every stack file in the repository, and generated stacks of 1, 10 and 100 tenants. */
    static Stream<Arguments> stacks() {
        return Stream.of(
                stack("Pulumi.dev.yaml", () -> Stacks.committed("dev")),
                stack("Pulumi.preprod.yaml", () -> Stacks.committed("preprod")),
                stack("Pulumi.prod.yaml", () -> Stacks.committed("prod")),
                stack("dev, 1 tenant", () -> Stacks.load("dev", Stacks.minimal("dev", 1))),
                stack("preprod, 10 tenants", () -> Stacks.load("preprod", Stacks.minimal("preprod", 10))),
                stack("prod, 100 tenants", () -> Stacks.load("prod", Stacks.minimal("prod", 100))));
    }

    private static Arguments stack(String name, Supplier<FluxFleetConfig> config) {
        return Arguments.of(name, config);
    }

    private static RenderResult render(String name, Supplier<FluxFleetConfig> config) {
        return RENDERED.computeIfAbsent(name, n -> Stacks.render(config.get()));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Recorded r) {
        return (Map<String, Object>) RenderResult.reveal(r.inputs());
    }

    private static Map<String, Object> fluxValues(RenderResult result) {
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) object(result.find(RenderResult.HELM_RELEASE_TYPE, "flux")).get("values");
        return values;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void everyEmittedObjectValidatesAgainstItsSchema(String name, Supplier<FluxFleetConfig> config) {
        RenderResult result = render(name, config);
        List<Map<String, Object>> objects = result.kubernetesObjects().stream().map(StackVerificationTest::object).toList();
        assertTrue(objects.size() > 20);
        EmittedObjectValidator.standard().assertAllValid(objects);

        // The cluster runs the CRDs the pinned chart installs; the Flux objects must fit those too.
        CrdSchemaValidator chartCrds = CrdSchemaValidator.of(FluxChart.render(fluxValues(result)).crds());
        List<Map<String, Object>> fluxObjects = objects.stream()
                .filter(o -> String.valueOf(o.get("apiVersion")).contains(".toolkit.fluxcd.io/")).toList();
        assertFalse(fluxObjects.isEmpty());
        chartCrds.assertAllValid(fluxObjects);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void theRealChartPlacesEveryPodOnPlatformWorkers(String name, Supplier<FluxFleetConfig> config) {
        FluxFleetConfig parsed = config.get();
        FluxChart chart = FluxChart.render("flux", "flux-system", fluxValues(render(name, config)));
        PlatformWorkers workers = parsed.platformWorkers();
        PodPlacementValidator placement = new PodPlacementValidator(Map.of(workers.labelKey(), workers.labelValue()),
                List.of(new Taint(workers.taintKey(), workers.taintValue(), workers.taintEffect())));

        List<FluxChart.PodTemplate> pods = chart.podSpecs();
        List<String> kinds = pods.stream().map(p -> p.kind() + "/" + p.name()).sorted().toList();
        int controllers = (parsed.flux().sourceWatcher() ? 7 : 6) + io.fluxfleet.flux.PlatformShard.CONTROLLERS.size();
        assertEquals(controllers, kinds.stream().filter(k -> k.startsWith("Deployment/")).count(), kinds.toString());
        assertTrue(kinds.contains("Job/flux-flux-check"), "the pre-install cli check job renders: " + kinds);
        assertEquals(2, kinds.stream().filter(k -> k.startsWith("Job/")).count(), "cli check and CRD migration: " + kinds);
        placement.assertAllValid(pods.stream().map(FluxChart.PodTemplate::owner).toList());

        for (String controller : List.of("kustomize-controller", "helm-controller")) {
            assertEquals(List.of(), chart.missingArgs(controller, "--no-cross-namespace-refs=true",
                    "--default-service-account=default"), controller);
        }
        for (io.fluxfleet.flux.ControllerLockdown.Flag flag : io.fluxfleet.flux.ControllerLockdown.FLAGS) {
            assertEquals(List.of(), chart.missingArgs(flag.deployment(), flag.arg()), flag.source());
        }
        assertEquals(0, chart.networkPolicies().size(), "the chart's network policies are replaced by fluxfleet's");
        for (Map<String, Object> crd : chart.crds()) {
            assertEquals(parsed.flux().keepCrdsOnUninstall() ? "keep" : null, annotation(crd),
                    "CRDs are kept on uninstall: " + KubeObjects.describe(crd));
        }
    }

    private static Object annotation(Map<String, Object> crd) {
        Object meta = crd.get("metadata");
        Object annotations = meta instanceof Map<?, ?> m ? m.get("annotations") : null;
        return annotations instanceof Map<?, ?> a ? a.get("helm.sh/resource-policy") : null;
    }

    /**
     * The files fluxfleet seeds in each tenant's GitOps repository parse, and every {@code kustomization.yaml}
     * lists only files that exist on the branch: a missing path is the guide's most common failure.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void seededRepositoryFilesParseAndReferOnlyToFilesThatExist(String name, Supplier<FluxFleetConfig> config)
            throws Exception {
        RenderResult result = render(name, config);
        List<Recorded> files = result.ofType("gitlab:index/repositoryFile:RepositoryFile");
        if (!io.fluxfleet.gitlab.SeedFiles.writesSeeds(config.get().environment())) {
            // Seeds are committed once, on dev; preprod and prod inherit them by promotion.
            assertTrue(files.isEmpty(), name + " commits no seed");
            return;
        }
        assertFalse(files.isEmpty());
        var yaml = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        Map<String, java.util.Set<String>> pathsByBranch = new java.util.HashMap<>();
        for (Recorded file : files) {
            Map<String, Object> in = object(file);
            pathsByBranch.computeIfAbsent(in.get("project") + "@" + in.get("branch"), k -> new java.util.HashSet<>())
                    .add((String) in.get("filePath"));
        }
        int kustomizations = 0;
        for (Recorded file : files) {
            Map<String, Object> in = object(file);
            String path = (String) in.get("filePath");
            String content = (String) in.get("content");
            java.util.Set<String> onBranch = pathsByBranch.get(in.get("project") + "@" + in.get("branch"));
            if (path.endsWith("kustomization.yaml")) {
                kustomizations++;
                Map<?, ?> doc = yaml.readValue(content, Map.class);
                assertEquals("kustomize.config.k8s.io/v1beta1", doc.get("apiVersion"), path);
                assertEquals("Kustomization", doc.get("kind"), path);
                String dir = path.substring(0, path.lastIndexOf('/') + 1);
                Object resources = doc.get("resources");
                for (Object resource : resources instanceof List<?> l ? l : List.of()) {
                    assertTrue(onBranch.contains(dir + resource) || onBranch.stream().anyMatch(p -> p.startsWith(dir + resource + "/")),
                            path + " lists " + resource + ", which is not on the branch");
                }
            } else if (path.equals(".gitlab-ci.yml")) {
                Map<?, ?> pipeline = yaml.readValue(content, Map.class);
                assertTrue(pipeline.containsKey("stages"), path);
            } else if (path.equals(".gitlab/CODEOWNERS")) {
                for (String line : content.split("\n")) {
                    String trimmed = line.trim();
                    if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("[")) {
                        continue;
                    }
                    String[] parts = trimmed.split("\\s+");
                    assertTrue(parts.length >= 2, "CODEOWNERS line without an owner: " + line);
                    for (int i = 1; i < parts.length; i++) {
                        assertTrue(parts[i].startsWith("@") || parts[i].contains("@"), "not an owner: " + parts[i]);
                    }
                }
            } else {
                throw new AssertionError("unexpected seeded file " + path);
            }
        }
        // per tenant, in its project or (cluster and shared, layers.source: platform) in the platform project
        assertEquals((io.fluxfleet.config.Environment.values().length + 2) * config.get().tenants().size(), kustomizations,
                "every environment's cluster kustomization, the shared and the tenant one, on the dev branch");
    }

    /** The suite has teeth: real emitted objects, broken on purpose, are refused. */
    @Test
    void brokenEmittedObjectsAreRejected() {
        RenderResult result = render("dev, 1 tenant", () -> Stacks.load("dev", Stacks.minimal("dev", 1)));
        ObjectValidator validator = EmittedObjectValidator.standard();
        Map<String, Object> apps = object(result.find("kubernetes:kustomize.toolkit.fluxcd.io/v1:Kustomization",
                "tenant1/tenant1-dev-apps"));
        Map<String, Object> repo = object(result.find("kubernetes:source.toolkit.fluxcd.io/v1:GitRepository",
                "flux-system/tenant1-dev"));
        Map<String, Object> quota = object(result.find("kubernetes:core/v1:ResourceQuota", "tenant1/tenant1-quota"));
        assertEquals(List.of(), validator.validate(apps));
        for (Mutation m : List.of(Mutation.remove("spec.prune"), Mutation.remove("spec.sourceRef"),
                Mutation.rename("spec.sourceRef", "sourceref"), Mutation.set("apiVersion", "kustomize.toolkit.fluxcd.io/v1beta1"),
                Mutation.set("spec.sourceRef.kind", "HelmRepository"), Mutation.set("spec.interval", "10 minutes"))) {
            List<String> violations = validator.validate(m.applyTo(apps));
            assertFalse(violations.isEmpty(), "not rejected: " + m);
            assertTrue(violations.get(0).startsWith("Kustomization tenant1/tenant1-dev-apps"), violations.toString());
        }
        assertFalse(validator.validate(Mutation.set("spec.ref.branch", 42).applyTo(repo)).isEmpty());
        assertFalse(validator.validate(Mutation.set("spec.hard", "2Gi").applyTo(quota)).isEmpty());

        // remove the toleration from the cli job's values: the real chart's check job is then misplaced
        Map<String, Object> values = KubeObjects.deepCopy(fluxValues(result));
        @SuppressWarnings("unchecked")
        Map<String, Object> cli = (Map<String, Object>) values.get("cli");
        cli.remove("tolerations");
        FluxChart chart = FluxChart.render("flux", "flux-system", values);
        PlatformWorkers w = Stacks.load("dev", Stacks.minimal("dev", 1)).platformWorkers();
        List<String> misplaced = new PodPlacementValidator(Map.of(w.labelKey(), w.labelValue()),
                List.of(new Taint(w.taintKey(), w.taintValue(), w.taintEffect())))
                .validateAll(chart.podSpecs().stream().map(FluxChart.PodTemplate::owner).toList());
        assertEquals(1, misplaced.size(), misplaced.toString());
        assertTrue(misplaced.get(0).contains("flux-flux-check"), misplaced.toString());
    }
}
