package io.fluxfleet.kube;

import com.pulumi.resources.CustomResourceOptions;

import io.fluxfleet.plugin.PluginDescriptor;

/**
 * The Kubernetes provider plugin the engine runs for fluxfleet: pulumi/pulumi-kubernetes <b>4.32.0</b>, not the 4.0.0
 * that the {@code com.pulumi:kubernetes:4.0.0} Java SDK (the newest on Maven Central) names. The SDK's classes only
 * build requests; what runs them is the plugin the explicit provider names through its {@code version} option, and
 * every fluxfleet Kubernetes resource uses that provider. The version is spelled once, in
 * {@code src/main/resources/com/pulumi/kubernetes/plugin.json}, which replaces the SDK's own descriptor on the
 * classpath and in the jar, so the Java language host also reports 4.32.0 to {@code pulumi} and it installs that
 * plugin (see PluginDiscoveryTest).
 *
 * <p>Why 4.32.0 (pulumi-kubernetes CHANGELOG.md at tag v4.32.0):
 * <ul>
 *   <li>4.0.2/4.0.3 (#2511, #2514): Secrets with {@code stringData} no longer diff and get replaced on every run;
 *       every fluxfleet Secret uses {@code stringData}.</li>
 *   <li>4.6.0 (#2677): no more intermittent "the server could not find the requested resource" from
 *       {@code helm.v3.Release} (with {@code atomic}, a rollback of Flux itself); (#2672) "compute version field in
 *       Check for content detection", so a chart whose content changed under the same version is seen as a change.</li>
 *   <li>4.8.0 (#2822, issue #2660): no spurious diff or panic when a Release's inputs are unknown, as the Flux
 *       release's namespace is on a fresh stack.</li>
 *   <li>4.14.0 (#3053): server-side-apply previews no longer fail when a resource needs replacement.</li>
 *   <li>Regressions it is past: the ServiceAccount update panic of 4.17.0 (fixed 4.17.1, #3166) and the
 *       {@code valueYamlFiles} nil panic of 4.8.0–4.22.1 (fixed 4.22.2, #3601).</li>
 *   <li>4.29.0 (#2926): a create of an object that already exists fails with AlreadyExists unless the provider's
 *       {@code upsertExistingObjects} is on; fluxfleet turns it on (see {@link KubernetesProviderArgs}).</li>
 *   <li>4.30.0 (#2997): null values are kept, so Helm chart defaults can be deleted; 4.31.1: go-git security update;
 *       4.32.0 (#3176, #4396): Helm-installed CRDs resolve during preview, no panic on a service-account-token
 *       Secret. Kubernetes client libraries 1.36, so the 1.33–1.35 clusters Rancher 2.14 runs are covered.</li>
 * </ul>
 * 4.33.0 (July 2026) and 4.34.x (September 2026) exist, but their changelog and source were not available to check
 * for regressions in the resources fluxfleet uses; moving to them is this one file plus the schema trim (README,
 * "Upgrading the provider plugins").
 */
public final class KubernetesPlugin {
    public static final String NAME = "kubernetes";
    /** The resource path of the plugin descriptor the Java language host discovers. */
    public static final String DESCRIPTOR = PluginDescriptor.path(NAME);
    private static final PluginDescriptor PLUGIN = PluginDescriptor.read(NAME);
    public static final String VERSION = PLUGIN.version();

    private KubernetesPlugin() {}

    /**
     * The caller's options over the pinned plugin version, for the explicit provider only. The 4.0.0 SDK's resource
     * classes still put their own {@code version} (4.0.0) on each registration, but a resource that names an explicit
     * provider runs that provider's plugin: the engine resolves an explicit provider reference as given and uses the
     * request's version only to pick a default provider (pulumi/pulumi pkg/resource/deploy/source_eval.go,
     * {@code getProviderReference}: "if rawProviderRef != "" { ... return ref }"). Every fluxfleet Kubernetes resource
     * names the explicit provider (StackTest), so none runs 4.0.0.
     */
    static CustomResourceOptions withDefaults(CustomResourceOptions options) {
        return PLUGIN.withDefaults(options);
    }
}
