package dev.backstop.action.iam;

import dev.backstop.action.UndoData;

/**
 * What an administrator does instead of an undo, which Backstop cannot make: a deleted console
 * password cannot come back, so the user gets a new one. Never read back: the action is not
 * undoable, and an undo of its record is refused before anything runs.
 */
record DisableConsoleAccessUndo(String userName, boolean passwordResetRequired, String note) implements UndoData {

    DisableConsoleAccessUndo {
        UndoData.require(userName, "userName");
    }

    @Override
    public String call() {
        return "CreateLoginProfile";
    }
}
