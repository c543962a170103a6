package io.fluxfleet.infra;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go-style durations ({@code 30s}, {@code 1m30s}, {@code 500ms}) as Prometheus and Flux write them. */
final class Durations {
    private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h|d|w|y)");

    private Durations() {}

    /** The duration in seconds; {@code d}, {@code w} and {@code y} as Prometheus reads them (24h, 7d, 365d). */
    static double seconds(String duration) {
        Matcher m = PART.matcher(duration);
        double total = 0;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                break;
            }
            double value = Double.parseDouble(m.group(1));
            total += value * switch (m.group(2)) {
                case "ms" -> 0.001;
                case "s" -> 1;
                case "m" -> 60;
                case "h" -> 3600;
                case "d" -> 86400;
                case "w" -> 7 * 86400;
                default -> 365 * 86400;
            };
            end = m.end();
        }
        if (end == 0 || end != duration.length()) {
            throw new IllegalArgumentException(io.fluxfleet.config.Shown.quoted(duration) + " is not a duration such as 30s or 1m30s");
        }
        return total;
    }
}
