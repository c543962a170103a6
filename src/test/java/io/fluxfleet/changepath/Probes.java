package io.fluxfleet.changepath;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The mechanisms the change-path scenarios drive, by the name a scenario's case gives as {@code probe}. Each runs the
 * real thing (the fake GitLab with its cited rules, GitLab's CODEOWNERS rules, the {@code .gitlab-ci.yml} model, the
 * CI scripts, {@code changed-stacks} over a real git repository, the config loader, the renderer) with the case's
 * input and answers with one word of its vocabulary; the words in {@link Probe#stopped} mean the attack is refused or
 * has no effect.
 */
final class Probes {
    private Probes() {}

    /** One mechanism: what it answers, and which answers stop an attack. */
    interface Probe {
        Set<String> outcomes();

        Set<String> stopped();

        String run(JsonNode input, Path tmp) throws Exception;
    }

    private record Simple(Set<String> outcomes, Set<String> stopped, Body body) implements Probe {
        @Override
        public String run(JsonNode input, Path tmp) throws Exception {
            return body.run(input, tmp);
        }
    }

    @FunctionalInterface
    private interface Body {
        String run(JsonNode input, Path tmp) throws Exception;
    }

    private static Probe probe(Set<String> outcomes, Set<String> stopped, Body body) {
        return new Simple(outcomes, stopped, body);
    }

    static final Map<String, Probe> ALL = registry();

    private static Map<String, Probe> registry() {
        Map<String, Probe> all = new LinkedHashMap<>();
        all.put("codeowners-merge", probe(Set.of("merges", "blocked"), Set.of("blocked"), GitLabProbes::codeownersMerge));
        all.put("codeowners-up", probe(Set.of("accepted", "warned", "refused"), Set.of("refused"), GitLabProbes::codeownersUp));
        all.put("config", probe(Set.of("loaded", "refused"), Set.of("refused"), ConfigProbes::config));
        all.put("gitlab-merge", probe(Set.of("merges", "blocked"), Set.of("blocked"), GitLabProbes::gitlabMerge));
        all.put("gitlab-up", probe(Set.of("applied", "refused"), Set.of("refused"), GitLabProbes::gitlabUp));
        all.put("gitlab-unprotect", probe(Set.of("can-unprotect", "cannot-unprotect"), Set.of("cannot-unprotect"),
                GitLabProbes::gitlabUnprotect));
        all.put("ci-variable", probe(Set.of("received", "not-received"), Set.of("not-received"), PipelineProbes::ciVariable));
        all.put("ci-job", probe(Set.of("runs", "not-run"), Set.of("not-run"), PipelineProbes::ciJob));
        all.put("ci-cache", probe(Set.of("shared", "separate"), Set.of("separate"), PipelineProbes::ciCache));
        all.put("ci-image", probe(Set.of("by-digest", "by-tag"), Set.of("by-digest"), PipelineProbes::ciImage));
        all.put("ci-script", probe(Set.of("ran", "refused"), Set.of("refused"), PipelineProbes::ciScript));
        all.put("changed-stacks", probe(Set.of("every stack", "none", "dev", "prod", "prod prod-tenants-a"),
                Set.of("every stack"), PipelineProbes::changedStacks));
        all.put("fingerprint", probe(Set.of("recognisable", "not-recognisable", "same", "changed"),
                Set.of("not-recognisable"), ConfigProbes::fingerprint));
        all.put("cluster-layer-source", probe(Set.of("tenant-project", "platform-project"), Set.of("platform-project"),
                ConfigProbes::clusterLayerSource));
        return java.util.Collections.unmodifiableMap(all);
    }

    static Set<String> strings(JsonNode node) {
        Set<String> out = new TreeSet<>();
        if (node.isTextual()) {
            out.add(node.asText());
        } else {
            node.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
