package io.fluxfleet.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fluxfleet.admission.AdmissionSimulator.Request;
import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.testing.Stacks;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Without {@code admission.deployers} the policies cannot name the identity {@code pulumi up} runs as, so the
 * identity-based ones hold only the namespace's service accounts (README "What is enforced elsewhere, and what is
 * not"): the upgrade of an existing stack must not lock fluxfleet out of its own objects.
 */
class DeployersUnsetTest {
    private final AdmissionSimulator simulator = new AdmissionSimulator();

    @Test
    void theNamespacesServiceAccountsAreStillHeldAndPulumiUpIsNotRefused() throws IOException {
        ObjectNode raw = Stacks.minimal("dev", 2);
        FluxFleetConfig config = Stacks.load("dev", raw);
        List<AdmissionPolicies.Policy> policies = AdmissionPolicies.of(AdmissionPolicies.settings(config));
        Path root = AdmissionCorpus.ROOT;

        Request tenantDeletes = AdmissionCorpus.request(config, root.resolve("owned-objects/deny-delete-default-deny.yaml"));
        assertFalse(simulator.admit(policies, tenantDeletes).isEmpty(), "the tenant's service account is refused");

        Request deployerUpdates = AdmissionCorpus.request(config, root.resolve("owned-objects/allow-deployer-raises-quota.yaml"));
        Request unnamedDeployer = new Request(deployerUpdates.operation(), "u-b4k2x", List.of("system:authenticated"),
                deployerUpdates.namespace(), deployerUpdates.name(), deployerUpdates.group(), deployerUpdates.version(),
                deployerUpdates.resource(), deployerUpdates.subResource(), deployerUpdates.kind(), deployerUpdates.object(),
                deployerUpdates.oldObject(), deployerUpdates.namespaceObject());
        assertEquals(List.of(), simulator.admit(policies, unnamedDeployer), "an unnamed deployer is not refused");

        Request human = AdmissionCorpus.request(config, root.resolve("owned-objects/deny-delete-limitrange.yaml"));
        assertEquals(List.of(), simulator.admit(policies, human), "the documented gap: people with admin are not held");
    }
}
