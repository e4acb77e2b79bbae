package dev.backstop.action.cloudtrail;

import dev.backstop.action.UndoData;
import dev.backstop.action.UndoFormat;

/** What stops a trail again: its ARN as the audit record names it. */
record StartLoggingUndo(String name) implements UndoData {

    static final UndoFormat<StartLoggingUndo> FORMAT = UndoFormat.of(StartLoggingUndo.class,
            version1 -> new StartLoggingUndo(version1.get("name")));

    StartLoggingUndo {
        UndoData.require(name, "name");
    }

    @Override
    public String call() {
        return "StopLogging";
    }
}
