package dev.backstop.action.guardduty;

import dev.backstop.action.UndoData;
import dev.backstop.action.UndoFormat;

/** What turns a detector off again: its id. */
record EnableDetectorUndo(String detectorId) implements UndoData {

    static final UndoFormat<EnableDetectorUndo> FORMAT = UndoFormat.of(EnableDetectorUndo.class);

    EnableDetectorUndo {
        UndoData.require(detectorId, "detectorId");
    }

    @Override
    public String call() {
        return "UpdateDetector enable=false";
    }
}
