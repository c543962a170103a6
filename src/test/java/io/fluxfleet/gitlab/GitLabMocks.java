package io.fluxfleet.gitlab;

import com.pulumi.Context;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import com.pulumi.resources.ResourceOptions;
import com.pulumi.test.TestResult;

import io.fluxfleet.render.MockEngine;
import io.fluxfleet.render.Recorded;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The GitLab tests' view of the one engine double, {@link MockEngine} (the same one render runs under): it records
 * every registered resource (type, name, inputs by wire name as pulumi-java's {@code Mocks} hook hands them over,
 * provider, import ID) and, through a resource transformation, the options it was registered with. A resource's state
 * is its inputs plus any outputs a test declares for its type; its ID is the import ID when there is one, else what
 * the test declares for its type, else {@code <name>_id}. Invokes are answered per token by the test; a type fluxfleet
 * does not emit, or an invoke nobody declared, is refused, so a typo in a token fails loudly.
 */
public final class GitLabMocks {
    /** One registered resource as the engine saw it (no import: {@code importId} null), with the ID it got. */
    public record Registered(String type, String name, Map<String, Object> inputs, String provider, String importId,
                             ResourceOptions options, String id) {
        @SuppressWarnings("unchecked")
        public <T> T input(String wireName) {
            return (T) inputs.get(wireName);
        }

        public List<String> ignoreChanges() {
            return options == null ? List.of() : options.getIgnoreChanges();
        }

        public boolean retainOnDelete() {
            return options != null && options.isRetainOnDelete();
        }

        public Optional<String> version() {
            return options == null ? Optional.empty() : options.getVersion();
        }

        public List<String> additionalSecretOutputs() {
            return options instanceof CustomResourceOptions c ? c.getAdditionalSecretOutputs() : List.of();
        }
    }

    /** One invoke as the engine saw it. */
    public record Invoked(String token, Map<String, Object> args, String provider) {}

    /** What the provider or API says to a resource registration: null to accept it, else its error. */
    @FunctionalInterface
    public interface Rule {
        String check(String type, Map<String, Object> inputs, String importId, List<Registered> registeredBefore);
    }

    private final MockEngine engine = new MockEngine();
    private final Map<String, ResourceOptions> optionsByName = Collections.synchronizedMap(new HashMap<>());
    private final Set<String> answered = Collections.synchronizedSet(new HashSet<>());

    public GitLabMocks() {
        engine.observe(transformation -> {
            Resource resource = transformation.resource();
            optionsByName.put(resource.pulumiResourceType() + "::" + resource.pulumiResourceName(),
                    transformation.options());
            return Optional.empty();
        });
    }

    /** Refuses a registration the way the provider or GitLab would (the run then fails with that message). */
    public GitLabMocks rule(Rule rule) {
        engine.refuse((resource, id) -> rule.check(resource.type(), MockEngine.plain(resource.inputs()),
                importId(resource), registered()));
        return this;
    }

    /** Extra state a resource of {@code type} reports besides its inputs, computed from its inputs. */
    public GitLabMocks outputs(String type, Function<Map<String, Object>, Map<String, Object>> extra) {
        engine.outputs(type, extra);
        return this;
    }

    /** The ID a created resource of {@code type} gets, from its inputs (as the provider would make it). */
    public GitLabMocks ids(String type, Function<Map<String, Object>, String> id) {
        engine.ids(type, id);
        return this;
    }

    /** The answer to an invoke of {@code token}, computed from its arguments. */
    public GitLabMocks invoke(String token, Function<Map<String, Object>, Map<String, Object>> answer) {
        answered.add(token);
        engine.invoke(token, answer);
        return this;
    }

    /** Runs a program under these mocks, recording each resource's options, and fails on any error it reports. */
    public TestResult run(Consumer<Context> program) {
        // an invoke the test did not declare is refused, even one render answers offline (getGroup, getUser)
        for (String offline : List.of("gitlab:index/getGroup:getGroup", "gitlab:index/getUser:getUser")) {
            if (!answered.contains(offline)) {
                engine.invoke(offline, args -> {
                    throw new IllegalArgumentException("unexpected invoke " + offline);
                });
            }
        }
        return engine.run("test", Logger.getLogger("fluxfleet.test"), program).throwOnError();
    }

    public List<Registered> registered() {
        return engine.recorded().stream().map(this::registered).toList();
    }

    private Registered registered(Recorded r) {
        return new Registered(r.type(), r.name(), programInputs(r), r.provider(), importId(r),
                optionsByName.get(r.type() + "::" + r.name()), engine.id(r));
    }

    /**
     * The inputs as the program sent them. For a provider the recorded inputs also hold the plugin {@code version}
     * the engine writes into them (see {@code MockEngine.inputs}); here that is the option {@link Registered#version}.
     */
    private static Map<String, Object> programInputs(Recorded r) {
        Map<String, Object> inputs = MockEngine.plain(r.inputs());
        if (!r.type().startsWith("pulumi:providers:") || !inputs.containsKey("version")) {
            return inputs;
        }
        Map<String, Object> withoutVersion = new java.util.LinkedHashMap<>(inputs);
        withoutVersion.remove("version");
        return Collections.unmodifiableMap(withoutVersion);
    }

    private static String importId(Recorded r) {
        return r.importId().isEmpty() ? null : r.importId();
    }

    public List<Invoked> invoked() {
        return engine.invoked().stream().map(i -> new Invoked(i.token(), i.args(), i.provider())).toList();
    }

    public List<Registered> all(String type) {
        return registered().stream().filter(r -> r.type().equals(type)).toList();
    }

    public Registered find(String type, String name) {
        return registered().stream()
                .filter(r -> r.type().equals(type) && r.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " named " + name + "; registered: "
                        + registered().stream().map(r -> r.type() + " " + r.name()).toList()));
    }

    public Optional<Registered> maybe(String type, String name) {
        return registered().stream().filter(r -> r.type().equals(type) && r.name().equals(name)).findFirst();
    }
}
