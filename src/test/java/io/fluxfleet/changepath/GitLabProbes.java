package io.fluxfleet.changepath;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxfleet.config.Environment;
import io.fluxfleet.config.FluxFleetConfig;
import io.fluxfleet.gitlab.ChangePathGitLab;
import io.fluxfleet.gitlab.CodeOwnersLocations;
import io.fluxfleet.gitlab.SeedFiles;
import io.fluxfleet.testing.Stacks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The probes of GitLab's rules: CODEOWNERS as GitLab reads it, and the fake GitLab after fluxfleet's runs. */
final class GitLabProbes {
    private GitLabProbes() {}

    // --- CODEOWNERS (GitLab's rules: CodeOwnersLocations) ---------------------------------------------------------

    private static final FluxFleetConfig PROD = Stacks.committed("prod");
    private static final FluxFleetConfig.Tenant TENANT = PROD.tenants().get(0);

    /** The CODEOWNERS a case names: fluxfleet's seed for a tenant, the earlier seed, or this repository's own. */
    private static String codeowners(String which) throws IOException {
        return switch (which) {
            case "tenant-seed" -> SeedFiles.codeowners(TENANT, PROD.gitlab().governance().teams());
            case "tenant-seed-earlier" -> ChangePathGitLab.earlierSeed();
            case "fluxfleet-repo" -> Files.readString(Path.of("CODEOWNERS"));
            default -> which; // the content itself (an attacker's file)
        };
    }

    /**
     * A merge request changing {@code path} merges when each section's matching entry has an approval from one of its
     * owners ({@link CodeOwnersLocations#requiredOwners}).
     */
    static String codeownersMerge(JsonNode in, Path tmp) throws IOException {
        Set<String> approvedBy = Probes.strings(in.path("approvedBy"));
        List<Set<String>> required = CodeOwnersLocations.requiredOwners(codeowners(in.path("file").asText()),
                in.path("path").asText());
        return required.stream().allMatch(owners -> owners.stream().anyMatch(approvedBy::contains)) ? "merges" : "blocked";
    }

    /** What {@code pulumi up} makes of the CODEOWNERS files on a tenant branch ({@link CodeOwnersLocations#judge}). */
    static String codeownersUp(JsonNode in, Path tmp) throws IOException {
        Map<String, String> files = new TreeMap<>();
        for (var e : in.path("branchFiles").properties()) {
            files.put(e.getKey(), codeowners(e.getValue().asText()));
        }
        CodeOwnersLocations.Verdict verdict = CodeOwnersLocations.judge("tenant1 prod", files,
                SeedFiles.platformPaths(TENANT), List.of(PROD.gitlab().governance().teams().platform().get(0)),
                codeowners("tenant-seed"));
        return verdict.refusal().isPresent() ? "refused" : verdict.warning().isPresent() ? "warned" : "accepted";
    }

    // --- the fake GitLab ------------------------------------------------------------------------------------------

    /**
     * A merge request by {@code author} with {@code approvals}; {@code committers} are the users GitLab maps the
     * merge request's commits to (by the commit's committer email, which whoever writes the commit chooses).
     */
    static String gitlabMerge(JsonNode in, Path tmp) {
        return ChangePathGitLab.merges(environment(in), gitlabYaml(in), state(in.path("state")), drift(in.path("drift")),
                in.path("author").asText(), Probes.strings(in.path("committers")), Probes.strings(in.path("approvals")))
                ? "merges" : "blocked";
    }

    /**
     * {@code pulumi up} against the fake GitLab ({@link ChangePathGitLab#up}): {@code refused} before any GitLab
     * resource is registered, its message holding every string of the case's {@code fix}, or {@code applied}.
     */
    static String gitlabUp(JsonNode in, Path tmp) {
        List<Environment> stacks = new java.util.ArrayList<>(); // in the order given
        in.path("stacks").forEach(id -> stacks.add(Environment.parse(id.asText()).orElseThrow()));
        Optional<String> refusal = ChangePathGitLab.up(environment(in), gitlabYaml(in), state(in.path("state")),
                drift(in.path("drift")), stacks);
        if (refusal.isEmpty()) {
            return "applied";
        }
        Set<String> fix = Probes.strings(in.path("fix"));
        if (fix.isEmpty()) {
            throw new IllegalArgumentException("a gitlab-up case that is refused names the fix its message gives (fix:)");
        }
        for (String part : fix) {
            if (!refusal.get().contains(part)) {
                throw new AssertionError("the refusal does not say '" + part + "':\n" + refusal.get());
            }
        }
        return "refused";
    }

    private static ChangePathGitLab.State state(JsonNode s) {
        return new ChangePathGitLab.State(List.copyOf(Probes.strings(s.path("members"))),
                List.copyOf(Probes.strings(s.path("nonMembers"))), s.path("groupsShared").asBoolean(true),
                roles(s.path("shares")), groups(s.path("groupMembers")), roles(s.path("roles")),
                s.path("pipelineVariables").asText(io.fluxfleet.gitlab.SelfProject.NO_ONE_ALLOWED));
    }

    private static ChangePathGitLab.Drift drift(JsonNode d) {
        return new ChangePathGitLab.Drift(roles(d.path("shares")), groups(d.path("groupMembers")), roles(d.path("roles")),
                List.copyOf(Probes.strings(d.path("blocked"))));
    }

    private static Map<String, String> roles(JsonNode node) {
        Map<String, String> out = new TreeMap<>();
        node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static Map<String, Map<String, String>> groups(JsonNode node) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        node.properties().forEach(g -> out.put(g.getKey(), roles(g.getValue())));
        return out;
    }

    static String gitlabUnprotect(JsonNode in, Path tmp) {
        return ChangePathGitLab.canUnprotect(environment(in), gitlabYaml(in), List.copyOf(Probes.strings(in.path("tokenGroups"))),
                in.path("user").asText(), in.path("role").asText(), Probes.strings(in.path("memberOf")))
                ? "can-unprotect" : "cannot-unprotect";
    }

    private static Environment environment(JsonNode in) {
        return Environment.parse(in.path("environment").asText()).orElseThrow();
    }

    static String gitlabYaml(JsonNode in) {
        return in.has("gitlab") ? in.get("gitlab").asText() : null;
    }
}
