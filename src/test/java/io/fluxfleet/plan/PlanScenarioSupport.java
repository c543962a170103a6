package io.fluxfleet.plan;

import io.fluxfleet.render.RenderResult;
import io.fluxfleet.render.RenderWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** A render's resources as {@code fluxfleet plan} reads them back from {@code resources.json}. */
final class PlanScenarioSupport {
    private PlanScenarioSupport() {}

    static List<PlannedResource> resources(RenderResult result) {
        try {
            return PlannedResource.parse(RenderWriter.files(result).get("resources.json"), result.stack());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
