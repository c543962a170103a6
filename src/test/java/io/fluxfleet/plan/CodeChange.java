package io.fluxfleet.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A change of the program that no stack file expresses (a resource renamed in code, an apiVersion bump, a provider
 * renamed, an option or input set), applied to one side's render as that program would register it: the URN is
 * rebuilt as the engine builds it ({@code ...$<type>::<name>}) and every reference to it (parent, provider,
 * dependencies) follows. One entry of a scenario's {@code code:} list.
 */
final class CodeChange {
    private CodeChange() {}

    static List<PlannedResource> apply(List<PlannedResource> resources, JsonNode change) {
        String match = change.path("type").asText("");
        String name = change.path("name").asText("");
        List<PlannedResource> out = new ArrayList<>();
        java.util.Map<String, String> moved = new java.util.HashMap<>();
        for (PlannedResource r : resources) {
            boolean hit = (match.isEmpty() || r.type().equals(match)) && (name.isEmpty() || r.name().equals(name));
            if (!hit) {
                out.add(r);
                continue;
            }
            String type = change.path("toType").asText(r.type());
            String newName = change.path("toName").asText(r.name());
            String urn = r.urn().substring(0, r.urn().lastIndexOf("::")) + "::" + newName;
            if (!type.equals(r.type())) {
                int at = urn.lastIndexOf(r.type() + "::");
                urn = urn.substring(0, at) + type + urn.substring(at + r.type().length());
            }
            ObjectNode inputs = r.inputs().isObject() ? ((ObjectNode) r.inputs()).deepCopy() : null;
            if (inputs != null && !type.equals(r.type()) && inputs.has("apiVersion")) {
                String gv = type.substring(type.indexOf(':') + 1, type.lastIndexOf(':'));
                inputs.put("apiVersion", gv.startsWith("core/") ? gv.substring(5) : gv);
            }
            for (Map.Entry<String, JsonNode> set : iterable(change.path("set"))) {
                inputs.set(set.getKey(), set.getValue());
            }
            for (String remove : strings(change.path("remove"))) {
                inputs.remove(remove);
            }
            List<String> aliases = new ArrayList<>(r.aliases());
            if (change.path("alias").asBoolean(false) && !urn.equals(r.urn())) {
                aliases.add(r.urn());
            }
            if (change.has("aliasTo")) {
                int at = urn.lastIndexOf(type + "::");
                aliases.add(urn.substring(0, at) + change.get("aliasTo").asText() + urn.substring(at + type.length()));
            }
            JsonNode o = change.path("options");
            moved.put(r.urn(), urn);
            out.add(new PlannedResource(urn, type, newName, r.component(), r.parent(), r.provider(),
                    o.has("protect") ? o.get("protect").asBoolean() : r.protect(), r.retainOnDelete(),
                    o.has("deleteBeforeReplace") ? Boolean.valueOf(o.get("deleteBeforeReplace").asBoolean())
                            : r.deleteBeforeReplace(), r.replaceOnChanges(), r.ignoreChanges(), List.copyOf(aliases),
                    change.has("import") ? change.get("import").asText() : r.importId(), r.dependencies(),
                    inputs == null ? r.inputs() : inputs));
        }
        List<PlannedResource> relinked = new ArrayList<>();
        for (PlannedResource r : out) {
            SortedSet<String> deps = new TreeSet<>();
            r.dependencies().forEach(d -> deps.add(moved.getOrDefault(d, d)));
            relinked.add(new PlannedResource(r.urn(), r.type(), r.name(), r.component(),
                    moved.getOrDefault(r.parent(), r.parent()), moved.getOrDefault(r.provider(), r.provider()),
                    r.protect(), r.retainOnDelete(), r.deleteBeforeReplace(), r.replaceOnChanges(), r.ignoreChanges(),
                    r.aliases(), r.importId(), java.util.Collections.unmodifiableSortedSet(deps), r.inputs()));
        }
        return relinked;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        node.fields().forEachRemaining(entries::add);
        return entries;
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }
}
