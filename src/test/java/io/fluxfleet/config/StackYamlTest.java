package io.fluxfleet.config;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stack-file reader against what Pulumi's reader does. Pulumi reads stack files with gopkg.in/yaml.v3 v3.0.1
 * (pulumi/pulumi {@code sdk/go/common/encoding/marshal.go}, {@code sdk/go.mod}); the expected values below are
 * yaml.v3's, from its {@code resolve.go} (the resolve table and {@code strconv.ParseInt(plain, 0, 64)}) and
 * {@code decode.go} ("mapping key %#v already defined at line %d").
 */
class StackYamlTest {
    private static JsonNode read(String yaml) {
        return StackYaml.read(yaml.getBytes(StandardCharsets.UTF_8), "test");
    }

    private static String problems(String yaml) {
        StackYaml.StackFileException e = assertThrows(StackYaml.StackFileException.class, () -> read(yaml));
        return e.getMessage();
    }

    @Test
    void aDuplicateKeyIsRefusedNotLastWins() {
        String message = problems("""
                config:
                  fluxfleet:tenants:
                    - name: tenant1
                  fluxfleet:environment: dev
                  fluxfleet:tenants: []
                """);
        assertTrue(message.contains("line 5: mapping key 'fluxfleet:tenants' already defined at line 2"), message);
    }

    @Test
    void everyDuplicateIsReported() {
        String message = problems("a: 1\nb: {x: 1, x: 2}\na: 3\n");
        assertTrue(message.contains("line 3: mapping key 'a'") && message.contains("mapping key 'x'"), message);
    }

    @Test
    void anAliasIsTheAnchoredValueNotItsName() {
        JsonNode root = read("base: &t {name: tenant1, project: org/p}\nlist: [*t]\n");
        assertEquals("tenant1", root.get("list").get(0).get("name").asText());
    }

    @Test
    void mergeKeysMergeAndExplicitKeysWin() {
        JsonNode root = read("a: &a {x: 1, y: 2}\nb:\n  <<: *a\n  y: 3\n");
        assertEquals(1, root.get("b").get("x").asInt());
        assertEquals(3, root.get("b").get("y").asInt());
        assertFalse(root.get("b").has("<<"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "yes|text", "on|text", "True|boolean", "FALSE|boolean", "~|null", "Null|null",
            "0x1F|31", "0o17|15", "017|15", "1_000|1000", "4294967297|4294967297",
            "18446744073709551615|18446744073709551615", "2027-06-30|text", "1e3|1E+3", "09|9", "1.5|1.5", "-0b11|-3"})
    void scalarsResolveAsYamlV3Does(String written, String expected) {
        JsonNode value = read("v: " + written + "\n").get("v");
        switch (expected) {
            case "text" -> assertTrue(value.isTextual() && value.asText().equals(written), value.toString());
            case "boolean" -> assertTrue(value.isBoolean(), value.toString());
            case "null" -> assertTrue(value.isNull(), value.toString());
            default -> {
                assertTrue(value.isNumber(), value.toString());
                assertEquals(expected, value.asText());
            }
        }
    }

    @Test
    void aNumberBeyondUint64IsAFloatAsInYamlV3() {
        assertTrue(read("v: 99999999999999999999\n").get("v").isFloatingPointNumber());
    }

    @Test
    void aSyntaxErrorNamesTheLineButNotItsText() {
        String message = problems("config:\n  fluxfleet:harbor:\n    password: hunter2-SECRET: [\n");
        assertTrue(message.contains("line 3"), message);
        assertFalse(message.contains("hunter2"), message);
    }

    @Test
    void invalidUtf8IsRefusedWithItsLine() {
        byte[] bytes = "a: 1\nb: \u00ff\n".getBytes(StandardCharsets.ISO_8859_1);
        StackYaml.StackFileException e = assertThrows(StackYaml.StackFileException.class, () -> StackYaml.read(bytes, "f"));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("not valid UTF-8"), e.getMessage());
        assertFalse(e.getMessage().contains("Input length"), e.getMessage());
    }

    @Test
    void aBillionLaughsIsRefused() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 9; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            yaml.append("]\n");
        }
        assertThrows(StackYaml.StackFileException.class, () -> read(yaml.toString()));
    }

    @Test
    void aLeadingByteOrderMarkIsDropped() {
        byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
        byte[] body = "a: 1\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, 3);
        System.arraycopy(body, 0, all, 3, body.length);
        assertEquals(1, StackYaml.read(all, "f").get("a").asInt());
    }

    @Test
    void onlyTheFirstDocumentIsRead() {
        assertEquals(1, read("a: 1\n---\na: [\n").get("a").asInt());
    }

    @Test
    void aKeyWithoutNamespaceIsTheProjects(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("Pulumi.dev.yaml");
        Files.writeString(file, "config:\n  environment: dev\n  aws:region: x\n");
        assertEquals("dev", RawConfig.fromStackFile(file).values().get("environment").asText());
        Files.writeString(file, "config:\n  environment: dev\n  fluxfleet:environment: prod\n");
        StackYaml.StackFileException e = assertThrows(StackYaml.StackFileException.class, () -> RawConfig.fromStackFile(file));
        assertTrue(e.getMessage().contains("given twice"), e.getMessage());
    }

    @Test
    void anUnknownTagIsRefused() {
        assertTrue(problems("a: !vault x\n").contains("line 1"));
    }
}
