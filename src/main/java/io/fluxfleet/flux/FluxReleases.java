package io.fluxfleet.flux;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which Flux a fluxcd-community {@code flux2} chart version ships, and what fluxfleet does differently per Flux
 * version. The table is the chart's {@code version}/{@code appVersion} pairs of fluxcd-community/helm-charts' Helm
 * index (branch {@code gh-pages}, {@code index.yaml} generated 2026-04-15, commit
 * {@code d7e63796a6cabf8081fb2f16950723ef6ea844c5}, the newest stored snapshot), plus 2.19.1 = Flux 2.9.5 as issue 22
 * reports its September 2026 release; that chart could not be obtained here, so it is accepted but not rendered by any
 * test ({@link #TESTED_CHART} is the one {@code FluxChartTest} renders).
 */
public final class FluxReleases {
    /** The chart whose templates are in {@code src/test/resources/charts/flux2} and rendered by the tests. */
    public static final String TESTED_CHART = "2.18.3";

    /** chart version → Flux version, with where each row comes from. */
    static final Map<String, String> FLUX_OF_CHART = Map.ofEntries(
            Map.entry("2.16.0", "2.6.1"), Map.entry("2.16.1", "2.6.2"), Map.entry("2.16.2", "2.6.3"),
            Map.entry("2.16.3", "2.6.4"), Map.entry("2.16.4", "2.6.4"),
            Map.entry("2.17.0", "2.7.2"), Map.entry("2.17.1", "2.7.2"), Map.entry("2.17.2", "2.7.5"),
            Map.entry("2.18.0", "2.8.1"), Map.entry("2.18.1", "2.8.2"), Map.entry("2.18.2", "2.8.3"),
            Map.entry("2.18.3", "2.8.5"),
            // not in the stored index: the release issue 22 names
            Map.entry("2.19.1", "2.9.5"));

    /**
     * The Flux 2.8 patch releases whose helm-controller sends no Helm hook through post-renderers: 2.8.0–2.8.5 follow
     * Helm 4's {@code combined} default, 2.8.6 went back to Helm 3's {@code nohooks} (fluxcd/helm-controller#1469,
     * "hooks are not post-rendered"), and {@code spec.postRenderStrategy} to choose arrived only with Flux 2.9
     * (absent from the 2.18.3 chart's HelmRelease CRD, present in the Flux 2.9.4 CRDs in
     * {@code src/test/resources/flux-crds}).
     */
    static final List<String> HOOKS_NOT_POST_RENDERED = List.of("2.8.6", "2.8.7", "2.8.8");

    private FluxReleases() {}

    /** The Flux a chart ships: from the table, else the chart line's minor (chart 2.N.x ships Flux 2.(N-10)). */
    public static Optional<String> flux(String chart) {
        return Optional.ofNullable(FLUX_OF_CHART.get(chart));
    }

    /** Flux's minor version of a chart: exact from the table, else inferred from the chart line. */
    public static int fluxMinor(String chart) {
        String flux = FLUX_OF_CHART.get(chart);
        if (flux != null) {
            return Integer.parseInt(flux.split("\\.")[1]);
        }
        String[] parts = chart.split("\\.");
        return parts.length >= 2 && parts[1].matches("[0-9]{1,4}") ? Integer.parseInt(parts[1]) - 10 : -1;
    }

    /** Whether the HelmRelease API of the chart's Flux has {@code spec.postRenderStrategy} (Flux 2.9 and later). */
    public static boolean hasPostRenderStrategy(String chart) {
        return fluxMinor(chart) >= 9;
    }

    /** The warnings about a chart version: not rendered by the tests, or a Flux that skips hooks in post-renderers. */
    public static List<String> warnings(String chart, boolean hookPostRenderers) {
        List<String> warnings = new java.util.ArrayList<>();
        Optional<String> flux = flux(chart);
        if (!chart.equals(TESTED_CHART)) {
            warnings.add("flux.chartVersion " + chart + (flux.map(f -> " (Flux " + f + ")").orElse(""))
                    + " was not rendered by fluxfleet's tests (they render " + TESTED_CHART + "); its values and the"
                    + " platform placement of its pods are unchecked: render it with `helm template` before using it");
        }
        boolean hooksSkipped = flux.map(HOOKS_NOT_POST_RENDERED::contains)
                .orElse(fluxMinor(chart) == 8 && !FLUX_OF_CHART.containsKey(chart));
        if (hookPostRenderers && hooksSkipped) {
            warnings.add("flux.chartVersion " + chart + (flux.isPresent() ? " ships Flux " + flux.get()
                    : " may ship Flux 2.8.6-2.8.8") + ", whose helm-controller does not send Helm hooks through"
                    + " post-renderers (fluxcd/helm-controller#1469): rancher-monitoring's upgrade and patch-sa Jobs then"
                    + " run off the platform workers and without Harbor's pull secret; use 2.18.3 or a 2.19 chart");
        }
        return warnings;
    }
}
