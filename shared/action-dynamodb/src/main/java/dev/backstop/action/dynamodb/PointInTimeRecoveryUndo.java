package dev.backstop.action.dynamodb;

import dev.backstop.action.UndoData;
import dev.backstop.action.UndoFormat;

/** The table whose point-in-time recovery was turned on again: undo turns it off. */
record PointInTimeRecoveryUndo(String table) implements UndoData {

    static final UndoFormat<PointInTimeRecoveryUndo> FORMAT = UndoFormat.of(PointInTimeRecoveryUndo.class,
            version1 -> new PointInTimeRecoveryUndo(version1.get("table")));

    PointInTimeRecoveryUndo {
        UndoData.require(table, "table");
    }

    @Override
    public String call() {
        return "UpdateContinuousBackups with point-in-time recovery off";
    }
}
