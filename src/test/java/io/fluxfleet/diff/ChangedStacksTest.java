package io.fluxfleet.diff;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChangedStacksTest {
    private static final List<String> STACKS = List.of("dev", "preprod", "prod");

    @ParameterizedTest(name = "{0} -> [{1}]")
    @CsvSource(delimiter = ';', value = {
            // changed paths (comma separated); stacks touched (comma separated)
            "Pulumi.dev.yaml;                                dev",
            "Pulumi.prod.yaml;                               prod",
            "Pulumi.dev.yaml,Pulumi.prod.yaml;               dev,prod",
            "Pulumi.qa.yaml;                                 qa",
            "./Pulumi.preprod.yaml;                          preprod",
            "Pulumi.yaml;                                    dev,preprod,prod",
            "pom.xml;                                        dev,preprod,prod",
            "src/main/java/io/fluxfleet/App.java;            dev,preprod,prod",
            "src/test/resources/diff/secret/new/resources.json; dev,preprod,prod",
            "src/main/resources/notes.md;                    dev,preprod,prod",
            "README.md;                                      ''",
            "docs/merge-requests.md;                         ''",
            "docs/images/flow.png;                           ''",
            "CHANGELOG.md;                                   ''",
            "LICENSE;                                        ''",
            // issue 20: the pipeline decides which credentials run which code, so a change to it is reviewed
            // against every stack (render diff and engine plan), never waved through as "touches nothing"
            ".gitlab-ci.yml;                                 dev,preprod,prod",
            "ci/mr-note.sh;                                  dev,preprod,prod",
            "ci/install-plugins.sh;                          dev,preprod,prod",
            ".ci/run;                                        dev,preprod,prod",
            "CODEOWNERS;                                     dev,preprod,prod",
            ".gitlab/CODEOWNERS;                             dev,preprod,prod",
            "docs/CODEOWNERS;                                dev,preprod,prod",
            ".gitlab/merge_request_templates/x.md;           dev,preprod,prod",
            ".gitignore;                                     ''",
            // its eol/working-tree-encoding attributes rewrite what the CI checkout of every stack file holds
            ".gitattributes;                                 dev,preprod,prod",
            "README.md,Pulumi.preprod.yaml;                  preprod",
            "docs/Pulumi.dev.yaml;                           ''",
            "config/Pulumi.dev.yaml;                         dev,preprod,prod",
            ".mvn/wrapper/maven-wrapper.properties;          dev,preprod,prod",
            "mvnw;                                           dev,preprod,prod",
    })
    void changedPathsTouchStacks(String paths, String expected) {
        List<String> changed = Arrays.asList(paths.split(","));
        List<String> want = expected.isEmpty() ? List.of() : Arrays.asList(expected.split(","));

        assertEquals(want, List.copyOf(ChangedStacks.of(changed, STACKS)));
    }

    /** Issue 20 (the change-path corpus, symlink-launders-review): a path a link points at counts under the link. */
    @Test
    void aChangedPathASymbolicLinkPointsAtCountsUnderTheLinksName() {
        List<String> all = List.of("dev", "preprod", "prod");
        java.util.Map<String, String> link = java.util.Map.of("src/main/resources/x", "docs/x.md");
        assertEquals(all, List.copyOf(ChangedStacks.of(List.of("docs/x.md"), STACKS, link)));
        assertEquals(List.of(), List.copyOf(ChangedStacks.of(List.of("docs/y.md"), STACKS, link)), "another document");
        assertEquals(List.of(), List.copyOf(ChangedStacks.of(List.of("docs/x.mdx"), STACKS, link)), "a longer name");
        assertEquals(all, List.copyOf(ChangedStacks.of(List.of("docs/d/y.md"), STACKS,
                java.util.Map.of("src/main/resources/d", "docs/d"))), "below a linked directory");
        assertEquals(all, List.copyOf(ChangedStacks.of(List.of("README.md"), STACKS, java.util.Map.of("src/all", ""))),
                "a link to the root makes every path part of the program");
        assertEquals(List.of(), List.copyOf(ChangedStacks.of(List.of("docs/x.md"), STACKS,
                java.util.Map.of("docs/alias.md", "docs/x.md"))), "a link among documents stays documentation");
    }

    @Test
    void nothingChangedTouchesNothing() {
        assertEquals(List.of(), List.copyOf(ChangedStacks.of(List.of(), STACKS)));
    }

    @Test
    void theCommandReadsPathsAndFindsTheStacksInTheRepository(@TempDir Path repo) throws IOException {
        Files.writeString(repo.resolve("Pulumi.yaml"), "name: fluxfleet\n");
        Files.writeString(repo.resolve("Pulumi.dev.yaml"), "");
        Files.writeString(repo.resolve("Pulumi.prod.yaml"), "");

        Result r = run("src/x.java\n\nREADME.md\n", "--paths", "-", "--repo", repo.toString());

        assertEquals(0, r.status, r.err);
        assertEquals("dev\nprod\n", r.out);
    }

    @Test
    void theCommandAsksGitForTheChangedPaths(@TempDir Path repo) throws Exception {
        git(repo, "init", "-q", "-b", "main");
        Files.writeString(repo.resolve("Pulumi.dev.yaml"), "config: {}\n");
        Files.writeString(repo.resolve("Pulumi.prod.yaml"), "config: {}\n");
        Files.writeString(repo.resolve("README.md"), "# fluxfleet\n");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "base");
        git(repo, "checkout", "-q", "-b", "mr");
        Files.writeString(repo.resolve("Pulumi.prod.yaml"), "config: {fluxfleet:allowDestroy: false}\n");
        Files.writeString(repo.resolve("README.md"), "# fluxfleet, documented\n");
        git(repo, "commit", "-q", "-am", "change prod");

        Result r = run("", "--base", "main", "--repo", repo.toString());

        assertEquals(0, r.status, r.err);
        assertEquals("prod\n", r.out);
    }

    @Test
    void anUnknownBaseIsAnErrorThatSuggestsTheShallowCloneFix(@TempDir Path repo) throws Exception {
        git(repo, "init", "-q");
        Result r = run("", "--base", "0123456789abcdef0123456789abcdef01234567", "--repo", repo.toString());

        assertEquals(1, r.status);
        assertTrue(r.err.contains("git -C"), r.err);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"''", "--base", "--base x --paths y", "--what x", "--paths"})
    void usageErrorsExitTwo(String line) {
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");
        Result r = run("", args);

        assertEquals(2, r.status, r.out);
        assertTrue(r.err.contains("usage: fluxfleet changed-stacks"), r.err);
    }

    private record Result(int status, String out, String err) {}

    private static Result run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ChangedStacksCommand.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static void git(Path repo, String... args) throws Exception {
        String[] command = new String[args.length + 7];
        command[0] = "git";
        command[1] = "-C";
        command[2] = repo.toString();
        command[3] = "-c";
        command[4] = "user.name=fluxfleet test";
        command[5] = "-c";
        command[6] = "user.email=test@fluxfleet.invalid";
        System.arraycopy(args, 0, command, 7, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + output);
    }
}
