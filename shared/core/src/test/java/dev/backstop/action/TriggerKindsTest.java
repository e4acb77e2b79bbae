package dev.backstop.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.event.AlarmEvent;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.SampleEvents;
import dev.backstop.testing.TestAlarms;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which kinds of trigger an action answers unless it says otherwise: an action answers CloudTrail
 * events, an alarm-only action alarms, and a kind added later reaches neither until one is written
 * for it; what an action does not answer it refuses, naming the trigger.
 */
class TriggerKindsTest {

    private static final ActionSpec SPEC = new ActionSpec("test.action", Map.of());
    private static final CloudTrailEvent EVENT = new CloudTrailEventParser()
            .parse(SampleEvents.edited("cloudtrail/stop-logging.json", e -> { }));
    private static final AlarmEvent ALARM = TestAlarms.lambdaAlarm(Map.of("FunctionName", "checkout-api"));

    /** Plans only what it answers, as every action of the catalogue does. */
    private static final class ApiCallAction implements RemediationAction {

        @Override
        public ActionPlan plan(Trigger trigger, ActionSpec spec) {
            if (!(trigger instanceof CloudTrailEvent event)) {
                throw ActionRefusedException.unanswered(trigger);
            }
            return new ActionPlan("test.action", event.eventId(), event.eventId(), ResourceState.gone(), "nothing");
        }

        @Override
        public void apply(ActionPlan plan) {
        }

        @Override
        public ResourceState readBack(ActionPlan plan) {
            return plan.before();
        }

        @Override
        public Map<String, String> tags(ActionPlan plan) {
            return Map.of();
        }
    }

    private static final class AlarmAction implements AlarmOnlyAction {

        @Override
        public ActionPlan plan(Trigger trigger, ActionSpec spec) {
            if (!(trigger instanceof AlarmEvent alarm)) {
                throw ActionRefusedException.unanswered(trigger);
            }
            return new ActionPlan("test.alarm", alarm.alarmArn(), alarm.alarmName(), ResourceState.gone(), "nothing");
        }

        @Override
        public void apply(ActionPlan plan) {
        }

        @Override
        public ResourceState readBack(ActionPlan plan) {
            return plan.before();
        }

        @Override
        public Map<String, String> tags(ActionPlan plan) {
            return Map.of();
        }
    }

    @Test
    void anActionAnswersCloudTrailEventsUnlessItSaysOtherwise() {
        ApiCallAction action = new ApiCallAction();

        assertThat(action.appliesTo(EVENT, SPEC)).isTrue();
        assertThat(action.appliesTo(ALARM, SPEC)).isFalse();
    }

    @Test
    void anAlarmOnlyActionAnswersAlarmsAndNoApiCall() {
        AlarmAction action = new AlarmAction();

        assertThat(action.appliesTo(ALARM, SPEC)).isTrue();
        assertThat(action.appliesTo(EVENT, SPEC)).isFalse();
    }

    @Test
    void anActionRefusesToPlanForAKindItDoesNotAnswerNamingTheTrigger() {
        assertThatThrownBy(() -> new ApiCallAction().plan(ALARM, SPEC))
                .isInstanceOfSatisfying(ActionRefusedException.class, refused -> {
                    assertThat(refused.resource()).isEqualTo(ALARM.id());
                    assertThat(refused.getMessage())
                            .isEqualTo("this action does not answer alarm \"checkout-api p99 latency\" ALARM");
                });
        assertThatThrownBy(() -> new AlarmAction().plan(EVENT, SPEC))
                .isInstanceOfSatisfying(ActionRefusedException.class, refused -> assertThat(refused.getMessage())
                        .isEqualTo("this action does not answer StopLogging"));
    }
}
