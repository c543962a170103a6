package io.fluxfleet.kube;

import java.math.BigDecimal;
import java.util.Map;

/** Just enough Kubernetes quantity arithmetic to keep a LimitRange's defaults within its maximum. */
public final class Quantities {
    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("", BigDecimal.ONE),
            Map.entry("m", new BigDecimal("0.001")),
            Map.entry("k", BigDecimal.valueOf(1_000L)),
            Map.entry("M", BigDecimal.valueOf(1_000_000L)),
            Map.entry("G", BigDecimal.valueOf(1_000_000_000L)),
            Map.entry("T", BigDecimal.valueOf(1_000_000_000_000L)),
            Map.entry("P", new BigDecimal("1e15")),
            Map.entry("E", new BigDecimal("1e18")),
            Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
            Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
            Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
            Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
            Map.entry("Pi", BigDecimal.valueOf(1L << 50)),
            Map.entry("Ei", BigDecimal.valueOf(1L << 60)));

    private Quantities() {}

    static BigDecimal parse(String quantity) {
        int i = 0;
        while (i < quantity.length() && (Character.isDigit(quantity.charAt(i)) || quantity.charAt(i) == '.')) {
            i++;
        }
        BigDecimal factor = SUFFIXES.get(quantity.substring(i));
        if (factor == null) {
            throw new IllegalArgumentException("not a quantity: " + quantity);
        }
        return new BigDecimal(quantity.substring(0, i)).multiply(factor);
    }

    /** The smaller of two quantities, returned as written. */
    public static String min(String a, String b) {
        return parse(a).compareTo(parse(b)) <= 0 ? a : b;
    }
}
