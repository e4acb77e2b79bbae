package dev.backstop.action.ec2;

import static dev.backstop.testing.SampleEvents.detail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.UndoFormat;
import dev.backstop.action.ResourceState;
import dev.backstop.catalogue.Ec2ParametersModule;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.rules.ActionSpec;
import dev.backstop.rules.ParamSpec;
import dev.backstop.testing.FakeEc2;
import dev.backstop.testing.SampleEvents;
import dev.backstop.testing.TestRules;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/** Plan, apply, read-back and undo against EC2 faked at its SDK edge, from the samples in events/ec2. */
class RevokeWorldIngressActionTest {

    private static final String APP = "sg-0a1b2c3d4e5f60718";
    private static final String LB = "sg-0d4e5f6a7b8c9d0e1";
    private static final String SSH_WORLD = "sgr-0f1e2d3c4b5a69788";
    private static final String SSH_BASTION = "sgr-01a2b3c4d5e6f7a8b";
    /** As the default pack asks: 80 and 443 stay open on load balancers' groups. */
    private static final ActionSpec DEFAULT = new ActionSpec(RevokeWorldIngressAction.NAME,
            Map.of("allowedPorts", List.of(80L, 443L), "allowedPortsTag", "backstop:public-lb=true"));
    private static final CloudTrailEventParser PARSER = new CloudTrailEventParser();

    private final FakeEc2 ec2 = new FakeEc2().group(APP, "app").group(LB, "public-lb", "backstop:public-lb", "true");
    private final RevokeWorldIngressAction action = new RevokeWorldIngressAction(new SecurityGroups(ec2), Region.US_EAST_1);

    private ActionPlan plan(String sample) {
        return plan(sample, event -> { });
    }

    private ActionPlan plan(String sample, Consumer<ObjectNode> edit) {
        return action.plan(PARSER.parse(SampleEvents.edited(sample, edit)), DEFAULT);
    }

    private void sshOpenedToTheWorldBesideOtherRules() {
        ec2.ingressWithId(SSH_WORLD, APP, "tcp", 22, 22, "0.0.0.0/0", "ssh from home")
                .ingressWithId(SSH_BASTION, APP, "tcp", 22, 22, "10.20.0.0/16", "bastion subnet");
        ec2.ingress(APP, "tcp", 8443, 8443, "0.0.0.0/0", "opened last year");
        ec2.egress(APP, "-1", -1, -1, "0.0.0.0/0");
    }

    @Test
    void revokesTheWorldOpenRuleTheCallOpenedAndNoOtherRule() {
        sshOpenedToTheWorldBesideOtherRules();

        ActionPlan plan = plan("ec2/authorize-ingress-ssh-world.json");
        action.apply(plan);

        assertThat(plan.changeNeeded()).isTrue();
        assertThat(plan.resource()).isEqualTo("arn:aws:ec2:us-east-1:123456789012:security-group/" + APP);
        assertThat(plan.address()).isEqualTo(APP);
        assertThat(plan.before().facts()).containsEntry("groupId", APP)
                .containsEntry("offendingRules", "tcp 22 from 0.0.0.0/0")
                .containsEntry("allowedWorldRules", "none");
        assertThat(plan.change()).isEqualTo("RevokeSecurityGroupIngress on " + APP + ": tcp 22 from 0.0.0.0/0 (" + SSH_WORLD + ")");
        assertThat(ec2.calls()).containsExactly("Revoke " + APP + " [" + SSH_WORLD + "]");
        // The private source, and a world-open rule this call did not open, are not Backstop's to touch.
        assertThat(ec2.ingressOf(APP)).containsExactly("tcp 22 10.20.0.0/16 [bastion subnet]",
                "tcp 8443 0.0.0.0/0 [opened last year]");
        ResourceState after = action.readBack(plan);
        assertThat(after.compliant()).isTrue();
        assertThat(after.facts()).containsEntry("offendingRules", "none");
    }

    @Test
    void undoReauthorizesExactlyWhatWasRevokedWithItsDescription() {
        sshOpenedToTheWorldBesideOtherRules();
        ActionPlan plan = plan("ec2/authorize-ingress-ssh-world.json");
        action.apply(plan);

        ResourceState undone = action.undo(UndoFormat.write(plan.undo()));

        assertThat(action.undoable()).isTrue();
        assertThat(plan.undo(RevokeWorldIngressUndo.class).groupId()).isEqualTo(APP);
        assertThat(plan.undo(RevokeWorldIngressUndo.class).revoked()).extracting(IngressRule::ruleId).containsExactly(SSH_WORLD);
        assertThat(ec2.ingressOf(APP)).containsExactly("tcp 22 10.20.0.0/16 [bastion subnet]",
                "tcp 8443 0.0.0.0/0 [opened last year]", "tcp 22 0.0.0.0/0 [ssh from home]");
        assertThat(undone.compliant()).isFalse();
        assertThat(undone.facts()).containsAllEntriesOf(plan.before().facts());
    }

    @Test
    void findsALegacyGroupByNameAndItsRuleByShapeWhenThereIsNoResponse() {
        ec2.group("sg-0c3d4e5f6a7b8c9d0", "legacy-web");
        ec2.ingress("sg-0c3d4e5f6a7b8c9d0", "tcp", 3389, 3389, "0.0.0.0/0", null);

        ActionPlan plan = plan("ec2/authorize-ingress-legacy-flat.json", event -> detail(event).putNull("responseElements"));
        action.apply(plan);

        assertThat(plan.address()).isEqualTo("sg-0c3d4e5f6a7b8c9d0");
        assertThat(plan.before().facts()).containsEntry("offendingRules", "tcp 3389 from 0.0.0.0/0");
        assertThat(ec2.ingressOf("sg-0c3d4e5f6a7b8c9d0")).isEmpty();
    }

    @Test
    void revokesTheWholeIpv6Internet() {
        ec2.ingressWithId("sgr-0e4d3c2b1a0f9e8d7", APP, "tcp", 3306, 3306, "::/0", "temp: vendor access");

        ActionPlan plan = plan("ec2/authorize-ingress-ipv6-world.json");
        action.apply(plan);

        assertThat(plan.before().facts()).containsEntry("offendingRules", "tcp 3306 from ::/0");
        assertThat(ec2.ingressOf(APP)).isEmpty();
        action.undo(UndoFormat.write(plan.undo()));
        assertThat(ec2.ingressOf(APP)).containsExactly("tcp 3306 ::/0 [temp: vendor access]");
    }

    @Test
    void leavesAnAllowedPortOpenOnATaggedGroup() {
        ec2.ingressWithId("sgr-0a9b8c7d6e5f4a3b2", LB, "tcp", 443, 443, "0.0.0.0/0", "public HTTPS")
                .ingressWithId("sgr-0c1d2e3f4a5b6c7d8", LB, "tcp", 443, 443, "::/0", "public HTTPS");

        ActionPlan plan = plan("ec2/authorize-ingress-https-public-lb.json");

        assertThat(plan.changeNeeded()).isFalse();
        assertThat(plan.before().facts()).containsEntry("offendingRules", "none")
                .containsEntry("allowedWorldRules", "tcp 443 from 0.0.0.0/0; tcp 443 from ::/0");
    }

    @Test
    void revokesTheSamePortOnAGroupWithoutTheTag() {
        FakeEc2 untagged = new FakeEc2().group(LB, "public-lb")
                .ingressWithId("sgr-0a9b8c7d6e5f4a3b2", LB, "tcp", 443, 443, "0.0.0.0/0", "public HTTPS")
                .ingressWithId("sgr-0c1d2e3f4a5b6c7d8", LB, "tcp", 443, 443, "::/0", "public HTTPS");
        RevokeWorldIngressAction strict = new RevokeWorldIngressAction(new SecurityGroups(untagged), Region.US_EAST_1);

        ActionPlan plan = strict.plan(PARSER.parse(SampleEvents.edited("ec2/authorize-ingress-https-public-lb.json",
                event -> { })), DEFAULT);
        strict.apply(plan);

        assertThat(untagged.ingressOf(LB)).isEmpty();
    }

    @Test
    void splitsAMixedRangeOpeningTheAllowedPortsBeforeRevokingIt() {
        ec2.ingressWithId("sgr-0d3e4f5a6b7c8d9e0", LB, "tcp", 80, 443, "0.0.0.0/0", "web");

        ActionPlan plan = plan("ec2/authorize-ingress-mixed-range.json");
        action.apply(plan);

        assertThat(plan.change()).isEqualTo("RevokeSecurityGroupIngress on " + LB + ": tcp 80-443 from 0.0.0.0/0"
                + " (sgr-0d3e4f5a6b7c8d9e0), after AuthorizeSecurityGroupIngress of the allowed"
                + " tcp 80 from 0.0.0.0/0; tcp 443 from 0.0.0.0/0");
        assertThat(ec2.calls()).containsExactly("Authorize " + LB + " tcp 80 0.0.0.0/0",
                "Authorize " + LB + " tcp 443 0.0.0.0/0", "Revoke " + LB + " [sgr-0d3e4f5a6b7c8d9e0]");
        assertThat(ec2.ingressOf(LB)).containsExactly("tcp 80 0.0.0.0/0 [web]", "tcp 443 0.0.0.0/0 [web]");
        ResourceState after = action.readBack(plan);
        assertThat(after.compliant()).isTrue();
        assertThat(after.facts()).containsEntry("offendingRules", "none")
                .containsEntry("allowedWorldRules", "tcp 80 from 0.0.0.0/0; tcp 443 from 0.0.0.0/0");
    }

    @Test
    void undoOfASplitRestoresTheRangeAndRemovesWhatTheSplitAdded() {
        ec2.ingressWithId("sgr-0d3e4f5a6b7c8d9e0", LB, "tcp", 80, 443, "0.0.0.0/0", "web");
        ActionPlan plan = plan("ec2/authorize-ingress-mixed-range.json");
        action.apply(plan);

        ResourceState undone = action.undo(UndoFormat.write(plan.undo()));

        assertThat(ec2.ingressOf(LB)).containsExactly("tcp 80-443 0.0.0.0/0 [web]");
        assertThat(undone.facts()).containsAllEntriesOf(plan.before().facts());
    }

    @Test
    void keepsASplitOutRangeThatWasAlreadyThereOutOfTheUndo() {
        ec2.ingressWithId("sgr-0d3e4f5a6b7c8d9e0", LB, "tcp", 80, 443, "0.0.0.0/0", "web");
        ec2.ingress(LB, "tcp", 443, 443, "0.0.0.0/0", "https, long before");
        ActionPlan plan = plan("ec2/authorize-ingress-mixed-range.json");
        action.apply(plan);
        action.undo(UndoFormat.write(plan.undo()));

        assertThat(ec2.ingressOf(LB)).containsExactlyInAnyOrder("tcp 443 0.0.0.0/0 [https, long before]",
                "tcp 80-443 0.0.0.0/0 [web]");
    }

    @Test
    void revokesAllTrafficAndKeepsOnlyTheAllowedPortsForTcpAndUdp() {
        String all = ec2.ingress(LB, "-1", -1, -1, "0.0.0.0/0", null);

        ActionPlan plan = plan("ec2/authorize-ingress-ssh-world.json", event -> {
            ObjectNode request = (ObjectNode) detail(event).get("requestParameters");
            request.put("groupId", LB);
            ObjectNode permission = (ObjectNode) request.at("/ipPermissions/items/0");
            permission.put("ipProtocol", "-1").without(List.of("fromPort", "toPort"));
            ((ArrayNode) permission.at("/ipRanges/items")).remove(1);
            ArrayNode created = (ArrayNode) detail(event).at("/responseElements/securityGroupRuleSet/items");
            created.remove(1);
            ((ObjectNode) created.get(0)).put("groupId", LB).put("securityGroupRuleId", all).put("ipProtocol", "-1")
                    .put("fromPort", -1).put("toPort", -1).remove("description");
        });
        action.apply(plan);

        assertThat(plan.before().facts()).containsEntry("offendingRules", "all traffic from 0.0.0.0/0");
        assertThat(ec2.ingressOf(LB)).containsExactly("tcp 80 0.0.0.0/0", "tcp 443 0.0.0.0/0", "udp 80 0.0.0.0/0",
                "udp 443 0.0.0.0/0");
    }

    @Test
    void revokesARuleModifiedToTheWorldById() {
        ec2.ingressWithId("sgr-0123456789abcdef0", APP, "tcp", 5432, 5432, "0.0.0.0/0", "postgres");

        ActionPlan plan = plan("ec2/modify-security-group-rules-world.json");
        action.apply(plan);

        assertThat(plan.before().facts()).containsEntry("offendingRules", "tcp 5432 from 0.0.0.0/0");
        assertThat(ec2.ingressOf(APP)).isEmpty();
    }

    @Test
    void leavesAModifiedEgressRuleAlone() {
        String egress = ec2.egress(APP, "tcp", 5432, 5432, "0.0.0.0/0");

        ActionPlan plan = plan("ec2/modify-security-group-rules-world.json", event -> ((ObjectNode) detail(event)
                .at("/requestParameters/ModifySecurityGroupRulesRequest/SecurityGroupRule"))
                .put("SecurityGroupRuleId", egress));

        assertThat(plan.changeNeeded()).isFalse();
        assertThat(ec2.rulesOf(APP)).hasSize(1);
    }

    @Test
    void aRuleAlreadyRemovedOrNarrowedIsNothingToDo() {
        ActionPlan removed = plan("ec2/authorize-ingress-ssh-world.json");
        ec2.ingressWithId("sgr-0123456789abcdef0", APP, "tcp", 5432, 5432, "10.20.0.0/16", "postgres");
        ActionPlan narrowed = plan("ec2/modify-security-group-rules-world.json");

        assertThat(removed.changeNeeded()).isFalse();
        assertThat(removed.before().facts()).containsEntry("offendingRules", "none");
        assertThat(narrowed.changeNeeded()).isFalse();
        assertThat(ec2.calls()).isEmpty();
    }

    @Test
    void aDeletedGroupIsGone() {
        ec2.deleteGroup(APP);

        ActionPlan plan = plan("ec2/authorize-ingress-ssh-world.json");

        assertThat(plan.before().exists()).isFalse();
        assertThat(plan.resource()).isEqualTo("arn:aws:ec2:us-east-1:123456789012:security-group/" + APP);
    }

    @Test
    void revokesTheRestWhenOneRuleWasRemovedMeanwhile() {
        ec2.ingressWithId(SSH_WORLD, APP, "tcp", 22, 22, "0.0.0.0/0", null)
                .ingressWithId(SSH_BASTION, APP, "tcp", 22, 22, "::/0", null);
        ActionPlan plan = plan("ec2/authorize-ingress-ssh-world.json", event -> {
            detail(event).putNull("requestParameters");
            ((ObjectNode) detail(event).at("/responseElements/securityGroupRuleSet/items/1")).put("cidrIpv6", "::/0")
                    .remove("cidrIpv4");
        });
        ec2.beforeNextRevoke(() -> ec2.removeRule(SSH_WORLD));

        action.apply(plan);

        assertThat(ec2.calls()).containsExactly("Revoke " + APP + " [" + SSH_WORLD + ", " + SSH_BASTION + "]",
                "Revoke " + APP + " [" + SSH_BASTION + "]");
        assertThat(ec2.ingressOf(APP)).isEmpty();
        assertThat(action.readBack(plan).compliant()).isTrue();
    }

    @Test
    void aThrottledRevokePropagatesForTheEngineToRetry() {
        sshOpenedToTheWorldBesideOtherRules();
        ActionPlan plan = plan("ec2/authorize-ingress-ssh-world.json");
        ec2.failNextRevokeWith(() -> FakeEc2.error("RequestLimitExceeded", 503));

        assertThatThrownBy(() -> action.apply(plan)).isInstanceOf(Ec2Exception.class)
                .satisfies(e -> assertThat(((Ec2Exception) e).isThrottlingException()).isTrue());
    }

    @Test
    void readBackIsNotCompliantWhenTheRuleIsBack() {
        sshOpenedToTheWorldBesideOtherRules();
        ActionPlan plan = plan("ec2/authorize-ingress-ssh-world.json");
        action.apply(plan);
        ec2.ingress(APP, "tcp", 22, 22, "0.0.0.0/0", "again");

        assertThat(action.readBack(plan).compliant()).isFalse();
    }

    @Test
    void pagesThroughTheGroupsRules() {
        ec2.pageSize(1);
        for (int port = 1000; port < 1005; port++) {
            ec2.ingress(APP, "tcp", port, port, "10.0.0.0/8", null);
        }
        ec2.ingressWithId(SSH_WORLD, APP, "tcp", 22, 22, "0.0.0.0/0", null);

        assertThat(plan("ec2/authorize-ingress-ssh-world.json").changeNeeded()).isTrue();
    }

    @Test
    void readsTheGroupsTagsForExemptions() {
        ec2.ingressWithId("sgr-0d3e4f5a6b7c8d9e0", LB, "tcp", 80, 443, "0.0.0.0/0", "web");

        assertThat(action.tags(plan("ec2/authorize-ingress-mixed-range.json")))
                .containsExactly(Map.entry("backstop:public-lb", "true"));
    }

    @Test
    void refusesAnEventFromAnotherRegion() {
        RevokeWorldIngressAction elsewhere = new RevokeWorldIngressAction(new SecurityGroups(ec2), Region.EU_WEST_1);

        assertThatThrownBy(() -> elsewhere.plan(PARSER.parse(SampleEvents.edited("ec2/authorize-ingress-ssh-world.json",
                event -> { })), DEFAULT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the event is from us-east-1");
    }

    @Test
    void takesTheParametersTheTestCatalogueKnows() {
        List<ParamSpec> declared = TestRules.CATALOGUE.get(RevokeWorldIngressAction.NAME);

        assertThat(Ec2ParametersModule.REVOKE_WORLD_INGRESS).extracting(ParamSpec::name, ParamSpec::type, ParamSpec::required)
                .containsExactlyElementsOf(declared.stream()
                        .map(spec -> org.assertj.core.groups.Tuple.tuple(spec.name(), spec.type(), spec.required()))
                        .toList());
    }
}
