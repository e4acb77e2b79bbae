package dev.backstop.tests.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Fn::ForEach loops of template.yaml give every function, and only in the regions it exists
 * in, a log group named after it that its role alone may write (and no other Logs permission),
 * alarms on its errors and throttles, and to a function run on a schedule an alarm on silence.
 * A function left out of a loop, or put in the wrong one, fails here.
 */
class FunctionLoopsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SamTemplate TEMPLATE = SamTemplate.load();
    /** The loop for functions in every region, and the one for those with Condition IsIamRegion. */
    private static final Map<String, String> LOOP_BY_CONDITION = Map.of("", "Functions", "IsIamRegion", "UsEast1Functions");
    private static final Pattern RATE_IN_MINUTES = Pattern.compile("rate\\((?:\\$\\{(\\w+)}|(\\d+)) minutes?\\)");

    static Stream<Named<String>> functions() {
        return TEMPLATE.resourcesOfType("AWS::Serverless::Function").keySet().stream().map(id -> Named.of(id, id));
    }

    @Test
    void everyFunctionIsInTheLoopForTheRegionsItExistsIn() {
        Map<String, Set<String>> expected = new TreeMap<>();
        LOOP_BY_CONDITION.values().forEach(loop -> expected.put(loop, new TreeSet<>()));
        TEMPLATE.resourcesOfType("AWS::Serverless::Function").forEach((function, resource) -> {
            String loop = LOOP_BY_CONDITION.get(resource.path("Condition").asText(""));
            assertThat(loop).as("%s: no per-function loop for its Condition %s", function, resource.path("Condition"))
                    .isNotNull();
            expected.get(loop).add(function);
        });
        Map<String, Set<String>> actual = new TreeMap<>();
        LOOP_BY_CONDITION.values().forEach(loop -> actual.put(loop, new TreeSet<>(texts(TEMPLATE.loop(loop).get(1)))));

        assertThat(actual).as("the functions each per-function loop of template.yaml lists").isEqualTo(expected);
    }

    @Test
    void theUsEast1LoopMakesWhatTheOtherMakesOnlyInUsEast1() {
        JsonNode everywhere = TEMPLATE.loop(LOOP_BY_CONDITION.get("")).get(2);
        ObjectNode usEast1 = TEMPLATE.loop(LOOP_BY_CONDITION.get("IsIamRegion")).get(2).deepCopy();
        usEast1.properties().forEach(made -> {
            assertThat(made.getValue().path("Condition").asText()).as(made.getKey()).isEqualTo("IsIamRegion");
            ((ObjectNode) made.getValue()).remove("Condition");
        });

        assertThat(usEast1).as("the UsEast1Functions body, its Conditions left out").isEqualTo(everywhere);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void hasALogGroupNamedAfterItKeptForTheRetentionParameter(String function) {
        JsonNode group = madeFor(function, "LogGroup", "AWS::Logs::LogGroup");

        assertThat(group.path("Properties").path("LogGroupName"))
                .isEqualTo(json("{\"Fn::Join\": [\"\", [\"/aws/lambda/\", {\"Ref\": \"" + function + "\"}]]}"));
        assertThat(group.path("Properties").path("RetentionInDays")).isEqualTo(json("{\"Ref\": \"LogRetentionInDays\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void mayWriteToItsOwnLogGroupAndHasNoOtherLogsPermission(String function) {
        madeFor(function, "LogsPolicy", "AWS::IAM::Policy");
        // Writing log events; a log group's retention or a flow log's delivery is some functions' remediation.
        List<JsonNode> logs = RolePermissions.statements(TEMPLATE, function + "Role").stream()
                .filter(statement -> Intrinsics.actions(statement).stream()
                        .anyMatch(action -> action.matches("logs:(CreateLogGroup|CreateLogStream|PutLogEvents|\\*)")))
                .toList();

        assertThat(logs).as("%s's role: its statements that let it write log events", function).hasSize(1);
        assertThat(Intrinsics.actions(logs.get(0))).containsExactlyInAnyOrder("logs:CreateLogStream", "logs:PutLogEvents");
        assertThat(logs.get(0).path("Resource"))
                .isEqualTo(json("{\"Fn::GetAtt\": [\"" + function + "LogGroup\", \"Arn\"]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void alarmsTheTeamOnItsErrorsAndThrottles(String function) {
        for (String metric : List.of("Errors", "Throttles")) {
            JsonNode alarm = madeFor(function, metric + "Alarm", "AWS::CloudWatch::Alarm").path("Properties");

            assertThat(alarm.path("Namespace").asText() + "/" + alarm.path("MetricName").asText()).isEqualTo("AWS/Lambda/" + metric);
            assertThat(alarm.path("Dimensions"))
                    .isEqualTo(json("[{\"Name\": \"FunctionName\", \"Value\": {\"Ref\": \"" + function + "\"}}]"));
            assertThat(alarm.path("ComparisonOperator").asText() + " " + alarm.path("Threshold").asInt())
                    .isEqualTo("GreaterThanThreshold 0");
            assertThat(alarm.path("AlarmActions")).isEqualTo(json("[{\"Ref\": \"NotificationTopic\"}]"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void runsAsARoleOfItsOwnThatOnlyLambdaMayAssume(String function) {
        JsonNode role = madeFor(function, "Role", "AWS::IAM::Role").path("Properties");

        assertThat(TEMPLATE.resource(function).path("Properties").path("Role"))
                .as("%s: the loops find its role as %sRole", function, function)
                .isEqualTo(json("{\"Fn::GetAtt\": [\"" + function + "Role\", \"Arn\"]}"));
        assertThat(role.path("AssumeRolePolicyDocument").path("Statement")).isEqualTo(json(
                "[{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"lambda.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]"));
        assertThat(TEMPLATE.rolesAttaching("HandlerPolicy")).as("roles with HandlerPolicy")
                .contains(Intrinsics.named(function + "Role", TEMPLATE.resource(function + "Role")));
    }

    @Test
    void functionsRunOnAScheduleAndOnlyTheyAlarmWhenSilentLongerThanTheirLongestGap() {
        List<String> scheduled = new ArrayList<>();
        TEMPLATE.resourcesOfType("AWS::Serverless::Function").forEach((function, resource) ->
                resource.path("Properties").path("Events").forEach(event -> {
                    if (event.path("Type").asText().startsWith("Schedule")) {
                        scheduled.add(function);
                        JsonNode alarm = madeFor(function, "SilenceAlarm", "AWS::CloudWatch::Alarm").path("Properties");
                        assertThat(alarm.path("MetricName").asText()).isEqualTo("Invocations");
                        assertThat(alarm.path("ComparisonOperator").asText() + " " + alarm.path("Threshold").asInt())
                                .isEqualTo("LessThanThreshold 1");
                        assertThat(alarm.path("TreatMissingData").asText()).isEqualTo("breaching");
                        assertThat(longestGapMinutes(function, event) * 60)
                                .as("%s: the longest time between two runs, in seconds, against the alarm's period", function)
                                .isLessThanOrEqualTo(alarm.path("Period").asInt());
                    }
                }));

        assertThat(texts(TEMPLATE.loop("ScheduledFunctions").get(1))).as("Fn::ForEach::ScheduledFunctions")
                .containsExactlyInAnyOrderElementsOf(scheduled).isNotEmpty();
    }

    /** The resource the loops make for a function: of the type, with the function's Condition. */
    private static JsonNode madeFor(String function, String suffix, String type) {
        JsonNode made = TEMPLATE.resource(function + suffix);
        assertThat(made.path("Type").asText()).as("%s%s: a resource of type %s", function, suffix, type).isEqualTo(type);
        assertThat(made.path("Condition").asText(""))
                .as("%s%s exists where %s does", function, suffix, function)
                .isEqualTo(TEMPLATE.resource(function).path("Condition").asText(""));
        return made;
    }

    private static int longestGapMinutes(String function, JsonNode schedule) {
        String expression = schedule.path("Properties").path("Schedule").path("Fn::Sub").asText(
                schedule.path("Properties").path("Schedule").asText());
        Matcher rate = RATE_IN_MINUTES.matcher(expression);
        assertThat(rate.matches()).as("%s: a schedule of rate(N minutes) or rate(${Parameter} minutes), found %s",
                function, expression).isTrue();
        if (rate.group(2) != null) {
            return Integer.parseInt(rate.group(2));
        }
        JsonNode parameter = TEMPLATE.json().path("Parameters").path(rate.group(1));
        assertThat(parameter.has("MaxValue")).as("parameter %s needs a MaxValue", rate.group(1)).isTrue();
        return parameter.path("MaxValue").asInt();
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
