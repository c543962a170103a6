package io.fluxfleet.changepath;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The attacks issue 20 ("the change path") lists, one id each, in the issue's order, with the issue's words. This is
 * the one list: {@link ChangePathCorpusTest} fails when an id has no scenario file in
 * {@code src/test/resources/change-path/} or a scenario names an id not listed here. Attacks the red team found
 * beyond the issue are listed in {@link #FOUND}.
 */
final class ChangePathAttacks {
    private ChangePathAttacks() {}

    static final Map<String, String> ISSUE = ordered(
            "tenant-repo-drives-cluster-admin", "the cluster and shared Kustomizations read clusters/… and shared/ from"
                    + " the tenant's own project and run as flux-platform-reconciler",
            "free-tier-unenforced", "on the free tier (the default) code owners and approval rules are not enforced at all",
            "codeowners-root-takeover", "a merge request that adds /CODEOWNERS replaces, once merged, every rule"
                    + " fluxfleet seeded",
            "codeowners-docs-takeover", "… or /docs/CODEOWNERS …, and nothing names those paths: only the catch-all"
                    + " line guards them",
            "preprod-cluster-qa-approvals", "the preprod cluster path is owned by the QA and dev teams, so two QA"
                    + " approvals ship a cluster-admin change",
            "maintainer-unprotects-branch", "a Maintainer can unprotect the branch",
            "approver-not-member", "GitLab silently drops approval-rule users who are not project members",
            "approver-group-unshared", "… and groups the project cannot see",
            "approvals-fewer-eligible", "when a rule asks for more approvals than it has eligible approvers, any"
                    + " Developer may approve",
            "approver-reporter-share", "shares with Reporter access can approve branch rules too",
            "mr-pipeline-stack-credentials", "any branch's pipeline runs merge-request code with the state backend"
                    + " credentials and a Maintainer-level GitLab token",
            "unscoped-variables", "CI variables are not environment-scoped, so build and test jobs on protected"
                    + " branches also receive prod credentials",
            "gitlab-api-token-unprotected", "GITLAB_API_TOKEN is masked but not protected, with scope api",
            "changed-stacks-ignores-pipeline", "changed-stacks treats changes to ci/ and .gitlab-ci.yml as touching no"
                    + " stack, so a pipeline change runs no preview and no review of its effect",
            "fluxfleet-repo-no-codeowners", "the fluxfleet repository has no CODEOWNERS of its own",
            "pipeline-variables-steer-jobs", "pipeline variables named FLUXFLEET* steer the jobs of any user allowed to"
                    + " run a pipeline",
            "mr-pipeline-shares-deploy-cache", "MR pipelines pull and push the same cache as deploys",
            "images-by-tag", "CI images are pinned by tag, not digest",
            "plugins-without-checksum", "provider plugins install without a checksum",
            "provider-schema-check-skipped", "the provider-schema check skips in CI",
            "guessable-fingerprints", "[secret:…] fingerprints are an unsalted SHA-256 cut to 48 bits, so a weak"
                    + " secret (admin) is recognisable in any merge-request note",
            "plaintext-secrets-in-prod", "plaintext secrets in a prod stack file only warn",
            "tenant-maintainer-edits-rules", "(done looks like) tenant teams get at most Developer, and no one outside"
                    + " the platform group can unprotect, change approval rules or merge-request settings");

    /** Holes the red team found on the change path beyond the issue's list (this branch's report). */
    static final Map<String, String> FOUND = ordered(
            "codeowners-pattern-without-slash", "a CODEOWNERS entry for a directory without the trailing / covers no"
                    + " file in it on GitLab, yet fluxfleet's check at up counted it as covering the directory",
            "codeowners-optional-section", "an optional section (^[Platform approval]) requires no approval on GitLab,"
                    + " yet fluxfleet's check at up counted it as required",
            "codeowners-later-entry-override", "a later entry or an exclusion in the platform section hands"
                    + " kustomization.yaml to another team; the check at up probed one other file name only",
            "gitattributes-rewrites-checkout", ".gitattributes rewrites the CI checkout of every stack file and"
                    + " script, yet changed-stacks counted it as touching no stack",
            "sourceignore-hides-cluster-files", "a .sourceignore at the root or above a cluster directory hides the"
                    + " cluster layer's kustomization.yaml from Flux, and only the global owners (platform or devops)"
                    + " guarded it",
            "shard-file-name-injects-pipeline", "ci/shard-pipeline.sh wrote a shard file's name unchecked into the child"
                    + " pipeline's YAML, so a crafted file name added commands to a job with the shard's credentials",
            "symlink-launders-review", "a symbolic link from src/ to a document made later changes to that document"
                    + " change the program, while changed-stacks counted them as touching no stack",
            "maintainer-lowers-approver-share", "a tenant Maintainer lowers the approver group's share to Reporter, so"
                    + " the prod rule has fewer eligible approvers than required and GitLab approves it automatically",
            "pipeline-variables-override-credentials", "pipeline variables (git push -o ci.variable=..., Run pipeline)"
                    + " override KUBECONFIG_PROD, PULUMI_BACKEND_URL_PROD or JAVA_TOOL_OPTIONS in a deploy job unless"
                    + " fluxfleet's own project restricts them, and fluxfleet did not govern its own repository's"
                    + " settings",
            "spoofed-committers-void-approvals", "a Developer pushes commits with each approver's committer email; GitLab"
                    + " excludes committers from the rules fluxfleet sets up, so every rule is short, invalid and"
                    + " approved automatically",
            "blocked-approver-counted", "a blocked approver is still listed by the membership APIs but GitLab counts"
                    + " only active users, so the preflight passed a rule GitLab approves automatically",
            "approver-authors-exact-rule", "a rule requiring exactly its eligible approvers passes the preflight, and"
                    + " one of them opening the merge request makes it invalid and approved automatically");

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(out);
    }
}
