package dev.backstop.action.ec2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.action.ResourceState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * An instance's network interfaces and the security groups of each, as read from EC2.
 *
 * @param groups security group ids by network interface id, in the order EC2 lists them
 * @param tags the instance's tags
 */
record InstanceInterfaces(String instanceId, String arn, String vpcId, Map<String, List<String>> groups,
        Map<String, String> tags) {

    static final String INSTANCE_ID = "instanceId";
    static final String GROUPS = "securityGroups";

    private static final ObjectMapper JSON = new ObjectMapper();

    InstanceInterfaces {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        groups.forEach((eni, ids) -> copy.put(eni, List.copyOf(ids)));
        groups = Collections.unmodifiableMap(copy);
        tags = Map.copyOf(tags);
    }

    /** Isolated (compliant) when every interface has the quarantine group and no other. */
    ResourceState state(String quarantineGroupId) {
        boolean isolated = !groups.isEmpty() && quarantineGroupId != null
                && groups.values().stream().allMatch(ids -> ids.equals(List.of(quarantineGroupId)));
        return new ResourceState(true, isolated, Map.of(INSTANCE_ID, instanceId, GROUPS, describe(groups)));
    }

    /**
     * {@code eni-1: sg-a, sg-b; eni-2: sg-c}, interfaces and groups sorted: EC2 lists them in no
     * promised order, and the state after an undo must read as the state before.
     */
    static String describe(Map<String, List<String>> groups) {
        return new TreeMap<>(groups).entrySet().stream()
                .map(entry -> entry.getKey() + ": " + entry.getValue().stream().sorted().collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
    }

    /** Version 1 undo data's record of the groups to put back, {@code {"eni-1":["sg-a","sg-b"]}} as text. */
    static Map<String, List<String>> groups(String json) {
        try {
            JsonNode node = JSON.readTree(json == null ? "" : json);
            if (node == null || !node.isObject() || node.isEmpty()) {
                throw new IllegalArgumentException("no interfaces");
            }
            Map<String, List<String>> groups = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                List<String> ids = new ArrayList<>();
                field.getValue().forEach(id -> ids.add(id.asText()));
                if (ids.isEmpty()) {
                    throw new IllegalArgumentException(field.getKey() + " has no groups");
                }
                groups.put(field.getKey(), ids);
            }
            return groups;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the undo data's interfaces are not a map of interface to groups: " + json, e);
        }
    }
}
