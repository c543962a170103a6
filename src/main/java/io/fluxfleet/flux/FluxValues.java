package io.fluxfleet.flux;

import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.config.FluxFleetConfig.PlatformWorkers;
import io.fluxfleet.config.FluxFleetConfig.Profile;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The values fluxfleet passes to the fluxcd-community {@code flux2} chart. The chart has no global
 * nodeSelector or tolerations: each component takes its own, so this lists every component that can
 * create a pod, the pre-install {@code cli} check Job and the CRD-migration Job included. Without the
 * {@code cli} toleration the install blocks on tainted nodes.
 */
public final class FluxValues {
    /** Every chart key that makes a pod: the seven controllers. {@code cli} and {@code crds.migration} are added apart. */
    public static final List<String> CONTROLLERS = List.of(
            "helmController", "sourceController", "kustomizeController", "notificationController",
            "imageAutomationController", "imageReflectionController", "sourceWatcher");

    private FluxValues() {}

    public static Map<String, Object> of(FluxFleetConfig config) {
        PlatformWorkers workers = config.platformWorkers();
        Profile profile = config.profile();
        Map<String, Object> values = new TreeMap<>();
        values.put("installCRDs", true);
        values.put("logLevel", config.flux().logLevel());
        // fluxfleet's own policies replace the chart's over-broad ones (FluxNetworkPolicies)
        values.put("policies", Map.of("create", false));
        values.put("multitenancy", Map.of(
                "enabled", true,
                "defaultServiceAccount", "default",
                // The controllers only impersonate; platform Kustomizations run as their own service account.
                "privileged", false));

        Map<String, Object> crds = new TreeMap<>();
        if (config.flux().keepCrdsOnUninstall()) {
            crds.put("annotations", Map.of("helm.sh/resource-policy", "keep"));
        }
        Map<String, Object> migration = placement(workers, profile);
        migration.put("enabled", true);
        crds.put("migration", migration);
        values.put("crds", crds);

        values.put("cli", placement(workers, profile));
        for (String controller : CONTROLLERS) {
            Map<String, Object> component = placement(workers, profile);
            if (controller.equals("sourceWatcher")) {
                component.put("create", config.flux().sourceWatcher());
            }
            List<String> lockdown = ControllerLockdown.argsByValuesKey().get(controller);
            if (lockdown != null) {
                // multitenancy.enabled adds --no-cross-namespace-refs and --default-service-account; these add the rest
                List<String> additional = new java.util.ArrayList<>(lockdown);
                if (PlatformShard.CONTROLLERS.stream().anyMatch(c -> c.valuesKey().equals(controller))) {
                    // the chart's copy leaves the platform's objects to the platform shard
                    additional.add(PlatformShard.tenantSelectorArg());
                }
                component.put("container", Map.of("additionalArgs", additional));
            }
            if (controller.equals("notificationController") && config.webhooks().enabled()) {
                component.put("webhookReceiver", Map.of("ingress", webhookIngress(config.webhooks().ingressHost().orElseThrow())));
            }
            values.put(controller, component);
        }
        values.put("extraObjects", PlatformShard.deployments(config, values));
        return values;
    }

    /**
     * The chart's Ingress to its {@code webhook-receiver} Service, for GitLab's push hooks: only Flux's receiver
     * paths ({@code /hook/...}) on the configured host, with the cluster's default ingress class and certificate.
     */
    static Map<String, Object> webhookIngress(String host) {
        return Map.of("create", true, "hosts", List.of(Map.of("host", host,
                "paths", List.of(Map.of("path", "/hook/", "pathType", "Prefix")))));
    }

    /** nodeSelector, toleration and resources for one pod-making component. */
    private static Map<String, Object> placement(PlatformWorkers workers, Profile profile) {
        Map<String, Object> component = new TreeMap<>();
        Placement.place(component, workers);
        component.put("resources", Map.of(
                "requests", Map.of("cpu", FluxFleetConfig.Flux.CPU_REQUEST, "memory", FluxFleetConfig.Flux.MEMORY_REQUEST),
                "limits", Map.of("cpu", profile.cpu(), "memory", profile.memory())));
        return component;
    }
}
