package dev.backstop.action.iam;

import dev.backstop.catalogue.Cidr;
import java.util.List;
import java.util.Optional;

/**
 * A list of IPv4 and IPv6 networks in CIDR notation, and whether an address lies in one of them.
 * Event patterns cannot say "outside these networks" (Event Ruler 2.0.1 has no
 * {@code anything-but} for {@code cidr}), so rules give the list to the action instead.
 *
 * <pre>{@code
 * Networks office = Networks.parse(List.of("203.0.113.0/24", "2001:db8::/32"));
 * office.contains("203.0.113.9");   // Optional[true]
 * office.contains("AWS Internal");  // Optional.empty(): not an address
 * }</pre>
 */
final class Networks {

    private final List<Cidr> networks;

    private Networks(List<Cidr> networks) {
        this.networks = networks;
    }

    /** Parses every entry; a malformed one is an {@link IllegalArgumentException} that names it. */
    static Networks parse(List<String> cidrs) {
        return new Networks(cidrs.stream().map(Cidr::parse).toList());
    }

    boolean isEmpty() {
        return networks.isEmpty();
    }

    /** Whether the address is in one of the networks; empty when the text is no IP address at all. */
    Optional<Boolean> contains(String address) {
        return Cidr.literal(address).map(bytes -> networks.stream().anyMatch(network -> network.contains(bytes)));
    }
}
