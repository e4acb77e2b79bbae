package dev.backstop.action.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.CallTargets;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.config.OwnResources;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.inject.Inject;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * {@code cloudwatch.enable-alarm-actions}: the actions of some of Backstop's own alarms were
 * disabled (DisableAlarmActions), so its errors, silences and breaker trips page nobody. Enables
 * the actions of the call's alarms that are Backstop's own ({@link OwnResources}), all in one plan,
 * and reads them back; the call's other alarms are none of its business. Undo disables them again.
 */
final class EnableAlarmActionsAction implements RemediationAction {

    static final String NAME = "cloudwatch.enable-alarm-actions";
    static final String ACTIONS_ENABLED = "actionsEnabled";
    // Alarm names hold no control characters: one name per line.
    private static final String SEPARATOR = "\n";

    private final CloudWatchClient cloudWatch;
    private final OwnResources own;

    @Inject
    EnableAlarmActionsAction(CloudWatchClient cloudWatch, Optional<OwnResources> own) {
        this.cloudWatch = cloudWatch;
        this.own = own.orElse(OwnResources.none());
    }

    @Override
    public boolean appliesTo(Trigger trigger, ActionSpec spec) {
        return trigger instanceof CloudTrailEvent event && !ownAlarms(event).isEmpty();
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        List<String> alarms = ownAlarms(event);
        if (alarms.isEmpty()) {
            throw new ActionRefusedException(event.eventId(), "the call names none of Backstop's own alarms");
        }
        List<String> names = alarms.stream().map(EnableAlarmActionsAction::name).toList();
        ResourceState before = read(names);
        List<String> disabled = names.stream().filter(name -> "false".equals(before.facts().get(name))).toList();
        String resource = String.join(",", alarms);
        return new ActionPlan(NAME, resource, String.join(SEPARATOR, names), before,
                "EnableAlarmActions on " + String.join(", ", disabled.isEmpty() ? names : disabled),
                disabled.isEmpty() ? null : new AlarmActionsUndo(disabled));
    }

    @Override
    public void apply(ActionPlan plan) {
        List<String> disabled = Arrays.stream(plan.address().split(SEPARATOR))
                .filter(name -> "false".equals(plan.before().facts().get(name))).toList();
        cloudWatch.enableAlarmActions(request -> request.alarmNames(disabled));
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        return read(List.of(plan.address().split(SEPARATOR)));
    }

    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return Map.of(); // Backstop's own alarms are never exempt by tag
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public AlarmActionsUndo readUndo(JsonNode stored) {
        return AlarmActionsUndo.FORMAT.read(stored);
    }

    @Override
    public ResourceState undo(JsonNode stored) {
        List<String> names = readUndo(stored).alarms();
        cloudWatch.disableAlarmActions(request -> request.alarmNames(names));
        return read(names);
    }

    /** Per alarm, whether its actions are enabled; compliant when every one that exists is. */
    private ResourceState read(List<String> names) {
        Map<String, String> facts = new TreeMap<>();
        for (MetricAlarm alarm : cloudWatch.describeAlarmsPaginator(request -> request.alarmNames(names)).metricAlarms()) {
            facts.put(alarm.alarmName(), Boolean.toString(Boolean.TRUE.equals(alarm.actionsEnabled())));
        }
        if (facts.isEmpty()) {
            return ResourceState.gone();
        }
        return new ResourceState(true, !facts.containsValue("false"), facts);
    }

    private List<String> ownAlarms(CloudTrailEvent event) {
        return CallTargets.alarms(event).stream().filter(own::includes).toList();
    }

    private static String name(String alarmArn) {
        return alarmArn.substring(alarmArn.indexOf(":alarm:") + ":alarm:".length());
    }
}
