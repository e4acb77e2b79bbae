package dev.backstop.action.config;

import dev.backstop.action.UndoData;
import dev.backstop.action.UndoFormat;

/** What stops a configuration recorder again: its name. */
record StartRecorderUndo(String name) implements UndoData {

    static final UndoFormat<StartRecorderUndo> FORMAT = UndoFormat.of(StartRecorderUndo.class);

    StartRecorderUndo {
        UndoData.require(name, "recorder name");
    }

    @Override
    public String call() {
        return "StopConfigurationRecorder";
    }
}
