package dev.backstop.correlate.lookup;

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
 * Auto Scaling groups, databases, tables, queues, and the security groups and roles
 * {@link RelatedResources} adds).
 *
 * @param instances the instances among {@code named}, whose groups and role can be read
 */
record AlarmResources(List<String> functions, List<String> named, List<String> instances) {

    /** Dimensions whose value CloudTrail's event history knows as a resource name. */
    private static final Set<String> NAMED = Set.of("InstanceId", "AutoScalingGroupName", "DBInstanceIdentifier",
            "DBClusterIdentifier", "TableName", "QueueName");
    /** LookupEvents allows two calls a second per account and region: look up a few resources, not every one. */
    static final int MOST = 5;

    AlarmResources {
        functions = List.copyOf(functions);
        named = List.copyOf(named);
        instances = List.copyOf(instances);
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
        List<String> keptFunctions = functions.stream().limit(MOST).toList();
        List<String> keptNamed = named.stream().limit(Math.max(0, MOST - keptFunctions.size())).toList();
        Set<String> instanceIds = new LinkedHashSet<>();
        alarm.metrics().forEach(metric -> {
            String instance = metric.dimensions().get("InstanceId");
            if (instance != null && keptNamed.contains(instance)) {
                instanceIds.add(instance);
            }
        });
        return new AlarmResources(keptFunctions, keptNamed, List.copyOf(instanceIds));
    }

    /**
     * These resources and then as many of {@code related} as the cap leaves room for: the
     * alarm's own resources always come first.
     */
    AlarmResources with(List<String> related) {
        List<String> added = related.stream().distinct().filter(name -> !named.contains(name))
                .limit(Math.max(0, MOST - functions.size() - named.size())).toList();
        return new AlarmResources(functions, Stream.concat(named.stream(), added.stream()).toList(), instances);
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
