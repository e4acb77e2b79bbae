package dev.backstop.action.lambda;

import dev.backstop.action.UndoData;
import dev.backstop.action.UndoFormat;

/** The function whose reservation was removed, and the reservation undo puts back. */
record DeleteFunctionConcurrencyUndo(String function, int reserved) implements UndoData {

    /** Version 1 held the reservation as text (and the call under {@code action}, not {@code call}). */
    static final UndoFormat<DeleteFunctionConcurrencyUndo> FORMAT = UndoFormat.of(DeleteFunctionConcurrencyUndo.class,
            version1 -> new DeleteFunctionConcurrencyUndo(version1.get("function"), reserved(version1.get("reserved"))));

    DeleteFunctionConcurrencyUndo {
        UndoData.require(function, "function");
        if (reserved < 0) {
            throw new IllegalArgumentException("the undo data's reserved concurrency is negative: " + reserved);
        }
    }

    @Override
    public String call() {
        return "PutFunctionConcurrency";
    }

    private static int reserved(String text) {
        try {
            return Integer.parseInt(UndoData.require(text, "reserved"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the undo data's reserved concurrency is no number: " + text, e);
        }
    }
}
