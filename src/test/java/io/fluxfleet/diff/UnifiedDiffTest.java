package io.fluxfleet.diff;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UnifiedDiffTest {

    static Stream<Arguments> cases() {
        List<String> ten = IntStream.rangeClosed(1, 10).mapToObj(i -> "l" + i).toList();
        List<String> twenty = IntStream.rangeClosed(1, 20).mapToObj(i -> "l" + i).toList();
        return Stream.of(
                Arguments.of("equal", "a b c", "a b c", ""),
                Arguments.of("both empty", "", "", ""),
                Arguments.of("from nothing", "", "a b", "@@ -0,0 +1,2 @@|+a|+b"),
                Arguments.of("to nothing", "a b", "", "@@ -1,2 +0,0 @@|-a|-b"),
                Arguments.of("one line changed", "a b c", "a x c", "@@ -1,3 +1,3 @@| a|-b|+x| c"),
                Arguments.of("insert at start", "b c", "a b c", "@@ -1,2 +1,3 @@|+a| b| c"),
                Arguments.of("delete at end", "a b c", "a b", "@@ -1,3 +1,2 @@| a| b|-c"),
                Arguments.of("context is three lines", String.join(" ", ten),
                        String.join(" ", replace(ten, 4, "X")),
                        "@@ -2,7 +2,7 @@| l2| l3| l4|-l5|+X| l6| l7| l8"),
                Arguments.of("changes six lines apart share a hunk", String.join(" ", twenty),
                        String.join(" ", replace(replace(twenty, 4, "X"), 11, "Y")),
                        "@@ -2,14 +2,14 @@| l2| l3| l4|-l5|+X| l6| l7| l8| l9| l10| l11|-l12|+Y| l13| l14| l15"),
                Arguments.of("changes far apart get two hunks", String.join(" ", twenty),
                        String.join(" ", replace(replace(twenty, 1, "X"), 17, "Y")),
                        "@@ -1,5 +1,5 @@| l1|-l2|+X| l3| l4| l5|@@ -15,6 +15,6 @@| l15| l16| l17|-l18|+Y| l19| l20"),
                Arguments.of("deletion before insertion", "a b", "a c", "@@ -1,2 +1,2 @@| a|-b|+c"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hunks(String name, String before, String after, String expected) {
        List<String> hunks = UnifiedDiff.hunks(words(before), words(after));
        assertEquals(expected, String.join("|", hunks));
    }

    private static List<String> words(String s) {
        return s.isEmpty() ? List.of() : Arrays.asList(s.split(" "));
    }

    private static List<String> replace(List<String> lines, int index, String line) {
        List<String> copy = new ArrayList<>(lines);
        copy.set(index, line);
        return copy;
    }
}
