package io.fluxfleet.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import io.fluxfleet.render.RenderCommand;
import io.fluxfleet.testing.Stacks;
import io.fluxfleet.verify.EmittedObjectValidator;
import io.fluxfleet.verify.FluxChart;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A seeded generative run of the hostile-input contract over the committed stacks. Each case takes a committed
 * stack file, plants a marker in every secret-bearing key, applies one to three mutations chosen by the type of
 * the value they hit (a URL gets ports, schemes and control characters, a duration overflows, a tenant name gets
 * reserved and over-long names, objects turn into strings holding the marker, the YAML text gets duplicate keys,
 * tabs, broken lines and invalid UTF-8), runs {@code render} as the CLI does and asserts:
 * <ul>
 *   <li>exit 2 with a key or line named, and nothing written; or exit 0 with output that passes the project's
 *       schema checks ({@link EmittedObjectValidator}), Kubernetes name and label rules, a seeded pipeline that
 *       parses to the expected jobs, and (when Flux's values changed) the real flux2 chart rendering with every
 *       limit at or above its request;</li>
 *   <li>no marker anywhere: not on stdout or stderr, not in any file (secrets render as {@code [secret:…]});</li>
 *   <li>no stack trace, and no raw control or bidi character in anything printed;</li>
 *   <li>nothing outside --out touched, no staging directory left.</li>
 * </ul>
 * The normal test command runs {@value #DEFAULT_CASES} cases; {@code -Dfluxfleet.hostile.cases=2000} runs more,
 * {@code -Dfluxfleet.hostile.seed=N} another sequence. A failing case names its seed and index, so it replays.
 */
class HostileInputTest {
    static final int DEFAULT_CASES = 100;
    private static final int CASES = Integer.getInteger("fluxfleet.hostile.cases", DEFAULT_CASES);
    private static final long SEED = Long.getLong("fluxfleet.hostile.seed", 15L);
    private static final String MARKER = "MRKq7zXw";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

    /** Hostile and valid values per value type; the key table below says which type each key has. */
    private static final Map<String, List<Object>> POOLS = new TreeMap<>(Map.ofEntries(
            Map.entry("url", List.of("https://gitlab.example.com:99999", "https://gitlab.example.com:0", "http://gitlab.example.com",
                    "https://gitlab.example.com/a\u0007b", "https://user:" + MARKER + "@gitlab.example.com", "file:///etc/passwd",
                    "https://10.0.0.1", "https://gitlab.example.com:8443/sub", "https://gitlab.example.com/", "https://g\u202eitlab.com",
                    "https://gitlab.example.com/path with space", "javascript:alert(1)")),
            Map.entry("host", List.of("Harbor.Example.com", "harbor.example.com:99999", "harbor.example.com:5000", "10.0.0.1",
                    "https://harbor.example.com", "harbor..example.com", "h\u001b[31m.example.com", "-harbor.example.com",
                    "x".repeat(64) + ".example.com")),
            Map.entry("ingressHost", List.of("10.1.2.3", "::1", "*.hooks.example.com", "UPPER.example.com", "hooks.example.com:443",
                    "hooks.example.com/path", "hooks\u202e.example.com", "a".repeat(70) + ".example.com")),
            Map.entry("duration", List.of("0s", "2562048h", "9999999999999999999h", "1.5m", "1d", "-1m", "1h30m", "10 m", "", "5m\n",
                    "100ms", "600000h", "2562047h")),
            Map.entry("promDuration", List.of("1.5m", "1h1d", "0", "7d", "300000y", "15s", "1m30s", "", "10s\u200b")),
            Map.entry("quantity", List.of("50m", "0", "32Mi", "1e3", "-1", "4Gi", "100m", "64Mi", "1.5", "1Zi", "99999999999999999999Ei")),
            Map.entry("int", List.of(new BigInteger("4294967297"), new BigInteger("-1"), 0, 7, 21, "3", "1e3", "99999999999999999999",
                    2.5, true, "three", new BigInteger("18446744073709551617"))),
            Map.entry("date", List.of("2020-01-01", "2026-13-01", "2099-12-31", "tomorrow", "2027-06-30T00:00:00Z", "27-06-30")),
            Map.entry("image", List.of("aquasec/trivy:latest", "aquasec/trivy", "aquasec/trivy:0.74.0\n  script: [evil]",
                    "aquasec/trivy:0.74.0 #x", "AQUASEC/trivy:1.0", "harbor.example.com/your-org/custom-fluentd:1.4.2",
                    "harbor.example.com/your-org/custom-fluentd@sha256:" + "a".repeat(64), "evil.example.com/x/y:1.0",
                    "\"quoted\":1", "ghcr.io/x/y:1.0@sha256:abc", "x:" + "1".repeat(200))),
            Map.entry("context", List.of("rancher-dev", "rancher\u001b[2Kdev", " rancher ", "r\u202edev", "", "a\nb")),
            Map.entry("name", List.of("t".repeat(48), "t".repeat(47), "cattle-system", "fleet-local", "local", "kube-flannel",
                    "ingress-nginx", "longhorn-system", "flux-system", "default", "p-ab12c", "Tenant1", "tenant_1", "tenant-",
                    "t\u202eenant", "", "a".repeat(64), "payments", "p-payments")),
            Map.entry("label", List.of("true", "x".repeat(64), "-x", "a b", "", "ok.value_1")),
            Map.entry("bool", List.of(true, false, "yes", "on", "True", "1", "")),
            Map.entry("text", List.of("", " ", "\u001b]0;title\u0007", "line\nbreak", "x".repeat(400), "#", "a: b", "{", "&a", "*b",
                    "\u202e", "null", "~", "@", "$(reboot)", "../../etc"))));

    /** Key path (under fluxfleet:) to value type. Keys others add plug in as one more row. */
    private static final Map<String, String> KEYS = new TreeMap<>(Map.ofEntries(
            Map.entry("gitlab.url", "url"), Map.entry("flux.chartRepository", "url"),
            Map.entry("harbor.host", "host"), Map.entry("webhooks.ingressHost", "ingressHost"),
            Map.entry("flux.gitInterval", "duration"), Map.entry("flux.kustomizationInterval", "duration"),
            Map.entry("flux.helmRepositoryInterval", "duration"), Map.entry("flux.timeout", "duration"),
            Map.entry("infra.interval", "duration"), Map.entry("infra.timeout", "duration"),
            Map.entry("profile.retention", "promDuration"), Map.entry("profile.scrapeInterval", "promDuration"),
            Map.entry("profile.cpu", "quantity"), Map.entry("profile.memory", "quantity"), Map.entry("profile.storage", "quantity"),
            Map.entry("gitlab.approvals", "int"), Map.entry("gitlab.deployToken.rotationMonths", "int"),
            Map.entry("gitlab.deployToken.expiresAt", "date"),
            Map.entry("gitlab.ci.kubectlImage", "image"), Map.entry("gitlab.ci.trivyImage", "image"),
            Map.entry("infra.images.customFluentd", "image"), Map.entry("infra.images.customDashboardExporter", "image"),
            Map.entry("cluster.context", "context"), Map.entry("tenants[0].name", "name"),
            Map.entry("platformWorkers.labelValue", "label"), Map.entry("platformWorkers.taintValue", "label"),
            Map.entry("webhooks.enabled", "bool"), Map.entry("flux.sourceWatcher", "bool"), Map.entry("suspend", "bool"),
            Map.entry("harbor.username", "text"), Map.entry("tenants[0].project", "text"), Map.entry("gitlab.teams.dev", "text"),
            Map.entry("flux.logLevel", "text"), Map.entry("gitlab.tier", "text"),
            Map.entry("gitlab.edition", "text"), Map.entry("tenants[0].retire", "bool"),
            Map.entry("infra.rancher.enabled", "bool"), Map.entry("infra.rancher.url", "url"),
            Map.entry("infra.rancher.clusterId", "text"), Map.entry("infra.rancher.clusterName", "text"),
            Map.entry("infra.rancher.systemDefaultRegistry", "host")));

    private static final List<String> SECRET_KEYS = List.of("gitlab.token", "gitlab.statusToken", "harbor.password",
            "tenants[].gitPassword", "tenants[].statusToken");
    private static final List<String> ANCESTORS = List.of("cluster", "harbor", "gitlab", "tenants[0]");

    /** Outcomes of the run, by exit code: both must occur, or the suite tests nothing. */
    private static final Map<Integer, java.util.concurrent.atomic.AtomicInteger> OUTCOMES = new java.util.concurrent.ConcurrentHashMap<>();

    @org.junit.jupiter.api.AfterAll
    static void bothOutcomesOccurred() {
        System.out.println("hostile input: " + CASES + " cases, seed " + SEED + ", exit codes " + new TreeMap<>(OUTCOMES));
        if (CASES >= DEFAULT_CASES) {
            assertTrue(OUTCOMES.getOrDefault(0, new java.util.concurrent.atomic.AtomicInteger()).get() >= CASES / 10,
                    "too few cases rendered: " + OUTCOMES);
            assertTrue(OUTCOMES.getOrDefault(2, new java.util.concurrent.atomic.AtomicInteger()).get() >= CASES / 10,
                    "too few cases refused: " + OUTCOMES);
        }
    }

    @TestFactory
    Stream<DynamicTest> theContractHoldsForEveryGeneratedCase() {
        return IntStream.range(0, CASES).mapToObj(i -> {
            Random random = new Random(SEED * 1_000_003L + i);
            String stack = Stacks.environments().toList().get(random.nextInt((int) Stacks.environments().count()));
            return DynamicTest.dynamicTest("seed " + SEED + " case " + i + " (" + stack + ")", () -> runCase(random, stack, i));
        });
    }

    private record Mutated(byte[] file, List<String> steps, boolean fluxValuesTouched) {}

    private static void runCase(Random random, String stack, int index) throws Exception {
        Mutated m = mutate(random, stack, index);
        Path root = Files.createTempDirectory("fluxfleet-hostile-");
        try {
            Path canary = Files.createDirectories(root.resolve("canary"));
            Files.writeString(canary.resolve("keep.txt"), "canary");
            Path file = root.resolve("Pulumi." + stack + ".yaml");
            Files.write(file, m.file());
            Path out = root.resolve("out");
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            int code = RenderCommand.run(new String[] {"--stack", stack, "--config", file.toString(), "--out", out.toString()},
                    new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));
            String printed = stdout.toString(StandardCharsets.UTF_8) + stderr.toString(StandardCharsets.UTF_8);
            String context = "mutations " + m.steps() + "\n--- printed:\n" + printed;

            OUTCOMES.computeIfAbsent(code, c -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
            assertTrue(code == 0 || code == 2, "exit " + code + ": " + context);
            assertFalse(printed.contains("\tat ") || printed.contains("Exception") || printed.contains("java.lang"),
                    "a stack trace or raw exception: " + context);
            assertFalse(printed.contains(MARKER), "a planted secret was printed: " + context);
            printed.codePoints().filter(cp -> cp != '\n').forEach(cp -> assertFalse(Shown.unsafe(cp) && cp != ' ',
                    "a raw control or formatting character U+" + Integer.toHexString(cp) + " was printed: " + context));
            assertEquals("canary", Files.readString(canary.resolve("keep.txt")), context);
            try (Stream<Path> entries = Files.list(root)) {
                List<String> names = entries.map(p -> p.getFileName().toString()).sorted().toList();
                assertEquals(code == 0 ? List.of("Pulumi." + stack + ".yaml", "canary", "out")
                        : List.of("Pulumi." + stack + ".yaml", "canary"), names, "only --out is written: " + context);
            }
            if (code == 2) {
                String err = stderr.toString(StandardCharsets.UTF_8);
                assertTrue(err.contains("fluxfleet:") || err.matches("(?s).*\\bline [0-9]+.*"),
                        "exit 2 names no key or line: " + context);
                return;
            }
            try (Stream<Path> files = Files.walk(out)) {
                for (Path p : files.filter(Files::isRegularFile).toList()) {
                    assertFalse(Files.readString(p).contains(MARKER), "a planted secret in " + out.relativize(p) + ": " + context);
                }
            }
            checkOutput(out, m.fluxValuesTouched(), context);
        } catch (AssertionError e) {
            // keep the case's stack file to replay it with `render --config`
            Path kept = Path.of("target", "hostile-failures", "seed-" + SEED + "-case-" + index + "-" + stack + ".yaml");
            Files.createDirectories(kept.getParent());
            Files.write(kept, m.file());
            throw e;
        } finally {
            deleteTree(root);
        }
    }

    /** The output passes the project's own checks: schemas, names and labels, seeded pipeline, the real chart. */
    @SuppressWarnings("unchecked")
    private static void checkOutput(Path out, boolean renderChart, String context) throws IOException {
        LoaderOptions options = new LoaderOptions();
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object doc : new Yaml(options).loadAll(Files.readString(out.resolve("kubernetes.yaml")))) {
            if (doc != null) {
                objects.add((Map<String, Object>) doc);
            }
        }
        assertFalse(objects.isEmpty(), context);
        List<String> violations = new ArrayList<>();
        EmittedObjectValidator validator = EmittedObjectValidator.standard();
        for (Map<String, Object> object : objects) {
            violations.addAll(validator.validate(object));
            violations.addAll(names(object));
        }
        assertEquals(List.of(), violations, context);

        JsonNode resources = new ObjectMapper().readTree(out.resolve("resources.json").toFile());
        for (JsonNode r : resources) {
            if (r.path("type").asText().equals("gitlab:index/repositoryFile:RepositoryFile")
                    && r.path("inputs").path("filePath").asText().equals(".gitlab-ci.yml")) {
                Map<String, Object> pipeline = new Yaml().load(r.path("inputs").path("content").asText());
                assertEquals(List.of("kustomize-build", "schema-validate", "stages", "trivy-config", "variables", "workflow"),
                        pipeline.keySet().stream().sorted().toList(), context);
                for (String job : List.of("kustomize-build", "schema-validate", "trivy-config")) {
                    Object image = ((Map<String, Object>) ((Map<String, Object>) pipeline.get(job)).get("image")).get("name");
                    assertTrue(image instanceof String s && ImageReference.parseAllowingDockerHub(s).isPresent(),
                            job + " image " + image + ": " + context);
                }
            }
        }
        if (renderChart) {
            Map<String, Object> release = YAML.readValue(out.resolve("helm-values/flux.yaml").toFile(), Map.class);
            FluxChart chart = FluxChart.render("flux", "flux-system", (Map<String, Object>) release.get("values"));
            for (FluxChart.PodTemplate pod : chart.podSpecs()) {
                violations.addAll(limitsAtLeastRequests(pod));
            }
            assertEquals(List.of(), violations, context);
        }
    }

    /** Kubernetes name and label rules (apimachinery: DNS-1123 label/subdomain, label values of at most 63). */
    @SuppressWarnings("unchecked")
    private static List<String> names(Map<String, Object> object) {
        List<String> out = new ArrayList<>();
        String kind = String.valueOf(object.get("kind"));
        Map<String, Object> meta = (Map<String, Object>) object.get("metadata");
        String name = String.valueOf(meta.get("name"));
        boolean label = kind.equals("Namespace") || kind.equals("Kustomization") || kind.equals("Service");
        if (name.length() > (label ? 63 : 253) || !(label ? DNS_LABEL : DNS_SUBDOMAIN).matcher(name).matches()) {
            out.add(kind + " " + name + ": not a valid name");
        }
        if (meta.get("namespace") instanceof String ns && (ns.length() > 63 || !DNS_LABEL.matcher(ns).matches())) {
            out.add(kind + " " + name + ": namespace " + ns);
        }
        if (meta.get("labels") instanceof Map<?, ?> labels) {
            labels.forEach((k, v) -> {
                if (Validators.qualifiedName(String.valueOf(k)).isPresent() || String.valueOf(v).length() > 63
                        || !LABEL_VALUE.matcher(String.valueOf(v)).matches()) {
                    out.add(kind + " " + name + ": label " + k + "=" + v);
                }
            });
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<String> limitsAtLeastRequests(FluxChart.PodTemplate pod) {
        List<String> out = new ArrayList<>();
        Map<String, Object> spec = pod.podSpec();
        for (Object c : (List<Object>) spec.getOrDefault("containers", List.of())) {
            Map<String, Object> resources = (Map<String, Object>) ((Map<String, Object>) c).get("resources");
            if (resources == null || !(resources.get("limits") instanceof Map<?, ?> limits)
                    || !(resources.get("requests") instanceof Map<?, ?> requests)) {
                continue;
            }
            for (Object key : requests.keySet()) {
                Object limit = limits.get(key);
                if (limit != null && Validators.quantityValue(String.valueOf(limit))
                        .compareTo(Validators.quantityValue(String.valueOf(requests.get(key)))) < 0) {
                    out.add(pod.kind() + "/" + pod.name() + ": " + key + " limit " + limit + " below request " + requests.get(key));
                }
            }
        }
        return out;
    }

    // ---- generation --------------------------------------------------------------------------------------

    private static Mutated mutate(Random random, String stack, int index) throws IOException {
        ObjectNode file = (ObjectNode) StackYaml.read(Files.readAllBytes(Stacks.stackFile(stack)), "committed");
        ObjectNode config = (ObjectNode) file.get("config");
        List<String> steps = new ArrayList<>();
        int planted = 0;
        for (String key : SECRET_KEYS) {
            if (key.startsWith("tenants[]")) {
                for (JsonNode tenant : config.get("fluxfleet:tenants")) {
                    ((ObjectNode) tenant).put(key.substring("tenants[].".length()), "glpat-" + MARKER + "-" + planted++);
                }
            } else {
                set(config, key, JsonNodeFactory.instance.textNode("glpat-" + MARKER + "-" + planted++));
            }
        }
        if (random.nextInt(4) == 0) {
            ObjectNode cluster = (ObjectNode) config.get("fluxfleet:cluster");
            cluster.remove("context");
            cluster.put("kubeconfig", "apiVersion: v1\nusers:\n- user:\n    token: " + MARKER + "\n");
            steps.add("kubeconfig instead of context");
        }
        boolean fluxValues = false;
        int count = index < KEYS.size() ? 1 : random.nextInt(4); // 0: only the planted secrets
        List<Supplier<String>> textual = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            int kind = random.nextInt(10);
            List<String> keys = new ArrayList<>(KEYS.keySet());
            boolean roundRobin = n == 0 && index < keys.size();
            if (kind <= 5 || roundRobin) {
                // the first cases walk every key once, so each value type is hit in every run
                String key = roundRobin ? keys.get(index) : keys.get(random.nextInt(keys.size()));
                List<Object> pool = POOLS.get(KEYS.get(key));
                Object value = pool.get(random.nextInt(pool.size()));
                set(config, key, node(value));
                steps.add(key + " = " + Shown.quoted(String.valueOf(value)));
                fluxValues |= key.startsWith("profile.") || key.startsWith("flux.") || key.startsWith("platformWorkers.")
                        || key.startsWith("webhooks.");
            } else if (kind == 6) {
                String key = ANCESTORS.get(random.nextInt(ANCESTORS.size()));
                set(config, key, JsonNodeFactory.instance.textNode("apiVersion: v1\nkind: Config\ntoken: " + MARKER + "-pasted\n"));
                steps.add(key + " written as a string holding a secret");
            } else if (kind == 7) {
                String key = SECRET_KEYS.get(random.nextInt(SECRET_KEYS.size())).replace("[]", "[0]");
                ObjectNode wrong = JsonNodeFactory.instance.objectNode().put("value", "glpat-" + MARKER + "-shape");
                set(config, key, random.nextBoolean() ? wrong : JsonNodeFactory.instance.arrayNode().add("glpat-" + MARKER + "-list"));
                steps.add(key + " in a wrong shape");
            } else if (kind == 8) {
                String parent = List.of("cluster", "harbor", "gitlab", "flux", "tenants[0]").get(random.nextInt(5));
                String key = parent + "." + List.of("pasword", "tokn", "notes\u001b[31m", "secretKey").get(random.nextInt(4));
                set(config, key, JsonNodeFactory.instance.textNode("glpat-" + MARKER + "-unknown"));
                steps.add("unknown key " + Shown.quoted(key));
            } else {
                int which = random.nextInt(5);
                steps.add(List.of("duplicate top-level key", "syntax error on a secret's line", "invalid UTF-8",
                        "tab indentation", "anchor and alias").get(which));
                textual.add(() -> String.valueOf(which));
            }
        }
        String text = YAML.writeValueAsString(file);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (Supplier<String> t : textual) {
            bytes = textMutation(Integer.parseInt(t.get()), new String(bytes, StandardCharsets.UTF_8), random);
        }
        return new Mutated(bytes, steps, fluxValues);
    }

    private static byte[] textMutation(int which, String text, Random random) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        switch (which) {
            case 0 -> lines.add("  fluxfleet:tenants: []");
            case 1 -> {
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).contains(MARKER)) {
                        lines.set(i, lines.get(i) + ": [unclosed");
                        break;
                    }
                }
            }
            case 2 -> {
                byte[] bytes = String.join("\n", lines).concat("\n").getBytes(StandardCharsets.UTF_8);
                int at = random.nextInt(bytes.length);
                bytes[at] = (byte) 0xff;
                return bytes;
            }
            case 3 -> {
                int i = 1 + random.nextInt(lines.size() - 1);
                lines.set(i, lines.get(i).replaceFirst("^ {2}", "\t"));
            }
            default -> {
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).trim().startsWith("username:")) {
                        String indent = lines.get(i).substring(0, lines.get(i).indexOf('u'));
                        lines.set(i, indent + "username: &who robot$anchored");
                        lines.add(i + 1, indent + "project: *who");
                        break;
                    }
                }
            }
        }
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode node(Object value) {
        if (value instanceof BigInteger b) {
            return JsonNodeFactory.instance.numberNode(b);
        }
        if (value instanceof Integer i) {
            return JsonNodeFactory.instance.numberNode(i);
        }
        if (value instanceof Double d) {
            return JsonNodeFactory.instance.numberNode(d);
        }
        if (value instanceof Boolean b) {
            return JsonNodeFactory.instance.booleanNode(b);
        }
        return JsonNodeFactory.instance.textNode(String.valueOf(value));
    }

    /** Sets {@code a.b[0].c} under {@code fluxfleet:a}, creating objects on the way. */
    private static void set(ObjectNode config, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        String top = "fluxfleet:" + parts[0].replaceAll("\\[.*", "");
        if (parts.length == 1 && !parts[0].contains("[")) {
            config.set(top, value);
            return;
        }
        JsonNode current = config.get(top);
        if (current == null || !current.isContainerNode()) {
            current = config.putObject(top);
        }
        List<String> rest = new ArrayList<>();
        if (parts[0].contains("[")) {
            rest.add(parts[0].substring(parts[0].indexOf('[')));
        }
        rest.addAll(List.of(parts).subList(1, parts.length));
        for (int i = 0; i < rest.size(); i++) {
            String part = rest.get(i);
            boolean last = i == rest.size() - 1;
            if (part.startsWith("[")) {
                int index = Integer.parseInt(part.substring(1, part.length() - 1));
                if (!(current instanceof ArrayNode array) || array.size() <= index) {
                    return; // an earlier mutation replaced the list: nothing to set
                }
                if (last) {
                    array.set(index, value);
                    return;
                }
                current = array.get(index);
                continue;
            }
            String name = part.contains("[") ? part.substring(0, part.indexOf('[')) : part;
            if (!(current instanceof ObjectNode object)) {
                return;
            }
            if (last && !part.contains("[")) {
                object.set(name, value);
                return;
            }
            JsonNode next = object.get(name);
            if (next == null || !next.isContainerNode()) {
                next = object.putObject(name);
            }
            current = next;
            if (part.contains("[")) {
                rest.add(i + 1, part.substring(part.indexOf('[')));
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Iterator<Path> it = walk.sorted(java.util.Comparator.reverseOrder()).iterator(); it.hasNext(); ) {
                Files.deleteIfExists(it.next());
            }
        }
    }

    @org.junit.jupiter.api.Test
    void theGeneratorReachesEveryClass() throws IOException {
        // the seeded sequence is not vacuous: over the default run, each mutation class and both outcomes occur
        List<String> all = new ArrayList<>();
        for (int i = 0; i < DEFAULT_CASES; i++) {
            Random random = new Random(SEED * 1_000_003L + i);
            String stack = Stacks.environments().toList().get(random.nextInt((int) Stacks.environments().count()));
            all.addAll(mutate(random, stack, i).steps());
        }
        String joined = String.join("\n", all);
        for (String expected : List.of("written as a string holding a secret", "in a wrong shape", "unknown key",
                "gitlab.approvals", "tenants[0].name", "kubeconfig instead of context")) {
            assertTrue(joined.contains(expected), "never generated: " + expected + "\n" + joined);
        }
        if (!joined.contains("duplicate top-level key") && !joined.contains("invalid UTF-8")) {
            fail("no text-level mutation generated:\n" + joined);
        }
    }
}
