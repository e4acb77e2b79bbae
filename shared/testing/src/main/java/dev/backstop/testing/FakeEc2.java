package dev.backstop.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AuthorizeSecurityGroupIngressRequest;
import software.amazon.awssdk.services.ec2.model.AuthorizeSecurityGroupIngressResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupRulesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupRulesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupIngressRequest;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupIngressResponse;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * EC2 security groups at the SDK edge, behaving as AWS documents it: groups found by id or
 * name ({@code InvalidGroup.NotFound} otherwise), rules with ids, {@code InvalidPermission.Duplicate}
 * for a rule already there, and a revoke by ids that fails whole
 * ({@code InvalidSecurityGroupRuleId.NotFound}) when one id is gone. Describe calls page.
 */
public final class FakeEc2 implements Ec2Client {

    private record Group(String id, String name, Map<String, String> tags) {
    }

    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<String, SecurityGroupRule> rules = new LinkedHashMap<>();
    private final List<String> calls = new ArrayList<>();
    private int nextId = 1;
    private int pageSize = 1000;
    private Runnable beforeNextRevoke;
    private Supplier<RuntimeException> revokeFault;

    /** A group with these tags (key, value, key, value...). */
    public FakeEc2 group(String id, String name, String... tags) {
        Map<String, String> tagMap = new LinkedHashMap<>();
        for (int i = 0; i + 1 < tags.length; i += 2) {
            tagMap.put(tags[i], tags[i + 1]);
        }
        groups.put(id, new Group(id, name, tagMap));
        return this;
    }

    /** Adds an ingress rule as if someone had authorized it, and returns its new id. */
    public String ingress(String groupId, String protocol, int from, int to, String cidr, String description) {
        return add(rule(groupId, false, protocol, from, to, cidr, description));
    }

    /** Adds an ingress rule under a chosen id, such as the one a sample event names. */
    public FakeEc2 ingressWithId(String ruleId, String groupId, String protocol, int from, int to, String cidr,
            String description) {
        rules.put(ruleId, rule(groupId, false, protocol, from, to, cidr, description).toBuilder()
                .securityGroupRuleId(ruleId).build());
        return this;
    }

    public String egress(String groupId, String protocol, int from, int to, String cidr) {
        return add(rule(groupId, true, protocol, from, to, cidr, null));
    }

    public FakeEc2 deleteGroup(String groupId) {
        groups.remove(groupId);
        rules.values().removeIf(rule -> rule.groupId().equals(groupId));
        return this;
    }

    public FakeEc2 removeRule(String ruleId) {
        rules.remove(ruleId);
        return this;
    }

    /** Describe calls return at most this many items per page. */
    public FakeEc2 pageSize(int size) {
        this.pageSize = size;
        return this;
    }

    /** Runs once, right before the next revoke: a change someone else makes meanwhile. */
    public FakeEc2 beforeNextRevoke(Runnable change) {
        this.beforeNextRevoke = change;
        return this;
    }

    /** The next revoke throws this instead of acting. */
    public FakeEc2 failNextRevokeWith(Supplier<RuntimeException> fault) {
        this.revokeFault = fault;
        return this;
    }

    /** The group's ingress rules as {@code tcp 22 0.0.0.0/0 [description]}, in the order they were added. */
    public List<String> ingressOf(String groupId) {
        return rules.values().stream().filter(rule -> rule.groupId().equals(groupId) && !rule.isEgress())
                .map(FakeEc2::shape).toList();
    }

    public List<SecurityGroupRule> rulesOf(String groupId) {
        return rules.values().stream().filter(rule -> rule.groupId().equals(groupId)).toList();
    }

    /** The mutating calls made, in order: {@code Authorize sg-1 tcp 443 0.0.0.0/0}, {@code Revoke sg-1 [sgr-1]}. */
    public List<String> calls() {
        return calls;
    }

    public static Ec2Exception error(String code, int status) {
        return (Ec2Exception) Ec2Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).build();
    }

    @Override
    public DescribeSecurityGroupsResponse describeSecurityGroups(DescribeSecurityGroupsRequest request) {
        List<SecurityGroup> found = new ArrayList<>();
        for (String id : request.groupIds()) {
            found.add(view(find(groups.get(id), id)));
        }
        for (String name : request.groupNames()) {
            found.add(view(find(groups.values().stream().filter(g -> g.name().equals(name)).findFirst().orElse(null), name)));
        }
        return DescribeSecurityGroupsResponse.builder().securityGroups(found).build();
    }

    @Override
    public DescribeSecurityGroupRulesResponse describeSecurityGroupRules(DescribeSecurityGroupRulesRequest request) {
        List<String> groupIds = request.filters().stream().filter(filter -> filter.name().equals("group-id"))
                .flatMap(filter -> filter.values().stream()).toList();
        List<SecurityGroupRule> matching = rules.values().stream()
                .filter(rule -> groupIds.isEmpty() || groupIds.contains(rule.groupId()))
                .filter(rule -> request.securityGroupRuleIds().isEmpty()
                        || request.securityGroupRuleIds().contains(rule.securityGroupRuleId()))
                .toList();
        int start = request.nextToken() == null ? 0 : Integer.parseInt(request.nextToken());
        int end = Math.min(matching.size(), start + pageSize);
        return DescribeSecurityGroupRulesResponse.builder().securityGroupRules(matching.subList(start, end))
                .nextToken(end < matching.size() ? String.valueOf(end) : null).build();
    }

    @Override
    public AuthorizeSecurityGroupIngressResponse authorizeSecurityGroupIngress(AuthorizeSecurityGroupIngressRequest request) {
        String groupId = find(groups.get(request.groupId()), request.groupId()).id();
        List<SecurityGroupRule> wanted = new ArrayList<>();
        for (IpPermission permission : request.ipPermissions()) {
            permission.ipRanges().forEach(range -> wanted.add(rule(groupId, false, permission.ipProtocol(),
                    port(permission.fromPort()), port(permission.toPort()), range.cidrIp(), range.description())));
            permission.ipv6Ranges().forEach(range -> wanted.add(rule(groupId, false, permission.ipProtocol(),
                    port(permission.fromPort()), port(permission.toPort()), range.cidrIpv6(), range.description())));
        }
        for (SecurityGroupRule rule : wanted) {
            if (rules.values().stream().anyMatch(existing -> existing.groupId().equals(groupId)
                    && existing.isEgress() == rule.isEgress() && key(existing).equals(key(rule)))) {
                throw error("InvalidPermission.Duplicate", 400);
            }
        }
        List<SecurityGroupRule> created = new ArrayList<>();
        for (SecurityGroupRule rule : wanted) {
            String id = add(rule);
            created.add(rules.get(id));
            calls.add("Authorize " + groupId + " " + key(rule));
        }
        return AuthorizeSecurityGroupIngressResponse.builder().returnValue(true).securityGroupRules(created).build();
    }

    @Override
    public RevokeSecurityGroupIngressResponse revokeSecurityGroupIngress(RevokeSecurityGroupIngressRequest request) {
        if (beforeNextRevoke != null) {
            Runnable change = beforeNextRevoke;
            beforeNextRevoke = null;
            change.run();
        }
        calls.add("Revoke " + request.groupId() + " " + request.securityGroupRuleIds());
        if (revokeFault != null) {
            RuntimeException fault = revokeFault.get();
            revokeFault = null;
            throw fault;
        }
        if (request.hasIpPermissions() && !request.ipPermissions().isEmpty()) {
            throw new UnsupportedOperationException("the fake revokes by rule id only");
        }
        for (String id : request.securityGroupRuleIds()) {
            SecurityGroupRule rule = rules.get(id);
            if (rule == null || !rule.groupId().equals(request.groupId()) || rule.isEgress()) {
                throw error("InvalidSecurityGroupRuleId.NotFound", 400);
            }
        }
        request.securityGroupRuleIds().forEach(rules::remove);
        return RevokeSecurityGroupIngressResponse.builder().returnValue(true).build();
    }

    private Group find(Group group, String named) {
        if (group == null) {
            throw error("InvalidGroup.NotFound", 400);
        }
        return group;
    }

    private static SecurityGroup view(Group group) {
        // No SecurityGroupArn, as older API versions answer: the action must build the ARN itself.
        return SecurityGroup.builder().groupId(group.id()).groupName(group.name()).tags(group.tags().entrySet().stream()
                .map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build()).toList()).build();
    }

    private String add(SecurityGroupRule rule) {
        String id = String.format("sgr-%017x", nextId++);
        rules.put(id, rule.toBuilder().securityGroupRuleId(id).build());
        return id;
    }

    private static SecurityGroupRule rule(String groupId, boolean egress, String protocol, int from, int to, String cidr,
            String description) {
        SecurityGroupRule.Builder rule = SecurityGroupRule.builder().groupId(groupId).isEgress(egress)
                .ipProtocol(protocol).fromPort(from).toPort(to).description(description);
        return cidr.contains(":") ? rule.cidrIpv6(cidr).build() : rule.cidrIpv4(cidr).build();
    }

    private static int port(Integer port) {
        return port == null ? -1 : port;
    }

    /** What EC2 tells rules apart by: protocol, ports, source. */
    private static String key(SecurityGroupRule rule) {
        String ports = rule.fromPort().equals(rule.toPort()) ? String.valueOf(rule.fromPort())
                : rule.fromPort() + "-" + rule.toPort();
        return rule.ipProtocol() + " " + ports + " " + Objects.requireNonNullElse(rule.cidrIpv4(), rule.cidrIpv6());
    }

    private static String shape(SecurityGroupRule rule) {
        return key(rule) + (rule.description() == null ? "" : " [" + rule.description() + "]");
    }

    @Override
    public String serviceName() {
        return "ec2";
    }

    @Override
    public void close() {
    }
}
