package io.fluxfleet.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fluxfleet.admission.AdmissionSimulator.Request;
import io.fluxfleet.config.ConfigException;
import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.testing.Stacks;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tenant is everyone who is not a named platform identity (red team M5): with or without
 * {@code admission.deployers}, a person given admin in the namespace through Rancher is held like the namespace's
 * service accounts. So the identity {@code pulumi up} runs as must be named: prod refuses the stack without it, naming
 * the key and the command that fixes it, and elsewhere an unnamed deployer is refused (the render warns).
 */
class DeployersUnsetTest {
    private final AdmissionSimulator simulator = new AdmissionSimulator();

    @Test
    void peopleWithAdminAreTheTenantWhetherDeployersAreNamedOrNot() throws IOException {
        Path root = AdmissionCorpus.ROOT;
        FluxFleetConfig unset = Stacks.load("dev", Stacks.minimal("dev", 2));
        for (FluxFleetConfig config : List.of(unset, AdmissionCorpus.config())) {
            List<AdmissionPolicies.Policy> policies = AdmissionPolicies.of(AdmissionPolicies.settings(config));
            Request human = AdmissionCorpus.request(config, root.resolve("owned-objects/deny-delete-limitrange.yaml"));
            assertTrue(simulator.admit(policies, human).stream().anyMatch(d -> d.policy().equals("fluxfleet-owned-objects")),
                    "a Rancher user with admin in the namespace (" + human.username() + ") is refused");
            Request tenantDeletes = AdmissionCorpus.request(config, root.resolve("owned-objects/deny-delete-default-deny.yaml"));
            assertFalse(simulator.admit(policies, tenantDeletes).isEmpty(), "the tenant's service account is refused");
        }

        List<AdmissionPolicies.Policy> policies = AdmissionPolicies.of(AdmissionPolicies.settings(unset));
        Request deployerUpdates = AdmissionCorpus.request(unset, root.resolve("owned-objects/allow-deployer-raises-quota.yaml"));
        Request unnamedDeployer = new Request(deployerUpdates.operation(), "u-b4k2x", List.of("system:authenticated"),
                deployerUpdates.namespace(), deployerUpdates.name(), deployerUpdates.group(), deployerUpdates.version(),
                deployerUpdates.resource(), deployerUpdates.subResource(), deployerUpdates.kind(), deployerUpdates.object(),
                deployerUpdates.oldObject(), deployerUpdates.namespaceObject());
        assertFalse(simulator.admit(policies, unnamedDeployer).isEmpty(), "an unnamed deployer is a tenant too");
        Request inPlatformGroup = new Request(deployerUpdates.operation(), "admin", List.of("system:masters",
                "system:authenticated"), deployerUpdates.namespace(), deployerUpdates.name(), deployerUpdates.group(),
                deployerUpdates.version(), deployerUpdates.resource(), deployerUpdates.subResource(),
                deployerUpdates.kind(), deployerUpdates.object(), deployerUpdates.oldObject(),
                deployerUpdates.namespaceObject());
        assertEquals(List.of(), simulator.admit(policies, inPlatformGroup), "admission.platformGroups is the platform");
    }

    @Test
    void prodRefusesAStackWithoutDeployersNamingTheKeyAndTheFix() {
        for (boolean emptyList : List.of(false, true)) {
            ObjectNode prod = Stacks.minimal("prod", 1);
            prod.remove("admission");
            if (emptyList) {
                prod.putObject("admission").putArray("deployers");
            }
            ConfigException e = assertThrows(ConfigException.class, () -> Stacks.load("prod", prod));
            assertTrue(e.problems().stream().anyMatch(p -> p.key().equals("fluxfleet:admission.deployers")
                    && p.message().contains("is required in prod")
                    && p.message().contains("pulumi config set --path 'admission.deployers[0]' <user> -s prod")),
                    e.problems().toString());
        }
        for (String env : List.of("dev", "preprod")) {
            ObjectNode lower = Stacks.minimal(env, 1);
            lower.remove("admission");
            assertTrue(Stacks.load(env, lower).admission().deployers().isEmpty(), env + " takes an unset deployers");
        }
    }
}
