package io.fluxfleet.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

import io.fluxfleet.cli.Cli;
import io.fluxfleet.config.ConfigException;
import io.fluxfleet.config.ConfigLoader;
import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.config.RawConfig;
import io.fluxfleet.config.Shown;
import io.fluxfleet.render.RenderResult;
import io.fluxfleet.render.Renderer;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verify --stack <env>}: is the environment what its stack says, and healthy? Renders the stack offline (the
 * same program {@code pulumi up} runs) and compares the cluster with it, read-only ({@link ClusterVerifier}).
 */
@Command(name = "verify",
        customSynopsis = "fluxfleet verify --stack <name> [--config <stack file>] [--kubeconfig <file>] [--json]",
        descriptionHeading = "%n",
        description = {
            "Checks the environment's cluster against the stack's render, read-only: every Flux object the stack",
            "owns exists, is unchanged on the fields fluxfleet sets, is Ready and is suspended exactly when the",
            "freeze switch says so; every tenant namespace keeps its labels, network policy, quota, limits and",
            "pull secret; every Flux and shared-chart pod runs on a platform worker. Prints a table (or --json).",
            "Cluster credentials are the stack's: the kubeconfig context cluster.context, from $KUBECONFIG or",
            "~/.kube/config (never the current context); a stack with the secret cluster.kubeconfig needs",
            "--kubeconfig <file> (`pulumi config get --path cluster.kubeconfig -s <name> > <file>`).",
            ""},
        footer = {"", "Exit status: 0 healthy and as rendered, 1 a failure or drift (listed), 2 usage error or bad"
                + " config, 3 the cluster could not be read (unreachable, credentials refused, or no read right)."})
public final class VerifyCommand implements Callable<Integer> {
    public static final int UNHEALTHY = 1;
    public static final int BAD_CONFIG = 2;
    public static final int UNREADABLE = 3;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Spec
    CommandSpec spec;

    @Mixin
    Cli.Help help;

    @Option(names = "--stack", paramLabel = "<name>", description = "The stack: Pulumi.<name>.yaml unless --config.")
    String stack;

    @Option(names = "--config", paramLabel = "<stack file>", description = "The stack file to read.")
    String config;

    @Option(names = "--kubeconfig", paramLabel = "<file>",
            description = "The kubeconfig to read (default: $KUBECONFIG, else ~/.kube/config); required when the"
                    + " stack holds its kubeconfig as the secret cluster.kubeconfig.")
    String kubeconfig;

    @Option(names = "--json", description = "Print the findings as JSON instead of a table.")
    boolean json;

    private final PrintStream out;
    private final PrintStream err;
    private final Function<Config, KubernetesClient> clients;

    public VerifyCommand(PrintStream out, PrintStream err) {
        this(out, err, c -> new KubernetesClientBuilder().withConfig(c).build());
    }

    /** With another way to make the client (tests point it at the mock API server). */
    public VerifyCommand(PrintStream out, PrintStream err, Function<Config, KubernetesClient> clients) {
        this.out = out;
        this.err = err;
        this.clients = clients;
    }

    @Override
    public Integer call() {
        if (stack == null || stack.isBlank() || Shown.hasUnsafe(stack)) {
            throw Cli.usage(spec, "--stack <name> is required");
        }
        Path stackFile = Path.of(config != null ? config : "Pulumi." + stack + ".yaml");
        if (!Files.isRegularFile(stackFile)) {
            err.println("verify: stack file " + Shown.quoted(stackFile.toString()) + " not found (give it with --config)");
            return BAD_CONFIG;
        }
        FluxFleetConfig parsed;
        try {
            parsed = ConfigLoader.load(stack, RawConfig.fromStackFile(stackFile));
        } catch (ConfigException | io.fluxfleet.config.StackYaml.StackFileException e) {
            err.println(e.getMessage());
            return BAD_CONFIG;
        }
        Config clientConfig;
        try {
            clientConfig = clusterConfig(parsed);
        } catch (IllegalArgumentException e) {
            err.println("verify: " + e.getMessage());
            return BAD_CONFIG;
        }
        RenderResult desired = Renderer.render(parsed);
        List<Finding> findings;
        try (KubernetesClient client = clients.apply(clientConfig)) {
            findings = new ClusterVerifier(client).verify(desired, parsed);
        } catch (KubernetesClientException e) {
            err.println("verify: cannot read the cluster of stack '" + stack + "' (" + clientConfig.getMasterUrl()
                    + "): " + Shown.escaped(String.valueOf(e.getMessage())) + (e.getCode() == 403
                    ? " — the credentials need get/list on the objects above and on pods and nodes" : ""));
            return UNREADABLE;
        }
        if (json) {
            try {
                out.println(JSON.writeValueAsString(findings));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        } else {
            out.print(FindingsTable.text(stack, findings));
        }
        return findings.stream().anyMatch(Finding::failed) ? UNHEALTHY : 0;
    }

    /**
     * The stack's cluster credentials: {@code cluster.context} in the kubeconfig ({@code --kubeconfig}, else the first
     * of {@code $KUBECONFIG}, else {@code ~/.kube/config}), which must name that context; with the secret
     * {@code cluster.kubeconfig} only the file given. Never the kubeconfig's current context.
     */
    Config clusterConfig(FluxFleetConfig parsed) {
        File file = kubeconfig != null ? new File(kubeconfig) : Config.getKubeconfigFilenames().stream().map(File::new)
                .filter(File::isFile).findFirst().orElse(null);
        if (parsed.cluster().context().isEmpty()) {
            if (kubeconfig == null) {
                throw new IllegalArgumentException("stack '" + stack + "' keeps its kubeconfig as the secret"
                        + " fluxfleet:cluster.kubeconfig, which verify cannot decrypt: write it to a file with `pulumi"
                        + " config get --path cluster.kubeconfig -s " + stack + " > kubeconfig` and give --kubeconfig"
                        + " kubeconfig");
            }
            String text = read(file);
            return Config.fromKubeconfig(currentContext(text, file), text, file.getPath());
        }
        String context = parsed.cluster().context().get();
        if (file == null) {
            throw new IllegalArgumentException("no kubeconfig found ($KUBECONFIG, ~/.kube/config): give --kubeconfig");
        }
        String text = read(file);
        if (!contexts(text, file).contains(context)) {
            throw new IllegalArgumentException("the kubeconfig " + Shown.quoted(file.getPath()) + " has no context "
                    + Shown.quoted(context) + " (fluxfleet:cluster.context of stack '" + stack + "'); verify never"
                    + " falls back to the current context");
        }
        return Config.fromKubeconfig(context, text, file.getPath());
    }

    private static String read(File file) {
        try {
            return Files.readString(file.toPath());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the kubeconfig " + Shown.quoted(file.getPath()));
        }
    }

    private static List<String> contexts(String text, File file) {
        try {
            JsonNode root = YAML.readTree(text);
            List<String> names = new java.util.ArrayList<>();
            root.path("contexts").forEach(c -> names.add(c.path("name").asText()));
            return names;
        } catch (IOException e) {
            throw new IllegalArgumentException("the kubeconfig " + Shown.quoted(file.getPath()) + " is not YAML");
        }
    }

    /** A kubeconfig written for this stack alone: its own current context is the stack's cluster. */
    private static String currentContext(String text, File file) {
        try {
            String current = YAML.readTree(text).path("current-context").asText("");
            if (current.isEmpty()) {
                throw new IllegalArgumentException("the kubeconfig " + Shown.quoted(file.getPath())
                        + " names no current-context");
            }
            return current;
        } catch (IOException e) {
            throw new IllegalArgumentException("the kubeconfig " + Shown.quoted(file.getPath()) + " is not YAML");
        }
    }
}
