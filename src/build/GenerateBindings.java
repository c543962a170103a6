import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes fluxfleet's Pulumi provider bindings from the committed, trimmed provider schemas. Maven runs it in
 * {@code generate-sources} with the JDK's single-file launcher (exec-maven-plugin; Jackson from the project's own
 * dependencies), so it needs nothing but Maven Central:
 *
 * <pre>java -cp &lt;jackson&gt; src/build/GenerateBindings.java target/generated-sources/bindings src/main/schemas/*.bindings.json</pre>
 *
 * <p>Each {@code <provider>.bindings.json} manifest names the trimmed schema, the Java package, the
 * hand-written plugin class that pins the version ({@code withDefaults}, and {@code withVersion} for invokes), and the resources
 * and functions the program uses; the trim holds exactly those and the types they reach, and every one of them is
 * generated. The output follows the shape of pulumi-java's generated SDKs ({@code @ResourceType},
 * {@code extends CustomResource}, {@code @Export} outputs with accessors, args with {@code @Import(required=…)} and
 * builders, {@code @CustomType} results), with these deliberate differences:
 * <ul>
 *   <li>Only the {@code (args, options)} form of each function exists, plus {@code …Plain} returning a future with
 *       the same args class: every GitLab read passes the stack's explicit provider, never the default one.</li>
 *   <li>Result and nested output types do not throw on a missing required property (pulumi-java's builders call
 *       {@code Objects.requireNonNull}): the hand-written bindings these replace did not, and the program reads
 *       only a few fields of each result.</li>
 *   <li>A provider resource exposes its string settings only: the engine holds provider state as strings (its
 *       non-string inputs are sent JSON-encoded, {@code @Import(json = true)}, as pulumi-java's codegen does).</li>
 *   <li>An input the schema marks secret is made secret by the builder however it is given.</li>
 *   <li>A resource the program adopts and only partly owns ({@code managedInputs} in the manifest) gets args for
 *       those inputs only, and a {@code UNMANAGED_INPUTS} list of the rest, for {@code ignoreChanges}.</li>
 * </ul>
 * Output is deterministic: properties and types in sorted order, no timestamps. The build fails, naming the token
 * and property, on anything the generator cannot map (an enum, an asset, an unknown {@code $ref}), on a manifest
 * that disagrees with its trim, and on a trim whose version is not the one {@code com/pulumi/<name>/plugin.json}
 * pins (a provider bump without a new trim).
 */
public final class GenerateBindings {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "true", "false", "null", "record", "var", "yield");
    private static final Pattern LANG_SPAN = Pattern.compile(
            "<span pulumi-lang-nodejs=\"[^\"]*\"[^>]*?pulumi-lang-java=\"([^\"]*)\"[^>]*>.*?</span>", Pattern.DOTALL);

    private final Path manifestFile;
    private final JsonNode manifest;
    private final JsonNode schema;
    private final String schemaFile;
    private final String pkg;
    private final String plugin;
    private final Path out;
    private final List<String> problems = new ArrayList<>();
    /** Type tokens reached from inputs (generate {@code inputs.<Name>Args}) and from outputs ({@code outputs.<Name>}). */
    private final Set<String> inputTypes = new TreeSet<>();
    private final Set<String> outputTypes = new TreeSet<>();

    private GenerateBindings(Path manifestFile, Path out) throws IOException {
        this.manifestFile = manifestFile;
        this.manifest = JSON.readTree(manifestFile.toFile());
        this.schemaFile = text(manifest, "schema");
        this.schema = JSON.readTree(manifestFile.resolveSibling(schemaFile).toFile());
        this.pkg = text(manifest, "package");
        this.plugin = text(manifest, "plugin");
        this.out = out.resolve(pkg.replace('.', '/'));
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: GenerateBindings <output dir> <provider.bindings.json>...");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        List<String> problems = new ArrayList<>();
        int files = 0;
        for (int i = 1; i < args.length; i++) {
            String manifest = args[i];
            GenerateBindings generator = new GenerateBindings(Path.of(manifest), out);
            files += generator.run();
            generator.problems.forEach(p -> problems.add(manifest + ": " + p));
        }
        if (!problems.isEmpty()) {
            System.err.println("GenerateBindings: cannot generate the bindings:\n  " + String.join("\n  ", problems));
            System.exit(1);
        }
        System.out.println("GenerateBindings: wrote " + files + " classes to " + out);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("manifest field '" + field + "' is missing or not a string");
        }
        return value.asText();
    }

    /** Generates every class of one provider; returns how many files were written. */
    private int run() throws IOException {
        Map<String, String> files = new TreeMap<>();
        checkManifestAgainstTrim();
        if (manifest.path("provider").asBoolean(false)) {
            JsonNode provider = schema.get("provider");
            files.put("Provider", resource("pulumi:providers:" + schema.path("name").asText(), "Provider", provider, true));
            files.put("ProviderArgs", args("Provider", "ProviderArgs", "ResourceArgs", provider.get("inputProperties"),
                    provider.get("requiredInputs"), null, true, null));
        }
        for (String token : strings(manifest.get("resources"))) {
            JsonNode node = schema.path("resources").get(token);
            if (node == null) {
                continue; // reported by checkManifestAgainstTrim
            }
            String name = className(token);
            files.put(name, resource(token, name, node, false));
            files.put(name + "Args", args(name, name + "Args", "ResourceArgs", node.get("inputProperties"),
                    node.get("requiredInputs"), managedInputs(token), false, null));
        }
        StringBuilder functions = new StringBuilder();
        for (String token : strings(manifest.get("functions"))) {
            JsonNode node = schema.path("functions").get(token);
            if (node == null) {
                continue;
            }
            String fn = functionName(token);
            String args = upper(fn) + "Args";
            String result = upper(fn) + "Result";
            files.put("inputs/" + args, args(null, args, "InvokeArgs", node.path("inputs").get("properties"),
                    node.path("inputs").get("required"), null, false, "inputs"));
            files.put("outputs/" + result, customType(token, result, node.get("outputs"), "the result of " + token));
            functions.append(function(token, fn, args, result));
        }
        if (manifest.has("functionsClass")) {
            files.put(text(manifest, "functionsClass"), functionsClass(text(manifest, "functionsClass"), functions));
        }
        // Types are reached while the classes above are written; nested types can reach further ones.
        Set<String> doneIn = new TreeSet<>();
        Set<String> doneOut = new TreeSet<>();
        while (!doneIn.containsAll(inputTypes) || !doneOut.containsAll(outputTypes)) {
            for (String token : new TreeSet<>(inputTypes)) {
                if (doneIn.add(token)) {
                    JsonNode node = type(token);
                    files.put("inputs/" + className(token) + "Args", args(null, className(token) + "Args", "ResourceArgs",
                            node.get("properties"), node.get("required"), null, false, "inputs"));
                }
            }
            for (String token : new TreeSet<>(outputTypes)) {
                if (doneOut.add(token)) {
                    files.put("outputs/" + className(token), customType(token, className(token), type(token),
                            "nested output {@code " + token + "}"));
                }
            }
        }
        if (!problems.isEmpty()) {
            return 0;
        }
        Set<Path> written = new java.util.HashSet<>();
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path file = out.resolve(e.getKey() + ".java");
            written.add(file);
            // An unchanged file keeps its timestamp, so `mvn compile` finds nothing stale and recompiles nothing.
            if (Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).equals(e.getValue())) {
                continue;
            }
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
        }
        clean(out, written);
        return files.size();
    }

    /** The trim holds exactly what the manifest names: a stale trim or manifest fails here, not at run time. */
    private void checkManifestAgainstTrim() throws IOException {
        Path descriptor = manifestFile.resolveSibling("../resources/com/pulumi/" + text(manifest, "name") + "/plugin.json");
        String pinned = JSON.readTree(descriptor.toFile()).path("version").asText();
        String trimmedVersion = schema.path("x-fluxfleet-trim").path("version").asText();
        if (!pinned.equals(trimmedVersion)) {
            problems.add(schemaFile + " is the schema of version " + trimmedVersion + " but " + descriptor.normalize()
                    + " pins " + pinned + "; regenerate the trim from the new version's schema");
        }
        for (String section : List.of("resources", "functions")) {
            Set<String> named = new TreeSet<>(strings(manifest.get(section)));
            Set<String> trimmed = new TreeSet<>();
            schema.path(section).fieldNames().forEachRemaining(trimmed::add);
            if (!named.equals(trimmed)) {
                problems.add(section + " in the manifest " + named + " differ from the trim " + schemaFile + " "
                        + trimmed + "; regenerate the trim");
            }
        }
    }

    private List<String> managedInputs(String token) {
        JsonNode managed = manifest.path("managedInputs").get(token);
        return managed == null ? null : strings(managed);
    }

    private JsonNode type(String token) {
        JsonNode node = schema.path("types").get(token);
        if (node == null) {
            problems.add("type " + token + " is not in the trim");
            return JSON.createObjectNode();
        }
        if (node.has("enum")) {
            problems.add("type " + token + " is an enum, which the generator does not map yet");
        }
        return node;
    }

    // ---- resources ----------------------------------------------------------------------------------------------

    private String resource(String token, String name, JsonNode node, boolean isProvider) {
        Imports imports = new Imports();
        imports.add("com.pulumi.core.Output", "com.pulumi.core.annotations.Export", "com.pulumi.core.annotations.ResourceType",
                "com.pulumi.resources.CustomResourceOptions",
                isProvider ? "com.pulumi.resources.ProviderResource" : "com.pulumi.resources.CustomResource");
        StringBuilder body = new StringBuilder();
        List<String> managed = isProvider ? null : managedInputs(token);
        if (managed != null) {
            imports.add("java.util.List");
            Set<String> unmanaged = new TreeSet<>();
            node.path("inputProperties").fieldNames().forEachRemaining(unmanaged::add);
            for (String m : managed) {
                if (!unmanaged.remove(m)) {
                    problems.add(token + ": managed input " + m + " is not an input of the schema");
                }
            }
            body.append("    /**\n     * Every input of {@code ").append(token).append("} the program does not own. The resource is adopted,\n")
                    .append("     * not created: list these (and any owned input left unset) in {@code ignoreChanges}, so an update\n")
                    .append("     * never resets a setting fluxfleet does not manage. Generated from the schema minus the manifest's\n")
                    .append("     * {@code managedInputs}.\n     */\n")
                    .append("    public static final List<String> UNMANAGED_INPUTS = List.of(")
                    .append(String.join(", ", unmanaged.stream().map(GenerateBindings::quote).toList()))
                    .append(");\n\n");
        }
        Set<String> secrets = new TreeSet<>();
        Set<String> required = new TreeSet<>(strings(node.get("required")));
        for (Map.Entry<String, JsonNode> p : fields(node.get("properties"))) {
            JsonNode property = p.getValue();
            if (isProvider && !"string".equals(property.path("type").asText())) {
                continue; // a provider's state holds its string settings only, as in pulumi's generated SDKs
            }
            if (property.path("secret").asBoolean(false)) {
                secrets.add(p.getKey());
            }
            JType type = javaType(token + " output " + p.getKey(), property, false, imports);
            String field = identifier(p.getKey());
            body.append(javadoc("    ", property, null));
            body.append("    @Export(name = ").append(quote(p.getKey())).append(", refs = {").append(type.refs())
                    .append("}, tree = ").append(quote(type.tree())).append(")\n");
            body.append("    private Output<").append(type.text).append("> ").append(field).append(";\n\n");
            body.append(javadoc("    ", property, "@return "));
            if (required.contains(p.getKey())) {
                body.append("    public Output<").append(type.text).append("> ").append(field).append("() {\n        return this.")
                        .append(field).append(";\n    }\n\n");
            } else {
                imports.add("com.pulumi.core.internal.Codegen", "java.util.Optional");
                body.append("    public Output<Optional<").append(type.text).append(">> ").append(field)
                        .append("() {\n        return Codegen.optional(this.").append(field).append(");\n    }\n\n");
            }
        }
        String argsClass = name + "Args";
        String defaults = plugin + ".withDefaults(options" + secrets.stream().map(s -> ", " + quote(s)).reduce("", String::concat) + ")";
        String superToken = isProvider ? quote(schema.path("name").asText()) : "TYPE";
        StringBuilder s = new StringBuilder();
        s.append(header(imports));
        s.append("/**\n * {@code ").append(token).append("}").append(provenance()).append(provenanceLine()).append("\n */\n");
        s.append("@ResourceType(type = ").append(quote(token)).append(")\n");
        s.append("public class ").append(name).append(" extends ").append(isProvider ? "ProviderResource" : "CustomResource").append(" {\n");
        if (!isProvider) {
            s.append("    private static final String TYPE = ").append(quote(token)).append(";\n\n");
        }
        s.append(body);
        s.append("    /** @param name the unique name of the resource */\n");
        s.append("    public ").append(name).append("(String name) {\n        this(name, ").append(argsClass).append(".Empty);\n    }\n\n");
        s.append("    /**\n     * @param name the unique name of the resource\n     * @param args its inputs\n     */\n");
        s.append("    public ").append(name).append("(String name, ").append(argsClass).append(" args) {\n        this(name, args, null);\n    }\n\n");
        s.append("    /**\n     * @param name the unique name of the resource\n     * @param args its inputs\n")
                .append("     * @param options merged over the defaults, which pin the plugin version")
                .append(secrets.isEmpty() ? "" : " and mark the outputs the schema calls secret as secrets").append("; may be null\n     */\n");
        s.append("    public ").append(name).append("(String name, ").append(argsClass).append(" args, CustomResourceOptions options) {\n");
        s.append("        super(").append(superToken).append(", name, args == null ? ").append(argsClass).append(".Empty : args, ")
                .append(isProvider ? defaults : "makeResourceOptions(options, null)").append(");\n    }\n");
        if (!isProvider) {
            s.append("\n    private ").append(name).append("(String name, Output<String> id, CustomResourceOptions options) {\n");
            s.append("        super(TYPE, name, null, makeResourceOptions(options, id));\n    }\n\n");
            s.append("    private static CustomResourceOptions makeResourceOptions(CustomResourceOptions options, Output<String> id) {\n");
            s.append("        CustomResourceOptions merged = ").append(defaults).append(";\n");
            s.append("        return id == null ? merged : CustomResourceOptions.merge(merged, CustomResourceOptions.builder().id(id).build());\n    }\n\n");
            s.append("    /**\n     * The state of an existing resource, read by its provider ID.\n     *\n")
                    .append("     * @param name the unique name of the resulting resource\n     * @param id the provider ID of the resource to read\n")
                    .append("     * @param options merged over the defaults; may be null\n     */\n");
            s.append("    public static ").append(name).append(" get(String name, Output<String> id, CustomResourceOptions options) {\n");
            s.append("        return new ").append(name).append("(name, id, options);\n    }\n");
        }
        s.append("}\n");
        return s.toString();
    }

    // ---- args ---------------------------------------------------------------------------------------------------

    /**
     * An args class: resource inputs ({@code ResourceArgs}), function arguments ({@code InvokeArgs}) or a nested
     * input type. {@code managed} restricts the inputs to that list (null: all of them).
     */
    private String args(String resource, String name, String base, JsonNode properties, JsonNode requiredNode,
                        List<String> managed, boolean providerArgs, String subPackage) {
        Imports imports = new Imports();
        imports.add("com.pulumi.core.Output", "com.pulumi.core.annotations.Import",
                "com.pulumi.exceptions.MissingRequiredPropertyException", "com.pulumi.resources." + base,
                "java.util.Objects", "java.util.Optional");
        Set<String> required = new TreeSet<>(strings(requiredNode));
        String owner = resource != null ? resource : name;
        StringBuilder fields = new StringBuilder();
        StringBuilder copy = new StringBuilder();
        StringBuilder setters = new StringBuilder();
        StringBuilder checks = new StringBuilder();
        for (Map.Entry<String, JsonNode> p : fields(properties)) {
            String wire = p.getKey();
            if (managed != null && !managed.contains(wire)) {
                continue;
            }
            JsonNode property = p.getValue();
            JType type = javaType(owner + " input " + wire, property, true, imports);
            String field = identifier(wire);
            boolean isRequired = required.contains(wire);
            boolean secret = property.path("secret").asBoolean(false);
            boolean json = providerArgs && !"string".equals(property.path("type").asText());
            fields.append(javadoc("    ", property, null));
            fields.append("    @Import(name = ").append(quote(wire)).append(isRequired ? ", required = true" : "")
                    .append(json ? ", json = true" : "").append(")\n");
            fields.append("    private Output<").append(type.text).append("> ").append(field).append(";\n\n");
            fields.append(javadoc("    ", property, "@return "));
            if (isRequired) {
                fields.append("    public Output<").append(type.text).append("> ").append(field).append("() {\n        return this.")
                        .append(field).append(";\n    }\n\n");
                checks.append("            if ($.").append(field).append(" == null) {\n                throw new MissingRequiredPropertyException(")
                        .append(quote(name)).append(", ").append(quote(wire)).append(");\n            }\n");
            } else {
                fields.append("    public Optional<Output<").append(type.text).append(">> ").append(field)
                        .append("() {\n        return Optional.ofNullable(this.").append(field).append(");\n    }\n\n");
            }
            copy.append("        this.").append(field).append(" = $.").append(field).append(";\n");
            String doc = describe(property);
            setters.append("        /**\n         * @param ").append(field).append(doc.isEmpty() ? "" : " " + doc)
                    .append(secret ? " Made secret whichever way it is given." : "").append("\n         * @return the builder\n         */\n");
            setters.append("        public Builder ").append(field).append("(Output<").append(type.text).append("> ").append(field)
                    .append(") {\n            $.").append(field).append(" = ").append(field).append(secret ? ".asSecret()" : "")
                    .append(";\n            return this;\n        }\n\n");
            setters.append("        /** @see #").append(field).append("(Output) */\n");
            setters.append("        public Builder ").append(field).append("(").append(type.text).append(" ").append(field)
                    .append(") {\n            return ").append(field).append("(Output.").append(secret ? "ofSecret" : "of").append("(")
                    .append(field).append("));\n        }\n\n");
            if (type.element != null) {
                setters.append("        /** @see #").append(field).append("(List) */\n");
                setters.append("        public Builder ").append(field).append("(").append(type.element).append("... ").append(field)
                        .append(") {\n            return ").append(field).append("(List.of(").append(field).append("));\n        }\n\n");
            }
        }
        StringBuilder s = new StringBuilder();
        s.append(header(imports, subPackage));
        s.append("/**\n * ").append(resource != null ? "The inputs of {@link " + resource + "}" : "{@code " + name + "}")
                .append(", by their wire names in the provider schema.").append(provenanceLine()).append("\n */\n");
        s.append("public final class ").append(name).append(" extends ").append(base).append(" {\n");
        s.append("    public static final ").append(name).append(" Empty = new ").append(name).append("();\n\n");
        s.append(fields);
        s.append("    private ").append(name).append("() {\n    }\n\n");
        s.append("    private ").append(name).append("(").append(name).append(" $) {\n").append(copy).append("    }\n\n");
        s.append("    public static Builder builder() {\n        return new Builder();\n    }\n\n");
        s.append("    public static Builder builder(").append(name).append(" defaults) {\n        return new Builder(defaults);\n    }\n\n");
        s.append("    public static final class Builder {\n        private final ").append(name).append(" $;\n\n");
        s.append("        public Builder() {\n            $ = new ").append(name).append("();\n        }\n\n");
        s.append("        public Builder(").append(name).append(" defaults) {\n            $ = new ").append(name)
                .append("(Objects.requireNonNull(defaults));\n        }\n\n");
        s.append(setters);
        s.append("        /** @throws MissingRequiredPropertyException when a required input is missing */\n");
        s.append("        public ").append(name).append(" build() {\n").append(checks).append("            return $;\n        }\n    }\n}\n");
        return s.toString();
    }

    // ---- output types -------------------------------------------------------------------------------------------

    private String customType(String token, String name, JsonNode objectType, String what) {
        Imports imports = new Imports();
        imports.add("com.pulumi.core.annotations.CustomType", "java.util.Optional");
        Set<String> required = new TreeSet<>(strings(objectType.get("required")));
        StringBuilder fields = new StringBuilder();
        StringBuilder accessors = new StringBuilder();
        StringBuilder builderFields = new StringBuilder();
        StringBuilder setters = new StringBuilder();
        StringBuilder assign = new StringBuilder();
        for (Map.Entry<String, JsonNode> p : fields(objectType.get("properties"))) {
            String wire = p.getKey();
            JsonNode property = p.getValue();
            JType type = javaType(token + " output " + wire, property, false, imports);
            String field = identifier(wire);
            fields.append("    private ").append(type.text).append(" ").append(field).append(";\n");
            accessors.append(javadoc("    ", property, "@return "));
            if (required.contains(wire)) {
                accessors.append("    public ").append(type.text).append(" ").append(field).append("() {\n        return this.")
                        .append(field).append(";\n    }\n\n");
            } else if (type.text.startsWith("List<") || type.text.startsWith("Map<")) {
                String empty = type.text.startsWith("List<") ? "List.of()" : "Map.of()";
                accessors.append("    public ").append(type.text).append(" ").append(field).append("() {\n        return this.")
                        .append(field).append(" == null ? ").append(empty).append(" : this.").append(field).append(";\n    }\n\n");
            } else {
                accessors.append("    public Optional<").append(type.text).append("> ").append(field)
                        .append("() {\n        return Optional.ofNullable(this.").append(field).append(");\n    }\n\n");
            }
            builderFields.append("        private ").append(type.text).append(" ").append(field).append(";\n");
            setters.append("        @CustomType.Setter").append(field.equals(wire) ? "" : "(" + quote(wire) + ")").append("\n");
            setters.append("        public Builder ").append(field).append("(").append(type.text).append(" ").append(field)
                    .append(") {\n            this.").append(field).append(" = ").append(field).append(";\n            return this;\n        }\n\n");
            assign.append("            o.").append(field).append(" = ").append(field).append(";\n");
        }
        StringBuilder s = new StringBuilder();
        s.append(header(imports, "outputs"));
        s.append("/**\n * ").append(upper(what)).append(".").append(provenanceLine()).append("\n */\n");
        s.append("@CustomType\npublic final class ").append(name).append(" {\n").append(fields);
        s.append(fields.length() > 0 ? "\n" : "").append("    private ").append(name).append("() {\n    }\n\n");
        s.append(accessors);
        s.append("    public static Builder builder() {\n        return new Builder();\n    }\n\n");
        s.append("    @CustomType.Builder\n    public static final class Builder {\n").append(builderFields);
        s.append(builderFields.length() > 0 ? "\n" : "").append(setters);
        s.append("        public ").append(name).append(" build() {\n            ").append(name).append(" o = new ")
                .append(name).append("();\n").append(assign).append("            return o;\n        }\n    }\n}\n");
        return s.toString();
    }

    // ---- functions ----------------------------------------------------------------------------------------------

    private String function(String token, String fn, String args, String result) {
        return "    /**\n     * Invokes {@code " + token + "}.\n     *\n     * @param args its arguments\n"
                + "     * @param options pass the stack's explicit provider: without one the ambient default provider answers\n"
                + "     * @return the result, for data flow into resources\n     */\n"
                + "    public static Output<" + result + "> " + fn + "(" + args + " args, InvokeOptions options) {\n"
                + "        return Deployment.getInstance().invoke(" + quote(token) + ", TypeShape.of(" + result + ".class), args,\n"
                + "                " + plugin + ".withVersion(options));\n    }\n\n"
                + "    /**\n     * As {@link #" + fn + "}, as a future: for decisions the program takes before it registers resources.\n     *\n"
                + "     * @param args its arguments\n     * @param options as for {@link #" + fn + "}\n     * @return the result, once the invoke answers\n     */\n"
                + "    public static CompletableFuture<" + result + "> " + fn + "Plain(" + args + " args, InvokeOptions options) {\n"
                + "        return Deployment.getInstance().invokeAsync(" + quote(token) + ", TypeShape.of(" + result + ".class), args,\n"
                + "                " + plugin + ".withVersion(options));\n    }\n\n";
    }

    private String functionsClass(String name, StringBuilder functions) {
        Imports imports = new Imports();
        imports.add("com.pulumi.core.Output", "com.pulumi.core.TypeShape", "com.pulumi.deployment.Deployment",
                "com.pulumi.deployment.InvokeOptions", "java.util.concurrent.CompletableFuture");
        for (String token : strings(manifest.get("functions"))) {
            imports.add(pkg + ".inputs." + upper(functionName(token)) + "Args", pkg + ".outputs." + upper(functionName(token)) + "Result");
        }
        String body = functions.toString();
        return header(imports) + "/**\n * The provider's functions (data sources) the program reads, as invokes: {@code getX} returns an\n"
                + " * {@link Output}, {@code getXPlain} a future." + provenanceLine() + "\n */\n"
                + "public final class " + name + " {\n    private " + name + "() {\n    }\n\n"
                + body.substring(0, body.length() - 1) + "}\n";
    }

    // ---- types --------------------------------------------------------------------------------------------------

    /** A Java type, with the {@code @Export} refs/tree encoding pulumi-java uses to deserialize generics. */
    private record JType(String text, List<String> classes, Object treeShape, String element) {
        String refs() {
            return String.join(", ", classes.stream().map(c -> c + ".class").toList());
        }

        String tree() {
            return "[" + (treeShape instanceof List<?> l ? join(l) : treeShape.toString()) + "]";
        }

        private static String join(List<?> list) {
            List<String> parts = new ArrayList<>();
            for (Object o : list) {
                parts.add(o instanceof List<?> l ? "[" + join(l) + "]" : o.toString());
            }
            return String.join(",", parts);
        }
    }

    private JType javaType(String where, JsonNode property, boolean input, Imports imports) {
        TypeNode node = typeNode(where, property, input, imports);
        List<String> classes = new ArrayList<>();
        Object tree = node.tree(classes);
        String element = node.raw.equals("List") ? node.args.get(0).text() : null;
        return new JType(node.text(), classes, tree instanceof Integer i ? List.of(i) : tree, element);
    }

    private record TypeNode(String raw, List<TypeNode> args) {
        String text() {
            return args.isEmpty() ? raw : raw + "<" + String.join(", ", args.stream().map(TypeNode::text).toList()) + ">";
        }

        /** pulumi-java's encoding: a class is its index in refs; a generic is [raw, args...]. */
        Object tree(List<String> classes) {
            if (!classes.contains(raw)) {
                classes.add(raw);
            }
            int index = classes.indexOf(raw);
            if (args.isEmpty()) {
                return index;
            }
            List<Object> tree = new ArrayList<>();
            tree.add(index);
            for (TypeNode a : args) {
                tree.add(a.tree(classes));
            }
            return tree;
        }
    }

    private TypeNode typeNode(String where, JsonNode property, boolean input, Imports imports) {
        if (property.has("$ref")) {
            String ref = property.get("$ref").asText();
            if (ref.equals("pulumi.json#/Any") || ref.equals("pulumi.json#/Json")) {
                return new TypeNode("Object", List.of());
            }
            if (!ref.startsWith("#/types/")) {
                problems.add(where + ": unsupported $ref " + ref);
                return new TypeNode("Object", List.of());
            }
            String token = ref.substring("#/types/".length());
            if (input) {
                inputTypes.add(token);
                imports.add(pkg + ".inputs." + className(token) + "Args");
                return new TypeNode(className(token) + "Args", List.of());
            }
            outputTypes.add(token);
            imports.add(pkg + ".outputs." + className(token));
            return new TypeNode(className(token), List.of());
        }
        String type = property.path("type").asText();
        switch (type) {
            case "string": return new TypeNode("String", List.of());
            case "integer": return new TypeNode("Integer", List.of());
            case "number": return new TypeNode("Double", List.of());
            case "boolean": return new TypeNode("Boolean", List.of());
            case "array":
                imports.add("java.util.List");
                return new TypeNode("List", List.of(typeNode(where + "[]", property.path("items"), input, imports)));
            case "object":
                imports.add("java.util.Map");
                JsonNode values = property.get("additionalProperties");
                return new TypeNode("Map", List.of(new TypeNode("String", List.of()),
                        values == null ? new TypeNode("Object", List.of()) : typeNode(where + "{}", values, input, imports)));
            default:
                problems.add(where + ": unsupported schema type '" + type + "'");
                return new TypeNode("Object", List.of());
        }
    }

    // ---- text helpers -------------------------------------------------------------------------------------------

    private final class Imports {
        private final Set<String> names = new TreeSet<>();

        void add(String... classes) {
            names.addAll(List.of(classes));
        }
    }

    private String header(Imports imports) {
        return header(imports, null);
    }

    private String header(Imports imports, String subPackage) {
        String own = subPackage == null ? pkg : pkg + "." + subPackage;
        StringBuilder s = new StringBuilder("// Generated by src/build/GenerateBindings.java from src/main/schemas/")
                .append(schemaFile).append(". Do not edit.\n");
        s.append("package ").append(own).append(";\n\n");
        List<String> sorted = imports.names.stream()
                .filter(i -> !i.substring(0, i.lastIndexOf('.')).equals(own))
                .sorted((a, b) -> {
                    boolean ja = a.startsWith("java."), jb = b.startsWith("java.");
                    return ja != jb ? (ja ? 1 : -1) : a.compareTo(b);
                })
                .toList();
        boolean javaSeen = false;
        for (String i : sorted) {
            if (i.startsWith("java.") && !javaSeen) {
                javaSeen = true;
                if (s.charAt(s.length() - 2) != '\n') {
                    s.append("\n");
                }
            }
            s.append("import ").append(i).append(";\n");
        }
        return s.append("\n").toString();
    }

    private String provenance() {
        JsonNode trim = schema.path("x-fluxfleet-trim");
        return " of " + trim.path("upstream").asText(schema.path("name").asText()) + ".";
    }

    private String provenanceLine() {
        return "\n * Generated from {@code src/main/schemas/" + schemaFile + "}.";
    }

    /** The schema's description as Javadoc: the Java spelling of language spans, nothing that ends a comment. */
    private static String javadoc(String indent, JsonNode property, String tag) {
        String text = describe(property);
        if (property.has("deprecationMessage")) {
            // a block tag starts its own line; the annotation makes javac warn where the program still uses it
            String deprecated = clean(property.get("deprecationMessage").asText());
            return indent + "/**\n" + (text.isEmpty() ? "" : indent + " * " + (tag == null ? "" : tag) + text + "\n")
                    + indent + " * @deprecated " + deprecated + "\n" + indent + " */\n" + indent + "@Deprecated\n";
        }
        if (text.isEmpty()) {
            return "";
        }
        return indent + "/** " + (tag == null ? "" : tag) + text + " */\n";
    }

    private static String describe(JsonNode property) {
        return clean(property.path("description").asText(""));
    }

    private static String clean(String description) {
        Matcher m = LANG_SPAN.matcher(description);
        String text = m.replaceAll(r -> Matcher.quoteReplacement(r.group(1)));
        return text.strip()
                .replace("\\", "&#92;")
                .replace("*/", "*&#47;")
                .replace("@", "{@literal @}")
                .replaceAll("\\s*\\n\\s*", " ");
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String identifier(String wire) {
        return KEYWORDS.contains(wire) ? wire + "_" : wire;
    }

    /** {@code gitlab:index/branch:Branch} → {@code Branch}. */
    private static String className(String token) {
        return upper(token.substring(token.lastIndexOf(':') + 1));
    }

    /** {@code gitlab:index/getProject:getProject} → {@code getProject}. */
    private static String functionName(String token) {
        return token.substring(token.lastIndexOf(':') + 1);
    }

    private static String upper(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> list.add(n.asText()));
        }
        return list;
    }

    private static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode object) {
        Map<String, JsonNode> sorted = new TreeMap<>();
        if (object != null) {
            for (Map.Entry<String, JsonNode> e : object.properties()) {
                sorted.put(e.getKey(), e.getValue());
            }
        }
        return sorted.entrySet();
    }

    /** Removes what this run did not write, so a binding dropped from the manifest disappears. */
    private static void clean(Path dir, Set<Path> keep) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted((a, b) -> b.compareTo(a)).toList()) {
                if (Files.isDirectory(p) ? isEmpty(p) : p.toString().endsWith(".java") && !keep.contains(p)) {
                    Files.delete(p);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
