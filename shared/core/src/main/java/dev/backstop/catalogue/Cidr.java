package dev.backstop.catalogue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 network in CIDR notation ({@code 203.0.113.0/24}, {@code 2001:db8::/32}): read the
 * same way when a rule file is checked and when an action uses it, so a network the action would
 * refuse is refused at the rule's line.
 */
public final class Cidr {

    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern PREFIX = Pattern.compile("[0-9]{1,3}");

    private final byte[] address;
    private final int prefix;

    private Cidr(byte[] address, int prefix) {
        this.address = address;
        this.prefix = prefix;
    }

    /** The network, or an {@link IllegalArgumentException} that quotes the text. */
    public static Cidr parse(String cidr) {
        return read(cidr).orElseThrow(() -> new IllegalArgumentException(
                "\"" + cidr + "\" is not a network in CIDR notation (203.0.113.0/24, 2001:db8::/32)"));
    }

    /** The network, or empty when the text is none. */
    public static Optional<Cidr> read(String cidr) {
        String[] parts = cidr.trim().split("/", -1);
        if (parts.length != 2 || !PREFIX.matcher(parts[1]).matches()) {
            return Optional.empty();
        }
        int prefix = Integer.parseInt(parts[1]);
        return literal(parts[0]).filter(address -> prefix <= address.length * 8).map(address -> new Cidr(address, prefix));
    }

    /** The address's bytes, only for an IP literal: a host name is never looked up. */
    public static Optional<byte[]> literal(String text) {
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

    /** Whether the address (4 or 16 bytes) lies in this network. */
    public boolean contains(byte[] candidate) {
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
