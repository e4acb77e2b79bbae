package dev.backstop.action.kms;

import dev.backstop.action.UndoData;
import dev.backstop.action.UndoFormat;

/**
 * A key put back: disabled again, or, when its deletion was cancelled, scheduled for deletion
 * again with this waiting period ({@code pendingWindowInDays}, null when it was only disabled).
 */
record KeyUndo(String key, Integer pendingWindowInDays) implements UndoData {

    static final UndoFormat<KeyUndo> FORMAT = UndoFormat.of(KeyUndo.class, version1 -> new KeyUndo(version1.get("key"),
            version1.containsKey("pendingWindowInDays") ? Integer.valueOf(version1.get("pendingWindowInDays")) : null));

    KeyUndo {
        UndoData.require(key, "key");
        if (pendingWindowInDays != null && (pendingWindowInDays < 7 || pendingWindowInDays > 30)) {
            throw new IllegalArgumentException("the undo data's pendingWindowInDays, " + pendingWindowInDays
                    + ", is not 7 to 30 days");
        }
    }

    @Override
    public String call() {
        return pendingWindowInDays == null ? "DisableKey" : "ScheduleKeyDeletion";
    }
}
