package dev.backstop.action.cloudwatch;

import dev.backstop.action.UndoData;
import dev.backstop.action.UndoFormat;
import java.util.List;

/** Backstop's alarms whose actions were enabled again, by name: undo disables them again. */
record AlarmActionsUndo(List<String> alarms) implements UndoData {

    static final UndoFormat<AlarmActionsUndo> FORMAT = UndoFormat.of(AlarmActionsUndo.class,
            version1 -> new AlarmActionsUndo(List.of(UndoData.require(version1.get("alarms"), "alarms").split("\n"))));

    AlarmActionsUndo {
        if (alarms == null || alarms.isEmpty() || alarms.stream().anyMatch(name -> name == null || name.isBlank())) {
            throw new IllegalArgumentException("the undo data names no alarms");
        }
        alarms = List.copyOf(alarms);
    }

    @Override
    public String call() {
        return "DisableAlarmActions";
    }
}
