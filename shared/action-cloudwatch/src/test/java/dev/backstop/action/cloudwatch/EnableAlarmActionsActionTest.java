package dev.backstop.action.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.UndoFormat;
import dev.backstop.config.OwnResources;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.SampleEvents;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.DisableAlarmActionsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DisableAlarmActionsResponse;
import software.amazon.awssdk.services.cloudwatch.model.EnableAlarmActionsRequest;
import software.amazon.awssdk.services.cloudwatch.model.EnableAlarmActionsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * The actions of Backstop's own alarms, disabled in one call with someone else's, are enabled
 * again (Backstop's only), read back and undoable. The emulators show the same calls (SelfWatchIT).
 */
class EnableAlarmActionsActionTest {

    private static final ActionSpec SPEC = new ActionSpec(EnableAlarmActionsAction.NAME, Map.of());
    private static final Optional<OwnResources> OWN = Optional.of(
            new OwnResources(List.of("arn:aws:cloudwatch:us-east-1:123456789012:alarm:backstop-*")));

    /** Alarms by name, whether their actions are enabled; the calls that changed them. */
    private static final class FakeCloudWatch implements CloudWatchClient {

        final Map<String, Boolean> alarms = new LinkedHashMap<>();
        final List<String> calls = new ArrayList<>();

        @Override
        public DescribeAlarmsResponse describeAlarms(DescribeAlarmsRequest request) {
            return DescribeAlarmsResponse.builder().metricAlarms(request.alarmNames().stream().filter(alarms::containsKey)
                    .map(name -> MetricAlarm.builder().alarmName(name).actionsEnabled(alarms.get(name)).build())
                    .toList()).build();
        }

        @Override
        public EnableAlarmActionsResponse enableAlarmActions(EnableAlarmActionsRequest request) {
            calls.add("EnableAlarmActions " + request.alarmNames());
            request.alarmNames().forEach(name -> alarms.computeIfPresent(name, (n, enabled) -> true));
            return EnableAlarmActionsResponse.builder().build();
        }

        @Override
        public DisableAlarmActionsResponse disableAlarmActions(DisableAlarmActionsRequest request) {
            calls.add("DisableAlarmActions " + request.alarmNames());
            request.alarmNames().forEach(name -> alarms.computeIfPresent(name, (n, enabled) -> false));
            return DisableAlarmActionsResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "cloudwatch";
        }

        @Override
        public void close() {
        }
    }

    private final FakeCloudWatch cloudWatch = new FakeCloudWatch();
    private final EnableAlarmActionsAction action = new EnableAlarmActionsAction(cloudWatch, OWN);

    private static CloudTrailEvent disabled(String... alarms) {
        return new CloudTrailEventParser().parse(SampleEvents.edited("selfwatch/disable-alarm-actions.json",
                event -> {
                    ArrayNode names = ((ObjectNode) event.path("detail").path("requestParameters")).putArray("alarmNames");
                    List.of(alarms).forEach(names::add);
                }));
    }

    @Test
    void onlyBackstopsOwnDisabledAlarmsAreEnabledReadBackAndUndoDisablesThemAgain() {
        cloudWatch.alarms.put("backstop-dead-letters", false);
        cloudWatch.alarms.put("backstop-s3-silent", true);
        cloudWatch.alarms.put("team-latency", false);

        ActionPlan plan = action.plan(disabled("backstop-dead-letters", "backstop-s3-silent", "team-latency"), SPEC);
        action.apply(plan);

        assertThat(plan.changeNeeded()).isTrue();
        assertThat(plan.change()).isEqualTo("EnableAlarmActions on backstop-dead-letters");
        assertThat(cloudWatch.calls).containsExactly("EnableAlarmActions [backstop-dead-letters]");
        assertThat(action.readBack(plan).compliant()).isTrue();
        assertThat(cloudWatch.alarms).containsEntry("team-latency", false);

        action.undo(UndoFormat.write(plan.undo()));

        assertThat(cloudWatch.alarms).containsEntry("backstop-dead-letters", false).containsEntry("backstop-s3-silent", true);
    }

    @Test
    void alarmsDeletedSinceTheCallReadAsGone() {
        ActionPlan plan = action.plan(disabled("backstop-dead-letters"), SPEC);

        assertThat(plan.before().exists()).isFalse();
        assertThat(plan.changeNeeded()).isFalse();
    }

    @Test
    void aCallOnNoneOfBackstopsAlarmsIsNoMatchAndItsPlanIsRefused() {
        EnableAlarmActionsAction guardsNothing = new EnableAlarmActionsAction(cloudWatch, Optional.empty());

        assertThat(action.appliesTo(disabled("backstop-dead-letters", "team-latency"), SPEC)).isTrue();
        assertThat(action.appliesTo(disabled("team-latency"), SPEC)).isFalse();
        assertThat(guardsNothing.appliesTo(disabled("backstop-dead-letters"), SPEC)).isFalse();
        assertThatThrownBy(() -> action.plan(disabled("team-latency"), SPEC)).isInstanceOf(ActionRefusedException.class)
                .hasMessageContaining("none of Backstop's own alarms");
        assertThat(cloudWatch.calls).isEmpty();
    }
}
