package io.fluxfleet.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fluxfleet.admission.AdmissionSimulator.Denial;
import io.fluxfleet.admission.AdmissionSimulator.Request;
import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.render.Recorded;
import io.fluxfleet.render.RenderResult;
import io.fluxfleet.testing.Stacks;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code pulumi up} is never refused by the policies it installs: every object each committed stack puts into a
 * tenant namespace, created, updated and deleted by the deployer named in {@code admission.deployers} (the
 * committed stacks' placeholder, and a minimal stack's), passes every policy; and the same objects sent by the
 * tenant's own service account are refused wherever fluxfleet owns them.
 */
class PlatformPassesItsOwnPoliciesTest {
    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void theDeployerMayAndTheTenantMayNot(String env) {
        FluxFleetConfig committed = Stacks.committed(env);
        ObjectNode named = Stacks.minimal(env, 1);
        named.putObject("admission").putArray("deployers").add("pulumi-deployer");
        AdmissionSimulator simulator = new AdmissionSimulator();
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (FluxFleetConfig config : List.of(committed, Stacks.load(env, named))) {
            List<AdmissionPolicies.Policy> policies = AdmissionPolicies.of(AdmissionPolicies.settings(config));
            String deployer = config.admission().deployers().get(0);
            RenderResult result = Stacks.render(config);
            for (Recorded r : result.kubernetesObjects()) {
                Map<String, Object> object = (Map<String, Object>) RenderResult.reveal(r.inputs());
                Map<String, Object> meta = (Map<String, Object>) object.get("metadata");
                String namespace = (String) meta.get("namespace");
                if (namespace == null || config.tenants().stream().noneMatch(t -> t.namespace().equals(namespace))) {
                    continue;
                }
                String apiVersion = (String) object.get("apiVersion");
                String kind = (String) object.get("kind");
                String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
                String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
                // the REST resource of the kinds fluxfleet emits: lower case, plural (NetworkPolicy: networkpolicies)
                String lower = kind.toLowerCase();
                String resource = lower.endsWith("y") ? lower.substring(0, lower.length() - 1) + "ies" : lower + "s";
                Map<String, Object> ns = AdmissionCorpus.namespaceObject(config, namespace);
                for (String op : List.of("CREATE", "UPDATE", "DELETE")) {
                    Map<String, Object> obj = op.equals("DELETE") ? null : object;
                    Map<String, Object> old = op.equals("CREATE") ? null : object;
                    Request byDeployer = new Request(op, deployer, List.of("system:authenticated"), namespace,
                            (String) meta.get("name"), group, version, resource, "", kind, obj, old, ns);
                    List<Denial> denials = simulator.admit(policies, byDeployer);
                    if (!denials.isEmpty()) {
                        problems.add(env + " " + op + " " + kind + " " + meta.get("name") + " by " + deployer + ": " + denials);
                    }
                    if (!op.equals("CREATE")) {
                        Request byTenant = new Request(op, "system:serviceaccount:" + namespace + ":" + namespace + "-reconciler",
                                List.of("system:serviceaccounts", "system:serviceaccounts:" + namespace, "system:authenticated"),
                                namespace, (String) meta.get("name"), group, version, resource, "", kind, obj, old, ns);
                        if (simulator.admit(policies, byTenant).stream().noneMatch(d -> d.policy().equals("fluxfleet-owned-objects"))) {
                            problems.add(env + " " + op + " " + kind + " " + meta.get("name") + " by the tenant was not refused");
                        }
                    }
                    checked++;
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(checked > 30, "checked " + checked);
    }
}
