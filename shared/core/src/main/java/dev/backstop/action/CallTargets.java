package dev.backstop.action;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.aws.Partitions;
import dev.backstop.event.CloudTrailEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The resources an API call names, as ARNs in the event's account and region, read from the
 * call's {@code requestParameters} the way each service's CloudTrail record spells them. For the
 * actions that guard Backstop's own resources: what a call named is compared with the ARN
 * patterns of {@link dev.backstop.config.OwnResources}. A field missing or of the wrong shape
 * names nothing (an empty result), never an exception.
 *
 * <pre>{@code
 * Optional<String> key = CallTargets.key(event);          // DisableKey, ScheduleKeyDeletion, PutKeyPolicy
 * List<String> alarms = CallTargets.alarms(event);        // DisableAlarmActions, DeleteAlarms
 * }</pre>
 */
public final class CallTargets {

    private CallTargets() {
    }

    /**
     * What the call names, by the service that recorded it: a rule, a function, a role (looked up
     * among {@code knownRoles}), a table, a topic, a queue, a key, alarms, an S3 object or a
     * Scheduler schedule; nothing
     * for another service.
     */
    public static List<String> of(CloudTrailEvent event, List<String> knownRoles) {
        return switch (event.detail().eventSource()) {
            case "events.amazonaws.com" -> rule(event).stream().toList();
            case "lambda.amazonaws.com" -> function(event).stream().toList();
            case "iam.amazonaws.com" -> role(event, knownRoles).stream().toList();
            case "dynamodb.amazonaws.com" -> table(event).stream().toList();
            case "sns.amazonaws.com" -> topic(event).stream().toList();
            case "sqs.amazonaws.com" -> queue(event).stream().toList();
            case "kms.amazonaws.com" -> key(event).stream().toList();
            case "monitoring.amazonaws.com" -> alarms(event);
            case "s3.amazonaws.com" -> object(event).stream().toList();
            case "scheduler.amazonaws.com" -> (event.detail().eventName().equals("DeleteScheduleGroup")
                    ? scheduleGroup(event) : schedule(event)).stream().toList();
            default -> List.of();
        };
    }

    /** {@code arn:<partition>:<service>:<region>:<account>:<resource>} in the event's account and region. */
    public static Optional<String> regional(CloudTrailEvent event, String service, String resource) {
        if (event.region() == null || event.account() == null || resource == null || resource.isBlank()) {
            return Optional.empty();
        }
        return Optional.of("arn:" + Partitions.of(event.region()) + ":" + service + ":" + event.region() + ":"
                + event.account() + ":" + resource);
    }

    /**
     * EventBridge: the rule named by {@code name} (DisableRule, DeleteRule, PutRule) or {@code rule}
     * (PutTargets, RemoveTargets), on {@code eventBusName} (a name or an ARN), else the default bus.
     */
    public static Optional<String> rule(CloudTrailEvent event) {
        JsonNode request = event.detail().requestParameters();
        String name = text(request, "name").isEmpty() ? text(request, "rule") : text(request, "name");
        String bus = text(request, "eventBusName");
        bus = bus.substring(bus.lastIndexOf('/') + 1);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return regional(event, "events", "rule/" + (bus.isEmpty() || bus.equals("default") ? "" : bus + "/") + name);
    }

    /**
     * Lambda: {@code functionName}, a name, an ARN or a partial ARN ({@code 123456789012:function:name}),
     * maybe qualified; the unqualified function ARN.
     */
    public static Optional<String> function(CloudTrailEvent event) {
        String named = text(event.detail().requestParameters(), "functionName");
        String[] parts = named.split(":");
        if (named.startsWith("arn:")) {
            return parts.length >= 7 && parts[5].equals("function") && !parts[6].isEmpty()
                    ? Optional.of(String.join(":", parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], parts[6]))
                    : Optional.empty();
        }
        if (parts.length >= 3 && parts[1].equals("function") && event.region() != null) {
            return Optional.of("arn:" + Partitions.of(event.region()) + ":lambda:" + event.region() + ":" + parts[0]
                    + ":function:" + parts[2]);
        }
        return named.isEmpty() ? Optional.empty() : regional(event, "lambda", "function:" + parts[0]);
    }

    /** KMS: {@code keyId}, a key id or a key ARN (these calls take no alias). */
    public static Optional<String> key(CloudTrailEvent event) {
        String keyId = text(event.detail().requestParameters(), "keyId");
        if (keyId.startsWith("arn:")) {
            return keyId.contains(":key/") ? Optional.of(keyId) : Optional.empty();
        }
        return keyId.isEmpty() || keyId.startsWith("alias/") ? Optional.empty() : regional(event, "kms", "key/" + keyId);
    }

    /** CloudWatch: {@code alarmNames}, a list. */
    public static List<String> alarms(CloudTrailEvent event) {
        List<String> alarms = new ArrayList<>();
        for (JsonNode name : event.detail().requestParameters().path("alarmNames")) {
            if (name.isTextual() && !name.asText().isBlank()) {
                regional(event, "cloudwatch", "alarm:" + name.asText()).ifPresent(alarms::add);
            }
        }
        return alarms;
    }

    /** DynamoDB: {@code tableName}, a name or a table ARN. */
    public static Optional<String> table(CloudTrailEvent event) {
        String table = text(event.detail().requestParameters(), "tableName");
        if (table.isEmpty()) {
            return Optional.empty();
        }
        return table.startsWith("arn:") ? Optional.of(table) : regional(event, "dynamodb", "table/" + table);
    }

    /** SNS: {@code topicArn}, or the topic of {@code subscriptionArn} (the topic's ARN and an id). */
    public static Optional<String> topic(CloudTrailEvent event) {
        JsonNode request = event.detail().requestParameters();
        String topic = text(request, "topicArn");
        if (topic.startsWith("arn:")) {
            return Optional.of(topic);
        }
        String subscription = text(request, "subscriptionArn");
        int id = subscription.lastIndexOf(':');
        return subscription.startsWith("arn:") && id > 0 ? Optional.of(subscription.substring(0, id)) : Optional.empty();
    }

    /** SQS: {@code queueUrl}, {@code https://sqs.<region>.amazonaws.com/<account>/<name>}. */
    public static Optional<String> queue(CloudTrailEvent event) {
        String[] path = text(event.detail().requestParameters(), "queueUrl").replaceFirst("^[a-z]+://[^/]*/", "").split("/");
        if (path.length != 2 || !path[0].matches("\\d{12}") || path[1].isBlank() || event.region() == null) {
            return Optional.empty();
        }
        return Optional.of("arn:" + Partitions.of(event.region()) + ":sqs:" + event.region() + ":" + path[0] + ":" + path[1]);
    }

    /**
     * EventBridge Scheduler (DeleteSchedule, UpdateSchedule): {@code name} in {@code groupName},
     * else the group {@code default}, as {@code arn:<partition>:scheduler:<region>:<account>:schedule/<group>/<name>}.
     */
    public static Optional<String> schedule(CloudTrailEvent event) {
        JsonNode request = event.detail().requestParameters();
        String name = text(request, "name");
        String group = text(request, "groupName");
        if (name.isEmpty() || name.contains("/") || group.contains("/")) {
            return Optional.empty();
        }
        return regional(event, "scheduler", "schedule/" + (group.isEmpty() ? "default" : group) + "/" + name);
    }

    /** EventBridge Scheduler's group calls (DeleteScheduleGroup): {@code name}, as its {@code schedule-group/} ARN. */
    public static Optional<String> scheduleGroup(CloudTrailEvent event) {
        String name = text(event.detail().requestParameters(), "name");
        return name.contains("/") ? Optional.empty() : regional(event, "scheduler", "schedule-group/" + name);
    }

    /** S3 object calls: {@code bucketName} and {@code key}, as {@code arn:<partition>:s3:::<bucket>/<key>}. */
    public static Optional<String> object(CloudTrailEvent event) {
        JsonNode request = event.detail().requestParameters();
        String bucket = text(request, "bucketName");
        String key = text(request, "key");
        if (bucket.isBlank() || key.isBlank() || event.region() == null) {
            return Optional.empty();
        }
        return Optional.of("arn:" + Partitions.of(event.region()) + ":s3:::" + bucket + "/" + key);
    }

    /**
     * IAM role calls name the role by {@code roleName} only, but a role's ARN has its path: the
     * role is looked up among the known role ARNs ({@code known}, exact), in the event's account,
     * else taken to be at the root path.
     */
    public static Optional<String> role(CloudTrailEvent event, List<String> known) {
        String name = text(event.detail().requestParameters(), "roleName");
        if (name.isBlank() || event.account() == null) {
            return Optional.empty();
        }
        String prefix = ":iam::" + event.account() + ":role/";
        return known.stream()
                .filter(arn -> arn.contains(prefix) && !arn.contains("*") && arn.endsWith("/" + name))
                .findFirst()
                .or(() -> Optional.of("arn:" + Partitions.of(event.region() == null ? "us-east-1" : event.region())
                        + prefix + name));
    }

    private static String text(JsonNode tree, String field) {
        JsonNode value = tree == null ? null : tree.get(field);
        return value != null && value.isTextual() ? value.asText().trim() : "";
    }
}
