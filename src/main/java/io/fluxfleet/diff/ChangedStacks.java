package io.fluxfleet.diff;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which stacks a change touches, from the paths it changes (relative to the repository root).
 *
 * <p>The rules, first match wins:
 * <ol>
 *   <li>{@code Pulumi.<stack>.yaml} at the top touches that stack (also when the file is added or deleted), and
 *       when it is a sharded environment's platform stack, every one of its shards ({@code <stack>-tenants-*}):
 *       they read its config through their stack reference. A shard's own file touches that shard only, so a change
 *       to one tenant previews and deploys one shard (README "Large fleets");</li>
 *   <li>{@code Pulumi.yaml}, {@code pom.xml} and anything under {@code src/} touch every stack: they are the
 *       program every stack runs. So do the pipeline ({@code .gitlab-ci.yml}, {@code ci/}, {@code .ci/}), the
 *       project's GitLab files ({@code .gitlab/}) and any {@code CODEOWNERS}: they decide which job runs which code
 *       with which stack's credentials, and who must approve a change, so a change to them is reviewed against
 *       every stack rather than waved through (issue 20);</li>
 *   <li>documentation ({@code *.md}, {@code docs/}, {@code LICENSE}) and the editor files ({@code .gitignore},
 *       {@code .editorconfig}) touch none: they change nothing a stack deploys. {@code .gitattributes} is not among
 *       them: its {@code eol}, {@code working-tree-encoding} and {@code ident} attributes change the bytes the CI
 *       checkout writes for every file it names, stack files and scripts included (git {@code gitattributes(5)}), so
 *       it falls under the next rule;</li>
 *   <li>any other path touches every stack. A file nobody listed (a Maven wrapper, a new resource folder)
 *       may well change the program, and showing an empty diff costs less than missing a real one.</li>
 * </ol>
 */
public final class ChangedStacks {
    private static final Pattern STACK_FILE = Pattern.compile("Pulumi\\.([^/]+)\\.yaml");

    /** What a path touches. */
    public sealed interface Effect permits Effect.One, Effect.All, Effect.None {
        record One(String stack) implements Effect {}

        record All() implements Effect {}

        record None() implements Effect {}
    }

    private record Rule(Predicate<String> matches, Effect effect) {}

    private static final List<Rule> ALL_OR_NONE = List.of(
            new Rule(p -> p.equals("Pulumi.yaml") || p.equals("pom.xml") || p.startsWith("src/")
                    || p.equals(".gitlab-ci.yml") || p.startsWith("ci/") || p.startsWith(".ci/") || p.startsWith(".gitlab/")
                    || p.equals("CODEOWNERS") || p.endsWith("/CODEOWNERS"), new Effect.All()),
            new Rule(p -> p.endsWith(".md") || p.startsWith("docs/") || p.equals("LICENSE")
                    || p.equals(".gitignore") || p.equals(".editorconfig"),
                    new Effect.None()));

    private ChangedStacks() {}

    /** What one changed path touches. */
    public static Effect classify(String path) {
        String p = path.startsWith("./") ? path.substring(2) : path;
        Matcher stackFile = STACK_FILE.matcher(p);
        if (stackFile.matches()) {
            return new Effect.One(stackFile.group(1));
        }
        return ALL_OR_NONE.stream().filter(r -> r.matches.test(p)).map(Rule::effect).findFirst()
                .orElse(new Effect.All());
    }

    /**
     * The stacks the changed paths touch, sorted by name.
     *
     * @param changedPaths the paths the change adds, modifies or deletes
     * @param allStacks    the stacks "every stack" means: those with a stack file in the repository now
     */
    public static SortedSet<String> of(Collection<String> changedPaths, Collection<String> allStacks) {
        return of(changedPaths, allStacks, java.util.Map.of());
    }

    /**
     * As {@link #of(Collection, Collection)}, in a repository holding symbolic links: a changed path that a link
     * points at (the file, or a file below the directory) also counts under the link's name. A link under {@code src/}
     * to {@code docs/notes.md} makes the program read the documentation, so a change to that document changes what
     * every stack renders although the rules alone would say it touches none.
     *
     * @param links each link's path to its target, both relative to the repository root and normalised ({@code ""}:
     *              the root itself; a target outside the repository is left out)
     */
    public static SortedSet<String> of(Collection<String> changedPaths, Collection<String> allStacks,
                                       java.util.Map<String, String> links) {
        List<String> paths = new java.util.ArrayList<>();
        for (String changed : changedPaths) {
            String path = changed.strip();
            paths.add(path);
            links.forEach((link, target) -> {
                if (target.isEmpty()) {
                    paths.add(link + "/" + path);
                } else if (path.equals(target) || path.startsWith(target + "/")) {
                    paths.add(link + path.substring(target.length()));
                }
            });
        }
        SortedSet<String> touched = new TreeSet<>();
        for (String path : paths) {
            Effect effect = classify(path);
            if (effect instanceof Effect.One one) {
                touched.add(one.stack());
                String shards = one.stack() + io.fluxfleet.config.Sharding.SHARD_INFIX;
                allStacks.stream().filter(s -> s.startsWith(shards)).forEach(touched::add);
            } else if (effect instanceof Effect.All) {
                touched.addAll(allStacks);
            }
        }
        return touched;
    }

    /** The stack a file name belongs to, when it is a stack file ({@code Pulumi.<stack>.yaml}). */
    public static Optional<String> stackOf(String fileName) {
        Matcher m = STACK_FILE.matcher(fileName);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
