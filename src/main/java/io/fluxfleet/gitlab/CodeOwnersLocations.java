package io.fluxfleet.gitlab;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which CODEOWNERS GitLab applies, and whether it makes the platform team's approval necessary for a path.
 *
 * <p>GitLab's rules, as fluxfleet relies on them:
 * <table>
 *   <caption>CODEOWNERS rules</caption>
 *   <tr><th>rule</th><th>source</th></tr>
 *   <tr><td>GitLab reads one file: the first of {@code CODEOWNERS}, {@code docs/CODEOWNERS},
 *       {@code .gitlab/CODEOWNERS} that exists on the branch ({@link #FILE_PATHS})</td>
 *       <td>gitlabhq ee/lib/gitlab/code_owners.rb, {@code FILE_PATHS = [FILE_NAME, "docs/#{FILE_NAME}",
 *       ".gitlab/#{FILE_NAME}"]}, read in that order by {@code Gitlab::CodeOwners::Loader}</td></tr>
 *   <tr><td>within a section, the last pattern that matches a path decides its owners</td>
 *       <td>doc/user/project/codeowners/reference.md: "the last pattern that matches a given path"</td></tr>
 *   <tr><td>a path matched in several sections needs an approval from each section</td>
 *       <td>doc/user/project/codeowners/_index.md, sections: "approval is required from each section"</td></tr>
 *   <tr><td>an approval from <em>any one</em> owner of the matching entry satisfies it</td>
 *       <td>doc/user/project/codeowners/_index.md: "one approval from a Code Owner" per matching rule</td></tr>
 *   <tr><td>an optional section ({@code ^[Name]}) requires no approval; an entry without owners takes its section's
 *       default owners ({@code [Name][2] @owners}); an exclusion ({@code !pattern}) takes the paths it matches out of
 *       its section</td>
 *       <td>gitlabhq ee/lib/gitlab/code_owners/file.rb, {@code parse_entry}: "owners = entry_owners.presence ||
 *       section.default_owners", {@code section.optional}; {@code extract_entry_info}: "is_exclusion_pattern =
 *       pattern.start_with?('!')"; doc/user/project/codeowners/reference.md, "Optional sections", "Exclude files"</td></tr>
 *   <tr><td>a pattern is matched as GitLab normalises it ({@link #matches})</td>
 *       <td>file.rb {@code normalize_pattern}, {@code path_matches?}</td></tr>
 * </table>
 * So the platform team's approval is required for a path exactly when some section's matching entry names only the
 * platform team: a line {@code /clusters/preprod/ @qa @dev} is satisfied by one QA approval.
 */
public final class CodeOwnersLocations {
    /** Where GitLab looks, in its order (the first found wins). */
    public static final List<String> FILE_PATHS = List.of("CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS");

    private CodeOwnersLocations() {}

    /** The path of the CODEOWNERS GitLab applies among {@code files} (path to content), if any. */
    public static Optional<String> active(Map<String, String> files) {
        return FILE_PATHS.stream().filter(files::containsKey).findFirst();
    }

    /**
     * The owner lists a change to {@code path} must satisfy, one per required (not optional) section whose last
     * matching entry covers it and whose exclusions do not.
     */
    public static List<Set<String>> requiredOwners(String content, String path) {
        String target = path.startsWith("/") ? path : "/" + path;
        List<Set<String>> out = new ArrayList<>();
        for (Section section : sections(content)) {
            Set<String> matched = null;
            boolean excluded = false;
            for (Entry e : section.entries()) {
                if (e.exclusion()) {
                    excluded |= matches(e.pattern(), target);
                } else if (matches(e.pattern(), target)) {
                    matched = e.owners();
                }
            }
            if (matched != null && !section.optional() && !excluded) {
                out.add(matched);
            }
        }
        return out;
    }

    /**
     * Whether every path below the directory {@code dir} ({@code /a/b/}) needs an approval of one of the platform
     * team's handles: some required section holds an entry that covers the whole directory and names only the platform
     * team, and after it (the last match wins) no entry that could match a path below names anyone else, and no
     * exclusion in the section could match one. Probing one file name would miss a later entry for
     * {@code kustomization.yaml} or {@code *.yaml}, or an exclusion, that hands exactly the files Flux reads to others.
     */
    public static boolean requiresPlatformUnder(String content, String dir, java.util.Collection<String> platform) {
        for (Section section : sections(content)) {
            if (section.optional()) {
                continue;
            }
            List<Entry> entries = section.entries();
            int cover = -1;
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                if (!e.exclusion() && coversAll(e.pattern(), dir) && platformOnly(e.owners(), platform)) {
                    cover = i;
                }
            }
            if (cover < 0) {
                continue;
            }
            boolean broken = false;
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                broken |= e.exclusion() && couldMatchUnder(e.pattern(), dir)
                        || i > cover && !e.exclusion() && couldMatchUnder(e.pattern(), dir)
                        && !platformOnly(e.owners(), platform);
            }
            if (!broken) {
                return true;
            }
        }
        return false;
    }

    private static boolean platformOnly(Set<String> owners, java.util.Collection<String> platform) {
        return !owners.isEmpty() && platform.containsAll(owners);
    }

    /** Whether a pattern, as GitLab normalises it, covers every path below {@code dir}: {@code *}, or {@code /d/} for dir or a parent. */
    private static boolean coversAll(String pattern, String dir) {
        String n = normalized(pattern);
        if (!n.endsWith("/**/*")) {
            return false;
        }
        String prefix = n.substring(0, n.length() - "**/*".length());
        return prefix.equals("/") && n.equals("/**/*") || !prefix.matches(".*[*?\\[\\\\].*") && dir.startsWith(prefix);
    }

    /**
     * Whether a pattern could match some path below {@code dir}, erring towards yes: its segments are compared with the
     * directory's one by one; a {@code **} segment, or segments left over once the directory is passed, could match.
     */
    private static boolean couldMatchUnder(String pattern, String dir) {
        String[] segments = normalized(pattern).substring(1).split("/", -1);
        String[] dirs = dir.substring(1, dir.length() - 1).split("/");
        for (int i = 0; i < dirs.length; i++) {
            if (i >= segments.length) {
                return false;
            }
            if (segments[i].equals("**")) {
                return true;
            }
            if (!matches("/" + segments[i], "/" + dirs[i])) {
                return false;
            }
        }
        return segments.length > dirs.length;
    }

    /** One line of a section: a pattern (without the {@code !} of an exclusion) and its owners. */
    private record Entry(String pattern, Set<String> owners, boolean exclusion) {}

    private record Section(boolean optional, List<Entry> entries) {}

    /**
     * The file's sections in order, the entries before the first header as a required section of their own. An entry
     * without owners takes its section's default owners.
     */
    private static List<Section> sections(String content) {
        List<Section> out = new ArrayList<>();
        boolean optional = false;
        Set<String> defaults = Set.of();
        List<Entry> entries = new ArrayList<>();
        for (String raw : content.split("\n", -1)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            java.util.regex.Matcher header = SECTION.matcher(line);
            if (header.matches()) {
                out.add(new Section(optional, entries));
                optional = header.group(1) != null;
                defaults = owners(header.group(3));
                entries = new ArrayList<>();
                continue;
            }
            String[] parts = line.split("(?<!\\\\)\\s+", 2);
            Set<String> owners = owners(parts.length > 1 ? parts[1] : "");
            boolean exclusion = parts[0].startsWith("!");
            entries.add(new Entry(exclusion ? parts[0].substring(1) : parts[0], owners.isEmpty() ? defaults : owners,
                    exclusion));
        }
        out.add(new Section(optional, entries));
        return out;
    }

    /**
     * A section header: {@code [Name]}, optional with a leading {@code ^}, then an approval count {@code [n]} and
     * default owners (file.rb {@code Section.parse}).
     */
    private static final Pattern SECTION = Pattern.compile("(\\^)?\\[[^\\]]+](\\[\\d+])?\\s*(.*)");

    private static Set<String> owners(String text) {
        Set<String> owners = new LinkedHashSet<>();
        for (String owner : text.strip().split("\\s+")) {
            if (!owner.isEmpty()) {
                owners.add(owner);
            }
        }
        return owners;
    }

    /** Whether changing {@code path} needs an approval of {@code platform} (e.g. {@code @your-org/platform-team}). */
    public static boolean requiresPlatform(String content, String path, String platform) {
        return requiresPlatform(content, path, List.of(platform));
    }

    /** Whether changing {@code path} needs an approval of one of the platform team's handles. */
    public static boolean requiresPlatform(String content, String path, java.util.Collection<String> platform) {
        return requiredOwners(content, path).stream()
                .anyMatch(owners -> !owners.isEmpty() && platform.containsAll(owners));
    }

    /**
     * Judges the CODEOWNERS GitLab applies on a tenant's branch: a refusal (with its fix) when it is not fluxfleet's and
     * leaves a path of {@code platformPaths} approvable without the platform team; a warning when it is fluxfleet's
     * earlier seed, which lacks the platform section (the upgrade: a merge request adds it); nothing when it holds.
     *
     * @param files the files read from the branch, among them any of {@link #FILE_PATHS}
     */
    public static Verdict judge(String where, Map<String, String> files, List<String> platformPaths,
                                List<String> platform, String seeded) {
        Optional<String> active = active(files);
        if (active.isEmpty()) {
            return Verdict.OK;
        }
        String content = files.get(active.get());
        List<String> open = platformPaths.stream().filter(p -> p.endsWith("/") ? !requiresPlatformUnder(content, p, platform)
                : !requiresPlatform(content, p, platform)).toList();
        if (open.isEmpty()) {
            return Verdict.OK;
        }
        String fix = "Replace it, in a merge request the platform team approves, by fluxfleet's version:\n" + seeded;
        String message = where + ": the CODEOWNERS GitLab applies (" + active.get() + ") lets a change to "
                + String.join(", ", open) + " merge without an approval of " + String.join(" or ", platform) + ", yet the cluster-admin"
                + " layers read these paths. ";
        return SeedFiles.seededByFluxfleet(content) && active.get().equals(FILE_PATHS.get(2))
                ? new Verdict(Optional.empty(), Optional.of(message + fix))
                : new Verdict(Optional.of(message + fix), Optional.empty());
    }

    /** A refusal (the stack must not go on) or a warning, each with the fix. */
    public record Verdict(Optional<String> refusal, Optional<String> warning) {
        static final Verdict OK = new Verdict(Optional.empty(), Optional.empty());
    }

    /** A pattern as file.rb {@code normalize_pattern} leaves it (see {@link #matches}). */
    private static String normalized(String pattern) {
        String p = pattern.replaceFirst("^\\\\#", "#").replaceAll("\\\\(\\s)", "$1");
        if (p.equals("*")) {
            return "/**/*";
        }
        if (!p.startsWith("/")) {
            p = "/**/" + p;
        }
        if (p.endsWith("/")) {
            p = p + "**/*";
        }
        return p;
    }

    /**
     * Whether a CODEOWNERS pattern covers {@code path} (from the root, with a leading {@code /}), as GitLab decides it:
     * gitlabhq ee/lib/gitlab/code_owners/file.rb, {@code normalize_pattern}: {@code *} alone is {@code /**}{@code /*};
     * a pattern without a leading {@code /} gets {@code /**}{@code /} in front (so {@code docs/x} matches at any depth);
     * a trailing {@code /} gets {@code **}{@code /*} after (everything below); then {@code path_matches?}:
     * {@code File.fnmatch?(pattern, path, FNM_DOTMATCH | FNM_PATHNAME)}, where {@code *} and {@code ?} never match
     * {@code /}, {@code **}{@code /} matches any number of directories, and a leading dot needs no special match. So a
     * directory named without the trailing {@code /} ({@code /shared}) covers that path only, none of the files in it.
     */
    static boolean matches(String pattern, String path) {
        String p = normalized(pattern);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '*' && p.startsWith("**/", i)) {
                regex.append("(?:[^/]*/)*");
                i += 2;
            } else if (c == '*') {
                while (i + 1 < p.length() && p.charAt(i + 1) == '*') {
                    i++;
                }
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else if (c == '[' && p.indexOf(']', i + 1) > i + 1) {
                int end = p.indexOf(']', i + 1);
                String set = p.substring(i + 1, end);
                String escaped = (set.startsWith("!") ? set.substring(1) : set).replace("\\", "\\\\")
                        .replace("[", "\\[").replace("&", "\\&");
                regex.append('[').append(set.startsWith("!") ? "^" : "").append(escaped).append(']');
                i = end;
            } else if (c == '\\' && i + 1 < p.length()) {
                regex.append(Pattern.quote(String.valueOf(p.charAt(++i))));
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString()).matcher(path).matches();
    }
}
