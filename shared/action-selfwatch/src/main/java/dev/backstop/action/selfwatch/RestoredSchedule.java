package dev.backstop.action.selfwatch;

import dev.backstop.action.UndoData;

/**
 * A deferral's schedule as {@code scheduler.restore-deferral-schedule} puts it back: what its apply
 * and read-back work from. Deleting the schedule again would undo it, but would leave the decision
 * pending for ever; the way to stop a decision is {@code ./backstop veto}, so the action is not
 * undoable.
 *
 * @param at when it runs, ISO-8601, whole minutes
 * @param existed true when the schedule was there to update (UpdateSchedule), false when it is created
 */
record RestoredSchedule(String schedule, String deferral, String at, String target, boolean existed) implements UndoData {

    RestoredSchedule {
        UndoData.require(schedule, "schedule");
        UndoData.require(deferral, "deferral");
        UndoData.require(at, "at");
        UndoData.require(target, "target");
    }

    @Override
    public String call() {
        return "DeleteSchedule";
    }
}
