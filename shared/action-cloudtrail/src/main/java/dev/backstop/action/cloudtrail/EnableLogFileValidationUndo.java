package dev.backstop.action.cloudtrail;

import dev.backstop.action.UndoData;
import dev.backstop.action.UndoFormat;

/** What turns a trail's log file validation off again: the trail's name in its home region. */
record EnableLogFileValidationUndo(String trail) implements UndoData {

    static final UndoFormat<EnableLogFileValidationUndo> FORMAT = UndoFormat.of(EnableLogFileValidationUndo.class);

    EnableLogFileValidationUndo {
        UndoData.require(trail, "trail");
    }

    @Override
    public String call() {
        return "UpdateTrail enableLogFileValidation=false";
    }
}
