package dev.backstop.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.action.UndoFormat;
import dev.backstop.audit.ActionResult;
import dev.backstop.audit.AuditRecord;
import dev.backstop.audit.Outcome;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.cli.demo.DemoWorld;
import dev.backstop.cli.demo.DemoWorld.Stage;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.event.AlarmEvent;
import dev.backstop.event.AlarmMetric;
import dev.backstop.cli.BackstopComponent;
import dev.backstop.rules.ActionSpec;
import dev.backstop.rules.Severity;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterfaceSpecification;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * ec2.isolate-instance against LocalStack's EC2 (RunInstances needs no Docker there): an instance
 * with two network interfaces is isolated by an alarm, every interface read back with the
 * quarantine group alone, and an operator's {@code ./backstop undo} gives each its own groups back.
 *
 * <p>The instance is launched with its interface spelled out (NetworkInterfaces, not
 * SecurityGroupIds): LocalStack reports an interface's groups as its own plus the instance's
 * launch groups, which no ModifyNetworkInterfaceAttribute can take away, where AWS keeps them per
 * interface.
 */
class Ec2IsolationIT {

    private static final String ACTION = "ec2.isolate-instance";

    private static DemoWorld world;
    private static Ec2Client ec2;
    private static Region region;
    private static String vpcId;
    private static String subnetId;
    private static String imageId;

    @BeforeAll
    static void emulators() {
        world = Emulators.world();
        region = new DefaultAwsRegionProviderChain().getRegion();
        ec2 = AwsClientsModule.build(Ec2Client.builder(), UrlConnectionHttpClient.create(),
                EnvironmentVariableCredentialsProvider.create(), region);
        vpcId = ec2.describeVpcs(request -> request.filters(filter("is-default", "true")))
                .vpcs().get(0).vpcId();
        subnetId = ec2.describeSubnets(request -> request.filters(filter("vpc-id", vpcId)))
                .subnets().get(0).subnetId();
        imageId = ec2.describeImages(request -> request.owners("amazon")).images().get(0).imageId();
    }

    private static Filter filter(String name, String value) {
        return Filter.builder().name(name).values(value).build();
    }

    private static String group(String name) {
        return ec2.createSecurityGroup(request -> request.groupName(name).vpcId(vpcId)
                .description("Backstop integration test")).groupId();
    }

    /** An instance whose primary interface has these groups, plus a second interface with one more. */
    private static String instance(List<String> primaryGroups, String secondGroup) {
        String instanceId = ec2.runInstances(request -> request.imageId(imageId).instanceType("t3.micro").minCount(1)
                .maxCount(1).networkInterfaces(InstanceNetworkInterfaceSpecification.builder().deviceIndex(0)
                        .subnetId(subnetId).groups(primaryGroups).build()))
                .instances().get(0).instanceId();
        String second = ec2.createNetworkInterface(request -> request.subnetId(subnetId).groups(secondGroup))
                .networkInterface().networkInterfaceId();
        ec2.attachNetworkInterface(request -> request.networkInterfaceId(second).instanceId(instanceId).deviceIndex(1));
        return instanceId;
    }

    /** Each interface's groups, sorted, by interface id in device order. */
    private static Map<String, List<String>> groupsOf(String instanceId) {
        Instance instance = ec2.describeInstances(request -> request.instanceIds(instanceId)).reservations().get(0)
                .instances().get(0);
        Map<String, List<String>> groups = new LinkedHashMap<>();
        instance.networkInterfaces().stream()
                .sorted(Comparator.comparing((InstanceNetworkInterface eni) -> eni.attachment().deviceIndex()))
                .forEach(eni -> groups.put(eni.networkInterfaceId(),
                        eni.groups().stream().map(GroupIdentifier::groupId).sorted().toList()));
        return groups;
    }

    private static SecurityGroup groupNamed(String name) {
        return ec2.describeSecurityGroups(request -> request.filters(filter("vpc-id", vpcId),
                filter("group-name", name))).securityGroups().get(0);
    }

    private static AlarmEvent alarm(String instanceId) {
        String arn = "arn:aws:cloudwatch:" + region.id() + ":000000000000:alarm:" + instanceId + " outbound spike";
        Instant time = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new AlarmEvent(arn + "#" + time, instanceId + " outbound spike", arn, "000000000000", region.id(), "ALARM",
                "OK", "Threshold Crossed", null, time,
                List.of(new AlarmMetric(null, "AWS/EC2", "NetworkOut", Map.of("InstanceId", instanceId), "Sum", 300, null)),
                null, 5.0e9, "GreaterThanThreshold", JsonNodeFactory.instance.objectNode());
    }

    @Test
    void everyInterfaceGetsTheQuarantineGroupAloneAndAnUndoRestoresEachOnesGroupsExactly() {
        String prefix = Emulators.uniquePrefix("ec2-isolate");
        Stage stage = world.build(prefix);
        String web = group(prefix + "-web");
        String ssh = group(prefix + "-ssh");
        String data = group(prefix + "-data");
        String instanceId = instance(List.of(web, ssh), data);
        Map<String, List<String>> before = groupsOf(instanceId);
        ActionSpec spec = new ActionSpec(ACTION, Map.of("quarantineGroupName", prefix + "-quarantine"));
        BackstopComponent component = BackstopComponent.factory().create(
                new Settings(stage.auditTable(), stage.topicArn(), Mode.ENFORCE, List.of()), Clock.systemUTC());
        RemediationAction action = component.actions().get(ACTION).get();
        AlarmEvent alarm = alarm(instanceId);

        assertThat(action.appliesTo(alarm, spec)).isTrue();
        ActionPlan plan = action.plan(alarm, spec);
        action.apply(plan);
        ResourceState after = action.readBack(plan);

        SecurityGroup quarantine = groupNamed(prefix + "-quarantine");
        assertThat(groupsOf(instanceId).values()).hasSize(2).allMatch(groups -> groups.equals(List.of(quarantine.groupId())));
        assertThat(quarantine.ipPermissions()).isEmpty();
        assertThat(quarantine.ipPermissionsEgress()).isEmpty();
        assertThat(quarantine.tags()).anyMatch(tag -> tag.key().equals("backstop:quarantine"));
        assertThat(after.compliant()).isTrue();
        assertThat(action.plan(alarm(instanceId), spec).changeNeeded()).as("isolating again changes nothing").isFalse();

        component.audit().record(new AuditRecord(alarm.id(), alarm.id(), "CloudWatch Alarm State Change", "aws.cloudwatch",
                alarm.account(), alarm.region(), alarm.time(), Instant.now(), alarm.alarmArn(), "Alarm", null,
                Outcome.REMEDIATED, "matched ec2-instance-isolate", List.of(new ActionResult("ec2-instance-isolate",
                        Severity.CRITICAL, ACTION, Mode.ENFORCE, plan.resource(), Outcome.REMEDIATED,
                        plan.before().facts(), after.facts(), UndoFormat.write(plan.undo()), plan.change()))));
        CommandRun undo = CommandRun.of("undo", alarm.id(), "--yes", "--table", stage.auditTable(), "--topic",
                stage.topicArn());

        assertThat(undo.exitCode()).as(undo.err()).isZero();
        assertThat(undo.out()).contains("UNDONE " + ACTION + " on " + plan.resource());
        assertThat(groupsOf(instanceId)).isEqualTo(before);
        assertThat(before.values()).containsExactly(List.of(web, ssh).stream().sorted().toList(), List.of(data));
    }

    @Test
    void aSecondInstanceInTheVpcReusesTheQuarantineGroupAndATerminatedOneIsGone() {
        String prefix = Emulators.uniquePrefix("ec2-isolate-two");
        Stage stage = world.build(prefix);
        String web = group(prefix + "-web");
        String first = instance(List.of(web), web);
        String second = instance(List.of(web), web);
        ActionSpec spec = new ActionSpec(ACTION, Map.of("quarantineGroupName", prefix + "-quarantine"));
        RemediationAction action = BackstopComponent.factory().create(
                new Settings(stage.auditTable(), stage.topicArn(), Mode.ENFORCE, List.of()), Clock.systemUTC())
                .actions().get(ACTION).get();

        action.apply(action.plan(alarm(first), spec));
        action.apply(action.plan(alarm(second), spec));

        String quarantine = groupNamed(prefix + "-quarantine").groupId();
        assertThat(groupsOf(first).values()).allMatch(groups -> groups.equals(List.of(quarantine)));
        assertThat(groupsOf(second).values()).allMatch(groups -> groups.equals(List.of(quarantine)));

        ec2.terminateInstances(request -> request.instanceIds(first));
        assertThat(action.plan(alarm(first), spec).before().exists()).isFalse();
    }
}
