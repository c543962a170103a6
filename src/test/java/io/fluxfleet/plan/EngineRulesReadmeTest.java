package io.fluxfleet.plan;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * README "Day 2" shows {@link EngineRules} as a table; this regenerates it and fails on a difference. After a reviewed
 * change of the rules: {@code mvn -B -q test -Dtest=EngineRulesReadmeTest -Dfluxfleet.readme.update=true}.
 */
class EngineRulesReadmeTest {
    private static final String BEGIN = "<!-- engine-rules:begin (EngineRulesReadmeTest holds this table to plan/EngineRules.java) -->\n";
    private static final String END = "<!-- engine-rules:end -->";

    @Test
    void readmeShowsTheRulesTheCodeApplies() throws IOException {
        Path readme = Path.of("README.md");
        String text = Files.readString(readme);
        int a = text.indexOf(BEGIN);
        int b = text.indexOf(END);
        assertTrue(a >= 0 && b > a, "README has the engine-rules markers");
        String want = EngineRules.markdownTable();
        String have = text.substring(a + BEGIN.length(), b);
        if (Boolean.getBoolean("fluxfleet.readme.update")) {
            Files.writeString(readme, text.substring(0, a + BEGIN.length()) + want + text.substring(b));
            return;
        }
        assertEquals(want, have, "README's engine rules table differs from plan/EngineRules.java; regenerate with"
                + " -Dfluxfleet.readme.update=true after review");
    }

    @Test
    void everyRowHasAnIdARuleAndAVersionedSource() {
        Set<String> ids = new HashSet<>();
        for (EngineRules.Rule r : EngineRules.all()) {
            assertTrue(ids.add(r.id()), r.id());
            assertTrue(r.id().matches("[a-z0-9-]+"), r.id());
            assertTrue(r.rule().length() > 20, r.id());
            assertTrue(r.source().matches(".*v[0-9]+\\.[0-9]+\\.[0-9]+ .*"), "a pinned version: " + r.source());
            assertTrue(r.url().startsWith("https://") && r.url().matches(".*/v[0-9]+\\.[0-9]+\\.[0-9]+/.*"), r.url());
        }
        assertTrue(ids.size() >= 15);
    }
}
