package io.fluxfleet.config;

import java.util.List;
import java.util.Map;

/**
 * A strict environment ({@link Environment#refusesPlaintextSecrets}, prod) refuses a secret stored in plain text in
 * its stack file: whoever reads the repository reads it, so it is not a secret, and its review fingerprint is only as
 * strong as the value. Elsewhere it stays a warning. The message names the key and the command that encrypts it,
 * never the value.
 */
final class StrictSecrets {
    private StrictSecrets() {}

    /**
     * @param plaintext each plain-text secret key with the warning already given for it
     */
    static void refusePlaintext(Environment environment, Map<String, String> plaintext, List<String> warnings,
                                List<Problem> problems) {
        if (!environment.refusesPlaintextSecrets()) {
            return;
        }
        plaintext.forEach((key, warning) -> {
            warnings.remove(warning);
            String command = warning.substring(warning.indexOf('`') + 1, warning.lastIndexOf('`'));
            problems.add(new Problem(key, "carries a secret but is stored in plain text, which the " + environment.id()
                    + " environment refuses (it is strict): encrypt it with `" + command + "`, then remove any copy"
                    + " from the repository's history and rotate it, since it was readable by everyone with access"));
        });
    }
}
