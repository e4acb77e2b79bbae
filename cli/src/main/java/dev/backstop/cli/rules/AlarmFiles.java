package dev.backstop.cli.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.event.AlarmPayloadParser;
import dev.backstop.event.FindingParser;
import dev.backstop.event.JsonInput;
import dev.backstop.event.MalformedEventException;

/** Tells an alarm payload or a finding from a file of CloudTrail events, so plan reads each with its own parser. */
final class AlarmFiles {

    private AlarmFiles() {
    }

    /**
     * True for an EventBridge alarm event, a Lambda alarm action ({@code alarmData}) or an SNS
     * delivery ({@code Records[].Sns}, where a CloudTrail log file's records have {@code eventSource}).
     */
    static boolean isAlarm(byte[] content) {
        JsonNode root;
        try {
            root = JsonInput.read(content);
        } catch (MalformedEventException notAnAlarm) {
            return false; // a log file, gzipped or larger than one event, or no JSON at all: the CloudTrail reader says why
        }
        if (!root.isObject()) {
            return false;
        }
        return root.has("alarmData")
                || AlarmPayloadParser.DETAIL_TYPE.equals(root.path("detail-type").asText())
                || root.path("Records").path(0).has("Sns")
                || "aws:sns".equals(root.path("Records").path(0).path("EventSource").asText());
    }

    /** True for a "GuardDuty Finding" or "Security Hub Findings - Imported" event. */
    static boolean isFinding(byte[] content) {
        try {
            JsonNode root = JsonInput.read(content);
            return root.isObject() && FindingParser.isFinding(root);
        } catch (MalformedEventException notAFinding) {
            return false; // as for an alarm: the CloudTrail reader says why
        }
    }
}
