package dev.backstop.event;

import static dev.backstop.testing.SampleEvents.edited;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.testing.SampleEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlarmPayloadParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final AlarmPayloadParser parser = new AlarmPayloadParser();

    @Test
    void readsTheEventBridgeAlarmEventWithDimensionsAsAMap() {
        AlarmEvent alarm = parser.parse(bytes("alarms/eventbridge-lambda-errors.json"));

        assertThat(alarm.alarmName()).isEqualTo("checkout-api errors");
        assertThat(alarm.alarmArn()).isEqualTo("arn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout-api errors");
        assertThat(alarm.account()).isEqualTo("123456789012");
        assertThat(alarm.region()).isEqualTo("us-east-1");
        assertThat(alarm.state()).isEqualTo("ALARM");
        assertThat(alarm.previousState()).isEqualTo("OK");
        assertThat(alarm.reason()).startsWith("Threshold Crossed: 1 out of the last 1 datapoints [7.0");
        assertThat(alarm.time()).isEqualTo(Instant.parse("2026-11-20T10:15:30.418Z"));
        assertThat(alarm.id()).isEqualTo("arn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout-api errors#2026-11-20T10:15:30.418Z");
        assertThat(alarm.metrics()).containsExactly(new AlarmMetric("8f4a6d9e-2b1c-4e7a-9d3f-5a6b7c8d9e0f", "AWS/Lambda",
                "Errors", Map.of("FunctionName", "checkout-api", "Resource", "checkout-api:live"), "Sum", 60, null));
        assertThat(alarm.dimension("Resource")).contains("checkout-api:live");
        assertThat(alarm.composite()).isFalse();
        assertThat(alarm.tree().path("detail").path("state").path("value").asText()).isEqualTo("ALARM");
    }

    @Test
    void readsTheThresholdFromReasonDataWrittenAsJsonInsideAString() {
        AlarmEvent alarm = parser.parse(bytes("alarms/eventbridge-ec2-cpu.json"));

        assertThat(alarm.reasonData()).startsWith("{\"version\":\"1.0\"");
        assertThat(alarm.threshold()).isEqualTo(50.0);
        assertThat(alarm.comparison()).isNull();
        assertThat(alarm.dimension("InstanceId")).contains("i-0abcd1234ef567890");
    }

    @Test
    void readsAMetricMathAlarmAsItsQueriesAndExpression() {
        AlarmEvent alarm = parser.parse(bytes("alarms/eventbridge-metric-math.json"));

        assertThat(alarm.metrics()).extracting(AlarmMetric::id).containsExactly("e1", "errors", "invocations");
        assertThat(alarm.metrics().get(0).expression()).isEqualTo("100 * errors / invocations");
        assertThat(alarm.metrics().get(0).namespace()).isNull();
        assertThat(alarm.dimension("FunctionName")).contains("orders");
        assertThat(alarm.region()).isEqualTo("eu-west-1");
    }

    @Test
    void readsACompositeAlarmAsItsRuleWithoutMetrics() {
        AlarmEvent alarm = parser.parse(bytes("alarms/eventbridge-composite.json"));

        assertThat(alarm.composite()).isTrue();
        assertThat(alarm.alarmRule()).isEqualTo("ALARM(ServerCpuTooHigh) OR ALARM(TotalNetworkTrafficTooHigh)");
        assertThat(alarm.metrics()).isEmpty();
        assertThat(alarm.threshold()).isNull();
    }

    @Test
    void readsAnSnsDeliveredAlarmWithDimensionsAsANameValueListAndTheRegionFromTheArn() {
        AlarmEvent alarm = parser.parse(bytes("alarms/sns-lambda-latency.json"));

        assertThat(alarm.alarmName()).isEqualTo("checkout-api p99 latency");
        assertThat(alarm.region()).isEqualTo("us-east-1");
        assertThat(alarm.time()).isEqualTo(Instant.parse("2026-11-20T10:30:12.734Z"));
        assertThat(alarm.previousState()).isEqualTo("OK");
        assertThat(alarm.threshold()).isEqualTo(1500.0);
        assertThat(alarm.comparison()).isEqualTo("GreaterThanThreshold");
        assertThat(alarm.metrics()).containsExactly(new AlarmMetric(null, "AWS/Lambda", "Duration",
                Map.of("Resource", "checkout-api:live", "FunctionName", "checkout-api"), "p99", 60, null));
    }

    @Test
    void writesAnSnsDeliveredAlarmInTheEventBridgeShapeSoOneRuleMatchesBoth() {
        AlarmEvent alarm = parser.parse(bytes("alarms/sns-lambda-latency.json"));

        var tree = alarm.tree();
        assertThat(tree.path("detail-type").asText()).isEqualTo("CloudWatch Alarm State Change");
        assertThat(tree.path("source").asText()).isEqualTo("aws.cloudwatch");
        assertThat(tree.path("region").asText()).isEqualTo("us-east-1");
        assertThat(tree.path("resources").get(0).asText()).isEqualTo(alarm.alarmArn());
        assertThat(tree.path("detail").path("state").path("value").asText()).isEqualTo("ALARM");
        var metric = tree.path("detail").path("configuration").path("metrics").get(0).path("metricStat");
        assertThat(metric.path("metric").path("dimensions").path("FunctionName").asText()).isEqualTo("checkout-api");
        assertThat(metric.path("metric").path("namespace").asText()).isEqualTo("AWS/Lambda");
        assertThat(metric.path("stat").asText()).isEqualTo("p99");
    }

    @Test
    void spellsSnsStatisticsAsEventBridgeDoes() {
        List<AlarmPayloadParser.Entry> entries = parser.read(bytes("alarms/sns-two-records.json"));

        AlarmEvent statusCheck = entries.get(0).alarm();
        assertThat(statusCheck.metrics().get(0).statistic()).isEqualTo("Maximum");
        assertThat(statusCheck.previousState()).isEqualTo("INSUFFICIENT_DATA");
        assertThat(statusCheck.region()).isEqualTo("eu-west-1");
    }

    @Test
    void readsEveryRecordOfOneSnsDelivery() {
        List<AlarmPayloadParser.Entry> entries = parser.read(bytes("alarms/sns-two-records.json"));

        assertThat(entries).extracting(AlarmPayloadParser.Entry::where).containsExactly("Records[0]", "Records[1]");
        assertThat(entries).extracting(entry -> entry.alarm().alarmName())
                .containsExactly("web-1 status check failed", "orders error rate");
        AlarmEvent math = entries.get(1).alarm();
        assertThat(math.metrics()).extracting(AlarmMetric::id).containsExactly("e1", "errors", "invocations");
        assertThat(math.metrics().get(1).dimensions()).containsEntry("FunctionName", "orders");
        assertThat(math.tree().path("detail").path("configuration").path("metrics").get(0).path("expression").asText())
                .isEqualTo("100 * errors / invocations");
    }

    @Test
    void readsAnSnsDeliveredCompositeAlarm() {
        AlarmEvent alarm = parser.parse(bytes("alarms/sns-composite.json"));

        assertThat(alarm.composite()).isTrue();
        assertThat(alarm.alarmRule()).isEqualTo("ALARM(\"checkout-api p99 latency\") OR ALARM(\"checkout-api errors\")");
        assertThat(alarm.tree().path("detail").path("configuration").path("alarmRule").asText()).isEqualTo(alarm.alarmRule());
    }

    @Test
    void readsTheLambdaAlarmActionPayload() {
        AlarmEvent alarm = parser.parse(bytes("alarms/lambda-action-ec2-cpu.json"));

        assertThat(alarm.alarmName()).isEqualTo("ServerCpuTooHigh");
        assertThat(alarm.account()).isEqualTo("123456789012");
        assertThat(alarm.dimension("InstanceId")).contains("i-0abcd1234ef567890");
        assertThat(alarm.tree().path("detail-type").asText()).isEqualTo("CloudWatch Alarm State Change");
        assertThat(alarm.tree().path("detail").path("alarmName").asText()).isEqualTo("ServerCpuTooHigh");
    }

    @Test
    void givesOneStateChangeTheSameIdWhicheverWayItWasDelivered() {
        AlarmEvent fromEventBridge = parser.parse(bytes("alarms/eventbridge-ec2-cpu.json"));
        AlarmEvent fromAlarmAction = parser.parse(bytes("alarms/lambda-action-ec2-cpu.json"));

        assertThat(fromAlarmAction.id()).isEqualTo(fromEventBridge.id());
    }

    @Test
    void readsOffsetsWithoutAColon() {
        AlarmEvent alarm = parser.parse(edited("alarms/eventbridge-ec2-cpu.json",
                event -> state(event).put("timestamp", "2023-08-04T12:36:15.490+0000")));

        assertThat(alarm.time()).isEqualTo(Instant.parse("2023-08-04T12:36:15.490Z"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            state value unknown      | detail.state.value      | value     | ALARMING
            state time not a time    | detail.state.timestamp  | timestamp | yesterday
            reasonData not JSON      | detail.state.reasonData | reasonData | {not json
            """)
    void namesTheFieldOfAMalformedEventBridgeAlarm(String name, String path, String field, String value) {
        byte[] payload = edited("alarms/eventbridge-ec2-cpu.json", event -> state(event).put(field, value));

        assertThatThrownBy(() -> parser.parse(payload)).isInstanceOf(MalformedEventException.class)
                .extracting(e -> ((MalformedEventException) e).field()).isEqualTo(path);
    }

    @Test
    void namesTheMissingDimensionValueOfAnSnsRecordByItsPathInTheDelivery() throws Exception {
        ObjectNode delivery = SampleEvents.read("alarms/sns-two-records.json");
        ObjectNode sns = (ObjectNode) delivery.path("Records").get(1).path("Sns");
        ObjectNode message = (ObjectNode) JSON.readTree(sns.path("Message").asText());
        ((ObjectNode) message.path("Trigger").path("Metrics").get(1).path("MetricStat").path("Metric")
                .path("Dimensions").get(0)).remove("value");
        sns.put("Message", message.toString());

        List<AlarmPayloadParser.Entry> entries = parser.read(delivery.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(entries.get(0).alarm()).isNotNull();
        assertThat(entries.get(1).error().field())
                .isEqualTo("Records[1].Sns.Message.Trigger.Metrics[1].MetricStat.Metric.Dimensions[0].value");
    }

    @Test
    void rejectsAnSnsMessageThatIsNotJson() {
        byte[] payload = edited("alarms/sns-lambda-latency.json",
                delivery -> ((ObjectNode) delivery.path("Records").get(0).path("Sns")).put("Message", "ALARM!"));

        assertThat(parser.read(payload).get(0).error().field()).isEqualTo("Records[0].Sns.Message");
    }

    @Test
    void rejectsAnAlarmArnThatIsNotOne() {
        byte[] payload = edited("alarms/lambda-action-ec2-cpu.json", action -> action.put("alarmArn", "ServerCpuTooHigh"));

        assertThat(parser.read(payload).get(0).error().field()).isEqualTo("alarmArn");
    }

    @Test
    void rejectsAnotherEventBridgeEventNamingTheDetailType() {
        List<AlarmPayloadParser.Entry> entries = parser.read(bytes("cloudtrail/stop-logging.json"));

        assertThat(entries.get(0).error().field()).isEqualTo("detail-type");
    }

    @Test
    void rejectsAPayloadOfNoKnownShape() {
        assertThat(parser.read("{\"hello\":1}".getBytes(StandardCharsets.UTF_8)).get(0).error().field()).isEqualTo("$");
        assertThat(parser.read("[1".getBytes(StandardCharsets.UTF_8)).get(0).error().getMessage()).startsWith("$: not valid JSON");
    }

    private static ObjectNode state(ObjectNode event) {
        return (ObjectNode) event.path("detail").path("state");
    }

    private static byte[] bytes(String name) {
        return edited(name, event -> { });
    }
}
