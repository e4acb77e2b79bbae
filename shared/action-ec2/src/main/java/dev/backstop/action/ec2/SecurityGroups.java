package dev.backstop.action.ec2;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.inject.Inject;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;

/** The few EC2 calls the security group actions make, with EC2's "not found" errors read as such. */
final class SecurityGroups {

    private static final Set<String> GROUP_NOT_FOUND = Set.of("InvalidGroup.NotFound", "InvalidGroupId.NotFound");
    private static final Set<String> RULE_NOT_FOUND = Set.of("InvalidSecurityGroupRuleId.NotFound",
            "InvalidPermission.NotFound");

    private final Ec2Client ec2;

    @Inject
    SecurityGroups(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    /** The group by id or else by its legacy name (a default-VPC group); empty when there is none. */
    Optional<SecurityGroup> find(String groupId, String groupName) {
        try {
            DescribeSecurityGroupsResponse found = groupId != null
                    ? ec2.describeSecurityGroups(request -> request.groupIds(groupId))
                    : ec2.describeSecurityGroups(request -> request.groupNames(groupName));
            return found.securityGroups().stream().findFirst();
        } catch (Ec2Exception e) {
            if (GROUP_NOT_FOUND.contains(Ec2Errors.code(e))) {
                return Optional.empty();
            }
            throw e;
        }
    }

    static Map<String, String> tags(SecurityGroup group) {
        return group.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (first, second) -> first));
    }

    /** The group's current ingress rules from a CIDR source (the only kind that can be world-open). */
    List<IngressRule> ingressRules(String groupId) {
        return ec2.describeSecurityGroupRulesPaginator(request -> request
                        .filters(filter -> filter.name("group-id").values(groupId)))
                .securityGroupRules().stream()
                .filter(rule -> !Boolean.TRUE.equals(rule.isEgress()) && groupId.equals(rule.groupId()))
                .filter(rule -> rule.cidrIpv4() != null || rule.cidrIpv6() != null)
                .map(IngressRule::of)
                .toList();
    }

    /** Adds one ingress rule; one already there (EC2: a duplicate) is as good as added. */
    void authorize(String groupId, IngressRule rule) {
        try {
            ec2.authorizeSecurityGroupIngress(request -> request.groupId(groupId).ipPermissions(rule.toPermission()));
        } catch (Ec2Exception e) {
            if (!"InvalidPermission.Duplicate".equals(Ec2Errors.code(e))) {
                throw e;
            }
        }
    }

    /**
     * Revokes ingress rules by id. EC2 refuses the whole call if one id is gone (removed by
     * someone else meanwhile), so on that error it revokes those still there.
     */
    void revoke(String groupId, List<String> ruleIds) {
        if (ruleIds.isEmpty()) {
            return;
        }
        try {
            ec2.revokeSecurityGroupIngress(request -> request.groupId(groupId).securityGroupRuleIds(ruleIds));
        } catch (Ec2Exception e) {
            if (!RULE_NOT_FOUND.contains(Ec2Errors.code(e))) {
                throw e;
            }
            Set<String> present = ingressRules(groupId).stream().map(IngressRule::ruleId).collect(Collectors.toSet());
            List<String> remaining = ruleIds.stream().filter(present::contains).toList();
            if (!remaining.isEmpty()) {
                ec2.revokeSecurityGroupIngress(request -> request.groupId(groupId).securityGroupRuleIds(remaining));
            }
        }
    }
}
