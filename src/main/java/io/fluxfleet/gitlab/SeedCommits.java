package io.fluxfleet.gitlab;

import com.pulumi.resources.Resource;
import io.fluxfleet.config.Environment;
import io.fluxfleet.config.FluxFleetConfig.Tenant;
import io.fluxfleet.gitlab.GitLabLookup.ProjectFacts;
import io.fluxfleet.gitlab.SeedFiles.Seed;
import io.fluxfleet.gitlab.bindings.Branch;
import io.fluxfleet.gitlab.bindings.RepositoryFile;
import io.fluxfleet.gitlab.bindings.RepositoryFileArgs;
import io.fluxfleet.naming.GitLabNames;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The seed files ({@link SeedFiles}) on one environment branch: committed once, by the first environment's stack,
 * while the branch is not protected; adopted by import ID when fluxfleet wrote them; reported, never written, in every
 * other case (see the class comment of {@link GitLabGovernance}).
 */
final class SeedCommits {
    /** A seed's inputs fluxfleet sets but never updates: changing any of them would be a commit. */
    static final List<String> FILE_WRITE_ONCE_INPUTS = List.of("content", "encoding", "commitMessage",
            "createCommitMessage", "updateCommitMessage", "deleteCommitMessage", "authorName", "authorEmail",
            "overwriteOnCreate", "executeFilemode", "startBranch");

    private final GovernanceScope scope;

    SeedCommits(GovernanceScope scope) {
        this.scope = scope;
    }

    /** The seed files this stack registers on {@code branch}; the rest are reported. */
    List<Resource> seed(Tenant tenant, ProjectFacts facts, Branch branch, List<Seed> seeds) {
        List<Resource> files = new ArrayList<>();
        for (Seed seed : seeds) {
            if (SeedFiles.writesSeeds(scope.environment())) {
                seed(tenant, facts, branch, seed).ifPresent(files::add);
            } else {
                reportSeed(tenant, facts, seed);
            }
        }
        return files;
    }

    /** Reports, never writes, a policy seed on a branch another stack seeded (see {@link SeedFiles#seeds}). */
    private void reportSeed(Tenant tenant, ProjectFacts facts, Seed seed) {
        String current = facts.files().get(seed.path());
        String where = tenant.project() + "@" + (facts.branchExists() ? scope.environment().branch()
                : GitLabGovernance.sourceBranch(scope.environment()));
        if (current == null) {
            String message = where + " has no " + seed.path() + ": fluxfleet commits its seeds once, on "
                    + Environment.values()[0].branch() + "; promote them with a merge request.";
            if (seed.policy()) {
                scope.log().warn(message);
            } else {
                scope.log().info(message);
            }
        } else if (seed.policy() && SeedFiles.seededByFluxfleet(current) && !current.equals(seed.content())) {
            scope.log().info(where + ": " + seed.path() + " differs from what fluxfleet would seed now; fluxfleet never"
                    + " rewrites it: change it with a merge request.");
        }
    }

    /** Registers one seed file, or reports why it is left alone; see the class comment. */
    private Optional<Resource> seed(Tenant tenant, ProjectFacts facts, Branch branch, Seed seed) {
        Environment env = scope.environment();
        String current = facts.files().get(seed.path());
        String where = tenant.project() + "@" + env.branch();
        String importId = null;
        if (current == null) {
            if (!facts.branchWritable()) {
                String message = where + " has no " + seed.path() + ", and fluxfleet does not write to a protected"
                        + " branch: add it with a merge request (fluxfleet's version starts with '" + SeedFiles.MARKER + "').";
                if (seed.policy()) {
                    scope.log().warn(message);
                } else {
                    // Flux generates a kustomization for a directory without one, so a missing seed is only a hint.
                    scope.log().info(message);
                }
                return Optional.empty();
            }
        } else if (!SeedFiles.seededByFluxfleet(current)) {
            if (seed.policy()) {
                scope.log().info(where + ": " + seed.path() + " is the tenant's own; fluxfleet leaves it alone.");
            }
            return Optional.empty();
        } else if (!facts.branchExists()) {
            scope.log().info(where + ": " + seed.path() + " comes from " + facts.defaultBranch()
                    + " with fluxfleet's marker; it is adopted on the next up, once the branch exists.");
            return Optional.empty();
        } else {
            importId = facts.id() + ":" + env.branch() + ":" + seed.path();
            if (seed.policy() && !current.equals(seed.content())) {
                String message = where + ": " + seed.path() + " differs from what fluxfleet would seed now (e.g. after"
                        + " a change to fluxfleet:gitlab.teams or .ci); fluxfleet never rewrites it: change it with a"
                        + " merge request.";
                if (seed.path().endsWith("CODEOWNERS")) {
                    scope.log().warn(message);
                } else {
                    scope.log().info(message);
                }
            }
        }
        return Optional.of(new RepositoryFile(GitLabNames.branchResource(tenant, env, seed.role()), RepositoryFileArgs.builder()
                .project(facts.id())
                .branch(branch.name())
                .filePath(seed.path())
                .content(seed.content())
                .encoding("text")
                .commitMessage("fluxfleet: seed " + seed.path() + " on " + env.branch())
                .overwriteOnCreate(false)
                .build(),
                scope.options(tenant, importId)
                        .ignoreChanges(FILE_WRITE_ONCE_INPUTS)
                        .retainOnDelete(true)
                        // dropped from the program whenever the tenant rewrites the file: never protected (io.fluxfleet.plan)
                        .protect(false)
                        .build()));
    }
}
