package io.fluxfleet.render;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fingerprint a render writes for a secret, {@code [secret:<12 hex>.<6 hex>]}: the first 48 bits of an HMAC-SHA256
 * of the value, keyed per stack, then the key's id (24 bits of an HMAC of a fixed text under the same key). It tells "changed" from "same" between two renders of one stack made with the same key, and
 * nothing else: without the key, a weak secret ({@code admin}) cannot be recognised by hashing guesses, and the same
 * value in two stacks gives unrelated fingerprints.
 *
 * <p>Where the key comes from (first found), never from the repository and never written into a render:
 * <ol>
 *   <li>{@value #KEY_ENV}, at least 32 characters: a pipeline that wants stable fingerprints across jobs sets it as a
 *       masked CI/CD variable of the rendering job only;</li>
 *   <li>the key file ({@value #KEY_FILE_ENV}, else {@code $XDG_CONFIG_HOME/fluxfleet/fingerprint.key}, else
 *       {@code ~/.config/fluxfleet/fingerprint.key}), created with 32 random bytes, readable by its owner only, the
 *       first time a render needs it. Two renders on one machine, or in one CI job (the {@code mr-render} job renders
 *       both sides of every stack), compare; a CI job starts without the file, so its key dies with the job.</li>
 * </ol>
 * The stack's key is {@code HMAC(master, "fluxfleet fingerprint v1\0" + stack)}, so one stack's fingerprints say
 * nothing about another's.
 *
 * <p>Fingerprints made under different keys cannot be compared: a render by a fluxfleet before keyed fingerprints
 * ({@code [secret:<12 hex>]}, an unkeyed SHA-256), or one made on another machine. The key id says so, and
 * {@link #incomparable} lets the diff and the plan treat such a pair as "unknown" rather than as a changed secret
 * (which, for a GitLab hook's URL, would be a replacement that never happens).
 */
public final class Fingerprint {
    public static final String KEY_ENV = "FLUXFLEET_FINGERPRINT_KEY";
    public static final String KEY_FILE_ENV = "FLUXFLEET_FINGERPRINT_KEY_FILE";
    static final int MIN_KEY_CHARS = 32;
    private static final String HMAC = "HmacSHA256";
    /** A placeholder, keyed ({@code [secret:<fp>.<key id>]}) or from a fluxfleet before keys ({@code [secret:<fp>]}). */
    public static final Pattern PLACEHOLDER = Pattern.compile("\\[secret:([0-9a-f]{12})(?:\\.([0-9a-f]{6}))?]");
    private static volatile byte[] defaultMaster;

    private final byte[] stackKey;
    private final String keyId;

    private Fingerprint(byte[] stackKey) {
        this.stackKey = stackKey;
        this.keyId = HexFormat.of().formatHex(hmac(stackKey, "fluxfleet key id".getBytes(StandardCharsets.UTF_8)))
                .substring(0, 6);
    }

    /** The fingerprinter of {@code stack} with the master key of this machine or job (see the class comment). */
    public static Fingerprint forStack(String stack) {
        byte[] master = defaultMaster;
        if (master == null) {
            synchronized (Fingerprint.class) {
                if (defaultMaster == null) {
                    defaultMaster = masterKey(System.getenv(), Path.of(System.getProperty("user.home")));
                }
                master = defaultMaster;
            }
        }
        return of(master, stack);
    }

    /** The fingerprinter of {@code stack} under {@code master}. */
    public static Fingerprint of(byte[] master, String stack) {
        return new Fingerprint(hmac(master, ("fluxfleet fingerprint v1\0" + stack).getBytes(StandardCharsets.UTF_8)));
    }

    /** 12 hex digits of the keyed HMAC of {@code value}. */
    public String of(String value) {
        return HexFormat.of().formatHex(hmac(stackKey, value.getBytes(StandardCharsets.UTF_8))).substring(0, 12);
    }

    /** The placeholder a render writes for {@code value}: its fingerprint and the key's id. */
    public String placeholder(String value) {
        return "[secret:" + of(value) + "." + keyId + "]";
    }

    /**
     * Whether two texts are both placeholders made under different keys (or one before keys): their fingerprints
     * differ whether or not the secret did, so neither "changed" nor "same" can be told.
     */
    public static boolean incomparable(String a, String b) {
        Matcher x = PLACEHOLDER.matcher(a);
        Matcher y = PLACEHOLDER.matcher(b);
        return x.matches() && y.matches() && !java.util.Objects.equals(x.group(2), y.group(2));
    }

    /**
     * The master key: {@value #KEY_ENV}, else the key file, created when missing.
     *
     * @throws IllegalStateException when {@value #KEY_ENV} is too short or the key file cannot be read or made (the
     *                               message names the variable or file, never a key)
     */
    static byte[] masterKey(Map<String, String> env, Path home) {
        String given = env.get(KEY_ENV);
        if (given != null && !given.isEmpty()) {
            if (given.length() < MIN_KEY_CHARS) {
                throw new IllegalStateException(KEY_ENV + " is shorter than " + MIN_KEY_CHARS + " characters; set it to"
                        + " e.g. the output of `openssl rand -hex 32`, or unset it to use a per-machine key file");
            }
            return given.getBytes(StandardCharsets.UTF_8);
        }
        Path file = keyFile(env, home);
        try {
            Optional<byte[]> existing = read(file);
            if (existing.isPresent()) {
                return existing.get();
            }
            Files.createDirectories(file.getParent());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Path tmp = Files.createTempFile(file.getParent(), ".fingerprint", ".tmp");
            try {
                restrict(tmp);
                Files.writeString(tmp, HexFormat.of().formatHex(key) + "\n");
                // a hard link appears complete and fails when the file exists: a concurrent render that made it first
                // wins, and both use its key
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException e) {
                // made by a concurrent render
            } finally {
                Files.deleteIfExists(tmp);
            }
            return read(file).orElseThrow(() -> new IOException("it was not written"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the fingerprint key file " + file + " ("
                    + e.getMessage() + "); set " + KEY_FILE_ENV + " to a writable path or " + KEY_ENV + " to a key", e);
        }
    }

    static Path keyFile(Map<String, String> env, Path home) {
        String explicit = env.get(KEY_FILE_ENV);
        if (explicit != null && !explicit.isEmpty()) {
            return Path.of(explicit);
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path config = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : home.resolve(".config");
        return config.resolve("fluxfleet").resolve("fingerprint.key");
    }

    private static Optional<byte[]> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String text = Files.readString(file).strip();
        if (text.length() < MIN_KEY_CHARS) {
            throw new IOException("it holds fewer than " + MIN_KEY_CHARS + " characters");
        }
        return Optional.of(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's own permissions apply
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + HMAC, e);
        }
    }

    @Override
    public String toString() {
        return "Fingerprint[key hidden]";
    }
}
