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
     * The owner lists a change to {@code path} must satisfy, one per section whose last matching entry covers it.
     */
    public static List<Set<String>> requiredOwners(String content, String path) {
        String target = path.startsWith("/") ? path : "/" + path;
        List<Set<String>> out = new ArrayList<>();
        Set<String> current = null;
        for (String raw : content.split("\n", -1)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") || line.startsWith("^[")) {
                if (current != null) {
                    out.add(current);
                }
                current = null;
                continue;
            }
            String[] parts = line.split("\\s+");
            if (matches(parts[0], target)) {
                Set<String> owners = new LinkedHashSet<>();
                for (int i = 1; i < parts.length; i++) {
                    owners.add(parts[i]);
                }
                current = owners;
            }
        }
        if (current != null) {
            out.add(current);
        }
        return out;
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
        List<String> open = platformPaths.stream().filter(p -> !requiresPlatform(content, p.endsWith("/") ? p + "x" : p,
                platform)).toList();
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

    /**
     * A gitignore-style pattern as CODEOWNERS uses it: {@code /x} anchored at the root, else matching at any depth;
     * a trailing {@code /} covers everything below; {@code *} any characters but {@code /}, {@code **} any.
     */
    static boolean matches(String pattern, String path) {
        String p = pattern.replace("\\ ", " ");
        boolean anchored = p.startsWith("/");
        boolean directory = p.endsWith("/");
        String body = p.substring(anchored ? 1 : 0, directory ? p.length() - 1 : p.length());
        StringBuilder regex = new StringBuilder(anchored || body.contains("/") ? "^/" : "^(?:.*/)?");
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '*' && i + 1 < body.length() && body.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        regex.append(directory ? "/.*$" : "(?:/.*)?$");
        return Pattern.compile(regex.toString()).matcher(path).matches();
    }
}
