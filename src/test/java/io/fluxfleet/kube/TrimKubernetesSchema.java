package io.fluxfleet.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulumi.core.annotations.ResourceType;

import io.fluxfleet.kube.KubernetesSchemaModel.JavaType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Regenerates {@code src/test/resources/pulumi-kubernetes-schema.trimmed.json}: the part of the pulumi-kubernetes
 * <b>4.32.0</b> package schema that fluxfleet sends, in the schema's own shape ({@code provider.inputProperties},
 * {@code resources.<token>.inputProperties/requiredInputs}, {@code types.<token>.properties}), for the resource kinds
 * the program uses ({@link KubernetesUsage}) and every object type they reach.
 *
 * <p>The input is the Java SDK that pulumi-kubernetes generates from {@code provider/cmd/pulumi-resource-kubernetes/schema.json}
 * and commits at the same tag ({@code sdk/java/src/main/java}); the schema file itself is not in the snapshot of the
 * repository available here (its blob is withheld for size), and the generated SDK carries the same facts: each input
 * property as {@code @Import(name=…, required=…)} on a field whose Java type is the schema type
 * ({@link KubernetesSchemaModel}). The output records the upstream, the tag's commit, and the sha256 of every source
 * file read. Descriptions are not kept. Keys are sorted.
 *
 * <pre>
 * git --git-dir=&lt;pulumi-kubernetes.git&gt; archive v4.32.0 sdk/java/src/main/java | tar -x -C /tmp/pulumi-kubernetes-4.32.0
 * mvn -q -o test -Dtest=KubernetesSchemaTrimTest -Dkubernetes.sdk=/tmp/pulumi-kubernetes-4.32.0/sdk/java/src/main/java \
 *     -Dkubernetes.schema.regenerate=true
 * </pre>
 */
public final class TrimKubernetesSchema {
    static final String VERSION = "4.32.0";
    static final String COMMIT = "a03ff6ba58d2f1ea68319dda4b2c982119489c71";
    static final String UPSTREAM = "pulumi/pulumi-kubernetes v" + VERSION + ", sdk/java/src/main/java (generated from"
            + " provider/cmd/pulumi-resource-kubernetes/schema.json)";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static final Pattern IMPORT_FIELD = Pattern.compile(
            "@Import\\(name=\"([^\"]+)\"((?:,\\s*\\w+=\\w+)*)\\)\\s*private\\s+(?:@Nullable\\s+)?Output<(.+)>\\s+\\w+;");
    private static final Pattern IMPORT_LINE = Pattern.compile("^import ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern PACKAGE_LINE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern RESOURCE_TYPE = Pattern.compile("@ResourceType\\(type=\"([^\"]+)\"\\)");

    private final Path sdk;
    private final Map<String, String> fileHashes = new TreeMap<>();
    private final Map<String, String> modules = new HashMap<>();

    private TrimKubernetesSchema(Path sdk) {
        this.sdk = sdk;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: TrimKubernetesSchema <sdk/java/src/main/java of v" + VERSION + "> <output.json>");
            System.exit(2);
        }
        Files.writeString(Path.of(args[1]), trim(Path.of(args[0])), StandardCharsets.UTF_8);
    }

    /** The trimmed schema as text, from the SDK source tree and the program's usage. */
    static String trim(Path sdk) {
        try {
            return JSON.writeValueAsString(KubernetesSchemaModel.sorted(new TrimKubernetesSchema(sdk).build())) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode build() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("name", "kubernetes");
        ObjectNode provider = out.putObject("provider");
        List<String> pending = new ArrayList<>();
        provider.set("inputProperties", properties("com.pulumi.kubernetes.ProviderArgs", pending, null));
        ObjectNode resources = out.putObject("resources");
        for (Class<?> resource : KubernetesUsage.resourceClasses()) {
            String source = read(resource.getName());
            Matcher token = RESOURCE_TYPE.matcher(source);
            if (!token.find()) {
                throw new IllegalStateException(resource.getName() + " has no @ResourceType in the " + VERSION + " SDK");
            }
            String expected = resource.getAnnotation(ResourceType.class).type();
            if (!token.group(1).equals(expected)) {
                throw new IllegalStateException(resource.getName() + " is " + token.group(1) + " in " + VERSION
                        + " but " + expected + " in 4.0.0");
            }
            ObjectNode node = resources.putObject(token.group(1));
            ArrayNode required = JsonNodeFactory.instance.arrayNode();
            node.set("inputProperties", properties(resource.getName() + "Args", pending, required));
            if (!required.isEmpty()) {
                node.set("requiredInputs", required);
            }
        }
        ObjectNode types = out.putObject("types");
        Set<String> seen = new TreeSet<>();
        Deque<String> queue = new ArrayDeque<>(pending);
        while (!queue.isEmpty()) {
            String type = queue.pop();
            if (!seen.add(type)) {
                continue;
            }
            List<String> refs = new ArrayList<>();
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("type", "object");
            ArrayNode required = JsonNodeFactory.instance.arrayNode();
            node.set("properties", properties(type, refs, required));
            if (!required.isEmpty()) {
                node.set("required", required);
            }
            types.set(KubernetesSchemaModel.token(type, this::module), node);
            queue.addAll(refs);
        }
        ObjectNode meta = out.putObject("x-fluxfleet-trim");
        meta.put("upstream", UPSTREAM);
        meta.put("version", VERSION);
        meta.put("commit", COMMIT);
        meta.put("generator", TrimKubernetesSchema.class.getName());
        ObjectNode files = meta.putObject("sha256");
        fileHashes.forEach(files::put);
        return out;
    }

    /** The input properties of one args class, by wire name; {@code refs} collects the object types named. */
    private ObjectNode properties(String argsClass, List<String> refs, ArrayNode required) {
        String source = read(argsClass);
        Map<String, String> imports = imports(source, argsClass);
        ObjectNode properties = JsonNodeFactory.instance.objectNode();
        Matcher m = IMPORT_FIELD.matcher(source);
        while (m.find()) {
            JsonNode type = KubernetesSchemaModel.schemaType(JavaType.parse(m.group(3)),
                    simple -> imports.getOrDefault(simple, simple), this::module, refs);
            properties.set(m.group(1), type);
            if (m.group(2).contains("required=true") && required != null) {
                required.add(m.group(1));
            }
        }
        if (properties.isEmpty()) {
            throw new IllegalStateException(argsClass + " has no @Import fields");
        }
        return properties;
    }

    /** Simple name to qualified name: the file's imports, then its own package. */
    private static Map<String, String> imports(String source, String self) {
        Map<String, String> imports = new HashMap<>();
        Matcher m = IMPORT_LINE.matcher(source);
        while (m.find()) {
            imports.put(m.group(1).substring(m.group(1).lastIndexOf('.') + 1), m.group(1));
        }
        Matcher pkg = PACKAGE_LINE.matcher(source);
        String own = pkg.find() ? pkg.group(1) : self.substring(0, self.lastIndexOf('.'));
        return new HashMap<>(imports) {
            @Override
            public String getOrDefault(Object key, String fallback) {
                return containsKey(key) ? get(key) : own + "." + key;
            }
        };
    }

    /** The module of an SDK package: from a resource's {@code @ResourceType} in it, else group/version. */
    private String module(String sdkPackage) {
        return modules.computeIfAbsent(sdkPackage, pkg -> {
            Path dir = sdk.resolve((KubernetesSchemaModel.SDK_PACKAGE + pkg).replace('.', '/'));
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    Matcher m = RESOURCE_TYPE.matcher(Files.readString(file));
                    if (m.find()) {
                        String token = m.group(1);
                        return token.substring(token.indexOf(':') + 1, token.lastIndexOf(':'));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return KubernetesSchemaModel.defaultModule(pkg);
        });
    }

    private String read(String qualifiedClass) {
        String relative = qualifiedClass.replace('.', '/') + ".java";
        Path file = sdk.resolve(relative);
        try {
            byte[] bytes = Files.readAllBytes(file);
            fileHashes.put("sdk/java/src/main/java/" + relative, sha256(bytes));
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static String sha256(byte[] bytes) {
        return io.fluxfleet.bindings.TrimProviderSchema.sha256(bytes);
    }
}
