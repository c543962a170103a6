package io.fluxfleet.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fluxfleet.testing.Stacks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first {@code pulumi preview} of a committed stack explains itself: the stack files carry no ciphertext, a
 * secret still to set is fluxfleet's config error naming the key and the exact command, and render stands in for it.
 *
 * <p>Why no ciphertext at all: the engine decrypts every {@code secure:} value of the stack's config before the
 * program starts, to filter secrets out of its log (pulumi/pulumi {@code pkg/engine/events.go},
 * {@code makeEventEmitter}: {@code v.SecureValues(target.Decrypter)} returns a {@code DecryptError}); the CLI then
 * prints "failed to decrypt encrypted configuration value '&lt;key&gt;'" and "refusing to proceed"
 * ({@code pkg/cmd/pulumi/cmd/cmd.go}, {@code printDecryptError}), blaming a secret "copied from one stack to
 * another", since encryption is per stack. A value no secrets provider of this stack wrote can never be decrypted:
 * the passphrase provider's {@code symmetricCrypter.DecryptValue} refuses anything but
 * {@code v1:<nonce>:<ciphertext>} with "bad value" ({@code sdk/go/common/resource/config/crypt.go}), which is what
 * the old {@code v1:PLACEHOLDER-...} values met. A key written with no value is plain config to Pulumi (a YAML null:
 * {@code unmarshalObject}, {@code case nil}, in {@code sdk/go/common/resource/config/object.go}) and needs no
 * decryption.
 */
class FirstRunTest {
    /** The secrets every committed stack names without a value. */
    private static final List<String> NAMED = List.of("gitlab.token", "gitlab.statusToken", "harbor.password");
    /** The first tenant's own secrets, named in the committed files too (the command quotes their paths). */
    private static final List<String> TENANT_NAMED = List.of("tenants[0].statusToken", "tenants[0].harbor.password");

    @ParameterizedTest
    @EnumSource(Environment.class)
    void committedStackFilesCarryNoCiphertextAndNameEachSecretWithItsCommand(Environment env) throws IOException {
        Path file = Stacks.stackFile(env.id());
        List<String> lines = Files.readAllLines(file);
        for (String line : lines) {
            assertFalse(line.replaceFirst("#.*", "").contains("secure:"), file.getFileName() + " holds a ciphertext: " + line);
        }
        for (String key : NAMED) {
            String command = "pulumi config set --secret --path " + key + " <value> -s " + env.id();
            String leaf = key.substring(key.indexOf('.') + 1);
            assertTrue(lines.stream().anyMatch(l -> l.matches("\\s+" + leaf + ":\\s+# secret: .*") && l.endsWith(command)),
                    file.getFileName() + ": " + key + " is named without a value and its comment is `" + command + "`");
        }
    }

    /** As the engine would hand the committed file's config to the program before anyone set a secret. */
    private static RawConfig asTheEngineWould(Environment env) {
        RawConfig file = RawConfig.fromStackFile(Stacks.stackFile(env.id()));
        assertTrue(file.offline());
        return new RawConfig("stack '" + env.id() + "'", file.values(), Set.of());
    }

    @ParameterizedTest
    @EnumSource(Environment.class)
    void aPreviewBeforeTheSecretsAreSetListsEveryOneWithTheCommandThatSetsIt(Environment env) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(env.id(), asTheEngineWould(env)));
        List<String> keys = e.problems().stream().map(Problem::key).sorted().toList();
        assertEquals(java.util.stream.Stream.concat(NAMED.stream(), TENANT_NAMED.stream()).map(k -> "fluxfleet:" + k)
                .sorted().toList(), keys, e.getMessage());
        for (Problem p : e.problems()) {
            String local = p.key().substring("fluxfleet:".length());
            local = local.contains("[") ? Shown.quoted(local) : local;
            assertTrue(p.message().contains("`pulumi config set --secret --path " + local + " <value> -s " + env.id() + "`"),
                    p.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(Environment.class)
    void renderStandsInForEachSecretNotSetAndSaysSo(Environment env) {
        List<String> warnings = new ArrayList<>();
        FluxFleetConfig config = ConfigLoader.load(env.id(), RawConfig.fromStackFile(Stacks.stackFile(env.id())), warnings::add);
        assertEquals("[unset fluxfleet:harbor.password]", config.harbor().password().reveal());
        assertEquals("[unset fluxfleet:gitlab.token]", config.gitlab().governance().token().orElseThrow().reveal());
        assertEquals("[unset fluxfleet:gitlab.statusToken]", config.gitlab().statusToken().orElseThrow().reveal());
        for (String key : NAMED) {
            assertTrue(warnings.stream().anyMatch(w -> w.startsWith("fluxfleet:" + key + " ")
                    && w.endsWith("pulumi config set --secret --path " + key + " <value> -s " + env.id())), key + ": " + warnings);
        }
    }

    @Test
    void aMissingRequiredSecretIsAnErrorWithTheCommandAndAllProblemsComeTogether() {
        ObjectNode config = Stacks.minimal("preprod", 2);
        ((ObjectNode) config.get("harbor")).remove("password");
        config.putObject("gitlab").put("url", "https://gitlab.example.com").put("acceptTenantDrivenClusterAdmin", true)
                .putObject("deployToken").put("enabled", false);
        ((ObjectNode) config.get("tenants").get(1)).remove("gitPassword");
        ((ObjectNode) config.get("tenants").get(0)).putNull("gitPassword");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load("qa-test", Stacks.raw(
                (ObjectNode) config.put("environment", "preprod"))));
        Map<String, String> byKey = new TreeMap<>();
        e.problems().forEach(p -> byKey.put(p.key(), p.message()));
        assertEquals(Set.of("fluxfleet:harbor.password", "fluxfleet:tenants[0].gitPassword", "fluxfleet:tenants[1].gitPassword"),
                byKey.keySet(), e.getMessage());
        assertTrue(byKey.get("fluxfleet:harbor.password").startsWith("is required: "), byKey.toString());
        assertTrue(byKey.get("fluxfleet:harbor.password")
                .endsWith("`pulumi config set --secret --path harbor.password <value> -s qa-test`"), byKey.toString());
        assertTrue(byKey.get("fluxfleet:tenants[1].gitPassword")
                .endsWith("`pulumi config set --secret --path 'tenants[1].gitPassword' <value> -s qa-test`"), byKey.toString());
        assertTrue(byKey.get("fluxfleet:tenants[0].gitPassword").startsWith("is named in the stack file without a value"),
                byKey.toString());
    }

    @Test
    void anOptionalSecretLeftOutIsOffNotAnError() {
        FluxFleetConfig config = Stacks.load("dev", Stacks.minimal("dev", 1));
        assertTrue(config.gitlab().statusToken().isEmpty());
        assertTrue(config.gitlab().governance().token().isEmpty());
    }

    @Test
    void renderOfAStackFileWithoutItsRequiredSecretStandsIn(@TempDir Path dir) throws IOException {
        ObjectNode config = Stacks.minimal("dev", 1);
        ((ObjectNode) config.get("harbor")).remove("password");
        List<String> warnings = new ArrayList<>();
        FluxFleetConfig loaded = ConfigLoader.load("dev", RawConfig.fromStackFile(Stacks.writeStackFile(dir, "dev", config)),
                warnings::add);
        assertEquals("[unset fluxfleet:harbor.password]", loaded.harbor().password().reveal());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("fluxfleet:harbor.password is required: ")), warnings.toString());
    }

    @Test
    void encryptedValuesInAStackFileBecomeFingerprintedPlaceholders(@TempDir Path dir) throws IOException {
        String ciphertext = "v1:AAECAwQFBgcICQoL:c2VjcmV0LWNpcGhlcnRleHQ=";
        String text = Files.readString(Stacks.stackFile("dev")).replace(
                "    password:                     # secret:", "    password:\n      secure: " + ciphertext + " #");
        Path file = Files.writeString(dir.resolve("Pulumi.dev.yaml"), text);
        JsonNode harbor = RawConfig.fromStackFile(file).values().get("harbor");
        assertEquals(RawConfig.ENCRYPTED_PREFIX + RawConfig.fingerprint(ciphertext) + "]", harbor.get("password").asText());
        String password = ConfigLoader.load("dev", RawConfig.fromStackFile(file)).harbor().password().reveal();
        assertTrue(password.startsWith(RawConfig.ENCRYPTED_PREFIX), password);
        assertFalse(password.contains(ciphertext.substring(3)), "the ciphertext itself is not carried: " + password);
    }
}
