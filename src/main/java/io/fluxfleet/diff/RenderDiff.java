package io.fluxfleet.diff;

import io.fluxfleet.diff.RenderOutput.Item;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares two renders of one stack: the target branch's ("old") and the merge request's ("new").
 *
 * <p>Resources are matched by Pulumi type and name, Kubernetes objects by API group, kind, namespace and
 * name. A resource is reported in the order of the new render (so a tenant's resources stay together),
 * removed ones after it in the order of the old render. Nothing here depends on hash order or the clock:
 * the same two renders always give the same result.
 */
public final class RenderDiff {
    private RenderDiff() {}

    public enum Status {
        ADDED("added"), CHANGED("changed"), REMOVED("removed");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One added, changed or removed item.
     *
     * @param secret true when a secret value of a changed item differs (its fingerprint changed)
     * @param diff   unified-diff lines of the item's canonical YAML, file headers included
     */
    public record Change(Status status, boolean secret, String type, String name, List<String> diff) {
        public Change {
            diff = List.copyOf(diff);
        }

        /** How the change reads in a table: {@code added}, {@code changed}, {@code changed (secret)} or {@code removed}. */
        public String label() {
            return secret ? status.label() + " (secret)" : status.label();
        }
    }

    /**
     * The comparison of one stack. A side that could not be rendered is absent with the reason; with no new
     * render there is nothing to compare, with no old one everything counts as added.
     */
    public record StackDiff(
            String stack,
            Optional<String> oldMissing,
            Optional<String> newMissing,
            List<Change> resources,
            List<Change> objects,
            List<String> warnings) {
        public StackDiff {
            resources = List.copyOf(resources);
            objects = List.copyOf(objects);
            warnings = List.copyOf(warnings);
        }

        public long count(Status status) {
            return resources.stream().filter(c -> c.status() == status).count();
        }

        public boolean compared() {
            return newMissing.isEmpty();
        }

        public boolean hasChanges() {
            return !resources.isEmpty() || !objects.isEmpty();
        }
    }

    /** Compares two render directories; either may be null when that side has no render, with a reason. */
    public static StackDiff compare(String stack, Path oldDir, String oldMissing, Path newDir, String newMissing)
            throws IOException {
        Optional<String> oldReason = oldDir != null && RenderOutput.isRender(oldDir) ? Optional.empty()
                : Optional.of(oldMissing == null ? "no render" : oldMissing);
        Optional<String> newReason = newDir != null && RenderOutput.isRender(newDir) ? Optional.empty()
                : Optional.of(newMissing == null ? "no render" : newMissing);
        if (newReason.isPresent()) {
            return new StackDiff(stack, oldReason, newReason, List.of(), List.of(), List.of());
        }
        RenderOutput before = oldReason.isPresent() ? RenderOutput.EMPTY : RenderOutput.read(oldDir);
        RenderOutput after = RenderOutput.read(newDir);
        return compare(stack, oldReason, before, after);
    }

    /** Compares two render directories that both hold a render. */
    public static StackDiff compare(String stack, Path oldDir, Path newDir) throws IOException {
        return compare(stack, Optional.empty(), RenderOutput.read(oldDir), RenderOutput.read(newDir));
    }

    static StackDiff compare(String stack, Optional<String> oldMissing, RenderOutput before, RenderOutput after) {
        List<String> warnings = new ArrayList<>(before.warnings());
        after.warnings().stream().filter(w -> !warnings.contains(w)).forEach(warnings::add);
        if (FingerprintKeys.incomparable(before, after)) {
            before = FingerprintKeys.unknown(before);
            after = FingerprintKeys.unknown(after);
            warnings.add(FingerprintKeys.WARNING);
        }
        return new StackDiff(stack, oldMissing, Optional.empty(),
                changes(before.resources(), after.resources()),
                changes(before.objects(), after.objects()),
                warnings);
    }

    private static List<Change> changes(List<Item> before, List<Item> after) {
        Map<String, Item> old = new LinkedHashMap<>();
        before.forEach(item -> old.put(item.key(), item));
        Map<String, Item> current = new LinkedHashMap<>();
        after.forEach(item -> current.put(item.key(), item));

        List<Change> changes = new ArrayList<>();
        for (Item item : after) {
            Item previous = old.get(item.key());
            if (previous == null) {
                changes.add(change(Status.ADDED, false, null, item));
            } else if (!previous.content().equals(item.content()) || !previous.secretView().equals(item.secretView())) {
                changes.add(change(Status.CHANGED, !previous.secretView().equals(item.secretView()), previous, item));
            }
        }
        for (Item item : before) {
            if (!current.containsKey(item.key())) {
                changes.add(change(Status.REMOVED, false, item, null));
            }
        }
        return changes;
    }

    private static Change change(Status status, boolean secret, Item before, Item after) {
        Item shown = after != null ? after : before;
        String label = shown.type() + " " + shown.name();
        List<String> oldLines = before == null ? List.of() : CanonicalYaml.lines(before.content());
        List<String> newLines = after == null ? List.of() : CanonicalYaml.lines(after.content());
        List<String> diff = new ArrayList<>();
        diff.add("--- " + (before == null ? "/dev/null" : "a/" + label));
        diff.add("+++ " + (after == null ? "/dev/null" : "b/" + label));
        List<String> hunks = UnifiedDiff.hunks(oldLines, newLines);
        if (hunks.isEmpty()) {
            // Only values that had to be redacted differ: say so rather than print an empty diff.
            diff.add("# only redacted secret values differ");
        } else {
            diff.addAll(hunks);
        }
        return new Change(status, secret, shown.type(), shown.name(), diff);
    }
}
