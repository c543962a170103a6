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

    static String gitlabMerge(JsonNode in, Path tmp) {
        JsonNode s = in.path("state");
        Map<String, String> shares = new TreeMap<>();
        s.path("shares").properties().forEach(e -> shares.put(e.getKey(), e.getValue().asText()));
        Map<String, Map<String, String>> groups = new TreeMap<>();
        s.path("groupMembers").properties().forEach(g -> {
            Map<String, String> users = new TreeMap<>();
            g.getValue().properties().forEach(u -> users.put(u.getKey(), u.getValue().asText()));
            groups.put(g.getKey(), users);
        });
        ChangePathGitLab.State state = new ChangePathGitLab.State(List.copyOf(Probes.strings(s.path("members"))),
                List.copyOf(Probes.strings(s.path("nonMembers"))), s.path("groupsShared").asBoolean(true), shares, groups);
        return ChangePathGitLab.merges(environment(in), gitlabYaml(in), state, in.path("author").asText(),
                Probes.strings(in.path("approvals"))) ? "merges" : "blocked";
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
