package dev.backstop.action.notify;

import dev.backstop.action.ActionPlan;
import dev.backstop.action.NotifyOnlyAction;
import dev.backstop.action.ResourceState;
import dev.backstop.catalogue.NotifyParametersModule;
import dev.backstop.event.AlarmEvent;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.FindingEvent;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.inject.Inject;

/**
 * {@code notify.send}: tells the team of a change that no action can safely reverse (a GuardDuty
 * detector deleted, the account leaving its organization) or that a person should judge, with
 * what to run (the rule's {@code advice}), and changes nothing. For rules that only inform: ship
 * them in mode {@code notify}, so the decision reads NOTIFIED and names what was not done; in
 * enforce mode there is nothing to apply, and the notification is the whole response.
 *
 * <p>It answers every kind of trigger. The resource it names is the finding's first resource, the
 * alarm, or for an API call the service and the call, since a call that removed something (a
 * detector, a delivery channel) leaves no resource to point at.
 */
final class SendNotificationAction implements NotifyOnlyAction {

    static final String NAME = "notify.send";

    @Inject
    SendNotificationAction() {
    }

    @Override
    public boolean appliesTo(Trigger trigger, ActionSpec spec) {
        return true;
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("account", String.valueOf(trigger.account()));
        facts.put("region", String.valueOf(trigger.region()));
        String resource;
        if (trigger instanceof CloudTrailEvent event) {
            facts.put("caller", event.detail().userIdentity().displayName());
            resource = event.detail().eventSource() + " " + event.detail().eventName();
        } else if (trigger instanceof FindingEvent finding) {
            facts.put("severity", finding.severityLabel());
            resource = finding.resources().isEmpty() ? finding.findingId() : finding.resources().get(0).id();
        } else {
            AlarmEvent alarm = (AlarmEvent) trigger;
            facts.put("state", alarm.state());
            resource = alarm.alarmArn() != null ? alarm.alarmArn() : alarm.alarmName();
        }
        String advice = spec.string(NotifyParametersModule.ADVICE)
                .map(text -> text.replace("${account}", String.valueOf(trigger.account()))
                        .replace("${region}", String.valueOf(trigger.region())))
                .orElse(null);
        if (advice != null) {
            facts.put("advice", advice);
        }
        String change = "tell the team: " + trigger.summary() + (trigger.caller().isPresent()
                ? " by " + trigger.caller().get().displayName() : "") + (advice == null ? "" : "; " + advice);
        return new ActionPlan(NAME, resource, resource, new ResourceState(true, false, facts), change);
    }

    /** Nothing is read from AWS: tag exemptions do not apply to this action. */
    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return Map.of();
    }
}
