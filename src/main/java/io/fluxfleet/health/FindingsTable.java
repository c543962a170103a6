package io.fluxfleet.health;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code verify}'s table: failures and drift first, then a count of what passed (the passes are in {@code --json}). */
final class FindingsTable {
    private FindingsTable() {}

    static String text(String stack, List<Finding> findings) {
        List<Finding> bad = findings.stream().filter(Finding::failed).toList();
        StringBuilder out = new StringBuilder();
        Map<String, Integer> passed = new TreeMap<>();
        findings.stream().filter(f -> !f.failed()).forEach(f -> passed.merge(f.check(), 1, Integer::sum));
        out.append(bad.isEmpty() ? "HEALTHY" : "NOT HEALTHY").append(": stack '").append(stack).append("', ")
                .append(findings.size()).append(" checks, ").append(bad.size()).append(" failed\n");
        if (!bad.isEmpty()) {
            int checkWidth = Math.max(5, bad.stream().mapToInt(f -> f.check().length()).max().orElse(5));
            int objectWidth = Math.max(6, bad.stream().mapToInt(f -> f.object().length()).max().orElse(6));
            row(out, List.of("STATUS", "CHECK", "OBJECT", "DETAIL"), checkWidth, objectWidth);
            bad.forEach(f -> row(out, List.of(f.status().name(), f.check(), f.object(), f.detail()), checkWidth, objectWidth));
        }
        out.append("passed:");
        passed.forEach((check, n) -> out.append(' ').append(check).append(' ').append(n));
        return out.append('\n').toString();
    }

    /** One row: status, check and object padded to their columns, then the detail. */
    private static void row(StringBuilder out, List<String> cells, int checkWidth, int objectWidth) {
        out.append(pad(cells.get(0), 6)).append(' ').append(pad(cells.get(1), checkWidth)).append(' ')
                .append(pad(cells.get(2), objectWidth)).append(' ').append(cells.get(3)).append('\n');
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
