package dev.backstop.rules;

import dev.backstop.config.Mode;
import java.util.List;
import java.util.Map;

/** The rules Backstop ships with until the rule pack makes them data. */
public final class BuiltInRules {

    public static final String TRAIL_LOGGING_STOPPED = "cloudtrail-logging-stopped";

    private BuiltInRules() {
    }

    public static List<Rule> all() {
        return List.of(new Rule(
                TRAIL_LOGGING_STOPPED,
                "A trail stopped logging: turn it back on, since a blind trail hides everything after it.",
                Severity.HIGH,
                """
                {"source": ["aws.cloudtrail"],
                 "detail-type": ["AWS API Call via CloudTrail"],
                 "detail": {"eventSource": ["cloudtrail.amazonaws.com"],
                            "eventName": ["StopLogging"],
                            "errorCode": [{"exists": false}]}}
                """,
                List.of(new ActionSpec("cloudtrail.start-logging", Map.of())),
                Mode.ENFORCE));
    }
}
