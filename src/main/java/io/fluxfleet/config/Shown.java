package io.fluxfleet.config;

/**
 * The one place a value from config, a file or the command line is put into a message for a terminal or a CI
 * log. Control characters (ESC sequences that recolour or rewrite a terminal line, newlines that forge log lines,
 * NUL) and the invisible Unicode formatting characters (bidi overrides and isolates such as U+202E, zero-width
 * characters, the BOM) are escaped as {@code \\uXXXX}, so what the reader sees is what the file holds. Long
 * values are cut, so a pasted blob cannot flood a log.
 *
 * <p>Values of keys that carry a secret never come here: {@link Fields} describes those by kind only. A secret can
 * still hide inside an ordinary value, as the user information of a URL ({@code https://user:token@host}) or of a
 * host or image reference ({@code user:token@host}): that part is always shown as {@code [credentials]}.
 */
public final class Shown {
    /** At most this many characters of a value are shown; the rest is summarised by its length. */
    public static final int MAX_SHOWN = 120;

    private Shown() {}

    /** The value in single quotes, escaped and cut: {@code 'tenant\u001b[31m'}. */
    public static String quoted(String value) {
        return "'" + escaped(value) + "'";
    }

    /** The value escaped and cut, without quotes, its user information masked. */
    public static String escaped(String value) {
        if (value == null) {
            return "null";
        }
        value = withoutCredentials(value);
        StringBuilder out = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (shown >= MAX_SHOWN) {
                out.append("…(").append(value.codePointCount(0, value.length())).append(" characters)");
                break;
            }
            switch (cp) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                default -> {
                    if (unsafe(cp)) {
                        out.append(String.format("\\u%04X", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
            shown++;
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    private static final java.util.regex.Pattern URL_USER_INFO =
            java.util.regex.Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@");
    private static final java.util.regex.Pattern HOST_USER_INFO = java.util.regex.Pattern.compile("^[^/?#@\\s]*:[^/?#@]*@");

    /**
     * The value with the user information of a URL ({@code scheme://anything@}) or of a scheme-less
     * {@code user:password@host} replaced by {@code [credentials]}; an e-mail address ({@code name@domain}, no colon)
     * is left as it is.
     */
    static String withoutCredentials(String value) {
        String masked = URL_USER_INFO.matcher(value).replaceFirst("$1[credentials]@");
        return masked.equals(value) ? HOST_USER_INFO.matcher(value).replaceFirst("[credentials]@") : masked;
    }

    /** Whether the text holds a character {@link #escaped} would escape (besides quote and backslash). */
    public static boolean hasUnsafe(String value) {
        return value.codePoints().anyMatch(cp -> cp == '\n' || cp == '\r' || cp == '\t' || unsafe(cp));
    }

    /**
     * C0 and C1 controls, DEL, and Unicode format characters (category Cf: bidi embeddings, overrides and
     * isolates U+202A-U+202E and U+2066-U+2069, zero-width joiners, U+FEFF), line and paragraph separators,
     * lone surrogates and unassigned code points.
     */
    static boolean unsafe(int cp) {
        int type = Character.getType(cp);
        return Character.isISOControl(cp) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE
                || type == Character.UNASSIGNED || type == Character.PRIVATE_USE;
    }
}
