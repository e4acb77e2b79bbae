package dev.backstop.cli.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.event.AlarmPayloadParser;
import dev.backstop.event.FindingParser;
import java.io.IOException;

/** Tells an alarm payload or a finding from a file of CloudTrail events, so plan reads each with its own parser. */
final class AlarmFiles {

    private AlarmFiles() {
    }

    /**
     * True for an EventBridge alarm event, a Lambda alarm action ({@code alarmData}) or an SNS
     * delivery ({@code Records[].Sns}, where a CloudTrail log file's records have {@code eventSource}).
     */
    static boolean isAlarm(ObjectMapper mapper, byte[] content) {
        JsonNode root = tree(mapper, content);
        if (root == null || !root.isObject()) {
            return false;
        }
        return root.has("alarmData")
                || AlarmPayloadParser.DETAIL_TYPE.equals(root.path("detail-type").asText())
                || root.path("Records").path(0).has("Sns");
    }

    /** True for a "GuardDuty Finding" or "Security Hub Findings - Imported" event. */
    static boolean isFinding(ObjectMapper mapper, byte[] content) {
        JsonNode root = tree(mapper, content);
        return root != null && root.isObject() && FindingParser.isFinding(root);
    }

    private static JsonNode tree(ObjectMapper mapper, byte[] content) {
        try {
            return mapper.readTree(content);
        } catch (IOException notJson) {
            return null; // gzipped CloudTrail logs, or no JSON at all: the CloudTrail reader says why
        }
    }
}
