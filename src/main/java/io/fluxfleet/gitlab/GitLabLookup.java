package io.fluxfleet.gitlab;

import io.fluxfleet.config.GitLabGovernanceSettings.Edition;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What fluxfleet must know about the instance and a tenant's project before it registers anything, because the
 * answer changes which resources exist (not only their inputs): the instance's edition, does the environment branch
 * (and the branch it is created from) exist, is it protected, which seed files are already there and who wrote
 * them, which groups the project is shared with. Pulumi resource options cannot depend on Outputs, so these are
 * read once, synchronously, through the stack's GitLab provider ({@link ProviderLookup}).
 */
public interface GitLabLookup {

    /** The instance's edition, when it can be asked (not in an offline render). */
    Optional<Edition> edition();

    /**
     * Reads {@code pathWithNamespace}: its ID and default branch, whether {@code branch} and {@code source} (the ref
     * the branch is created from) exist, whether and how {@code branch} is protected, the groups the project is shared
     * with, and the content of each of {@code seedPaths} that exists on {@code branch} (or, while the branch does not
     * exist, on {@code source}).
     */
    ProjectFacts project(String pathWithNamespace, String branch, String source, List<String> seedPaths);

    /**
     * Every protection of the project that covers {@code branch} by its name: its own protection of exactly that name,
     * wildcards ({@code release-*}) and group-level protections, whether or not the branch exists yet (empty: none, or
     * an offline render that cannot ask).
     */
    default List<Covering> coveringProtections(String projectId, String branch) {
        return List.of();
    }

    /** Whether {@code fullPath} names a group on the instance; empty when it cannot be asked (an offline render). */
    default Optional<Boolean> isGroup(String fullPath) {
        return Optional.empty();
    }

    /**
     * The project's members as GitLab reports them, username to role number ({@link Roles}): {@code direct} from
     * {@code GET /projects/:id/members}, {@code all} from {@code GET /projects/:id/members/all} (also members through
     * parent groups; a user in both appears with the highest role). Empty when it cannot be asked (an offline render).
     */
    default Optional<Members> members(String projectId) {
        return Optional.empty();
    }

    /**
     * The direct members of {@code fullPath} ({@code GET /groups/:id/members}), username to role number: the only ones
     * GitLab counts as approvers of a rule naming the group. An empty map for a group that does not exist; empty when
     * it cannot be asked.
     */
    default Optional<Map<String, Integer>> groupMembers(String fullPath) {
        return Optional.empty();
    }

    /**
     * What {@code up} checks of fluxfleet's own project ({@link SelfProject}): its pipeline-variable settings, the
     * protections covering its default branch and its pipeline gate. Empty when it cannot be asked (an offline render).
     */
    default Optional<SelfProject.Facts> selfProject(String pathWithNamespace) {
        return Optional.empty();
    }

    /** The username of the provider token's user ({@code GET /user}); empty when it cannot be asked. */
    default Optional<String> currentUser() {
        return Optional.empty();
    }

    /** A project's direct members and all its members (inherited ones included), username to role number. */
    record Members(Map<String, Integer> direct, Map<String, Integer> all) {
        public Members {
            direct = Map.copyOf(direct);
            all = Map.copyOf(all);
        }
    }

    /**
     * GitLab's role numbers (gitlabhq lib/gitlab/access.rb: GUEST 10, PLANNER 15, REPORTER 20, DEVELOPER 30,
     * MAINTAINER 40, OWNER 50; NO_ACCESS 0, MINIMAL_ACCESS 5) by the names the provider reports them with
     * (terraform-provider-gitlab {@code accessLevelValueToName}); ADMIN 60 is the instance administrator.
     */
    final class Roles {
        public static final int DEVELOPER = 30;
        public static final int MAINTAINER = 40;
        private static final Map<String, Integer> BY_NAME = Map.of("no one", 0, "minimal", 5, "guest", 10,
                "planner", 15, "reporter", 20, "developer", DEVELOPER, "maintainer", MAINTAINER, "owner", 50, "admin", 60);

        private Roles() {}

        /** The role number of a name the provider reports; an unknown name counts as no access. */
        public static int level(String name) {
            return name == null ? 0 : BY_NAME.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), 0);
        }

        /** The role's name as GitLab shows it ({@code Maintainer}), for messages. */
        public static String name(int level) {
            return BY_NAME.entrySet().stream().filter(e -> e.getValue() == level).map(Map.Entry::getKey).findFirst()
                    .map(n -> Character.toUpperCase(n.charAt(0)) + n.substring(1)).orElse("role " + level);
        }
    }

    /**
     * A protection that covers a branch: its name as entered (a wildcard keeps its {@code *}), the role levels that
     * may push and merge, whether a user, group or deploy key may push besides them, and force push.
     */
    record Covering(String name, List<String> pushAccessLevels, List<String> mergeAccessLevels, boolean otherPushers,
                    boolean allowForcePush) {
        public Covering {
            pushAccessLevels = List.copyOf(pushAccessLevels);
            mergeAccessLevels = List.copyOf(mergeAccessLevels);
        }
    }

    /**
     * @param id               the numeric project ID: every resource refers to the project by it, so import IDs
     *                         ({@code <id>:<branch>}) are stable even if the project is renamed or moved
     * @param emptyRepository  the repository has no commit yet, so no branch can be created from it
     * @param sourceExists     the branch the environment branch is created from exists
     * @param branchProtected  a protection covers the branch: its own, a wildcard ({@code release-*}) or a group-level
     *                         one. Files are then never committed to it
     * @param files            seed path to current content, for the seeds that exist
     * @param otherCodeowners  a {@code CODEOWNERS} at the root or in {@code docs/}, which GitLab reads before
     *                         {@code .gitlab/CODEOWNERS}
     * @param mergeSettings    the project's current merge settings, when known
     * @param protection       the protection of exactly this branch name, when there is one (it can be adopted)
     * @param shares           group full path to the share, when known (empty: an offline render cannot tell)
     */
    record ProjectFacts(String id, String pathWithNamespace, String defaultBranch, boolean emptyRepository,
                        boolean sourceExists, boolean branchExists, boolean branchProtected, Map<String, String> files,
                        List<String> otherCodeowners, Optional<MergeSettings> mergeSettings,
                        Optional<Protection> protection, Optional<Map<String, Share>> shares) {
        public ProjectFacts {
            files = Map.copyOf(files);
            otherCodeowners = List.copyOf(otherCodeowners);
            shares = shares.map(Map::copyOf);
        }

        /** Whether files can be committed to the environment branch without bypassing a protection. */
        public boolean branchWritable() {
            return !branchProtected;
        }

        /** Whether {@code group} is shared with a role that lets its members merge and approve (or cannot be told). */
        public boolean sharedEnough(String group) {
            return shares.map(s -> s.containsKey(group) && s.get(group).accessLevel() >= Share.DEVELOPER).orElse(true);
        }
    }

    /** A group's share of the project: the group's ID and the role it grants at most, as GitLab's number. */
    record Share(int groupId, int accessLevel) {
        public static final int DEVELOPER = 30;
    }

    /**
     * A branch protection's base settings: the access levels granted to a role (not to a user, group or deploy key),
     * as GitLab names them ({@code no one}, {@code developer}, {@code maintainer}, {@code admin}).
     */
    record Protection(List<String> pushAccessLevels, List<String> mergeAccessLevels, boolean allowForcePush,
                      boolean codeOwnerApprovalRequired) {
        public Protection {
            pushAccessLevels = List.copyOf(pushAccessLevels);
            mergeAccessLevels = List.copyOf(mergeAccessLevels);
        }
    }

    /** The project-wide merge request settings fluxfleet holds. */
    record MergeSettings(String mergeMethod, boolean pipelineMustSucceed, boolean discussionsMustBeResolved,
                         boolean mergeOnSkippedPipeline, String squashOption) {}

    /**
     * Facts for a GitLab that cannot be asked, e.g. an offline render: the edition is the declared one, every project
     * is new to fluxfleet (its path stands in for its ID, default branch {@code main}, no environment branch, no
     * files), and the stacks are assumed to be applied in promotion order, so the branch an environment branch is
     * created from exists and the owner stack has shared the groups. Members are unknown ({@link #members} and
     * {@link #groupMembers} empty), so the approver and role checks ({@link Memberships}) run only against a live
     * instance; the committed stacks render without them.
     */
    static GitLabLookup greenfield() {
        return new GitLabLookup() {
            @Override
            public Optional<Edition> edition() {
                return Optional.empty();
            }

            @Override
            public ProjectFacts project(String path, String branch, String source, List<String> seeds) {
                return new ProjectFacts(path, path, "main", false, true, false, false, Map.of(), List.of(),
                        Optional.empty(), Optional.empty(), Optional.empty());
            }
        };
    }
}
