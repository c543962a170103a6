package io.fluxfleet.infra;

import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.testing.Stacks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every pinned Rancher chart version exists for its Rancher line: the defaults and every committed stack's
 * {@code infra.*ChartVersion}, for each chart it installs (the chart and its -crd chart), must be a row of the release
 * index fixture ({@code src/test/resources/rancher-release-index/charts.tsv}, from rancher/charts) whose
 * {@code catalog.cattle.io/rancher-version} range holds the stack's {@code infra.rancherVersion}. A pin of a version
 * Rancher never published, or of another line, fails here before a cluster's HelmRelease would fail on it.
 */
class RancherReleaseIndexTest {

    record Row(String chart, String version, String min, String maxExclusive) {}

    static List<Row> index() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = RancherReleaseIndexTest.class.getResourceAsStream("/rancher-release-index/charts.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                // ">= 2.14.0-0 < 2.15.0-0"
                String[] range = cols[2].split(" ");
                rows.add(new Row(cols[0], cols[1], range[1], range[3]));
            }
        }
        return rows;
    }

    /** Whether Rancher {@code 2.N} lies in {@code [min, max)} of a {@code >= 2.A.0-0 < 2.B.0-0} range. */
    static boolean inRange(String rancherLine, Row row) {
        int minor = Integer.parseInt(rancherLine.substring(2));
        return minor >= minorOf(row.min()) && minor < minorOf(row.maxExclusive());
    }

    private static int minorOf(String version) {
        return Integer.parseInt(version.split("\\.")[1]);
    }

    /** The problem with one pin, or empty when the index has it for the line. */
    static Optional<String> check(List<Row> index, String chart, String version, String rancherLine) {
        Optional<Row> row = index.stream().filter(r -> r.chart().equals(chart) && r.version().equals(version)).findFirst();
        if (row.isEmpty()) {
            return Optional.of(chart + " " + version + " is not in rancher/charts' release index");
        }
        if (!inRange(rancherLine, row.get())) {
            return Optional.of(chart + " " + version + " is published for Rancher " + row.get().min() + " to "
                    + row.get().maxExclusive() + ", not " + rancherLine);
        }
        return Optional.empty();
    }

    static List<String> problems(FluxFleetConfig.Infra infra) throws IOException {
        List<Row> index = index();
        List<String> problems = new ArrayList<>();
        for (String chart : List.of("rancher-monitoring", "rancher-monitoring-crd")) {
            check(index, chart, infra.monitoringChartVersion(), infra.rancherVersion()).ifPresent(problems::add);
        }
        for (String chart : List.of("rancher-logging", "rancher-logging-crd")) {
            check(index, chart, infra.loggingChartVersion(), infra.rancherVersion()).ifPresent(problems::add);
        }
        return problems;
    }

    @Test
    void theDefaultPinsArePublishedForTheirLine() throws IOException {
        assertEquals(List.of(), problems(FluxFleetConfig.Infra.DEFAULTS));
    }

    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void everyCommittedStacksPinsArePublishedForItsLine(String env) throws IOException {
        assertEquals(List.of(), problems(Stacks.committed(env).infra()));
    }

    @ParameterizedTest(name = "{0} {1} on Rancher {2} is refused")
    @CsvSource(delimiter = '|', value = {
            // a version Rancher never published (a typo of the patch)
            "rancher-monitoring|109.0.3+up80.9.1-rancher.8|2.14|not in rancher/charts' release index",
            // the right major for 2.14 but a build suffix that does not exist
            "rancher-logging|109.0.1+up4.10.0-rancher.23|2.14|not in rancher/charts' release index",
            // a real chart of another line: the major rule alone (95 + minor) would catch this one too
            "rancher-monitoring|110.0.0+up80.9.1-rancher.14|2.14|published for Rancher 2.15.0-0 to 2.16.0-0, not 2.14",
            // the 2.14 chart pinned on a 2.15 stack
            "rancher-monitoring|109.0.2+up80.9.1-rancher.8|2.15|published for Rancher 2.14.0-0 to 2.15.0-0, not 2.15",
            // a -crd chart at a version only its parent has
            "rancher-logging-crd|110.0.0+up80.9.1-rancher.14|2.15|not in rancher/charts' release index",
    })
    void aPinTheIndexDoesNotHaveFails(String chart, String version, String line, String message) throws IOException {
        Optional<String> problem = check(index(), chart, version, line);
        assertTrue(problem.isPresent() && problem.get().contains(message), problem.toString());
    }
}
