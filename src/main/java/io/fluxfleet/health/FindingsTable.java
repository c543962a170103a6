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
            String format = "%-6s %-" + checkWidth + "s %-" + objectWidth + "s %s%n";
            out.append(String.format(format, "STATUS", "CHECK", "OBJECT", "DETAIL"));
            bad.forEach(f -> out.append(String.format(format, f.status(), f.check(), f.object(), f.detail())));
        }
        out.append("passed:");
        passed.forEach((check, n) -> out.append(' ').append(check).append(' ').append(n));
        return out.append('\n').toString();
    }
}
