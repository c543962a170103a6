package io.fluxfleet.gitlab;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What fluxfleet must know about a tenant's project before it registers anything, because the answer changes
 * which resources exist (not only their inputs): does the environment branch exist, is it protected, which seed
 * files are already there and who wrote them. Pulumi resource options cannot depend on Outputs, so these are read
 * once, synchronously, through the stack's GitLab provider ({@link ProviderLookup}).
 */
public interface GitLabLookup {

    /**
     * Reads {@code pathWithNamespace}: its ID and default branch, whether {@code branch} exists and is protected,
     * and the content of each of {@code seedPaths} that exists on {@code branch} (or, while the branch does not exist,
     * on the default branch it will be created from).
     */
    ProjectFacts project(String pathWithNamespace, String branch, List<String> seedPaths);

    /**
     * @param id               the numeric project ID: every resource refers to the project by it, so import IDs
     *                         ({@code <id>:<branch>}) are stable even if the project is renamed or moved
     * @param emptyRepository  the repository has no commit yet, so no branch can be created from it
     * @param files            seed path to current content, for the seeds that exist
     * @param otherCodeowners  a {@code CODEOWNERS} at the root or in {@code docs/}, which GitLab reads before
     *                         {@code .gitlab/CODEOWNERS}
     * @param mergeSettings    the project's current merge settings, when known
     * @param protection       the environment branch's current protection, when it is protected
     */
    record ProjectFacts(String id, String pathWithNamespace, String defaultBranch, boolean emptyRepository,
                        boolean branchExists, boolean branchProtected, Map<String, String> files,
                        List<String> otherCodeowners, Optional<MergeSettings> mergeSettings,
                        Optional<Protection> protection) {
        public ProjectFacts {
            files = Map.copyOf(files);
            otherCodeowners = List.copyOf(otherCodeowners);
        }

        /** Whether files can be committed to the environment branch without bypassing a protection. */
        public boolean branchWritable() {
            return !branchProtected;
        }
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
                         boolean mergeOnSkippedPipeline) {}

    /**
     * Facts for a GitLab that cannot be asked, e.g. an offline render: every project is new to fluxfleet (its path
     * stands in for its ID, default branch {@code main}, no branch, no files).
     */
    static GitLabLookup greenfield() {
        return (path, branch, seeds) -> new ProjectFacts(path, path, "main", false, false, false, Map.of(), List.of(),
                Optional.empty(), Optional.empty());
    }
}
