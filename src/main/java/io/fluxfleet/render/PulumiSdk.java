package io.fluxfleet.render;

import com.pulumi.Context;
import com.pulumi.core.internal.Constants;
import com.pulumi.core.internal.ContextAwareCompletableFuture;
import com.pulumi.core.internal.Urn;
import com.pulumi.deployment.internal.DeploymentImpl;
import com.pulumi.deployment.internal.Runner;
import com.pulumi.resources.Resource;
import com.pulumi.resources.ResourceTransformation;
import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.MockMonitor;
import com.pulumi.test.internal.PulumiTestInternal;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The one class that uses pulumi-java's internals ({@code com.pulumi.*.internal}): render runs a program under the
 * SDK's own mock engine, answers registrations from the wire request, and swaps in a runner that does not slow down
 * with thousands of tasks in flight; none of that has public API. Everything else in fluxfleet goes through here, so
 * an SDK upgrade is reviewed in this file only. {@code PulumiSdkTest} pins the SDK version this was written for and
 * that no other production class reaches the internals.
 *
 * <p>What is used, and what to check against a new SDK's sources:
 * <ul>
 *   <li>{@code PulumiTestInternal.builder()} with {@code monitorDecorator}, {@code deploymentFactory},
 *       {@code standardLogger}, {@code mockLog}; {@code DeploymentImpl(DeploymentState)} and its {@code runner} field.</li>
 *   <li>{@code MockMonitor}: its constructor, {@code registerResourceAsync(Resource, RegisterResourceRequest)}, and
 *       its public {@code resources} list.</li>
 *   <li>{@code Runner}: {@code registerTask}, {@code runAsync}, {@code Result}'s protected constructor and exit codes.</li>
 *   <li>{@code ContextAwareCompletableFuture.supplyAsync}: runs the program with the SDK's context propagated.</li>
 *   <li>{@code Internal.of(output).getDataAsync()}: a finished stack output's value and secret-ness, which a tenant
 *       shard's render reads its platform's render through.</li>
 *   <li>{@code Urn.create} (the engine's URN layout) and {@code Constants.SpecialSigKey}/{@code SpecialSecretSig}
 *       (the wire form of a secret).</li>
 * </ul>
 */
final class PulumiSdk {
    /** The pulumi-java version this adapter was written and checked for (pom.xml {@code pulumi.version}). */
    static final String WRITTEN_FOR = "1.36.1";

    /** The key of the signature that marks a special value on the wire. */
    static final String SIGNATURE_KEY = Constants.SpecialSigKey;
    /** The signature of a secret on the wire: {@code {SIGNATURE_KEY: SECRET_SIGNATURE, "value": ...}}. */
    static final String SECRET_SIGNATURE = Constants.SpecialSecretSig;

    private PulumiSdk() {}

    /** Answers one resource registration (anything but the stack resource) as the engine would. */
    @FunctionalInterface
    interface Registrations {
        CompletableFuture<RegisterResourceResponse> register(RegisterResourceRequest request);
    }

    /** A completed output's value and whether it is a secret. */
    record Resolved(Object value, boolean secret) {}

    /** The value of an output the program has finished computing (a stack output after the run). */
    static Resolved resolve(com.pulumi.core.Output<?> output) {
        var data = com.pulumi.core.internal.Internal.of(output).getDataAsync().join();
        return new Resolved(data.getValueNullable(), data.isSecret());
    }

    /** The URN the engine gives a resource. */
    static String urn(String stack, String project, String parentUrn, String type, String name) {
        return Urn.create(stack, project, Optional.of(parentUrn), type, name);
    }

    /**
     * Runs {@code program} under the SDK's mock engine as stack {@code stack} of project {@code fluxfleet}: resource
     * registrations go to {@code registrations}, invokes to {@code mocks}, the program's log to {@code logger}; the
     * run waits for every task through a {@link TaskCounter}; {@code transformations} see every resource before it
     * registers. The caller reads what it needs from
     * {@code registrations}; the SDK's test state is cleaned up before this returns.
     */
    static TestResult run(String stack, Mocks mocks, Registrations registrations, Logger logger,
                          List<ResourceTransformation> transformations, Consumer<Context> program) {
        var monitor = new Monitor(mocks, PulumiTestInternal.mockLog(logger), registrations);
        try {
            return PulumiTestInternal.builder()
                    .options(TestOptions.builder().projectName("fluxfleet").stackName(stack).preview(false)
                            .resourceTransformations(transformations).build())
                    .mocks(mocks)
                    .standardLogger(logger)
                    .monitorDecorator(ignored -> monitor)
                    .deploymentFactory(state -> {
                        state.runner = new CountingRunner();
                        return new DeploymentImpl(state);
                    })
                    .build()
                    .runTest(program);
        } finally {
            PulumiTest.cleanup();
        }
    }

    /** The SDK's mock monitor, with registrations answered by fluxfleet's {@link Registrations}. */
    private static final class Monitor extends MockMonitor {
        private final Registrations registrations;

        Monitor(Mocks mocks, com.pulumi.Log log, Registrations registrations) {
            super(mocks, log);
            this.registrations = registrations;
        }

        @Override
        public CompletableFuture<RegisterResourceResponse> registerResourceAsync(Resource resource,
                                                                                 RegisterResourceRequest request) {
            if (request.getType().equals("pulumi:pulumi:Stack")) {
                return super.registerResourceAsync(resource, request);
            }
            CompletableFuture<RegisterResourceResponse> answer = registrations.register(request);
            if (!answer.isCompletedExceptionally()) {
                this.resources.add(resource);
            }
            return answer;
        }
    }

    /** The SDK's runner contract over a {@link TaskCounter}. */
    static final class CountingRunner implements Runner {
        private final TaskCounter counter = new TaskCounter();

        @Override
        public <T> void registerTask(String description, CompletableFuture<T> task) {
            counter.register(task);
        }

        @Override
        public <T> CompletableFuture<Result<T>> runAsync(Supplier<T> callback) {
            return counter.run(() -> ContextAwareCompletableFuture.supplyAsync(callback)).thenApply(outcome ->
                    new Result<T>(outcome.exceptions().isEmpty() ? ProcessExitedSuccessfully
                            : ProcessExitedAfterLoggingUserActionableMessage, outcome.exceptions(), outcome.value()) { });
        }
    }
}
