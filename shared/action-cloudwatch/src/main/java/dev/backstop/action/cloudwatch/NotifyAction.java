package dev.backstop.action.cloudwatch;

import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.AlarmOnlyAction;
import dev.backstop.action.NotifyOnlyAction;
import dev.backstop.action.ResourceState;
import dev.backstop.event.AlarmEvent;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.inject.Inject;

/**
 * {@code cloudwatch.notify}: tells the team that an alarm fired, with the changes CloudTrail
 * recorded before it, and changes nothing. For alarm rules that only inform; ship them in mode
 * {@code notify} (the decision reads NOTIFIED). In enforce mode there is nothing to apply: the
 * notification the decision sends is the whole response.
 */
final class NotifyAction implements AlarmOnlyAction, NotifyOnlyAction {

    static final String NAME = "cloudwatch.notify";

    @Inject
    NotifyAction() {
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof AlarmEvent alarm)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("state", alarm.state());
        if (alarm.previousState() != null) {
            facts.put("previousState", alarm.previousState());
        }
        String resource = alarm.alarmArn() != null ? alarm.alarmArn() : alarm.alarmName();
        return new ActionPlan(NAME, resource, resource, new ResourceState(true, false, facts),
                "tell the team that alarm " + alarm.alarmName() + " is " + alarm.state());
    }

    /** Alarm tags would need the CloudWatch API in every alarm function; tag exemptions do not apply to this action. */
    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return Map.of();
    }
}
