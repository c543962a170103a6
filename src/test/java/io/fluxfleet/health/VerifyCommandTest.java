package io.fluxfleet.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

import io.fluxfleet.cli.Cli;
import io.fluxfleet.testing.Stacks;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code fluxfleet verify} end to end: stack file, credentials, the mock API server, table, JSON and exit codes. */
@EnableKubernetesMockClient(crud = true)
class VerifyCommandTest {
    static KubernetesClient client;
    static KubernetesMockServer server;

    private record Run(int code, String out, String err) {}

    /** The configs verify asked a client for: the credentials it chose. */
    private final List<Config> asked = new ArrayList<>();

    @BeforeEach
    void converged() {
        server.reset();
        LiveCluster.seed(client, Stacks.render(Stacks.committed("dev")));
    }

    private Run verify(Function<Config, KubernetesClient> clients, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        int code = Cli.runOne(new VerifyCommand(o, e, clients), args, o, e);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Function<Config, KubernetesClient> mock() {
        return c -> {
            asked.add(c);
            return new KubernetesClientBuilder().withConfig(client.getConfiguration()).build();
        };
    }

    static Path kubeconfig(Path dir, String... contexts) throws Exception {
        StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: Config\nclusters:\n");
        for (String c : contexts) {
            yaml.append("- name: ").append(c).append("\n  cluster:\n    server: https://").append(c).append(".example.com:6443\n");
        }
        yaml.append("users:\n- name: u\n  user:\n    token: t0ken\ncontexts:\n");
        for (String c : contexts) {
            yaml.append("- name: ").append(c).append("\n  context:\n    cluster: ").append(c).append("\n    user: u\n");
        }
        yaml.append("current-context: ").append(contexts[contexts.length - 1]).append('\n');
        Path file = dir.resolve("kubeconfig");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void aHealthyStackExitsZeroAndUsesTheStacksContextNotTheCurrentOne(@TempDir Path tmp) throws Exception {
        Path kc = kubeconfig(tmp, "rancher-dev", "some-other-current");
        Run run = verify(mock(), "--stack", "dev", "--kubeconfig", kc.toString());
        assertEquals(0, run.code(), run.err() + run.out());
        assertTrue(run.out().startsWith("HEALTHY: stack 'dev', "), run.out());
        assertEquals("https://rancher-dev.example.com:6443/", asked.get(0).getMasterUrl());
    }

    @Test
    void driftExitsOneWithATableAndJson(@TempDir Path tmp) throws Exception {
        client.genericKubernetesResources(KubeKinds.context("v1", "ResourceQuota").orElseThrow()).inNamespace("tenant1")
                .list().getItems().forEach(q -> client.genericKubernetesResources(
                        KubeKinds.context("v1", "ResourceQuota").orElseThrow()).inNamespace("tenant1").resource(q).delete());
        Path kc = kubeconfig(tmp, "rancher-dev");
        Run table = verify(mock(), "--stack", "dev", "--kubeconfig", kc.toString());
        assertEquals(VerifyCommand.UNHEALTHY, table.code());
        assertTrue(table.out().startsWith("NOT HEALTHY: stack 'dev', "), table.out());
        assertTrue(table.out().contains("FAIL   exists ResourceQuota tenant1/"), table.out());
        Run json = verify(mock(), "--stack", "dev", "--kubeconfig", kc.toString(), "--json");
        assertEquals(VerifyCommand.UNHEALTHY, json.code());
        JsonNode findings = new ObjectMapper().readTree(json.out());
        List<String> failed = new ArrayList<>();
        findings.forEach(f -> {
            if (!f.get("status").asText().equals("OK")) {
                failed.add(f.get("check").asText() + " " + f.get("object").asText());
            }
        });
        assertEquals(1, failed.size(), failed.toString());
        assertTrue(failed.get(0).startsWith("exists ResourceQuota tenant1/"));
        assertTrue(findings.size() > 50);
    }

    @Test
    void aKubeconfigWithoutTheStacksContextIsBadConfig(@TempDir Path tmp) throws Exception {
        Path kc = kubeconfig(tmp, "rancher-prod");
        Run run = verify(mock(), "--stack", "dev", "--kubeconfig", kc.toString());
        assertEquals(VerifyCommand.BAD_CONFIG, run.code());
        assertTrue(run.err().contains("has no context 'rancher-dev' (fluxfleet:cluster.context of stack 'dev'); verify"
                + " never falls back to the current context"), run.err());
        assertTrue(asked.isEmpty());
    }

    @Test
    void aSecretKubeconfigNeedsTheFile(@TempDir Path tmp) throws Exception {
        var config = Stacks.minimal("dev", 1);
        config.putObject("cluster").put("kubeconfig", "apiVersion: v1").put("id", "c-m-dev00001");
        Path stackFile = Stacks.writeStackFile(tmp, "dev", config);
        Run run = verify(mock(), "--stack", "dev", "--config", stackFile.toString());
        assertEquals(VerifyCommand.BAD_CONFIG, run.code());
        assertTrue(run.err().contains("pulumi config get --path cluster.kubeconfig -s dev > kubeconfig"), run.err());
        assertFalse(run.err().contains("apiVersion: v1"));
    }

    @Test
    void anUnreachableClusterExitsThree(@TempDir Path tmp) throws Exception {
        Path kc = kubeconfig(tmp, "rancher-dev");
        Run run = verify(c -> new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl("https://127.0.0.1:1").withRequestRetryBackoffLimit(0).withConnectionTimeout(500)
                .build()).build(), "--stack", "dev", "--kubeconfig", kc.toString());
        assertEquals(VerifyCommand.UNREADABLE, run.code(), run.err());
        assertTrue(run.err().startsWith("verify: cannot read the cluster of stack 'dev'"), run.err());
    }
}
