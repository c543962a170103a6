package io.fluxfleet.admission;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;

import io.fluxfleet.kube.Kube;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cluster's admission policies for tenant namespaces: per concern ({@link AdmissionPolicies#CONCERNS}) a
 * {@code ValidatingAdmissionPolicy} and the {@code ValidatingAdmissionPolicyBinding} that denies, in every namespace
 * of one of this environment's tenants, what the policy refuses. Built into the API server (Kubernetes 1.30+, every
 * version Rancher 2.12+ runs): no webhook to operate, and nothing a tenant can reach.
 */
public final class TenantAdmission extends ComponentResource {
    public static final String TYPE = "fluxfleet:admission:TenantAdmission";

    /**
     * @param kube     the cluster's provider, protection and labels
     * @param policies the filled-in policies ({@link AdmissionPolicies#of})
     */
    public record Args(Kube kube, List<AdmissionPolicies.Policy> policies) {
        public Args {
            policies = List.copyOf(policies);
        }
    }

    public TenantAdmission(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        Kube kube = args.kube();
        Map<String, Output<String>> names = new TreeMap<>();
        for (AdmissionPolicies.Policy policy : args.policies()) {
            AdmissionObject vap = new AdmissionObject(AdmissionObject.POLICY, policy.name(),
                    kube.meta(policy.name(), null, null), Output.of(policy.spec()), kube.child(this));
            // the binding names the policy by the policy's own output, so it is created after and deleted before it
            Output<Map<String, Object>> bindingSpec = vap.metadata().applyValue(m -> policy.bindingSpec());
            new AdmissionObject(AdmissionObject.BINDING, policy.name(), kube.meta(policy.name(), null, null),
                    bindingSpec, kube.child(this));
            names.put(policy.concern(), vap.metadata().applyValue(m -> policy.name()));
        }
        registerOutputs(Map.of("policies", Output.all(List.copyOf(names.values()))));
    }
}
