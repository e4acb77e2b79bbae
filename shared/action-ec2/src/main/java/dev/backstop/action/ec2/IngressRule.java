package dev.backstop.action.ec2;

import dev.backstop.text.Decimal;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;

/**
 * One ingress rule from one CIDR source: what a security group rule id names. A rule's "shape"
 * (protocol, ports, source) is what EC2 matches rules by; the id and the description are not.
 *
 * @param ruleId the security group rule id, null where it is not known (a request without a response)
 * @param protocol {@code tcp}, {@code udp}, {@code icmp}, {@code icmpv6}, {@code -1} (all) or a protocol number
 * @param fromPort first port (ICMP: the type); -1 where the protocol has none
 * @param toPort last port (ICMP: the code); -1 where the protocol has none
 * @param description null where there is none
 */
record IngressRule(String ruleId, String protocol, int fromPort, int toPort, String cidr, String description) {

    static final String ALL_PROTOCOLS = "-1";

    IngressRule {
        protocol = normalProtocol(Objects.requireNonNull(protocol, "protocol"));
        Objects.requireNonNull(cidr, "cidr");
        if (!hasPorts(protocol) && !protocol.startsWith("icmp")) {
            fromPort = -1;
            toPort = -1;
        }
    }

    static IngressRule of(SecurityGroupRule rule) {
        String cidr = rule.cidrIpv4() != null ? rule.cidrIpv4() : rule.cidrIpv6();
        return new IngressRule(rule.securityGroupRuleId(), rule.ipProtocol(), port(rule.fromPort()), port(rule.toPort()),
                cidr, rule.description());
    }

    /** EC2 names the common protocols; requests may give their numbers or capitals. */
    static String normalProtocol(String protocol) {
        String lower = protocol.trim().toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "6" -> "tcp";
            case "17" -> "udp";
            case "1" -> "icmp";
            case "58" -> "icmpv6";
            default -> lower;
        };
    }

    /** Only TCP and UDP rules have port ranges (ICMP's "ports" are a type and a code). */
    static boolean hasPorts(String protocol) {
        return protocol.equals("tcp") || protocol.equals("udp");
    }

    /**
     * Open to every address: a /0 prefix. The address part does not matter ({@code 10.0.0.0/0}
     * is the whole internet too, and EC2 keeps it as written), so a string compare would miss it.
     */
    boolean isWorldOpen() {
        int slash = cidr.lastIndexOf('/');
        if (slash < 0) {
            return false;
        }
        OptionalLong prefix = Decimal.whole(cidr.substring(slash + 1).trim());
        return prefix.isPresent() && prefix.getAsLong() == 0;
    }

    boolean isIpv6() {
        return cidr.contains(":");
    }

    /** Same protocol, ports and source: the rule EC2 would call a duplicate. */
    boolean sameShapeAs(IngressRule other) {
        return protocol.equals(other.protocol) && fromPort == other.fromPort && toPort == other.toPort
                && normalCidr(cidr).equals(normalCidr(other.cidr));
    }

    IngressRule withPorts(String newProtocol, int from, int to) {
        return new IngressRule(null, newProtocol, from, to, cidr, description);
    }

    IngressRule withId(String id) {
        return new IngressRule(id, protocol, fromPort, toPort, cidr, description);
    }

    IpPermission toPermission() {
        IpPermission.Builder permission = IpPermission.builder().ipProtocol(protocol);
        if (fromPort != -1 || toPort != -1 || protocol.startsWith("icmp")) {
            permission.fromPort(fromPort).toPort(toPort);
        }
        if (isIpv6()) {
            permission.ipv6Ranges(Ipv6Range.builder().cidrIpv6(cidr).description(description).build());
        } else {
            permission.ipRanges(IpRange.builder().cidrIp(cidr).description(description).build());
        }
        return permission.build();
    }

    /** As people read it: {@code tcp 22 from 0.0.0.0/0}, {@code all traffic from ::/0}. */
    String describe() {
        String what;
        if (protocol.equals(ALL_PROTOCOLS)) {
            what = "all traffic";
        } else if (hasPorts(protocol)) {
            what = protocol + " " + (fromPort == toPort ? String.valueOf(fromPort) : fromPort + "-" + toPort);
        } else if (protocol.startsWith("icmp")) {
            what = protocol + " type " + fromPort + " code " + toPort;
        } else {
            what = "protocol " + protocol;
        }
        return what + " from " + cidr;
    }

    private static int port(Integer port) {
        return port == null ? -1 : port;
    }

    private static String normalCidr(String cidr) {
        return cidr.trim().toLowerCase(Locale.ROOT);
    }
}
