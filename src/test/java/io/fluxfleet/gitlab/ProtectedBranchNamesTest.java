package io.fluxfleet.gitlab;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which protections cover a branch, on a corpus of hostile names (regular-expression metacharacters, quoting escapes,
 * patterns that would match too much if read as a regex): the product's {@link ProtectedBranchNames} and the fake's
 * independent {@link FakeGitLabRules#matches} both give the answer GitLab's ProtectedRefMatcher gives.
 */
class ProtectedBranchNamesTest {
    @Test
    void hostileNamesAreMatchedAsGitLabMatchesThem() throws IOException {
        List<String[]> rows;
        try (InputStream in = getClass().getResourceAsStream("/hostile/gitlab/protected-branch-names.tsv")) {
            rows = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split("\t")).toList();
        }
        assertTrue(rows.size() >= 25, "corpus size " + rows.size());
        for (String[] row : rows) {
            boolean expected = Boolean.parseBoolean(row[2]);
            assertEquals(expected, ProtectedBranchNames.covers(row[0], row[1]), "product: " + row[0] + " / " + row[1]);
            assertEquals(expected, FakeGitLabRules.matches(row[0], row[1]), "fake: " + row[0] + " / " + row[1]);
        }
    }
}
