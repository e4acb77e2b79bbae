package dev.backstop.action.ec2;

import static dev.backstop.testing.SampleEvents.detail;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.rules.Rule;
import dev.backstop.rules.RuleBook;
import dev.backstop.testing.SampleEvents;
import dev.backstop.testing.TestRules;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shipped rule ec2-world-open-ingress matches the calls that open a /0 source, in every shape. */
class WorldOpenIngressRuleTest {

    private static final RuleBook SHIPPED = TestRules.defaultPack();

    /** The EC2 rules the sample matches (other domains' rules, such as IAM's key-use rule, may match too). */
    private static List<String> matched(String sample, Consumer<ObjectNode> edit) {
        String json = new String(SampleEvents.edited(sample, edit), StandardCharsets.UTF_8);
        return SHIPPED.match(json).stream().map(Rule::id).filter(id -> id.startsWith("ec2-")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "authorize-ingress-ssh-world.json, true",
        "authorize-ingress-legacy-flat.json, true",
        "authorize-ingress-ipv6-world.json, true",
        "authorize-ingress-https-public-lb.json, true",
        "authorize-ingress-mixed-range.json, true",
        "modify-security-group-rules-world.json, true",
        // A failed call changed nothing; a private source is not the world.
        "authorize-ingress-unauthorized.json, false",
        "authorize-ingress-private-source.json, false",
    })
    void matchesTheSamplesThatOpenTheWorld(String sample, boolean matches) {
        assertThat(matched("ec2/" + sample, event -> { }))
                .isEqualTo(matches ? List.of("ec2-world-open-ingress") : List.of());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"10.0.0.0/0", "208.236.235.254/0"})
    void matchesAZeroPrefixWhateverTheAddress(String cidr) {
        assertThat(matched("ec2/authorize-ingress-private-source.json", event -> {
            ((ObjectNode) detail(event).at("/requestParameters/ipPermissions/items/0/ipRanges/items/0")).put("cidrIp", cidr);
            detail(event).putNull("responseElements");
        })).containsExactly("ec2-world-open-ingress");
    }

    @ParameterizedTest(name = "response only: {0}")
    @CsvSource({"cidrIpv4, 0.0.0.0/0", "cidrIpv6, ::/0"})
    void matchesOnTheResponseWhenTheRequestIsNull(String field, String cidr) {
        assertThat(matched("ec2/authorize-ingress-private-source.json", event -> {
            detail(event).putNull("requestParameters");
            ObjectNode rule = (ObjectNode) detail(event).at("/responseElements/securityGroupRuleSet/items/0");
            rule.remove("cidrIpv4");
            rule.put(field, cidr);
        })).containsExactly("ec2-world-open-ingress");
    }
}
