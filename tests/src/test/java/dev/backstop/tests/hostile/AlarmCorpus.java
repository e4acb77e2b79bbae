package dev.backstop.tests.hostile;

import static dev.backstop.tests.hostile.EventCorpus.bytes;
import static dev.backstop.tests.hostile.HostileCase.Kind.ALARM;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.testing.SampleEvents;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Hostile CloudWatch alarms in the three shapes AWS delivers them: dated out of range, with
 * numbers that are no numbers, JSON inside strings that breaks the limits, and fields too long.
 */
final class AlarmCorpus {

    private static final String EVENTBRIDGE = "alarms/eventbridge-ec2-cpu.json";
    private static final String SNS = "alarms/sns-lambda-latency.json";
    private static final String ACTION = "alarms/lambda-action-ec2-cpu.json";

    private AlarmCorpus() {
    }

    static void addTo(CorpusBuilder corpus) {
        eventBridge(corpus);
        sns(corpus);
        alarmAction(corpus);
    }

    private static byte[] edited(String sample, Consumer<ObjectNode> edit) {
        ObjectNode alarm = SampleEvents.read(sample);
        edit.accept(alarm);
        return bytes(alarm);
    }

    private static ObjectNode state(ObjectNode alarm) {
        return (ObjectNode) alarm.get("detail").get("state");
    }

    private static void eventBridge(CorpusBuilder corpus) {
        corpus.group("alarm-eventbridge");
        Map<String, String> times = Map.of("instant-min", "-1000000000-01-01T00:00:00Z", "year-zero", "0000-01-01T00:00:00Z",
                "instant-max", "+1000000000-12-31T23:59:59Z", "words", "soon");
        times.forEach((name, time) -> corpus.refused(ALARM, "state-time-" + name,
                edited(EVENTBRIDGE, a -> state(a).put("timestamp", time)), "detail.state.timestamp: not a timestamp"));
        corpus.refused(ALARM, "state-value-unknown", edited(EVENTBRIDGE, a -> state(a).put("value", "ALARM\r\nforged")),
                        "detail.state.value", "ALARM\\r\\nforged")
                .refused(ALARM, "reason-data-not-json", edited(EVENTBRIDGE, a -> state(a).put("reasonData", "{not json")),
                        "detail.state.reasonData: expected JSON inside the string")
                .refused(ALARM, "reason-data-nested-200-deep", edited(EVENTBRIDGE, a -> state(a).put("reasonData",
                        "[".repeat(200) + "]".repeat(200))), "detail.state.reasonData", "nested more than 64 levels deep")
                .refused(ALARM, "alarm-arn-of-10-kilobytes", edited(EVENTBRIDGE, a -> ((ArrayNode) a.get("resources"))
                        .set(0, "arn:aws:cloudwatch:us-east-1:123456789012:alarm:" + "n".repeat(10_000))),
                        "resources[0]", "longer than any ARN")
                .refused(ALARM, "alarm-arn-of-another-service", edited(EVENTBRIDGE, a -> ((ArrayNode) a.get("resources"))
                        .set(0, "arn:aws:iam::123456789012:role/x")), "resources[0]: not a CloudWatch alarm ARN")
                .refused(ALARM, "period-in-arabic-digits", edited(EVENTBRIDGE, a -> ((ObjectNode) a.at("/detail/configuration/metrics/0/metricStat"))
                        .put("period", "\u0663\u0660\u0660")), "period", "expected a whole number of seconds")
                .refused(ALARM, "period-of-twenty-digits", edited(EVENTBRIDGE, a -> ((ObjectNode) a.at("/detail/configuration/metrics/0/metricStat"))
                        .put("period", "99999999999999999999")), "period", "expected a whole number of seconds")
                .refused(ALARM, "dimension-value-a-list", edited(EVENTBRIDGE, a -> ((ObjectNode) a.at("/detail/configuration/metrics/0/metricStat/metric/dimensions"))
                        .putArray("InstanceId")), "dimensions.InstanceId")
                .refused(ALARM, "dotted-key-in-detail", edited(EVENTBRIDGE, a -> ((ObjectNode) a.get("detail"))
                        .put("state.value", "ALARM")), "\"state.value\"")
                .refused(ALARM, "account-twenty-digit-number", edited(EVENTBRIDGE, a -> a.put("account",
                        new java.math.BigInteger("12345678901234567890"))), "account")
                .accepted(ALARM, "dotted-dimension-name", edited(EVENTBRIDGE, a -> ((ObjectNode) a.at("/detail/configuration/metrics/0/metricStat/metric/dimensions"))
                        .put("my.dimension", "x")))
                .accepted(ALARM, "alarm-name-with-ansi-escape", edited(EVENTBRIDGE, a -> ((ObjectNode) a.get("detail"))
                        .put("alarmName", "cpu\u001b[2J")), "\u001b[2J");
    }

    private static void sns(CorpusBuilder corpus) {
        corpus.group("alarm-sns");
        corpus.refused(ALARM, "message-not-json", edited(SNS, a -> sns(a).put("Message", "not json")),
                        "Records[0].Sns.Message: not a CloudWatch alarm")
                .refused(ALARM, "message-nested-300-deep", edited(SNS, a -> sns(a).put("Message", "[".repeat(300) + "]".repeat(300))),
                        "Records[0].Sns.Message", "nested more than 64 levels deep")
                .refused(ALARM, "message-with-trailing-data", edited(SNS, a -> sns(a).put("Message", sns(a).get("Message").asText() + "{}")),
                        "Records[0].Sns.Message", "more data after the JSON document")
                .refused(ALARM, "threshold-nan", edited(SNS, a -> message(a, m -> ((ObjectNode) m.get("Trigger")).put("Threshold", "NaN"))),
                        "Threshold", "expected a number")
                .refused(ALARM, "threshold-hexadecimal", edited(SNS, a -> message(a, m -> ((ObjectNode) m.get("Trigger")).put("Threshold", "0x1p3"))),
                        "Threshold", "expected a number")
                .refused(ALARM, "state-change-time-min", edited(SNS, a -> message(a, m -> m.put("StateChangeTime", "-1000000000-01-01T00:00:00Z"))),
                        "StateChangeTime: not a timestamp")
                .refused(ALARM, "records-a-string", "{\"Records\": \"x\"}", "Records")
                .refused(ALARM, "sns-missing", "{\"Records\": [{\"EventSource\": \"aws:sns\"}]}", "Records[0].Sns: is missing")
                .refused(ALARM, "account-fullwidth", edited(SNS, a -> message(a, m -> m.put("AWSAccountId", "\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19\uff10\uff11\uff12"))),
                        "AWSAccountId");
    }

    private static ObjectNode sns(ObjectNode delivery) {
        return (ObjectNode) delivery.get("Records").get(0).get("Sns");
    }

    /** Edits the alarm inside the SNS message, which is JSON written into a string. */
    private static void message(ObjectNode delivery, Consumer<ObjectNode> edit) {
        ObjectNode message = (ObjectNode) EventCorpus.parse(sns(delivery).get("Message").asText());
        edit.accept(message);
        sns(delivery).put("Message", message.toString());
    }

    private static void alarmAction(CorpusBuilder corpus) {
        corpus.group("alarm-action");
        corpus.refused(ALARM, "time-instant-min", edited(ACTION, a -> a.put("time", "-1000000000-01-01T00:00:00Z")),
                        "time: not a timestamp")
                .refused(ALARM, "alarm-data-a-list", edited(ACTION, a -> a.putArray("alarmData")), "alarmData")
                .refused(ALARM, "source-not-cloudwatch", edited(ACTION, a -> a.put("source", "aws.cloudtrail")), "source")
                .refused(ALARM, "dotted-key-in-alarm-data", edited(ACTION, a -> ((ObjectNode) a.get("alarmData"))
                        .put("state.value", "ALARM")), "\"state.value\"");
    }
}
