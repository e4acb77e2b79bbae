package dev.backstop.action;

import dev.backstop.event.AlarmEvent;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.rules.ActionSpec;
import java.util.Map;

/**
 * One entry of the typed action catalogue. Implementations are bound into the catalogue map by
 * name with Dagger ({@code @Binds @IntoMap @StringKey("cloudtrail.start-logging")}), so adding an
 * action never edits a switch. The parameters rules may give it are bound beside it, under the
 * same key, as a static {@code @Provides @IntoMap List<ParamSpec>}: rule files are checked
 * against them without an instance, and so without an SDK client.
 */
public interface RemediationAction {

    /**
     * False when the rule's parameters for this action leave the event out in a way no event
     * pattern can say (a call from a network the rule expects, for instance). A rule none of whose
     * actions applies is no match for the event: nothing is planned, exempted or notified.
     */
    default boolean appliesTo(CloudTrailEvent event, ActionSpec spec) {
        return true;
    }

    /**
     * Reads the target's current state and plans the change; reads only, never mutates. Throws
     * {@link ActionRefusedException} for a target the action must not or cannot change.
     */
    ActionPlan plan(CloudTrailEvent event, ActionSpec spec);

    /**
     * True when the action can respond to a CloudWatch alarm, through {@link #plan(AlarmEvent,
     * ActionSpec)}. Most actions respond to CloudTrail events only.
     */
    default boolean appliesTo(AlarmEvent alarm, ActionSpec spec) {
        return false;
    }

    /**
     * Plans the response to an alarm, as {@link #plan(CloudTrailEvent, ActionSpec)} does for a
     * CloudTrail event; called only when {@link #appliesTo(AlarmEvent, ActionSpec)} is true.
     */
    default ActionPlan plan(AlarmEvent alarm, ActionSpec spec) {
        throw new ActionRefusedException(alarm.alarmArn() != null ? alarm.alarmArn() : alarm.alarmName(),
                "this action does not respond to alarms");
    }

    /** Makes the planned change; called only in enforce mode, for a plan that needs a change. */
    void apply(ActionPlan plan);

    /** Reads the target's state back, so the change counts only once it shows. */
    ResourceState readBack(ActionPlan plan);

    /** The target's tags, read only when a rule exempts resources by tag. */
    Map<String, String> tags(ActionPlan plan);

    /** True when a change this action applied can be reversed from its audit record's undo data. */
    default boolean undoable() {
        return false;
    }

    /**
     * Reverses a change this action applied, from the {@link ActionPlan#undo()} data its audit
     * record kept, and returns the state read back afterwards.
     */
    default ResourceState undo(Map<String, String> undo) {
        throw new UnsupportedOperationException("this action's changes cannot be undone");
    }
}
