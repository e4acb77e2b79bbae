package dev.backstop.testing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.backstop.event.AlarmEvent;
import dev.backstop.event.AlarmMetric;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Alarm events as the alarm parser hands them to actions, for the actions' own tests. */
public final class TestAlarms {

    public static final String ACCOUNT = "123456789012";
    public static final String REGION = "us-east-1";

    private TestAlarms() {
    }

    /** An alarm in {@code state} on one metric with these dimensions. */
    public static AlarmEvent alarm(String name, String state, String namespace, String metric,
            Map<String, String> dimensions) {
        String arn = "arn:aws:cloudwatch:" + REGION + ":" + ACCOUNT + ":alarm:" + name;
        Instant time = Instant.parse("2026-11-20T10:31:00Z");
        return new AlarmEvent(arn + "#" + time, name, arn, ACCOUNT, REGION, state, "OK",
                "Threshold Crossed: 1 datapoint [2150.0 (20/11/26 10:30:00)] was greater than the threshold (1500.0).",
                null, time, List.of(new AlarmMetric(null, namespace, metric, dimensions, "p99", 60, null)), null, 1500.0,
                "GreaterThanThreshold", JsonNodeFactory.instance.objectNode());
    }

    /** A Lambda latency alarm in ALARM on these dimensions. */
    public static AlarmEvent lambdaAlarm(Map<String, String> dimensions) {
        return alarm("checkout-api p99 latency", "ALARM", "AWS/Lambda", "Duration", dimensions);
    }
}
