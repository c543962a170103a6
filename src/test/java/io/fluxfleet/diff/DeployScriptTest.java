package io.fluxfleet.diff;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ci/deploy.sh}: `pulumi up`, then `fluxfleet verify` of the same stack as the last step, run with stand-ins
 * for pulumi and fluxfleet that record their arguments and exit as told.
 */
class DeployScriptTest {

    private record Result(int code, List<String> calls, String err) {}

    private static Result deploy(Path dir, String stackFile, int upExit, int verifyExit) throws Exception {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve("ci"));
        for (String f : List.of("deploy.sh", "lib.sh")) {
            Files.copy(Path.of("ci", f), repo.resolve("ci").resolve(f));
        }
        Files.writeString(repo.resolve("Pulumi.prod.yaml"), stackFile);
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path log = dir.resolve("calls.log");
        Files.writeString(bin.resolve("pulumi"), "#!/usr/bin/env bash\necho \"pulumi $*\" >> " + log + "\n"
                + "if [ \"$1\" = config ]; then echo 'apiVersion: v1'; exit 0; fi\nexit " + upExit + "\n");
        Files.writeString(bin.resolve("fake-fluxfleet"), "#!/usr/bin/env bash\necho \"fluxfleet $*\" >> " + log + "\n"
                + "for a in \"$@\"; do case $a in /*) [ -f \"$a\" ] && echo \"file $(stat -c %a \"$a\")\" >> " + log
                + ";; esac; done\nexit " + verifyExit + "\n");
        bin.resolve("pulumi").toFile().setExecutable(true);
        bin.resolve("fake-fluxfleet").toFile().setExecutable(true);
        var run = CiScriptsTest.bash(repo, Map.of("PATH", bin + ":" + System.getenv("PATH"),
                        "FLUXFLEET", bin.resolve("fake-fluxfleet").toString(), "PULUMI_BACKEND_URL", "file:///tmp/x",
                        "KUBECONFIG_PROD", "/dev/null"),
                "ci/deploy.sh prod");
        List<String> calls = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return new Result(run.status(), calls, run.err());
    }

    @Test
    void verifyIsTheLastStepAndItsFailureFailsTheJob(@TempDir Path dir) throws Exception {
        Result ok = deploy(dir.resolve("a"), "config:\n  fluxfleet:cluster:\n    context: rancher-prod\n", 0, 0);
        assertEquals(0, ok.code(), ok.err());
        assertEquals("pulumi up --yes --diff --non-interactive --color never --stack prod", ok.calls().get(0));
        assertEquals("fluxfleet verify --stack prod", ok.calls().get(ok.calls().size() - 1));
        Result drift = deploy(dir.resolve("b"), "config:\n  fluxfleet:cluster:\n    context: rancher-prod\n", 0, 1);
        assertEquals(1, drift.code());
    }

    @Test
    void aFailedUpIsStillVerifiedAndKeepsItsExitCode(@TempDir Path dir) throws Exception {
        Result r = deploy(dir, "config:\n  fluxfleet:cluster:\n    context: rancher-prod\n", 255, 1);
        assertEquals(255, r.code());
        assertEquals("fluxfleet verify --stack prod", r.calls().get(r.calls().size() - 1));
    }

    @Test
    void aSecretKubeconfigIsHandedOverInAPrivateFile(@TempDir Path dir) throws Exception {
        Result r = deploy(dir, "config:\n  fluxfleet:cluster:\n    kubeconfig:\n      secure: v1:abc\n", 0, 0);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.calls().contains("pulumi config get --path cluster.kubeconfig --stack prod"), r.calls().toString());
        String verify = r.calls().stream().filter(c -> c.startsWith("fluxfleet verify")).findFirst().orElseThrow();
        assertTrue(verify.startsWith("fluxfleet verify --stack prod --kubeconfig /"), verify);
        assertTrue(r.calls().contains("file 600"), r.calls().toString());
    }
}
