package dev.backstop.action;

import dev.backstop.event.CloudTrailEvent;
import dev.backstop.rules.ActionSpec;

/**
 * One entry of the typed action catalogue. Implementations are bound into the catalogue map by
 * name with Dagger ({@code @Binds @IntoMap @StringKey("cloudtrail.start-logging")}), so adding an
 * action never edits a switch.
 */
public interface RemediationAction {

    /** Reads the target's current state and plans the change; reads only, never mutates. */
    ActionPlan plan(CloudTrailEvent event, ActionSpec spec);

    /** Makes the planned change; called only in enforce mode, for a plan that needs a change. */
    void apply(ActionPlan plan);

    /** Reads the target's state back, so the change counts only once it shows. */
    ResourceState readBack(ActionPlan plan);
}
