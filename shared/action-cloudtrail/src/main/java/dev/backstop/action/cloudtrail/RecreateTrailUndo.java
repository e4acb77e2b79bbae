package dev.backstop.action.cloudtrail;

import dev.backstop.action.UndoData;
import dev.backstop.action.UndoFormat;

/** What deletes a recreated trail again: its ARN. */
record RecreateTrailUndo(String trail) implements UndoData {

    static final UndoFormat<RecreateTrailUndo> FORMAT = UndoFormat.of(RecreateTrailUndo.class,
            version1 -> new RecreateTrailUndo(version1.get("trail")));

    RecreateTrailUndo {
        UndoData.require(trail, "trail");
    }

    @Override
    public String call() {
        return "DeleteTrail";
    }
}
