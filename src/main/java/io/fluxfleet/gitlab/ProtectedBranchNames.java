package io.fluxfleet.gitlab;

import java.util.regex.Pattern;

/**
 * Which protections cover a branch name, as GitLab decides it (gitlabhq app/models/protected_ref_matcher.rb,
 * {@code matches?}): the exact name, or a name with {@code *} read as a pattern in which every other character is
 * literal ({@code Regexp.quote}) and each {@code *} matches any run of characters ({@code .*?}), anchored at both ends.
 * Every protection that covers a branch applies together, and the most permissive one decides who may push and merge
 * (app/models/concerns/protected_ref.rb, {@code protected_ref_accessible_to?}: any matching access level grants it).
 */
final class ProtectedBranchNames {
    private ProtectedBranchNames() {}

    static boolean covers(String protection, String branch) {
        if (protection.equals(branch)) {
            return true;
        }
        if (!protection.contains("*")) {
            return false;
        }
        String[] parts = protection.split("\\*", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*?");
            }
            regex.append(Pattern.quote(parts[i]));
        }
        return Pattern.matches(regex.toString(), branch);
    }
}
