package dev.backstop.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.text.Shown;
import java.time.Instant;
import java.util.Set;

/** The checks every alarm shape shares: state values, reason data, and the id that is stable across deliveries. */
final class AlarmStates {

    static final Set<String> VALUES = Set.of("ALARM", "OK", "INSUFFICIENT_DATA");

    private AlarmStates() {
    }

    static String state(JsonFields fields, String name) {
        String value = fields.requiredText(name);
        if (!VALUES.contains(value)) {
            throw new MalformedEventException(fields.at(name), "expected ALARM, OK or INSUFFICIENT_DATA, found " + Shown.quoted(value));
        }
        return value;
    }

    /** The same state change keeps this id whichever way it was delivered. */
    static String id(AlarmArn arn, Instant stateChangedAt) {
        return arn.arn() + "#" + stateChangedAt;
    }

    /** {@code reasonData} is JSON written into a string; its threshold, when it has one. */
    static Double thresholdInReasonData(String reasonData, String path) {
        if (reasonData == null || reasonData.isBlank()) {
            return null;
        }
        JsonNode data;
        try {
            data = JsonInput.read(reasonData);
        } catch (MalformedEventException e) {
            throw new MalformedEventException(path, "expected JSON inside the string: " + e.problem());
        }
        if (!data.isObject()) {
            throw new MalformedEventException(path, "expected a JSON object inside the string");
        }
        JsonNode threshold = data.get("threshold");
        return threshold != null && threshold.isNumber() ? threshold.asDouble() : null;
    }
}
