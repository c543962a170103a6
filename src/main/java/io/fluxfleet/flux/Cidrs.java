package io.fluxfleet.flux;

import java.util.List;
import java.util.Optional;

/**
 * IPv4 CIDR containment, for {@code ipBlock.except}: Kubernetes accepts an except entry only when it is a strict
 * subset of the block's {@code cidr} (kubernetes {@code pkg/apis/networking/validation/validation.go}
 * {@code ValidateIPBlock}: "must be a strict subset of `cidr`"). IPv6 ranges are left without excepts.
 */
public final class Cidrs {
    private Cidrs() {}

    /** The entries of {@code candidates} that lie strictly inside {@code cidr}, in their order. */
    public static List<String> strictlyInside(String cidr, List<String> candidates) {
        Optional<long[]> outer = parse(cidr);
        if (outer.isEmpty()) {
            return List.of();
        }
        return candidates.stream().filter(c -> parse(c).filter(inner -> inner[1] > outer.get()[1]
                && network(inner[0], (int) outer.get()[1]) == outer.get()[0]).isPresent()).toList();
    }

    /** Whether the IPv4 address {@code ip} lies in {@code cidr}. */
    public static boolean contains(String cidr, String ip) {
        Optional<long[]> block = parse(cidr);
        Optional<long[]> address = parse(ip + "/32");
        return block.isPresent() && address.isPresent()
                && network(address.get()[0], (int) block.get()[1]) == block.get()[0];
    }

    /** {network address masked to its prefix, prefix}, or empty for anything but IPv4. */
    private static Optional<long[]> parse(String cidr) {
        String[] parts = cidr.split("/");
        if (parts.length != 2 || !parts[0].matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") || !parts[1].matches("[0-9]{1,2}")) {
            return Optional.empty();
        }
        long address = 0;
        for (String octet : parts[0].split("\\.")) {
            address = (address << 8) | Integer.parseInt(octet);
        }
        int prefix = Integer.parseInt(parts[1]);
        return Optional.of(new long[] {network(address, prefix), prefix});
    }

    private static long network(long address, int prefix) {
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        return address & mask;
    }
}
