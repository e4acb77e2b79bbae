package dev.backstop.tests.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.telemetry.Degradation;
import dev.backstop.telemetry.Telemetry;
import java.util.Arrays;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The template alarms on every failure Backstop goes on after, degraded ({@link Degradation}):
 * a metric added there and not to the template's DegradedMetrics loop, or the other way round,
 * fails here, as does an alarm that would never fire on the metric as the handlers count it.
 */
class DegradationAlarmsTest {

    private static final SamTemplate TEMPLATE = SamTemplate.load();

    static Stream<Named<String>> metrics() {
        return Arrays.stream(Degradation.values()).map(Degradation::metric).map(metric -> Named.of(metric, metric));
    }

    @Test
    void theDegradedMetricsLoopListsExactlyTheDegradations() {
        JsonNode listed = TEMPLATE.loop("DegradedMetrics").get(1);

        assertThat(StreamSupport.stream(listed.spliterator(), false).map(JsonNode::asText).toList())
                .as("Fn::ForEach::DegradedMetrics against dev.backstop.telemetry.Degradation")
                .containsExactlyInAnyOrderElementsOf(metrics().map(Named::getPayload).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("metrics")
    void alarmsTheTeamOnTheFirstCountOfTheMetricAsTheHandlersWriteIt(String metric) {
        JsonNode alarm = TEMPLATE.resource(metric + "Alarm");
        JsonNode properties = alarm.path("Properties");

        assertThat(alarm.path("Type").asText()).isEqualTo("AWS::CloudWatch::Alarm");
        assertThat(properties.path("Namespace").asText() + "/" + properties.path("MetricName").asText())
                .isEqualTo(Telemetry.NAMESPACE + "/" + metric);
        // Telemetry.count writes the metric without dimensions: an alarm naming any would see no data.
        assertThat(properties.has("Dimensions")).as("%s alarm: dimensions", metric).isFalse();
        assertThat(properties.path("Statistic").asText() + " " + properties.path("ComparisonOperator").asText() + " "
                + properties.path("Threshold").asInt() + " " + properties.path("TreatMissingData").asText())
                .isEqualTo("Sum GreaterThanThreshold 0 notBreaching");
        assertThat(properties.path("AlarmActions").toString()).isEqualTo("[{\"Ref\":\"NotificationTopic\"}]");
    }
}
