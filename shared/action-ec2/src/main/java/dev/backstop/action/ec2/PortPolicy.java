package dev.backstop.action.ec2;

import dev.backstop.catalogue.Ec2ParametersModule;
import dev.backstop.rules.ActionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which ports may stay open to the world: a rule's {@code allowedPorts}, on every group or only
 * on groups with the {@code allowedPortsTag} tag (declared in {@link Ec2ParametersModule}). Everything else a world-open rule allows is
 * forbidden.
 *
 * <ul>
 *   <li>TCP and UDP: a range of only allowed ports stays; a range that mixes allowed and forbidden
 *       ports is split: the allowed ports are kept open as rules of their own, the rest closed.
 *   <li>All traffic ({@code -1}) is forbidden; the allowed ports stay open for TCP and UDP.
 *   <li>Other protocols by number (GRE, ESP, ...) have no ports, and are forbidden whole.
 *   <li>ICMP and ICMPv6 carry no ports and are left alone: blocking them breaks path MTU
 *       discovery, and a ping is not a service.
 * </ul>
 */
record PortPolicy(SortedSet<Integer> allowedPorts, String tagKey, String tagValue) {

    static final String ALLOWED_PORTS = Ec2ParametersModule.ALLOWED_PORTS;
    static final String ALLOWED_PORTS_TAG = Ec2ParametersModule.ALLOWED_PORTS_TAG;
    private static final int LAST_PORT = 65535;

    PortPolicy {
        allowedPorts = new TreeSet<>(allowedPorts);
    }

    /** The policy a rule's parameters ask for; an IllegalArgumentException names a bad one. */
    static PortPolicy from(ActionSpec spec) {
        SortedSet<Integer> ports = new TreeSet<>();
        for (Long port : spec.integers(ALLOWED_PORTS)) {
            if (port < 0 || port > LAST_PORT) {
                throw new IllegalArgumentException(ALLOWED_PORTS + ": " + port + " is not a port (0-65535)");
            }
            ports.add(port.intValue());
        }
        Optional<String> tag = spec.string(ALLOWED_PORTS_TAG);
        if (tag.isEmpty()) {
            return new PortPolicy(ports, null, null);
        }
        int equals = tag.get().indexOf('=');
        String key = equals < 0 ? tag.get() : tag.get().substring(0, equals);
        if (key.isBlank()) {
            throw new IllegalArgumentException(ALLOWED_PORTS_TAG + ": \"" + tag.get() + "\" names no tag key");
        }
        return new PortPolicy(ports, key, equals < 0 ? null : tag.get().substring(equals + 1));
    }

    /** The ports allowed on a group with these tags. */
    SortedSet<Integer> allowedOn(Map<String, String> groupTags) {
        if (tagKey == null) {
            return allowedPorts;
        }
        boolean tagged = groupTags.containsKey(tagKey) && (tagValue == null || tagValue.equals(groupTags.get(tagKey)));
        return tagged ? allowedPorts : new TreeSet<>();
    }

    /**
     * What to do about one world-open rule.
     *
     * @param forbidden true when the rule must go
     * @param keep the rules that keep its allowed ports open once it is gone (ranges, same source)
     */
    record Verdict(boolean forbidden, List<IngressRule> keep) {
    }

    static Verdict judge(IngressRule rule, SortedSet<Integer> allowed) {
        String protocol = rule.protocol();
        if (protocol.startsWith("icmp")) {
            return new Verdict(false, List.of());
        }
        if (IngressRule.hasPorts(protocol)) {
            int from = rule.fromPort() < 0 ? 0 : rule.fromPort();
            int to = rule.toPort() < 0 ? LAST_PORT : rule.toPort();
            List<int[]> runs = runs(allowed.subSet(from, to + 1));
            boolean whollyAllowed = runs.size() == 1 && runs.get(0)[0] == from && runs.get(0)[1] == to;
            return whollyAllowed ? new Verdict(false, List.of())
                    : new Verdict(true, runs.stream().map(run -> rule.withPorts(protocol, run[0], run[1])).toList());
        }
        if (protocol.equals(IngressRule.ALL_PROTOCOLS)) {
            List<IngressRule> keep = new ArrayList<>();
            for (String portProtocol : List.of("tcp", "udp")) {
                runs(allowed).forEach(run -> keep.add(rule.withPorts(portProtocol, run[0], run[1])));
            }
            return new Verdict(true, keep);
        }
        return new Verdict(true, List.of());
    }

    /** Consecutive ports as ranges: 80, 443, 444 -> [80-80, 443-444]. */
    private static List<int[]> runs(SortedSet<Integer> ports) {
        List<int[]> runs = new ArrayList<>();
        for (int port : ports) {
            int[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && last[1] == port - 1) {
                last[1] = port;
            } else {
                runs.add(new int[] {port, port});
            }
        }
        return runs;
    }
}
