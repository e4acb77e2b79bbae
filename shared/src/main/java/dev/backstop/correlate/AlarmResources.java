package dev.backstop.correlate;

import dev.backstop.event.AlarmEvent;
import dev.backstop.event.AlarmMetric;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The resources an alarm's metric dimensions name, as CloudTrail's event history can look them
 * up: Lambda functions (from {@code FunctionName}, and {@code Resource}, which names an alias or
 * version as {@code function:qualifier}) and resources CloudTrail records by name (instances,
 * Auto Scaling groups, databases, tables, queues).
 */
record AlarmResources(List<String> functions, List<String> named) {

    /** Dimensions whose value CloudTrail's event history knows as a resource name. */
    private static final Set<String> NAMED = Set.of("InstanceId", "AutoScalingGroupName", "DBInstanceIdentifier",
            "DBClusterIdentifier", "TableName", "QueueName");
    /** LookupEvents allows two calls a second per account and region: look up a few resources, not every one. */
    static final int MOST = 5;

    AlarmResources {
        functions = List.copyOf(functions);
        named = List.copyOf(named);
    }

    static AlarmResources of(AlarmEvent alarm) {
        Set<String> functions = new LinkedHashSet<>();
        Set<String> named = new LinkedHashSet<>();
        for (AlarmMetric metric : alarm.metrics()) {
            for (Map.Entry<String, String> dimension : metric.dimensions().entrySet()) {
                String value = dimension.getValue();
                if (dimension.getKey().equals("FunctionName") || dimension.getKey().equals("Resource")
                        && "AWS/Lambda".equals(metric.namespace())) {
                    functions.add(functionName(value));
                } else if (NAMED.contains(dimension.getKey())) {
                    named.add(value);
                }
            }
        }
        return new AlarmResources(functions.stream().limit(MOST).toList(),
                named.stream().limit(Math.max(0, MOST - functions.size())).toList());
    }

    boolean isEmpty() {
        return functions.isEmpty() && named.isEmpty();
    }

    List<String> all() {
        return Stream.concat(functions.stream(), named.stream()).toList();
    }

    /**
     * The function a CloudTrail request or a dimension names, without its qualifier: the name, an
     * ARN ({@code arn:aws:lambda:...:function:name:alias}), or {@code name:alias}.
     */
    static String functionName(String reference) {
        int function = reference.indexOf(":function:");
        String rest = function >= 0 ? reference.substring(function + ":function:".length()) : reference;
        int qualifier = rest.indexOf(':');
        return qualifier >= 0 ? rest.substring(0, qualifier) : rest;
    }
}
