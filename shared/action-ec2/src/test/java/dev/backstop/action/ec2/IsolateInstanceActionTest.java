package dev.backstop.action.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.UndoFormat;
import dev.backstop.action.ResourceState;
import dev.backstop.event.AlarmEvent;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.TestAlarms;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.Tag;

class IsolateInstanceActionTest {

    private static final String VPC = "vpc-0a1b2c3d";
    private static final String INSTANCE = "i-0123456789abcdef0";
    private static final ActionSpec SPEC = new ActionSpec(IsolateInstanceAction.NAME, Map.of());
    private static final AlarmEvent ALARM = TestAlarms.alarm("web-1 outbound spike", "ALARM", "AWS/EC2", "NetworkOut",
            Map.of("InstanceId", INSTANCE));
    private static final Tag QUARANTINE = Tag.builder().key(Instances.QUARANTINE_TAG).value("true").build();

    private final FakeInstances ec2 = new FakeInstances()
            .group("sg-web", "web", VPC).group("sg-ssh", "ssh", VPC).group("sg-db", "db-clients", VPC);
    private final IsolateInstanceAction action = new IsolateInstanceAction(new Instances(ec2, Region.US_EAST_1),
            Region.US_EAST_1);

    private static Map<String, List<String>> interfaces(Object... enisAndGroups) {
        Map<String, List<String>> interfaces = new LinkedHashMap<>();
        for (int i = 0; i + 1 < enisAndGroups.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> groups = (List<String>) enisAndGroups[i + 1];
            interfaces.put((String) enisAndGroups[i], groups);
        }
        return interfaces;
    }

    private void twoInterfaces() {
        ec2.instance(INSTANCE, VPC, interfaces("eni-primary", List.of("sg-web", "sg-ssh"), "eni-data", List.of("sg-db")));
    }

    @Test
    void plansToReplaceTheGroupsOfEveryInterface() {
        twoInterfaces();

        ActionPlan plan = action.plan(ALARM, SPEC);

        assertThat(plan.resource()).isEqualTo("arn:aws:ec2:us-east-1:123456789012:instance/" + INSTANCE);
        assertThat(plan.changeNeeded()).isTrue();
        assertThat(plan.before().facts()).containsEntry("securityGroups", "eni-data: sg-db; eni-primary: sg-ssh, sg-web");
        assertThat(plan.change()).contains("eni-primary, eni-data").contains("a new group backstop-quarantine");
        assertThat(plan.undo(IsolateInstanceUndo.class).interfaces())
                .isEqualTo(interfaces("eni-primary", List.of("sg-web", "sg-ssh"), "eni-data", List.of("sg-db")));
        assertThat(ec2.calls()).noneMatch(call -> call.startsWith("Create") || call.startsWith("Modify"));
    }

    @Test
    void createsAQuarantineGroupWithoutRulesAndPutsItOnEveryInterface() {
        twoInterfaces();
        ActionPlan plan = action.plan(ALARM, SPEC);

        action.apply(plan);
        ResourceState after = action.readBack(plan);

        String quarantine = ec2.groupNamed("backstop-quarantine").groupId();
        assertThat(ec2.groupNamed("backstop-quarantine").ipPermissionsEgress()).isEmpty();
        assertThat(ec2.groupNamed("backstop-quarantine").tags()).contains(QUARANTINE);
        assertThat(ec2.interfacesOf(INSTANCE)).containsExactly(Map.entry("eni-primary", List.of(quarantine)),
                Map.entry("eni-data", List.of(quarantine)));
        assertThat(after.compliant()).isTrue();
    }

    @Test
    void reusesTheVpcsQuarantineGroupAndStripsRulesSomeoneAddedToIt() {
        twoInterfaces();
        ec2.group("sg-q", "backstop-quarantine", VPC, QUARANTINE)
                .ingress("sg-q", IpPermission.builder().ipProtocol("tcp").fromPort(22).toPort(22).build());

        action.apply(action.plan(ALARM, SPEC));

        assertThat(ec2.interfacesOf(INSTANCE).values()).allMatch(groups -> groups.equals(List.of("sg-q")));
        assertThat(ec2.groupNamed("backstop-quarantine").ipPermissions()).isEmpty();
        assertThat(ec2.groupNamed("backstop-quarantine").ipPermissionsEgress()).isEmpty();
        assertThat(ec2.calls()).noneMatch(call -> call.startsWith("CreateSecurityGroup"));
    }

    @Test
    void refusesAGroupOfThatNameThatIsNotBackstops() {
        twoInterfaces();
        ec2.group("sg-theirs", "backstop-quarantine", VPC);

        assertThatThrownBy(() -> action.plan(ALARM, SPEC)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not a Backstop quarantine group");
    }

    @Test
    void anIsolatedInstanceIsAlreadyCompliant() {
        ec2.group("sg-q", "backstop-quarantine", VPC, QUARANTINE)
                .instance(INSTANCE, VPC, interfaces("eni-primary", List.of("sg-q")));

        ActionPlan plan = action.plan(ALARM, SPEC);

        assertThat(plan.changeNeeded()).isFalse();
        assertThat(plan.before().compliant()).isTrue();
    }

    @Test
    void undoRestoresEachInterfacesOwnGroupsExactly() {
        twoInterfaces();
        ActionPlan plan = action.plan(ALARM, SPEC);
        action.apply(plan);

        ResourceState undone = action.undo(UndoFormat.write(plan.undo()));

        assertThat(ec2.interfacesOf(INSTANCE)).containsExactly(Map.entry("eni-primary", List.of("sg-web", "sg-ssh")),
                Map.entry("eni-data", List.of("sg-db")));
        assertThat(undone.facts()).isEqualTo(plan.before().facts());
        assertThat(action.undo(UndoFormat.write(plan.undo())).facts()).as("a second undo finds it done").isEqualTo(plan.before().facts());
    }

    @Test
    void undoChangesNothingWhenSomeoneChangedAnInterfaceSince() {
        twoInterfaces();
        ActionPlan plan = action.plan(ALARM, SPEC);
        action.apply(plan);
        ec2.setGroups("eni-data", List.of("sg-web"));

        assertThatThrownBy(() -> action.undo(UndoFormat.write(plan.undo()))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("eni-data").hasMessageContaining("nothing was changed");
        assertThat(ec2.interfacesOf(INSTANCE).get("eni-primary")).containsExactly(
                ec2.groupNamed("backstop-quarantine").groupId());
    }

    @Test
    void undoDataWithoutInterfacesIsRefusedBeforeAnyChange() {
        twoInterfaces();

        // Undo data of version 1, as an audit record written before typed undo data holds it.
        assertThatThrownBy(() -> action.undo(new ObjectMapper().valueToTree(Map.of("instanceId", INSTANCE, "interfaces",
                "{}"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("the undo data's interfaces");
        assertThat(ec2.calls()).noneMatch(call -> call.startsWith("Modify"));
    }

    @Test
    void aMissingOrTerminatedInstanceIsGone() {
        assertThat(action.plan(ALARM, SPEC).before().exists()).isFalse();

        twoInterfaces();
        ActionPlan plan = action.plan(ALARM, SPEC);
        action.apply(plan);
        ec2.terminate(INSTANCE);

        assertThat(action.plan(ALARM, SPEC).before().exists()).isFalse();
        assertThat(action.undo(UndoFormat.write(plan.undo())).exists()).isFalse();
    }

    @Test
    void respondsOnlyToAlarmsInAlarmThatNameAnInstanceNeverToApiCalls() {
        assertThat(action.appliesTo(ALARM, SPEC)).isTrue();
        assertThat(action.appliesTo(TestAlarms.alarm("x", "OK", "AWS/EC2", "NetworkOut", Map.of("InstanceId", INSTANCE)),
                SPEC)).isFalse();
        assertThat(action.appliesTo(TestAlarms.lambdaAlarm(Map.of("FunctionName", "checkout-api")), SPEC)).isFalse();
    }

    @Test
    void aBadGroupNameParameterIsNamed() {
        twoInterfaces();

        assertThatThrownBy(() -> action.plan(ALARM, new ActionSpec(IsolateInstanceAction.NAME,
                Map.of("quarantineGroupName", "sg-quarantine"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("quarantineGroupName: \"sg-quarantine\"");
    }

    @Test
    void tagsAreTheInstances() {
        ec2.instance(INSTANCE, VPC, interfaces("eni-primary", List.of("sg-web")),
                Tag.builder().key("backstop:exempt").value("true").build());

        assertThat(action.tags(action.plan(ALARM, SPEC))).containsEntry("backstop:exempt", "true");
    }
}
