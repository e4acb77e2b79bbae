package dev.backstop.action;

import dev.backstop.event.AlarmEvent;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;

/**
 * An action that answers CloudWatch alarms only: an API call is never a reason for it to act.
 * Its {@code plan} refuses any other trigger:
 *
 * <pre>{@code
 * if (!(trigger instanceof AlarmEvent alarm)) {
 *     throw ActionRefusedException.unanswered(trigger);
 * }
 * }</pre>
 */
public interface AlarmOnlyAction extends RemediationAction {

    /** True for every alarm; an action that answers only some overrides it. */
    @Override
    default boolean appliesTo(Trigger trigger, ActionSpec spec) {
        return trigger instanceof AlarmEvent;
    }
}
