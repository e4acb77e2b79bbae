package dev.backstop.action;

import dev.backstop.event.CloudTrailEvent;
import dev.backstop.rules.ActionSpec;

/** An action that answers CloudWatch alarms only: an API call is never a reason for it to act. */
public interface AlarmOnlyAction extends RemediationAction {

    @Override
    default boolean appliesTo(CloudTrailEvent event, ActionSpec spec) {
        return false;
    }

    @Override
    default ActionPlan plan(CloudTrailEvent event, ActionSpec spec) {
        throw new ActionRefusedException(event.eventId(), "this action answers alarms only");
    }
}
