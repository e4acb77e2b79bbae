package dev.backstop.action.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.event.CloudTrailDetail;
import dev.backstop.event.MalformedEventException;
import dev.backstop.text.Decimal;
import dev.backstop.text.Shown;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The ingress rules an AuthorizeSecurityGroupIngress or ModifySecurityGroupRules call opened, as
 * its CloudTrail record tells them. The record says what was asked for; only the group's current
 * rules say what is there now, so the action plans from those and uses this to know which to look at.
 *
 * <p>Shapes read: the nested request ({@code ipPermissions.items[].ipRanges.items[].cidrIp} and
 * {@code ipv6Ranges.items[].cidrIpv6}), the flat legacy one ({@code cidrIp}, {@code ipProtocol},
 * {@code fromPort}, {@code toPort} beside {@code "ipPermissions": {}}), {@code groupId} or the
 * legacy {@code groupName}, the created rules' ids in {@code responseElements.securityGroupRuleSet},
 * and {@code ModifySecurityGroupRulesRequest.SecurityGroupRule[].SecurityGroupRuleId}. Lists
 * may be {@code {}} (empty), a single object or an array; ports may be strings.
 *
 * @param groupId null where only the legacy group name is known
 * @param groupName null unless the request named the group that way
 * @param rules what was opened: a rule id, a shape, or both
 */
record OpenedIngress(String groupId, String groupName, List<IngressRule> rules) {

    static final String AUTHORIZE = "AuthorizeSecurityGroupIngress";
    static final String MODIFY = "ModifySecurityGroupRules";
    private static final String REQUEST = "detail.requestParameters";
    private static final String RESPONSE = "detail.responseElements";

    OpenedIngress {
        rules = List.copyOf(rules);
    }

    static OpenedIngress read(CloudTrailDetail detail) {
        return switch (detail.baseEventName()) {
            case AUTHORIZE -> authorize(detail.requestParameters(), detail.responseElements());
            case MODIFY -> modify(detail.requestParameters());
            default -> throw new IllegalArgumentException("acts on " + AUTHORIZE + " and " + MODIFY
                    + " events, not " + detail.eventName());
        };
    }

    private static OpenedIngress authorize(JsonNode request, JsonNode response) {
        List<IngressRule> requested = new ArrayList<>();
        List<JsonNode> permissions = items(request.path("ipPermissions"));
        for (int i = 0; i < permissions.size(); i++) {
            requested.addAll(permission(permissions.get(i), REQUEST + ".ipPermissions.items[" + i + "]"));
        }
        if (text(request, "cidrIp", REQUEST) != null) {
            requested.add(rule(request, REQUEST, "ipProtocol", "fromPort", "toPort", "cidrIp", null, null));
        }
        List<IngressRule> created = new ArrayList<>();
        List<JsonNode> items = items(response.path("securityGroupRuleSet"));
        String groupId = text(request, "groupId", REQUEST);
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String at = RESPONSE + ".securityGroupRuleSet.items[" + i + "]";
            String cidr = text(item, "cidrIpv4", at) != null ? "cidrIpv4" : "cidrIpv6";
            if ("true".equals(text(item, "isEgress", at)) || text(item, cidr, at) == null) {
                continue; // an egress rule, or a source that is a group or prefix list: never the world
            }
            created.add(rule(item, at, "ipProtocol", "fromPort", "toPort", cidr, "description", "securityGroupRuleId"));
            if (groupId == null) {
                groupId = text(item, "groupId", at);
            }
        }
        String groupName = text(request, "groupName", REQUEST);
        if (groupId == null && groupName == null) {
            throw new MalformedEventException(REQUEST + ".groupId", "is missing, and so is groupName: the group is unknown");
        }
        return new OpenedIngress(groupId, groupName, merge(requested, created));
    }

    /** Each requested rule with the id the response gave it, then any created rule the request did not show. */
    private static List<IngressRule> merge(List<IngressRule> requested, List<IngressRule> created) {
        List<IngressRule> merged = new ArrayList<>();
        List<IngressRule> unclaimed = new ArrayList<>(created);
        for (IngressRule asked : requested) {
            IngressRule made = unclaimed.stream().filter(asked::sameShapeAs).findFirst().orElse(null);
            unclaimed.remove(made);
            merged.add(made != null ? made : asked);
        }
        merged.addAll(unclaimed);
        return merged;
    }

    private static List<IngressRule> permission(JsonNode permission, String at) {
        List<IngressRule> rules = new ArrayList<>();
        List<JsonNode> v4 = items(permission.path("ipRanges"));
        for (int i = 0; i < v4.size(); i++) {
            rules.add(ranged(permission, at, v4.get(i), at + ".ipRanges.items[" + i + "]", "cidrIp"));
        }
        List<JsonNode> v6 = items(permission.path("ipv6Ranges"));
        for (int i = 0; i < v6.size(); i++) {
            rules.add(ranged(permission, at, v6.get(i), at + ".ipv6Ranges.items[" + i + "]", "cidrIpv6"));
        }
        return rules;
    }

    private static IngressRule ranged(JsonNode permission, String at, JsonNode range, String rangeAt, String cidrField) {
        String cidr = text(range, cidrField, rangeAt);
        if (cidr == null || cidr.isBlank()) {
            throw new MalformedEventException(rangeAt + "." + cidrField, "is missing");
        }
        IngressRule rule = rule(permission, at, "ipProtocol", "fromPort", "toPort", null, null, null);
        return new IngressRule(null, rule.protocol(), rule.fromPort(), rule.toPort(), cidr, text(range, "description", rangeAt));
    }

    private static OpenedIngress modify(JsonNode request) {
        String at = REQUEST + ".ModifySecurityGroupRulesRequest";
        JsonNode modify = request.path("ModifySecurityGroupRulesRequest");
        String groupId = text(modify, "GroupId", at);
        if (groupId == null || groupId.isBlank()) {
            throw new MalformedEventException(at + ".GroupId", "is missing: the group is unknown");
        }
        List<IngressRule> rules = new ArrayList<>();
        List<JsonNode> entries = items(modify.path("SecurityGroupRule"));
        for (int i = 0; i < entries.size(); i++) {
            String entryAt = at + ".SecurityGroupRule[" + i + "]";
            String ruleId = text(entries.get(i), "SecurityGroupRuleId", entryAt);
            if (ruleId == null || ruleId.isBlank()) {
                throw new MalformedEventException(entryAt + ".SecurityGroupRuleId", "is missing");
            }
            // The new shape is informative only: the rule is looked up by id, and may be egress.
            JsonNode shape = entries.get(i).path("SecurityGroupRule");
            String shapeAt = entryAt + ".SecurityGroupRule";
            String cidrField = text(shape, "CidrIpv4", shapeAt) != null ? "CidrIpv4" : "CidrIpv6";
            String protocol = text(shape, "IpProtocol", shapeAt);
            String cidr = text(shape, cidrField, shapeAt);
            rules.add(protocol == null || cidr == null
                    ? new IngressRule(ruleId, IngressRule.ALL_PROTOCOLS, -1, -1, "", null)
                    : rule(shape, shapeAt, "IpProtocol", "FromPort", "ToPort", cidrField, "Description", null)
                            .withId(ruleId));
        }
        return new OpenedIngress(groupId, null, rules);
    }

    private static IngressRule rule(JsonNode node, String at, String protocolField, String fromField, String toField,
            String cidrField, String descriptionField, String idField) {
        String protocol = text(node, protocolField, at);
        if (protocol == null || protocol.isBlank()) {
            throw new MalformedEventException(at + "." + protocolField, "is missing");
        }
        String normal = IngressRule.normalProtocol(protocol);
        boolean portsRequired = IngressRule.hasPorts(normal);
        return new IngressRule(idField == null ? null : text(node, idField, at), normal,
                port(node, fromField, at, portsRequired), port(node, toField, at, portsRequired),
                cidrField == null ? "" : text(node, cidrField, at),
                descriptionField == null ? null : text(node, descriptionField, at));
    }

    /** A port as a number or a string; -1 where absent and the protocol has none. */
    private static int port(JsonNode node, String field, String at, boolean required) {
        String value = text(node, field, at);
        if (value == null || value.isBlank()) {
            if (required) {
                throw new MalformedEventException(at + "." + field, "is missing");
            }
            return -1;
        }
        OptionalLong port = Decimal.whole(value.trim());
        if (port.isEmpty() || port.getAsLong() < -1 || port.getAsLong() > 65535) {
            throw new MalformedEventException(at + "." + field, "expected a port number, found " + Shown.quoted(value));
        }
        return (int) port.getAsLong();
    }

    /** {@code {"items": [...]}}, {@code {"items": {...}}}, a bare array or object; {@code {}} and null are empty. */
    static List<JsonNode> items(JsonNode node) {
        JsonNode list = node.isObject() && node.has("items") ? node.get("items") : node;
        List<JsonNode> items = new ArrayList<>();
        if (list.isArray()) {
            list.forEach(item -> {
                if (item.isObject()) {
                    items.add(item);
                }
            });
        } else if (list.isObject() && !list.isEmpty()) {
            items.add(list);
        }
        return items;
    }

    private static String text(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw new MalformedEventException(at + "." + field, "expected a value, found " + value.getNodeType()
                    .name().toLowerCase(java.util.Locale.ROOT));
        }
        return value.asText();
    }
}
