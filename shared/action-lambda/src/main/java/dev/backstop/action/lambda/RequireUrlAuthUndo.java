package dev.backstop.action.lambda;

import dev.backstop.action.UndoData;
import dev.backstop.action.UndoFormat;

/**
 * The function URL put behind IAM (the qualifier null for the unqualified function's), which undo
 * opens to everyone again (auth type NONE). Came with version 2.
 */
record RequireUrlAuthUndo(String functionName, String qualifier) implements UndoData {

    static final UndoFormat<RequireUrlAuthUndo> FORMAT = UndoFormat.of(RequireUrlAuthUndo.class);

    RequireUrlAuthUndo {
        UndoData.require(functionName, "functionName");
    }

    @Override
    public String call() {
        return "UpdateFunctionUrlConfig with AuthType NONE";
    }
}
