package io.fluxfleet.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff in unified format ({@code @@ -a,b +c,d @@} hunks with three lines of context), the form
 * GitLab highlights inside a {@code ```diff} fence.
 *
 * <p>The edit script is a longest common subsequence of the lines between the common prefix and suffix.
 * Ties are broken the same way every time (a deletion before an insertion), so equal inputs always give
 * the same text. The rendered objects compared here are a few hundred lines at most; should the middle part
 * ever need more than {@link #MAX_CELLS} table cells it is shown as removed and added whole, which is still
 * a correct diff, only a coarser one.
 */
final class UnifiedDiff {
    static final int CONTEXT = 3;
    private static final long MAX_CELLS = 4_000_000L;

    private enum Op { KEEP, DELETE, INSERT }

    private record Edit(Op op, String line) {}

    private UnifiedDiff() {}

    /** The hunks turning {@code before} into {@code after}, without file headers; empty when they are equal. */
    static List<String> hunks(List<String> before, List<String> after) {
        List<Edit> edits = edits(before, after);
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < edits.size()) {
            int firstChange = nextChange(edits, i);
            if (firstChange < 0) {
                break;
            }
            int start = Math.max(i, firstChange - CONTEXT);
            int end = firstChange;
            // Extend the hunk while the next change is close enough that the contexts would touch.
            while (true) {
                int lastChange = end;
                while (lastChange + 1 < edits.size() && edits.get(lastChange + 1).op != Op.KEEP) {
                    lastChange++;
                }
                int next = nextChange(edits, lastChange + 1);
                if (next >= 0 && next - lastChange - 1 <= 2 * CONTEXT) {
                    end = next;
                } else {
                    end = Math.min(edits.size() - 1, lastChange + CONTEXT);
                    break;
                }
            }
            out.addAll(hunk(edits, start, end));
            i = end + 1;
        }
        return out;
    }

    private static int nextChange(List<Edit> edits, int from) {
        for (int k = from; k < edits.size(); k++) {
            if (edits.get(k).op != Op.KEEP) {
                return k;
            }
        }
        return -1;
    }

    private static List<String> hunk(List<Edit> edits, int start, int end) {
        int oldLine = 1;
        int newLine = 1;
        for (int k = 0; k < start; k++) {
            Op op = edits.get(k).op;
            if (op != Op.INSERT) {
                oldLine++;
            }
            if (op != Op.DELETE) {
                newLine++;
            }
        }
        int oldCount = 0;
        int newCount = 0;
        List<String> body = new ArrayList<>();
        for (int k = start; k <= end; k++) {
            Edit e = edits.get(k);
            switch (e.op) {
                case KEEP -> {
                    body.add(" " + e.line);
                    oldCount++;
                    newCount++;
                }
                case DELETE -> {
                    body.add("-" + e.line);
                    oldCount++;
                }
                case INSERT -> {
                    body.add("+" + e.line);
                    newCount++;
                }
            }
        }
        // An empty side is addressed by the line before it, as diff(1) and git do.
        List<String> out = new ArrayList<>();
        out.add("@@ -" + range(oldCount == 0 ? oldLine - 1 : oldLine, oldCount)
                + " +" + range(newCount == 0 ? newLine - 1 : newLine, newCount) + " @@");
        out.addAll(body);
        return out;
    }

    private static String range(int start, int count) {
        return count == 1 ? Integer.toString(start) : start + "," + count;
    }

    private static List<Edit> edits(List<String> a, List<String> b) {
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        List<Edit> edits = new ArrayList<>();
        for (int k = 0; k < prefix; k++) {
            edits.add(new Edit(Op.KEEP, a.get(k)));
        }
        edits.addAll(middle(a.subList(prefix, a.size() - suffix), b.subList(prefix, b.size() - suffix)));
        for (int k = a.size() - suffix; k < a.size(); k++) {
            edits.add(new Edit(Op.KEEP, a.get(k)));
        }
        return edits;
    }

    private static List<Edit> middle(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        List<Edit> edits = new ArrayList<>(n + m);
        if ((long) (n + 1) * (m + 1) > MAX_CELLS) {
            a.forEach(line -> edits.add(new Edit(Op.DELETE, line)));
            b.forEach(line -> edits.add(new Edit(Op.INSERT, line)));
            return edits;
        }
        // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n && j < m) {
            if (a.get(i).equals(b.get(j))) {
                edits.add(new Edit(Op.KEEP, a.get(i++)));
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                edits.add(new Edit(Op.DELETE, a.get(i++)));
            } else {
                edits.add(new Edit(Op.INSERT, b.get(j++)));
            }
        }
        while (i < n) {
            edits.add(new Edit(Op.DELETE, a.get(i++)));
        }
        while (j < m) {
            edits.add(new Edit(Op.INSERT, b.get(j++)));
        }
        return edits;
    }
}
