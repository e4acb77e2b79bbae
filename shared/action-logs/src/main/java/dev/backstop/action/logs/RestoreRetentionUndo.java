package dev.backstop.action.logs;

import dev.backstop.action.UndoData;
import dev.backstop.action.UndoFormat;

/**
 * The retention the call set ({@code before} the restore) and the one Backstop restored, each in
 * days or {@value Retention#NEVER}: undo sets the first again only while the group keeps the second.
 */
record RestoreRetentionUndo(String logGroupName, String before, String restored) implements UndoData {

    static final UndoFormat<RestoreRetentionUndo> FORMAT = UndoFormat.of(RestoreRetentionUndo.class);

    RestoreRetentionUndo {
        UndoData.require(logGroupName, "logGroupName");
        retention(UndoData.require(before, "retention before (before)"), "before");
        retention(UndoData.require(restored, "retention restored (restored)"), "restored");
    }

    Retention beforeRetention() {
        return Retention.parse(before);
    }

    Retention restoredRetention() {
        return Retention.parse(restored);
    }

    private static void retention(String text, String field) {
        try {
            Retention.parse(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the undo data's " + field + " is " + text + ", neither days nor "
                    + Retention.NEVER);
        }
    }

    @Override
    public String call() {
        return "PutRetentionPolicy";
    }
}
