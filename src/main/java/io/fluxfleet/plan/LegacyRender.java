package io.fluxfleet.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A render made by a fluxfleet that did not record resource identity (up to {@code c4b6dba}): its
 * {@code resources.json} rows hold only {@code type}, {@code name}, {@code inputs} and {@code protect}, with no
 * {@code urn}, {@code parent}, {@code provider}, {@code options} or {@code dependencies}. Such a render can only be the
 * OLD side of a plan (the state an earlier fluxfleet left); what it lacks is derived from the NEW render, conservatively:
 * <ul>
 *   <li><b>Identity.</b> A legacy row whose (type, name) is exactly one new row's takes that row's URN, parent,
 *       provider and component flag. A legacy row with no such row (a resource the new program dropped, such as the
 *       prod seed files) takes the parent and provider of the new render's rows of its type when they all agree and
 *       that parent is the stack or a resource the legacy render has too. When the new render has no resource of that
 *       type (the prod render has no seed files: seeds are committed on the first environment only), the new
 *       program's renders of other stacks given with {@code plan --infer-from} stand in: their resources of that type,
 *       moved to this stack (the parent of the same type chain and name, which this render must have; the provider
 *       its children of the same package agree on). Its URN is then built as the engine builds
 *       one, {@code urn:pulumi:<stack>::<project>::<parent's type chain>$<type>::<name>} (pulumi/pulumi
 *       {@code sdk/go/common/resource/urn.go} NewURN: the parent's qualified type, {@code $}, the type). Otherwise
 *       (no rows of its type, rows that disagree, a (type, name) two new rows share) the row cannot be named: it is
 *       left out and the plan fails with a problem saying so, rather than guessing a URN.</li>
 *   <li><b>Options.</b> {@code protect} is the legacy row's own. The other lifecycle options the engine reads from the
 *       state ({@code retainOnDelete}, {@code deleteBeforeReplace}, {@code ignoreChanges}, {@code replaceOnChanges},
 *       {@code aliases}) come from the matched new row; for an unmatched row from the new rows of its type when they
 *       agree (the same-type resources of the {@code --infer-from} renders when this one has none), else their defaults (no retainOnDelete, so a delete shows as a real delete), and no aliases (an alias
 *       names a new resource's former URN, not another one's). The import ID is not known, so it is left empty,
 *       which (as in {@link Plan#up}) never reads as a re-import. The plan says that options were inferred.</li>
 *   <li><b>Dependencies.</b> The matched new row's; an unmatched row's parent and provider. A legacy render's delete
 *       order is therefore only as good as the new program's, which a {@code destroy} plan cannot use:
 *       {@code plan --destroy} refuses a legacy render.</li>
 * </ul>
 *
 * @param resources the legacy rows, with identity and options derived
 * @param notes     what the plan should say about the derivation
 * @param problems  rows whose URN cannot be named; each fails the plan
 */
public record LegacyRender(List<PlannedResource> resources, List<String> notes, List<String> problems) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STACK_TYPE = "pulumi:pulumi:Stack";

    /** Whether {@code dir}'s {@code resources.json} is a legacy render: an array whose rows have no {@code urn}. */
    public static boolean isLegacy(Path dir) throws IOException {
        Path file = dir.resolve("resources.json");
        if (!Files.isRegularFile(file)) {
            return false; // PlannedResource.read says what is wrong
        }
        return isLegacy(Files.readString(file));
    }

    /** Whether the content of a {@code resources.json} is a legacy render (invalid JSON is not: the reader says why). */
    public static boolean isLegacy(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return false;
        }
        if (root == null || !root.isArray() || root.isEmpty()) {
            return false;
        }
        for (JsonNode r : root) {
            if (r.has("urn")) {
                return false;
            }
        }
        return true;
    }

    /** Reads {@code <dir>/resources.json} as a legacy render, deriving what it lacks from {@code after} and {@code others}. */
    public static LegacyRender read(Path dir, List<PlannedResource> after, List<PlannedResource> others)
            throws IOException {
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return parse(Files.readString(dir.resolve("resources.json")),
                (name == null ? "" : name + "/") + "resources.json", after, others);
    }

    /** Parses a legacy {@code resources.json}; {@code where} names it in errors, {@code after} is the new render. */
    public static LegacyRender parse(String json, String where, List<PlannedResource> after) throws IOException {
        return parse(json, where, after, List.of());
    }

    /**
     * As {@link #parse(String, String, List)}, with {@code others}: the new program's renders of other stacks
     * ({@code plan --infer-from}), consulted for a type {@code after} has no resource of.
     */
    public static LegacyRender parse(String json, String where, List<PlannedResource> after,
                                     List<PlannedResource> others) throws IOException {
        JsonNode root = PlannedResource.readArray(json, where);
        if (after.isEmpty()) {
            throw new IOException(where + " is a render of an earlier fluxfleet (no resource identity), and the new"
                    + " render is empty, so nothing says what its URNs are");
        }
        Map<String, List<PlannedResource>> byKey = new LinkedHashMap<>();
        Map<String, List<PlannedResource>> byType = new LinkedHashMap<>();
        Map<String, PlannedResource> byUrn = new LinkedHashMap<>();
        for (PlannedResource r : after) {
            byKey.computeIfAbsent(key(r.type(), r.name()), k -> new ArrayList<>()).add(r);
            byType.computeIfAbsent(r.type(), k -> new ArrayList<>()).add(r);
            byUrn.put(r.urn(), r);
        }
        String[] stackProject = after.get(0).urn().split("::", 3);
        String prefix = stackProject[0] + "::" + stackProject[1] + "::"; // urn:pulumi:<stack>::<project>::

        Set<String> legacyKeys = new HashSet<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode r = root.get(i);
            if (r.has("urn")) {
                throw new IOException(where + ": entry " + i + " has a \"urn\" while others have none; a render is"
                        + " either all of one fluxfleet or all of another");
            }
            String type = r.path("type").asText("");
            String name = r.path("name").asText("");
            if (type.isEmpty() || name.isEmpty()) {
                throw new IOException(where + ": entry " + i + " has no \"type\" or no \"name\"");
            }
            if (!legacyKeys.add(key(type, name))) {
                throw new IOException(where + ": " + type + " " + name + " appears twice");
            }
        }

        List<PlannedResource> resources = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int matched = 0;
        List<String> derived = new ArrayList<>();
        for (JsonNode r : root) {
            String type = r.path("type").asText();
            String name = r.path("name").asText();
            boolean protect = r.path("protect").asBoolean(false);
            JsonNode inputs = r.has("inputs") ? r.get("inputs") : NullNode.getInstance();
            List<PlannedResource> same = byKey.getOrDefault(key(type, name), List.of());
            PlannedResource made;
            if (same.size() == 1) {
                PlannedResource now = same.get(0);
                made = new PlannedResource(now.urn(), type, name, now.component(), now.parent(), now.provider(), protect,
                        now.retainOnDelete(), now.deleteBeforeReplace(), now.replaceOnChanges(), now.ignoreChanges(),
                        now.aliases(), "", now.dependencies(), inputs);
                matched++;
            } else if (same.size() > 1) {
                problems.add(cannotName(where, type, name, same.size() + " resources of the new render have that type"
                        + " and name (under different parents)"));
                continue;
            } else {
                List<PlannedResource> kin = byType.getOrDefault(type, List.of());
                if (kin.isEmpty()) {
                    kin = rerooted(type, others, prefix, after);
                }
                String why = kin.isEmpty() ? "the new render has no resource of that type" + (others.isEmpty() ? ""
                        : " and the other renders (--infer-from) none that can be placed in this stack") : "";
                String parent = agreed(kin, PlannedResource::parent);
                String provider = agreed(kin, PlannedResource::provider);
                if (why.isEmpty() && (parent == null || provider == null)) {
                    why = "the new render's " + kin.size() + " resources of that type disagree on their "
                            + (parent == null ? "parent" : "provider");
                }
                String chain = null;
                if (why.isEmpty()) {
                    chain = parent.isEmpty() ? "" : qualifiedType(parent);
                    PlannedResource parentRow = byUrn.get(parent);
                    if (chain == null) {
                        why = "its parent's URN " + parent + " is not one the engine builds";
                    } else if (parentRow != null && !legacyKeys.contains(key(parentRow.type(), parentRow.name()))) {
                        why = "its type's parent in the new render, " + parentRow.label() + ", is not in the old render";
                    } else if (parentRow == null && !chain.equals(STACK_TYPE)) {
                        why = "its type's parent in the new render, " + parent + ", is not a resource of that render";
                    }
                }
                if (!why.isEmpty()) {
                    problems.add(cannotName(where, type, name, why));
                    continue;
                }
                String urn = prefix + (chain.isEmpty() ? "" : chain + "$") + type + "::" + name;
                java.util.SortedSet<String> deps = new TreeSet<>();
                if (!parent.isEmpty()) {
                    deps.add(parent);
                }
                if (!provider.isEmpty()) {
                    deps.add(provider);
                }
                Boolean component = agreed(kin, PlannedResource::component);
                Boolean retain = agreed(kin, PlannedResource::retainOnDelete);
                Boolean dbrSet = agreed(kin, x -> x.deleteBeforeReplace() != null);
                Boolean dbr = Boolean.TRUE.equals(dbrSet) ? agreed(kin, PlannedResource::deleteBeforeReplace) : null;
                List<String> replaceOn = agreed(kin, PlannedResource::replaceOnChanges);
                List<String> ignore = agreed(kin, PlannedResource::ignoreChanges);
                made = new PlannedResource(urn, type, name, Boolean.TRUE.equals(component), parent, provider, protect,
                        Boolean.TRUE.equals(retain), dbr, replaceOn == null ? List.of() : replaceOn,
                        ignore == null ? List.of() : ignore, List.of(), "", Collections.unmodifiableSortedSet(deps), inputs);
                derived.add(made.label() + (Boolean.TRUE.equals(retain) ? " (retainOnDelete)" : ""));
            }
            if (!seen.add(made.urn())) {
                problems.add(cannotName(where, type, name, "the URN it would take, " + made.urn() + ", is another's"));
                continue;
            }
            resources.add(made);
        }
        List<String> notes = new ArrayList<>();
        notes.add(where + " is a render of an earlier fluxfleet, which recorded only type, name, inputs and protect:"
                + " the plan took each resource's URN, parent, provider, lifecycle options other than protect"
                + " (retainOnDelete, deleteBeforeReplace, ignoreChanges, replaceOnChanges, aliases) and dependencies"
                + " from the new render" + (others.isEmpty() ? "" : " (for types it has none of, the --infer-from renders)")
                + ", inferred, not read from the state (" + matched + " matched by type and name"
                + (derived.isEmpty() ? "" : "; " + derived.size() + " the new program no longer registers, placed like"
                + " the new resources of their type: " + String.join(", ", derived)) + "). README \"Upgrading from an"
                + " earlier fluxfleet\".");
        return new LegacyRender(List.copyOf(resources), List.copyOf(notes), List.copyOf(problems));
    }

    /**
     * The {@code others}' resources of {@code type}, moved to this stack: the parent becomes the resource of the same
     * type chain and name in {@code after} (skipped when it has none), the provider that of {@code after}'s children
     * of that parent from the same package ({@code gitlab:...}) when they agree (skipped otherwise). Options stay.
     */
    private static List<PlannedResource> rerooted(String type, List<PlannedResource> others, String prefix,
                                                  List<PlannedResource> after) {
        Set<String> here = new HashSet<>();
        after.forEach(r -> here.add(r.urn()));
        String pkg = type.substring(0, type.indexOf(':') + 1);
        List<PlannedResource> out = new ArrayList<>();
        for (PlannedResource r : others) {
            if (!r.type().equals(type)) {
                continue;
            }
            String[] p = r.parent().split("::", 3);
            String parent = r.parent().isEmpty() ? "" : p.length == 3 ? prefix + p[2] : null;
            if (parent == null || !(parent.isEmpty() || here.contains(parent) || STACK_TYPE.equals(qualifiedType(parent)))) {
                continue;
            }
            String provider = agreed(after.stream().filter(x -> x.parent().equals(parent) && x.type().startsWith(pkg)
                    && !x.type().startsWith("pulumi:providers:")).toList(), PlannedResource::provider);
            if (provider == null) {
                continue;
            }
            out.add(new PlannedResource(prefix + r.urn().split("::", 3)[2], type, r.name(), r.component(), parent,
                    provider, r.protect(), r.retainOnDelete(), r.deleteBeforeReplace(), r.replaceOnChanges(),
                    r.ignoreChanges(), r.aliases(), r.importId(), r.dependencies(), r.inputs()));
        }
        return out;
    }

    private static String cannotName(String where, String type, String name, String why) {
        return where + ": cannot name the URN of " + type + " " + name + " (a render of an earlier fluxfleet records no"
                + " identity, and " + why + "), so the plan cannot say what `pulumi up` does to it. Compare it with"
                + " `pulumi stack export` of the stack, or render the old side with the current fluxfleet.";
    }

    /** The value every row gives, or null when they differ (or there are none). */
    private static <T> T agreed(List<PlannedResource> rows, Function<PlannedResource, T> value) {
        Set<T> values = new LinkedHashSet<>();
        rows.forEach(r -> values.add(value.apply(r)));
        return values.size() == 1 ? values.iterator().next() : null;
    }

    /** The qualified type of a URN ({@code urn:pulumi:<stack>::<project>::<qualified type>::<name>}), or null. */
    private static String qualifiedType(String urn) {
        String[] parts = urn.split("::", 4);
        return parts.length == 4 && parts[0].startsWith("urn:pulumi:") && !parts[2].isEmpty() ? parts[2] : null;
    }

    private static String key(String type, String name) {
        return type + "\u0000" + name;
    }
}
