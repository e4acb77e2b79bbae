package dev.backstop.cli.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.event.CloudTrailEvent;
import java.util.List;

/**
 * The resource a CloudTrail event names, as a backtest reports it and counts the flapping breaker
 * by: the record's first {@code resources} ARN, else the first request parameter that names a
 * resource, IAM names made ARNs (so protected principals match them as they match the action's
 * target). An action finds its target by reading AWS; a replay cannot, so this is the event's word.
 */
final class EventResources {

    /** Request parameters that name the target, most specific first. */
    private static final List<String> NAMING_PARAMETERS = List.of("policyArn", "functionName", "bucketName", "groupId",
            "trailName", "name", "instanceId", "alarmName", "keyId", "accessKeyId", "topicArn", "queueUrl");

    private EventResources() {
    }

    static String of(CloudTrailEvent event) {
        JsonNode detail = event.tree().path("detail");
        JsonNode resources = detail.path("resources");
        if (resources.isArray() && !resources.isEmpty() && resources.get(0).path("ARN").isTextual()) {
            return resources.get(0).path("ARN").asText();
        }
        JsonNode request = event.detail().requestParameters();
        String account = event.account();
        if (text(request, "roleName") != null) {
            return "arn:aws:iam::" + account + ":role/" + text(request, "roleName");
        }
        if (text(request, "userName") != null) {
            return "arn:aws:iam::" + account + ":user/" + text(request, "userName");
        }
        for (String parameter : NAMING_PARAMETERS) {
            String value = text(request, parameter);
            if (value != null) {
                return value;
            }
        }
        return "-";
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isValueNode() && !value.isNull() && !value.asText().isBlank() ? value.asText() : null;
    }
}
