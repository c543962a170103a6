package io.fluxfleet.plan;

import io.fluxfleet.render.Recorded;
import io.fluxfleet.testing.Stacks;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every resource URN of the committed stacks, held in {@code src/test/resources/plan/urns/<stack>.txt}. The engine
 * keys its state by URN, so a changed URN is a delete and a create (a replacement) of a live object: a refactor that
 * renames a resource, its type or its parent shows up here, in review. A rename that must happen gets {@code aliases}
 * (then {@link Plan} matches the old URN and the plan is a no-op; {@code AliasTest} proves it).
 *
 * <p>Regenerate after a reviewed, intended change:
 * {@code mvn -B -q test -Dtest=UrnGoldenTest -Dfluxfleet.urns.update=true}
 */
class UrnGoldenTest {
    static final Path DIR = Path.of("src/test/resources/plan/urns");

    @ParameterizedTest
    @MethodSource("io.fluxfleet.testing.Stacks#environments")
    void committedStacksKeepTheirUrns(String stack) throws IOException {
        List<String> urns = Stacks.render(Stacks.committed(stack)).resources().stream().map(Recorded::urn).sorted().toList();
        Path golden = DIR.resolve(stack + ".txt");
        String content = String.join("\n", urns) + "\n";
        if (Boolean.getBoolean("fluxfleet.urns.update")) {
            Files.createDirectories(DIR);
            Files.writeString(golden, content, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.isRegularFile(golden)) {
            fail(golden + " is missing; create it with -Dfluxfleet.urns.update=true");
        }
        Set<String> expected = new TreeSet<>(Files.readAllLines(golden, StandardCharsets.UTF_8));
        expected.remove("");
        Set<String> actual = new TreeSet<>(urns);
        List<String> lines = new ArrayList<>();
        expected.stream().filter(u -> !actual.contains(u)).forEach(u -> lines.add("- " + u));
        actual.stream().filter(u -> !expected.contains(u)).forEach(u -> lines.add("+ " + u));
        if (!lines.isEmpty()) {
            fail("the " + stack + " stack's resource URNs changed; the engine replaces a resource whose URN changes"
                    + " (give a renamed resource `aliases` to its old URN). If the change is intended, regenerate with\n"
                    + "  mvn -B -q test -Dtest=UrnGoldenTest -Dfluxfleet.urns.update=true\n" + String.join("\n", lines));
        }
    }
}
