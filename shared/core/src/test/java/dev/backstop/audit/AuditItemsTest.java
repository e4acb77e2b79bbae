package dev.backstop.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.config.Mode;
import dev.backstop.rules.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Audit records as DynamoDB items and back, alarm decisions included. */
class AuditItemsTest {

    private final AuditItems items = new AuditItems(new ObjectMapper());

    private static final Instant AT = Instant.parse("2026-11-20T10:30:12.734Z");
    private static final ActionResult NOTIFIED = new ActionResult("alarm-lambda-ec2-notify", Severity.MEDIUM,
            "cloudwatch.notify", Mode.NOTIFY, "arn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout-api p99 latency",
            Outcome.NOTIFIED, Map.of("state", "ALARM"), Map.of("state", "ALARM"), ActionResult.noUndo(), "not run: tell the team");

    @Test
    void anAlarmDecisionComesBackAsItWasWritten() {
        AlarmContext alarm = new AlarmContext("checkout-api p99 latency",
                "arn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout-api p99 latency", "ALARM", "OK",
                "Threshold Crossed", List.of("checkout-api"), List.of(new RecentChange("deploy-1", "UpdateAlias20150331",
                        "lambda.amazonaws.com", AT.minusSeconds(240), "arn:aws:sts::123456789012:assumed-role/deployer/ci",
                        "checkout-api", false)), "more than 200 events from lambda.amazonaws.com in the window");
        AuditRecord record = new AuditRecord(alarm.alarmArn() + "#" + AT, alarm.alarmArn() + "#" + AT,
                "CloudWatch Alarm State Change", "aws.cloudwatch", "123456789012", "us-east-1", AT, AT.plusSeconds(2), null,
                null, null, Outcome.NOTIFIED, "matched alarm-lambda-ec2-notify", List.of(NOTIFIED), alarm);

        var item = items.toItem(record, "complete");

        assertThat(item.get("alarmName").s()).isEqualTo("checkout-api p99 latency");
        assertThat(item.get("alarmState").s()).isEqualTo("ALARM");
        assertThat(item.get("alarmResources").ss()).containsExactly("checkout-api");
        assertThat(items.fromItem(item)).isEqualTo(record);
    }

    @Test
    void aCloudTrailDecisionHasNoAlarmAndComesBackWithout() {
        AuditRecord record = new AuditRecord("c9e5", "c9e5", "StopLogging", "cloudtrail.amazonaws.com", "123456789012",
                "us-east-1", AT, AT, "arn:aws:iam::123456789012:user/mallory", "IAMUser", "203.0.113.7", Outcome.NO_MATCH,
                "no rule in force matched", List.of());

        var item = items.toItem(record, "complete");

        assertThat(item).doesNotContainKeys("alarmName", "changes");
        assertThat(items.fromItem(item)).isEqualTo(record);
    }
}
