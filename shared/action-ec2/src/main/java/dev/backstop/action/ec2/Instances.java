package dev.backstop.action.ec2;

import dev.backstop.aws.Partitions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.inject.Inject;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * The EC2 calls instance isolation makes: an instance's interfaces and their groups, the
 * quarantine group of a VPC, and replacing an interface's groups.
 */
final class Instances {

    /** The tag Backstop's quarantine groups carry, so a team's group of the same name is never taken for one. */
    static final String QUARANTINE_TAG = "backstop:quarantine";

    private static final Set<String> INSTANCE_NOT_FOUND = Set.of("InvalidInstanceID.NotFound", "InvalidInstanceID.Malformed");
    private static final Set<String> GONE_STATES = Set.of("shutting-down", "terminated");

    private final Ec2Client ec2;
    private final Region region;

    @Inject
    Instances(Ec2Client ec2, Region region) {
        this.ec2 = ec2;
        this.region = region;
    }

    /** The instance's interfaces; empty when it does not exist or is terminated. */
    Optional<InstanceInterfaces> find(String instanceId) {
        DescribeInstancesResponse found;
        try {
            found = ec2.describeInstances(request -> request.instanceIds(instanceId));
        } catch (Ec2Exception e) {
            if (INSTANCE_NOT_FOUND.contains(code(e))) {
                return Optional.empty();
            }
            throw e;
        }
        for (Reservation reservation : found.reservations()) {
            for (Instance instance : reservation.instances()) {
                if (instanceId.equals(instance.instanceId()) && !GONE_STATES.contains(instance.state().nameAsString())) {
                    return Optional.of(interfaces(reservation.ownerId(), instance));
                }
            }
        }
        return Optional.empty();
    }

    private InstanceInterfaces interfaces(String owner, Instance instance) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        instance.networkInterfaces().stream()
                .sorted(Comparator.comparing((InstanceNetworkInterface eni) -> eni.attachment() == null
                        ? Integer.MAX_VALUE : eni.attachment().deviceIndex()))
                .forEach(eni -> groups.put(eni.networkInterfaceId(),
                        eni.groups().stream().map(GroupIdentifier::groupId).toList()));
        String partition = Partitions.of(region);
        String arn = "arn:" + partition + ":ec2:" + region.id() + ":" + owner + ":instance/" + instance.instanceId();
        Map<String, String> tags = instance.tags().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value, (first, second) -> first));
        return new InstanceInterfaces(instance.instanceId(), arn, instance.vpcId(), groups, tags);
    }

    /** The VPC's quarantine group by name, if there is one; IllegalStateException for a group not Backstop's. */
    Optional<SecurityGroup> quarantine(String vpcId, String name) {
        Optional<SecurityGroup> found = ec2.describeSecurityGroups(request -> request.filters(
                        Filter.builder().name("vpc-id").values(vpcId).build(),
                        Filter.builder().name("group-name").values(name).build()))
                .securityGroups().stream().findFirst();
        if (found.isPresent() && found.get().tags().stream().noneMatch(tag -> tag.key().equals(QUARANTINE_TAG))) {
            throw new IllegalStateException("security group " + found.get().groupId() + " named " + name + " in " + vpcId
                    + " is not a Backstop quarantine group (it lacks the tag " + QUARANTINE_TAG + "); rename it or"
                    + " choose another quarantineGroupName");
        }
        return found;
    }

    /**
     * The VPC's quarantine group, created if missing, with no rule in either direction: a new
     * group's default egress rule is revoked, and so is any rule someone added since.
     */
    String ensureQuarantine(String vpcId, String name) {
        SecurityGroup group = quarantine(vpcId, name).orElseGet(() -> create(vpcId, name));
        if (!group.ipPermissions().isEmpty()) {
            ec2.revokeSecurityGroupIngress(request -> request.groupId(group.groupId()).ipPermissions(group.ipPermissions()));
        }
        if (!group.ipPermissionsEgress().isEmpty()) {
            ec2.revokeSecurityGroupEgress(request -> request.groupId(group.groupId())
                    .ipPermissions(group.ipPermissionsEgress()));
        }
        return group.groupId();
    }

    private SecurityGroup create(String vpcId, String name) {
        try {
            String id = ec2.createSecurityGroup(request -> request.vpcId(vpcId).groupName(name)
                    .description("Backstop quarantine: no traffic in or out")
                    .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.SECURITY_GROUP)
                            .tags(Tag.builder().key(QUARANTINE_TAG).value("true").build()).build())).groupId();
            return ec2.describeSecurityGroups(request -> request.groupIds(id)).securityGroups().get(0);
        } catch (Ec2Exception e) {
            if ("InvalidGroup.Duplicate".equals(code(e))) {
                // another isolation in the same VPC created it meanwhile
                return quarantine(vpcId, name).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    /** Replaces the interface's security groups with these. */
    void setGroups(String networkInterfaceId, List<String> groupIds) {
        ec2.modifyNetworkInterfaceAttribute(request -> request.networkInterfaceId(networkInterfaceId)
                .groups(new ArrayList<>(groupIds)));
    }

    private static String code(Ec2Exception e) {
        return e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
    }
}
