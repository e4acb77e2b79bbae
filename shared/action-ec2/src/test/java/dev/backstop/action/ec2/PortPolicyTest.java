package dev.backstop.action.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backstop.rules.ActionSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PortPolicyTest {

    private static SortedSet<Integer> ports(String list) {
        return list.isBlank() ? new TreeSet<>()
                : Arrays.stream(list.split(" ")).map(Integer::valueOf).collect(Collectors.toCollection(TreeSet::new));
    }

    /** rule (protocol from to) | allowed ports | forbidden? | what keeps the allowed ports open */
    @ParameterizedTest(name = "{0} with [{1}] allowed")
    @CsvSource(delimiter = '|', value = {
        "tcp 22 22       | ''          | true  | ''",
        "tcp 22 22       | 443         | true  | ''",
        "tcp 443 443     | 443         | false | ''",
        "tcp 443 444     | 443 444     | false | ''",
        "tcp 80 443      | 80 443      | true  | tcp 80 from 0.0.0.0/0; tcp 443 from 0.0.0.0/0",
        "tcp 400 500     | 443         | true  | tcp 443 from 0.0.0.0/0",
        "tcp 0 65535     | 443 444 8443| true  | tcp 443-444 from 0.0.0.0/0; tcp 8443 from 0.0.0.0/0",
        "udp 500 600     | 443         | true  | ''",
        "-1 -1 -1        | 443         | true  | tcp 443 from 0.0.0.0/0; udp 443 from 0.0.0.0/0",
        "-1 -1 -1        | ''          | true  | ''",
        "icmp 8 -1       | ''          | false | ''",
        "icmpv6 -1 -1    | ''          | false | ''",
        "47 -1 -1        | 443         | true  | ''",
    })
    void judgesAWorldOpenRule(String rule, String allowed, boolean forbidden, String keep) {
        String[] parts = rule.trim().split(" +");
        IngressRule open = new IngressRule("sgr-1", parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
                "0.0.0.0/0", null);

        PortPolicy.Verdict verdict = PortPolicy.judge(open, ports(allowed.trim()));

        assertThat(verdict.forbidden()).isEqualTo(forbidden);
        assertThat(IngressChange.describe(verdict.keep())).isEqualTo(keep.isBlank() ? "none" : keep.trim());
    }

    @Test
    void splitOutRulesKeepTheSourceAndDescription() {
        IngressRule wide = new IngressRule("sgr-1", "tcp", 400, 500, "::/0", "web");

        assertThat(PortPolicy.judge(wide, ports("443")).keep())
                .containsExactly(new IngressRule(null, "tcp", 443, 443, "::/0", "web"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"0.0.0.0/0, true", "::/0, true", "10.0.0.0/0, true", "208.236.235.254/0, true", "0.0.0.0/00, true",
        "0.0.0.0/1, false", "10.0.0.0/8, false", "2001:db8::/32, false", "0.0.0.0, false"})
    void worldOpenMeansAZeroPrefixWhateverTheAddress(String cidr, boolean world) {
        assertThat(new IngressRule(null, "tcp", 22, 22, cidr, null).isWorldOpen()).isEqualTo(world);
    }

    @Test
    void allowsPortsOnEveryGroupWithoutATag() {
        PortPolicy policy = PortPolicy.from(new ActionSpec("ec2.revoke-world-ingress", Map.of("allowedPorts", List.of(443L))));

        assertThat(policy.allowedOn(Map.of())).containsExactly(443);
    }

    @Test
    void allowsPortsOnlyOnGroupsWithTheTagAndValue() {
        PortPolicy policy = PortPolicy.from(new ActionSpec("ec2.revoke-world-ingress",
                Map.of("allowedPorts", List.of(80L, 443L), "allowedPortsTag", "backstop:public-lb=true")));

        assertThat(policy.allowedOn(Map.of("backstop:public-lb", "true"))).containsExactly(80, 443);
        assertThat(policy.allowedOn(Map.of("backstop:public-lb", "false"))).isEmpty();
        assertThat(policy.allowedOn(Map.of())).isEmpty();
    }

    @Test
    void aTagKeyAloneAllowsAnyValueAndTheValueMayHoldAnEqualsSign() {
        PortPolicy anyValue = PortPolicy.from(new ActionSpec("ec2.revoke-world-ingress",
                Map.of("allowedPorts", List.of(443L), "allowedPortsTag", "public")));
        PortPolicy withEquals = PortPolicy.from(new ActionSpec("ec2.revoke-world-ingress",
                Map.of("allowedPorts", List.of(443L), "allowedPortsTag", "role=lb=edge")));

        assertThat(anyValue.allowedOn(Map.of("public", ""))).containsExactly(443);
        assertThat(withEquals.allowedOn(Map.of("role", "lb=edge"))).containsExactly(443);
    }

    @Test
    void refusesAPortOutOfRangeAndATagWithoutKey() {
        assertThatThrownBy(() -> PortPolicy.from(new ActionSpec("ec2.revoke-world-ingress",
                Map.of("allowedPorts", List.of(70000L)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("allowedPorts: 70000 is not a port (0-65535)");
        assertThatThrownBy(() -> PortPolicy.from(new ActionSpec("ec2.revoke-world-ingress",
                Map.of("allowedPortsTag", "=true"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names no tag key");
    }
}
