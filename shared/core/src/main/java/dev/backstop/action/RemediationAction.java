package dev.backstop.action;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.Trigger;
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
     * False when the action does not answer this kind of trigger, or when the rule's parameters
     * for it leave the trigger out in a way no event pattern can say (a call from a network the
     * rule expects, for instance). A rule none of whose actions applies is no match for the
     * trigger: nothing is planned, exempted or notified.
     *
     * <p>By default an action answers CloudTrail events, and no other kind: a kind added later
     * reaches only the actions written for it.
     */
    default boolean appliesTo(Trigger trigger, ActionSpec spec) {
        return trigger instanceof CloudTrailEvent;
    }

    /**
     * Reads the target's current state and plans the change; reads only, never mutates. Called
     * only when {@link #appliesTo} is true. Throws {@link ActionRefusedException} for a target the
     * action must not or cannot change, and for a kind of trigger it does not answer
     * ({@link ActionRefusedException#unanswered}).
     */
    ActionPlan plan(Trigger trigger, ActionSpec spec);

    /** Makes the planned change; called only in enforce mode, for a plan that needs a change. */
    void apply(ActionPlan plan);

    /** Reads the target's state back, so the change counts only once it shows. */
    ResourceState readBack(ActionPlan plan);

    /** The target's tags, read only when a rule exempts resources by tag. */
    Map<String, String> tags(ActionPlan plan);

    /**
     * True for an action that restores the account's eyes and doors (a trail's logging, a deleted
     * or weakened trail, Block Public Access, the detective services and the logs they write).
     * Whoever can trip a breaker must not switch these off with it: they act past an open breaker,
     * and their rule escalates against the caller instead, when it names an escalation.
     */
    default boolean restoresEyesOrDoors() {
        return false;
    }

    /** True when a change this action applied can be reversed from its audit record's undo data. */
    default boolean undoable() {
        return false;
    }

    /**
     * The record an audit record's undo data holds, in whichever version wrote it (read it with
     * the action's {@link UndoFormat}); an IllegalArgumentException naming what is wrong when it
     * cannot be read. An undo reads every action's data this way before it changes anything.
     */
    default UndoData readUndo(JsonNode stored) {
        throw new UnsupportedOperationException("this action's changes cannot be undone");
    }

    /**
     * Reverses a change this action applied, from the {@link ActionPlan#undo()} data its audit
     * record kept (in whichever version wrote it: read it with the action's {@link UndoFormat}),
     * and returns the state read back afterwards.
     */
    default ResourceState undo(JsonNode stored) {
        throw new UnsupportedOperationException("this action's changes cannot be undone");
    }
}
