package dev.backstop.action.ec2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateSecurityGroupRequest;
import software.amazon.awssdk.services.ec2.model.CreateSecurityGroupResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.ModifyNetworkInterfaceAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ModifyNetworkInterfaceAttributeResponse;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupEgressRequest;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupEgressResponse;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupIngressRequest;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupIngressResponse;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Instances, their network interfaces and security groups at the SDK edge, as AWS documents
 * them: {@code InvalidInstanceID.NotFound} for an unknown instance, a terminated instance still
 * listed, a new VPC group with the default allow-all egress rule, and
 * {@code ModifyNetworkInterfaceAttribute} replacing an interface's groups.
 */
final class FakeInstances implements Ec2Client {

    static final String OWNER = "123456789012";

    private record Group(String id, String name, String vpcId, List<Tag> tags, List<IpPermission> ingress,
            List<IpPermission> egress) {
    }

    private record Vm(String id, String vpcId, String state, Map<String, List<String>> interfaces, List<Tag> tags) {
    }

    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<String, Vm> instances = new LinkedHashMap<>();
    private final List<String> calls = new ArrayList<>();
    private int nextId = 1;

    FakeInstances group(String id, String name, String vpcId, Tag... tags) {
        groups.put(id, new Group(id, name, vpcId, List.of(tags), new ArrayList<>(), new ArrayList<>(List.of(allTraffic()))));
        return this;
    }

    FakeInstances ingress(String groupId, IpPermission permission) {
        groups.get(groupId).ingress().add(permission);
        return this;
    }

    /** An instance with its interfaces (eni id, group ids) in device order. */
    FakeInstances instance(String id, String vpcId, Map<String, List<String>> interfaces, Tag... tags) {
        instances.put(id, new Vm(id, vpcId, "running", new LinkedHashMap<>(interfaces), List.of(tags)));
        return this;
    }

    FakeInstances terminate(String id) {
        Vm vm = instances.get(id);
        instances.put(id, new Vm(id, vm.vpcId(), "terminated", vm.interfaces(), vm.tags()));
        return this;
    }

    FakeInstances setGroups(String eni, List<String> groupIds) {
        instances.values().stream().filter(vm -> vm.interfaces().containsKey(eni))
                .forEach(vm -> vm.interfaces().put(eni, List.copyOf(groupIds)));
        return this;
    }

    Map<String, List<String>> interfacesOf(String instanceId) {
        return instances.get(instanceId).interfaces();
    }

    SecurityGroup groupNamed(String name) {
        return groups.values().stream().filter(group -> group.name().equals(name)).map(FakeInstances::describe)
                .findFirst().orElseThrow();
    }

    List<String> calls() {
        return calls;
    }

    static IpPermission allTraffic() {
        return IpPermission.builder().ipProtocol("-1").ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build();
    }

    @Override
    public DescribeInstancesResponse describeInstances(DescribeInstancesRequest request) {
        calls.add("DescribeInstances " + request.instanceIds());
        List<Instance> found = new ArrayList<>();
        for (String id : request.instanceIds()) {
            Vm vm = instances.get(id);
            if (vm == null) {
                throw error("InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
            }
            List<InstanceNetworkInterface> enis = new ArrayList<>();
            int index = 0;
            for (Map.Entry<String, List<String>> eni : vm.interfaces().entrySet()) {
                int device = index++;
                enis.add(InstanceNetworkInterface.builder().networkInterfaceId(eni.getKey())
                        .attachment(attachment -> attachment.deviceIndex(device))
                        .groups(eni.getValue().stream().map(group -> GroupIdentifier.builder().groupId(group).build())
                                .toList()).build());
            }
            found.add(Instance.builder().instanceId(id).vpcId(vm.vpcId()).state(state -> state.name(vm.state()))
                    .networkInterfaces(enis).tags(vm.tags()).build());
        }
        return DescribeInstancesResponse.builder()
                .reservations(Reservation.builder().ownerId(OWNER).instances(found).build()).build();
    }

    @Override
    public DescribeSecurityGroupsResponse describeSecurityGroups(DescribeSecurityGroupsRequest request) {
        calls.add("DescribeSecurityGroups");
        List<SecurityGroup> found = groups.values().stream()
                .filter(group -> request.groupIds().isEmpty() || request.groupIds().contains(group.id()))
                .filter(group -> request.filters().stream().allMatch(filter -> matches(group, filter)))
                .map(FakeInstances::describe).toList();
        return DescribeSecurityGroupsResponse.builder().securityGroups(found).build();
    }

    private static boolean matches(Group group, Filter filter) {
        return switch (filter.name()) {
            case "vpc-id" -> filter.values().contains(group.vpcId());
            case "group-name" -> filter.values().contains(group.name());
            default -> throw new UnsupportedOperationException("filter " + filter.name());
        };
    }

    private static SecurityGroup describe(Group group) {
        return SecurityGroup.builder().groupId(group.id()).groupName(group.name()).vpcId(group.vpcId()).tags(group.tags())
                .ipPermissions(group.ingress()).ipPermissionsEgress(group.egress()).ownerId(OWNER).build();
    }

    @Override
    public CreateSecurityGroupResponse createSecurityGroup(CreateSecurityGroupRequest request) {
        calls.add("CreateSecurityGroup " + request.groupName());
        if (groups.values().stream().anyMatch(group -> group.name().equals(request.groupName())
                && group.vpcId().equals(request.vpcId()))) {
            throw error("InvalidGroup.Duplicate", "The security group '" + request.groupName() + "' already exists");
        }
        String id = "sg-quarantine" + nextId++;
        List<Tag> tags = request.tagSpecifications().stream().flatMap(spec -> spec.tags().stream()).toList();
        group(id, request.groupName(), request.vpcId(), tags.toArray(Tag[]::new));
        return CreateSecurityGroupResponse.builder().groupId(id).build();
    }

    @Override
    public RevokeSecurityGroupEgressResponse revokeSecurityGroupEgress(RevokeSecurityGroupEgressRequest request) {
        calls.add("RevokeSecurityGroupEgress " + request.groupId());
        groups.get(request.groupId()).egress().removeAll(request.ipPermissions());
        return RevokeSecurityGroupEgressResponse.builder().build();
    }

    @Override
    public RevokeSecurityGroupIngressResponse revokeSecurityGroupIngress(RevokeSecurityGroupIngressRequest request) {
        calls.add("RevokeSecurityGroupIngress " + request.groupId());
        groups.get(request.groupId()).ingress().removeAll(request.ipPermissions());
        return RevokeSecurityGroupIngressResponse.builder().build();
    }

    @Override
    public ModifyNetworkInterfaceAttributeResponse modifyNetworkInterfaceAttribute(
            ModifyNetworkInterfaceAttributeRequest request) {
        calls.add("ModifyNetworkInterfaceAttribute " + request.networkInterfaceId() + " " + request.groups());
        for (String group : request.groups()) {
            if (!groups.containsKey(group)) {
                throw error("InvalidGroup.NotFound", "The security group '" + group + "' does not exist");
            }
        }
        setGroups(request.networkInterfaceId(), request.groups());
        return ModifyNetworkInterfaceAttributeResponse.builder().build();
    }

    private static Ec2Exception error(String code, String message) {
        return (Ec2Exception) Ec2Exception.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
    }

    @Override
    public String serviceName() {
        return "ec2";
    }

    @Override
    public void close() {
    }
}
