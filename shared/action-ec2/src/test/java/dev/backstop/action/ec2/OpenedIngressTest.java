package dev.backstop.action.ec2;

import static dev.backstop.testing.SampleEvents.detail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.event.MalformedEventException;
import dev.backstop.testing.SampleEvents;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Every request shape the samples and real CloudTrail records carry, read into the same rules. */
class OpenedIngressTest {

    private static final CloudTrailEventParser PARSER = new CloudTrailEventParser();

    private static OpenedIngress read(String sample) {
        return read(sample, event -> { });
    }

    private static OpenedIngress read(String sample, Consumer<ObjectNode> edit) {
        return OpenedIngress.read(PARSER.parse(SampleEvents.edited(sample, edit)).detail());
    }

    private static ObjectNode request(ObjectNode event) {
        return (ObjectNode) detail(event).get("requestParameters");
    }

    @Test
    void readsTheNestedShapeWithTheRuleIdsTheResponseGave() {
        OpenedIngress opened = read("ec2/authorize-ingress-ssh-world.json");

        assertThat(opened.groupId()).isEqualTo("sg-0a1b2c3d4e5f60718");
        assertThat(opened.rules()).containsExactly(
                new IngressRule("sgr-0f1e2d3c4b5a69788", "tcp", 22, 22, "0.0.0.0/0", "ssh from home"),
                new IngressRule("sgr-01a2b3c4d5e6f7a8b", "tcp", 22, 22, "10.20.0.0/16", "bastion subnet"));
    }

    @Test
    void readsTheLegacyFlatShapeByGroupNameWithPortsAsStrings() {
        OpenedIngress opened = read("ec2/authorize-ingress-legacy-flat.json");

        // The response names the group by id, which beats a name that is only unique per VPC.
        assertThat(opened.groupId()).isEqualTo("sg-0c3d4e5f6a7b8c9d0");
        assertThat(opened.groupName()).isEqualTo("legacy-web");
        assertThat(opened.rules()).containsExactly(
                new IngressRule("sgr-0b9c8d7e6f5a4b3c2", "tcp", 3389, 3389, "0.0.0.0/0", null));
    }

    @Test
    void readsTheLegacyFlatShapeWithoutAResponseByNameAlone() {
        OpenedIngress opened = read("ec2/authorize-ingress-legacy-flat.json",
                event -> detail(event).putNull("responseElements"));

        assertThat(opened.groupId()).isNull();
        assertThat(opened.groupName()).isEqualTo("legacy-web");
        assertThat(opened.rules()).containsExactly(new IngressRule(null, "tcp", 3389, 3389, "0.0.0.0/0", null));
    }

    @Test
    void readsIpv6RangesBesideAnEmptyIpRangesObject() {
        assertThat(read("ec2/authorize-ingress-ipv6-world.json").rules()).containsExactly(
                new IngressRule("sgr-0e4d3c2b1a0f9e8d7", "tcp", 3306, 3306, "::/0", "temp: vendor access"));
    }

    @Test
    void readsStringPortsInTheNestedShape() {
        assertThat(read("ec2/authorize-ingress-mixed-range.json").rules()).containsExactly(
                new IngressRule("sgr-0d3e4f5a6b7c8d9e0", "tcp", 80, 443, "0.0.0.0/0", "web"));
    }

    @Test
    void keepsARequestedRuleWithoutIdWhenTheResponseListsOnlySome() {
        // LocalStack's response lists only the last permission's rules; AWS's lists all.
        OpenedIngress opened = read("ec2/authorize-ingress-ssh-world.json", event -> ((ArrayNode) detail(event).at("/responseElements/securityGroupRuleSet/items")).remove(0));

        assertThat(opened.rules()).extracting(IngressRule::ruleId).containsExactly(null, "sgr-01a2b3c4d5e6f7a8b");
    }

    @Test
    void readsTheResponseAloneWhenRequestParametersAreNull() {
        OpenedIngress opened = read("ec2/authorize-ingress-ssh-world.json",
                event -> detail(event).putNull("requestParameters"));

        assertThat(opened.groupId()).isEqualTo("sg-0a1b2c3d4e5f60718");
        assertThat(opened.rules()).extracting(IngressRule::ruleId)
                .containsExactly("sgr-0f1e2d3c4b5a69788", "sgr-01a2b3c4d5e6f7a8b");
    }

    @Test
    void readsASingleItemWrittenAsAnObjectAndSkipsEgressAndGroupSources() {
        OpenedIngress opened = read("ec2/authorize-ingress-ssh-world.json", event -> {
            ObjectNode permission = (ObjectNode) request(event).at("/ipPermissions/items/0");
            request(event).putObject("ipPermissions").set("items", permission);
            ((ObjectNode) permission.get("ipRanges")).set("items", permission.at("/ipRanges/items/0"));
            ObjectNode set = (ObjectNode) detail(event).at("/responseElements/securityGroupRuleSet");
            ((ObjectNode) set.at("/items/1")).put("isEgress", true);
            ((ArrayNode) set.get("items")).addObject()
                    .put("securityGroupRuleId", "sgr-0group").put("ipProtocol", "tcp").put("fromPort", 22)
                    .put("toPort", 22).put("isEgress", false).putObject("referencedGroupInfo").put("groupId", "sg-1");
        });

        assertThat(opened.rules()).containsExactly(
                new IngressRule("sgr-0f1e2d3c4b5a69788", "tcp", 22, 22, "0.0.0.0/0", "ssh from home"));
    }

    @Test
    void readsModifySecurityGroupRulesAsOneObjectOrAList() {
        OpenedIngress one = read("ec2/modify-security-group-rules-world.json");
        OpenedIngress list = read("ec2/modify-security-group-rules-world.json", event -> {
            ObjectNode modify = (ObjectNode) request(event).get("ModifySecurityGroupRulesRequest");
            JsonNode first = modify.get("SecurityGroupRule");
            modify.putArray("SecurityGroupRule").add(first).addObject()
                    .put("SecurityGroupRuleId", "sgr-0second").putObject("SecurityGroupRule")
                    .put("IpProtocol", "-1").put("CidrIpv6", "::/0");
        });

        IngressRule postgres = new IngressRule("sgr-0123456789abcdef0", "tcp", 5432, 5432, "0.0.0.0/0", "postgres");
        assertThat(one.groupId()).isEqualTo("sg-0a1b2c3d4e5f60718");
        assertThat(one.rules()).containsExactly(postgres);
        assertThat(list.rules()).containsExactly(postgres, new IngressRule("sgr-0second", "-1", -1, -1, "::/0", null));
    }

    @Test
    void readsProtocolNumbersAndCapitalsAsEc2Names() {
        OpenedIngress opened = read("ec2/authorize-ingress-ssh-world.json",
                event -> ((ObjectNode) request(event).at("/ipPermissions/items/0")).put("ipProtocol", "6"));

        assertThat(opened.rules()).extracting(IngressRule::protocol).containsOnly("tcp");
        assertThat(IngressRule.normalProtocol("UDP")).isEqualTo("udp");
        assertThat(IngressRule.normalProtocol("58")).isEqualTo("icmpv6");
    }

    @Test
    void namesTheFieldOfAPortThatIsNoNumber() {
        assertThatThrownBy(() -> read("ec2/authorize-ingress-ssh-world.json",
                event -> ((ObjectNode) request(event).at("/ipPermissions/items/0")).put("fromPort", "ssh")))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("detail.requestParameters.ipPermissions.items[0].fromPort: expected a port number, found \"ssh\"");
    }

    @Test
    void namesTheMissingPortOfATcpRule() {
        assertThatThrownBy(() -> read("ec2/authorize-ingress-legacy-flat.json", event -> {
            request(event).remove("toPort");
            detail(event).putNull("responseElements");
        }))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("detail.requestParameters.toPort: is missing");
    }

    @Test
    void refusesAnEventThatNamesNoGroup() {
        assertThatThrownBy(() -> read("ec2/authorize-ingress-legacy-flat.json", event -> {
            request(event).remove("groupName");
            detail(event).putNull("responseElements");
        }))
                .isInstanceOf(MalformedEventException.class)
                .extracting(e -> ((MalformedEventException) e).field())
                .isEqualTo("detail.requestParameters.groupId");
        assertThatThrownBy(() -> read("ec2/modify-security-group-rules-world.json",
                event -> ((ObjectNode) request(event).get("ModifySecurityGroupRulesRequest")).remove("GroupId")))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageStartingWith("detail.requestParameters.ModifySecurityGroupRulesRequest.GroupId: is missing");
    }

    @Test
    void refusesOtherEvents() {
        assertThatThrownBy(() -> read("ec2/authorize-ingress-ssh-world.json",
                event -> detail(event).put("eventName", "AuthorizeSecurityGroupEgress")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not AuthorizeSecurityGroupEgress");
    }
}
