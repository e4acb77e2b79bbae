package dev.backstop.action.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.catalogue.Ec2ParametersModule;
import dev.backstop.event.AlarmEvent;
import dev.backstop.event.FindingEvent;
import dev.backstop.event.FindingResource;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * Cuts an instance off the network when an alarm on it fires (an {@code InstanceId} dimension,
 * state ALARM): every network interface attached to it gets the VPC's quarantine group instead of
 * its own groups. Every interface, not only the primary one: a second interface with its old
 * groups would leave the instance reachable. The quarantine group is found by name in the
 * instance's VPC (and must carry the tag {@code backstop:quarantine}), or created, and holds no
 * rule in either direction: a new group's default egress rule is revoked. Connections already
 * open may live on as tracked connections; new ones are refused both ways.
 *
 * <p>The groups each interface had are kept in the undo data; undo puts them back exactly, only
 * on interfaces that still have the quarantine group alone. CloudTrail events are not its
 * trigger: no API call alone says an instance is compromised; an alarm (a traffic anomaly) or a
 * finding (GuardDuty's crypto-mining or command-and-control findings name the instance) does.
 */
final class IsolateInstanceAction implements RemediationAction {

    static final String NAME = "ec2.isolate-instance";
    static final String ALARM = "ALARM";
    static final String INSTANCE_DIMENSION = "InstanceId";

    private final Instances instances;
    private final Region region;

    @Inject
    IsolateInstanceAction(Instances instances, Region region) {
        this.instances = instances;
        this.region = region;
    }

    /** An alarm in ALARM on an instance, or a finding that names an instance. */
    @Override
    public boolean appliesTo(Trigger trigger, ActionSpec spec) {
        return (trigger instanceof AlarmEvent alarm && ALARM.equals(alarm.state()) && instanceId(alarm).isPresent())
                || (trigger instanceof FindingEvent finding && instanceId(finding).isPresent());
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        String instanceId;
        if (trigger instanceof AlarmEvent alarm) {
            instanceId = instanceId(alarm).orElseThrow(() -> new IllegalArgumentException(
                    "the alarm names no instance (no " + INSTANCE_DIMENSION + " dimension)"));
        } else if (trigger instanceof FindingEvent finding) {
            instanceId = instanceId(finding).orElseThrow(() -> new IllegalArgumentException(
                    "the finding names no instance (no AwsEc2Instance resource)"));
        } else {
            throw ActionRefusedException.unanswered(trigger);
        }
        String quarantineName = Ec2ParametersModule.quarantineGroupName(spec);
        if (trigger.region() != null && !region.id().equals(trigger.region())) {
            throw new IllegalStateException("the " + (trigger instanceof AlarmEvent ? "alarm" : "finding") + " is in "
                    + trigger.region() + ", but this handler's EC2 client works in " + region.id()
                    + ": deploy Backstop in " + trigger.region() + " too");
        }
        Optional<InstanceInterfaces> found = instances.find(instanceId);
        if (found.isEmpty()) {
            return new ActionPlan(NAME, instanceId, instanceId, ResourceState.gone(), "isolate " + instanceId);
        }
        InstanceInterfaces now = found.get();
        if (now.vpcId() == null || now.groups().isEmpty()) {
            throw new ActionRefusedException(now.arn(), "the instance has no network interface in a VPC to isolate");
        }
        String quarantineId = instances.quarantine(now.vpcId(), quarantineName).map(SecurityGroup::groupId).orElse(null);
        ResourceState before = now.state(quarantineId);
        if (before.compliant()) {
            return new ActionPlan(NAME, now.arn(), instanceId, before, "none: " + instanceId + " is isolated");
        }
        String group = quarantineId != null ? quarantineId : "a new group " + quarantineName;
        return new ActionPlan(NAME, now.arn(), instanceId, before,
                "ModifyNetworkInterfaceAttribute on " + String.join(", ", now.groups().keySet()) + " of " + instanceId
                        + ": security groups " + InstanceInterfaces.describe(now.groups()) + " replaced by the quarantine"
                        + " group (" + group + " in " + now.vpcId() + ", no ingress, no egress)",
                new IsolateInstanceUndo(instanceId, now.vpcId(), quarantineName, now.groups()));
    }

    @Override
    public void apply(ActionPlan plan) {
        IsolateInstanceUndo undo = plan.undo(IsolateInstanceUndo.class);
        String quarantineId = instances.ensureQuarantine(undo.vpcId(), undo.quarantineGroupName());
        for (String networkInterface : undo.interfaces().keySet()) {
            instances.setGroups(networkInterface, List.of(quarantineId));
        }
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        IsolateInstanceUndo undo = plan.undo(IsolateInstanceUndo.class);
        String quarantineId = instances.quarantine(undo.vpcId(), undo.quarantineGroupName())
                .map(SecurityGroup::groupId).orElse(null);
        return instances.find(undo.instanceId()).map(now -> now.state(quarantineId)).orElse(ResourceState.gone());
    }

    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return instances.find(plan.address()).map(InstanceInterfaces::tags).orElse(Map.of());
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public IsolateInstanceUndo readUndo(JsonNode stored) {
        return IsolateInstanceUndo.FORMAT.read(stored);
    }

    /**
     * Puts each interface's own groups back. Checks every interface first: one whose groups are
     * no longer the quarantine group alone was changed by someone since, and then nothing is done.
     */
    @Override
    public ResourceState undo(JsonNode stored) {
        IsolateInstanceUndo undo = readUndo(stored);
        String instanceId = undo.instanceId();
        Map<String, List<String>> original = undo.interfaces();
        Optional<InstanceInterfaces> found = instances.find(instanceId);
        if (found.isEmpty()) {
            return ResourceState.gone();
        }
        String quarantineId = instances.quarantine(undo.vpcId(), undo.quarantineGroupName())
                .map(SecurityGroup::groupId).orElse(null);
        Map<String, List<String>> current = found.get().groups();
        List<String> changed = original.keySet().stream()
                .filter(current::containsKey)
                .filter(eni -> !sameGroups(current.get(eni), original.get(eni))
                        && !current.get(eni).equals(List.of(String.valueOf(quarantineId))))
                .toList();
        if (!changed.isEmpty()) {
            throw new IllegalStateException("the security groups of " + String.join(", ", changed) + " on " + instanceId
                    + " changed after Backstop isolated it (" + InstanceInterfaces.describe(current)
                    + "); nothing was changed (put the groups back by hand if that is meant)");
        }
        original.forEach((eni, groups) -> {
            if (current.containsKey(eni) && !sameGroups(current.get(eni), groups)) {
                instances.setGroups(eni, groups);
            }
        });
        return instances.find(instanceId).map(now -> now.state(quarantineId)).orElse(ResourceState.gone());
    }

    private static boolean sameGroups(List<String> some, List<String> others) {
        return some.size() == others.size() && some.containsAll(others);
    }

    private static Optional<String> instanceId(AlarmEvent alarm) {
        return alarm.dimension(INSTANCE_DIMENSION).filter(id -> !id.isBlank());
    }

    /** A GuardDuty instance id, or the id at the end of a Security Hub instance ARN. */
    private static Optional<String> instanceId(FindingEvent finding) {
        return finding.resource("AwsEc2Instance").map(FindingResource::name).filter(id -> id.startsWith("i-"));
    }
}
