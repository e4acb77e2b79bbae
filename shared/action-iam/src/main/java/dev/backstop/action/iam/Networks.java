package dev.backstop.action.iam;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

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

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private record Network(byte[] address, int prefix) {

        boolean contains(byte[] candidate) {
            if (candidate.length != address.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (candidate[i] != address[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (candidate[full] & mask) == (address[full] & mask);
        }
    }

    private final List<Network> networks;

    private Networks(List<Network> networks) {
        this.networks = networks;
    }

    /** Parses every entry; a malformed one is an {@link IllegalArgumentException} that names it. */
    static Networks parse(List<String> cidrs) {
        return new Networks(cidrs.stream().map(Networks::network).toList());
    }

    boolean isEmpty() {
        return networks.isEmpty();
    }

    /** Whether the address is in one of the networks; empty when the text is no IP address at all. */
    Optional<Boolean> contains(String address) {
        return literal(address).map(bytes -> networks.stream().anyMatch(network -> network.contains(bytes)));
    }

    private static Network network(String cidr) {
        String[] parts = cidr.trim().split("/", -1);
        byte[] address = parts.length == 2 ? literal(parts[0]).orElse(null) : null;
        int prefix;
        try {
            prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : -1;
        } catch (NumberFormatException e) {
            prefix = -1;
        }
        if (address == null || prefix < 0 || prefix > address.length * 8) {
            throw new IllegalArgumentException("\"" + cidr + "\" is not a network in CIDR notation (203.0.113.0/24, 2001:db8::/32)");
        }
        return new Network(address, prefix);
    }

    /** The address's bytes, only for an IP literal: a host name is never looked up. */
    private static Optional<byte[]> literal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.trim();
        boolean v4 = IPV4.matcher(value).matches();
        if (!v4 && !IPV6.matcher(value).matches()) {
            return Optional.empty();
        }
        if (v4) {
            for (String octet : value.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return Optional.empty();
                }
            }
        }
        try {
            return Optional.of(InetAddress.getByName(value).getAddress());
        } catch (UnknownHostException notALiteral) {
            return Optional.empty();
        }
    }
}
